"""sayso link, speakers, claims and conflicts against a store of the project's fictional
examples (five articles from five outlets about one contested fire)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import json_lines, run
from .test_cli_extract import STATEMENT_KEYS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("link") / "sayso.db"
    assert run("ingest", EXAMPLES, "--db", path, "--model", "fast").exit_code == 0
    result = run("link", "--db", path)
    assert result.exit_code == 0, result.output
    assert " speakers, " in result.stdout and " conflicts) in " in result.stdout
    return path


def test_speakers_json_merges_spellings_and_keeps_dated_roles(db: Path) -> None:
    [leader] = json_lines(run("speakers", "--db", db, "--name", "hritsenko", "--json").stdout)
    assert {leader["name"], *leader["aliases"]} >= {"Oleksandr Hrytsenko", "Olexander Hritsenko"}
    assert leader["kind"] == "person"
    for role in leader["roles"]:
        assert set(role) == {"role", "first_seen", "last_seen", "mentions"}
        assert role["first_seen"] <= role["last_seen"]


def test_speakers_table_and_limit(db: Path) -> None:
    assert len(json_lines(run("speakers", "--db", db, "--limit", "3", "--json").stdout)) == 3
    table = run("speakers", "--db", db).stdout
    assert "Hrytsenko" in table or "Hritsenko" in table


def test_claims_come_largest_first(db: Path) -> None:
    claims = json_lines(run("claims", "--db", db, "--json").stdout)
    assert claims and [c["size"] for c in claims] == sorted(
        (c["size"] for c in claims), reverse=True
    )
    assert set(claims[0]) == {"id", "label", "size", "first_day", "last_day"}


def test_conflicts_json_is_the_eval_shape(db: Path) -> None:
    result = run("conflicts", "--db", db, "--json")
    document = json.loads(result.stdout)
    assert list(document) == ["links"] and document["links"]
    for link in document["links"]:
        assert link["relation"] in ("contradicts", "denies")
        for side in ("a", "b"):
            assert set(link[side]) == STATEMENT_KEYS | {"article_id"}


def test_conflicts_filter_by_speaker_alias(db: Path) -> None:
    everyone = json.loads(run("conflicts", "--db", db, "--json").stdout)["links"]
    # "Hritsenko" is one outlet's spelling; the canonical name is the other's
    union = json.loads(run("conflicts", "--db", db, "--json", "--speaker", "hritsenko").stdout)
    assert 0 < len(union["links"]) <= len(everyone)
    for link in union["links"]:
        assert "Oleksandr Hrytsenko" in (link["a"]["speaker"], link["b"]["speaker"])
    nobody = json.loads(run("conflicts", "--db", db, "--json", "--speaker", "zzzz").stdout)
    assert nobody == {"links": []}


@pytest.mark.parametrize("command", ["link", "speakers", "claims", "conflicts"])
def test_a_missing_database_is_one_line_and_exit_1(command: str, tmp_path: Path) -> None:
    result = run(command, "--db", tmp_path / "nope.db")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error: ") and "sayso ingest" in result.stderr


def test_a_bad_alias_file_is_one_line_and_exit_1(db: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.toml"
    aliases.write_text("[[speaker]]\nname = 'X'\nkind = 'planet'\n", encoding="utf-8")
    result = run("link", "--db", db, "--aliases", aliases)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "aliases.toml" in result.stderr
