"""sayso statements: filters and JSON Lines against a store filled by sayso ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import json_lines, run
from .test_cli_extract import SPAN_KEYS, STATEMENT_KEYS


@pytest.fixture
def db(good_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "sayso.db"
    result = run("ingest", good_dir, "--db", path)
    assert result.exit_code == 0, result.output
    return path


def test_statements_json_has_the_statement_shape_and_article_id(db: Path) -> None:
    result = run("statements", "--db", db, "--json")

    assert result.exit_code == 0, result.output
    lines = json_lines(result.stdout)
    assert lines
    for statement in lines:
        assert set(statement) == STATEMENT_KEYS | {"article_id"}
        assert all(set(span) == SPAN_KEYS for span in statement["content"])


def test_statements_speaker_filter(db: Path) -> None:
    lines = json_lines(run("statements", "--db", db, "--speaker", "meier", "--json").stdout)

    assert lines
    assert {statement["speaker"] for statement in lines} == {"Paul Meier"}


def test_statements_search(db: Path) -> None:
    lines = json_lines(run("statements", "--db", db, "--search", "Door FORCED", "--json").stdout)

    assert [statement["speaker"] for statement in lines] == ["Carl Weiss"]
    content = " ".join(span["text"] for span in lines[0]["content"])
    assert "no door was forced" in content


def test_statements_limit(db: Path) -> None:
    assert len(json_lines(run("statements", "--db", db, "--limit", "2", "--json").stdout)) == 2


def test_statements_table_shows_the_article(db: Path) -> None:
    result = run("statements", "--db", db, "--speaker", "Meier")

    assert result.exit_code == 0, result.output
    assert "Paul Meier" in result.stdout
    assert "Riverton Daily" in result.stdout
    for column in ("speaker", "role", "kind", "cue", "date", "content", "article"):
        assert column in result.stdout


def test_statements_nothing_found(db: Path) -> None:
    result = run("statements", "--db", db, "--speaker", "nobody at all")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no statements found\n"


def test_statements_without_a_database_says_to_ingest_first(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = run("statements", "--db", missing)

    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {missing}: no such database; run `sayso ingest")
    assert not missing.exists()
