"""sayso ingest: good inputs stored, every bad one named with its reason, nothing stored twice."""

from __future__ import annotations

import re
from pathlib import Path

from sayso.store import open_store

from .helpers import run


def test_ingest_stores_good_inputs_and_names_every_bad_one(mixed_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "sayso.db"
    missing = tmp_path / "no-such-file.txt"

    result = run("ingest", mixed_dir, missing, "--db", db)

    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    expected = {
        f"{mixed_dir / 'c_corpus.jsonl'}:2: line is not JSON",
        f"{mixed_dir / 'd_empty.txt'}: empty article",
        f"{mixed_dir / 'e_binary.txt'}: binary file",
        f"{mixed_dir / 'f_latin1.txt'}: not valid UTF-8",
        f"{mixed_dir / 'g_french.txt'}: not English",
        f"{mixed_dir / 'h_menu.html'}: no article text",
        f"{missing}: no such file",
    }
    for start in expected:
        assert any(line.startswith(start) for line in errors), (start, errors)
    assert len(errors) == len(expected)
    summary = r"ingested 4 articles \(\d+ statements\); 1 skipped; 6 failed\n"
    assert re.fullmatch(summary, result.stdout)
    with open_store(db) as store:
        titles = {article.title for article in store.articles()}
        assert store.counts()["articles"] == 4
    assert {"Bridge to reopen next week", "Factory to hire 200 workers"} <= titles
    assert "Police deny reports of a break-in" in titles  # the line after the broken one


def test_ingest_again_stores_nothing_twice(good_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "sayso.db"
    first = run("ingest", good_dir, "--db", db)
    assert first.exit_code == 0, first.output
    with open_store(db) as store:
        counts = store.counts()
    assert counts["articles"] == 4 and counts["statements"] > 0

    again = run("ingest", good_dir, "--db", db)

    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == "ingested 0 articles (0 statements); 4 already in the store"
    assert again.stderr == ""
    with open_store(db) as store:
        assert store.counts() == counts


def test_ingest_summary_counts_statements(good_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "sayso.db"
    result = run("ingest", good_dir, "--db", db)
    with open_store(db) as store:
        statements = store.counts()["statements"]
    assert result.stdout.strip() == f"ingested 4 articles ({statements} statements)"


def test_ingest_reads_the_database_path_from_the_environment(
    good_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("SAYSO_DB", str(db))
    result = run("ingest", good_dir / "a_bridge.txt")
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.counts()["articles"] == 1


def test_ingest_renamed_corpus_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "renamed.jsonl"
    corpus.write_text(
        '{"body": "The minister, Eva Lind, said on Monday that taxes would not rise this '
        'year.", "headline": "No tax rise"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "sayso.db"
    result = run("ingest", corpus, "--db", db, "--text-field", "body", "--title-field", "headline")
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert [article.title for article in store.articles()] == ["No tax rise"]


def test_store_error_is_one_line_without_traceback(good_dir: Path, tmp_path: Path) -> None:
    result = run("ingest", good_dir, "--db", tmp_path)  # a folder, not a database file
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
