"""Golden article, across statements: after `sayso ingest` and `sayso link`, `sayso conflicts
--json` holds the three contradictions of shared/examples/azovstal/expected.json.

A contradiction (x, y) is found when some link of relation contradicts or denies joins a
statement matching x and one matching y (either way round); a statement matches an expected
one when it has the same canonical speaker and content containing ``content_contains``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sayso.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def conflicts(azovstal_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("golden") / "sayso.db")
    runner = CliRunner()
    for command in (
        ["ingest", str(azovstal_dir / "article.txt"), "--db", db],
        ["link", "--db", db],
    ):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["conflicts", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = json.loads(result.output)
    return found


def _matches(statement: dict[str, Any], expected: dict[str, Any]) -> bool:
    content = " ".join(span["text"] for span in statement["content"])
    return statement["speaker"] == expected["speaker"] and expected["content_contains"] in content


def _joins(link: dict[str, Any], x: dict[str, Any], y: dict[str, Any]) -> bool:
    a, b = link["a"], link["b"]
    return (_matches(a, x) and _matches(b, y)) or (_matches(a, y) and _matches(b, x))


def test_the_json_has_the_documented_shape(conflicts: dict[str, Any]) -> None:
    assert set(conflicts) == {"links"}
    for link in conflicts["links"]:
        assert {"a", "b", "relation", "score", "reason"} <= set(link)
        assert link["relation"] in ("contradicts", "denies")
        assert 0.0 <= link["score"] <= 1.0 and link["reason"]
        for side in (link["a"], link["b"]):
            assert {"id", "speaker", "cue", "content", "polarity", "article_id"} <= set(side)


def test_every_expected_contradiction_is_found_with_a_reason(
    conflicts: dict[str, Any], azovstal_dir: Path, quality_floors: dict[str, Any]
) -> None:
    expected = json.loads((azovstal_dir / "expected.json").read_text("utf-8"))
    by_id = {statement["id"]: statement for statement in expected["statements"]}
    missing = []
    for contradiction in expected["contradictions"]:
        x, y = (by_id[key] for key in contradiction["between"])
        if not any(_joins(link, x, y) for link in conflicts["links"]):
            missing.append(contradiction["between"])
    found = len(expected["contradictions"]) - len(missing)
    assert found >= quality_floors["golden_azovstal"]["contradictions_found"], missing


def test_reasons_name_the_words_that_clash(conflicts: dict[str, Any]) -> None:
    """Each reason quotes words of both statements."""
    for link in conflicts["links"]:
        quoted = link["reason"].split('"')[1::2]
        assert len(quoted) >= 2, link["reason"]
        texts = [" ".join(s["text"] for s in link[side]["content"]) for side in ("a", "b")]
        for words in quoted[:2]:
            assert any(words.rstrip(" …") in text for text in texts), (words, texts)
