"""sayso extract: the JSON Lines contract of EVAL.md, input order, stdin and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.extract import Extractor

from .helpers import GOOD_TEXT, SHARED, json_lines, run

ARTICLE_KEYS = {"id", "path", "title", "outlet", "url", "published", "text"}
STATEMENT_KEYS = {
    "id",
    "speaker",
    "speaker_kind",
    "role",
    "source",
    "cue",
    "content",
    "kind",
    "polarity",
    "date",
    "channel",
    "relayed_by",
    "confidence",
}
SPAN_KEYS = {"start_char", "end_char", "text"}


@pytest.fixture(scope="module")
def azovstal() -> Path:
    path = SHARED / "examples" / "azovstal" / "article.txt"
    if not path.exists():
        pytest.skip(f"shared example not found: {path}")
    return path


def spans_of(statement: dict) -> list[dict]:
    cue = [statement["cue"]] if statement["cue"] is not None else []
    return [*statement["source"], *cue, *statement["content"]]


def test_extract_json_lines_have_the_exact_shape(good_dir: Path, azovstal: Path) -> None:
    result = run("extract", "--json", azovstal, good_dir)

    assert result.exit_code == 0, result.output
    lines = json_lines(result.stdout)
    assert len(lines) == 5  # azovstal, then the folder's .txt, .html and two JSONL records
    for line in lines:
        assert set(line) == {"article", "statements"}
        article = line["article"]
        assert set(article) == ARTICLE_KEYS
        assert article["published"] is None or len(article["published"]) == len("2022-05-05")
        for statement in line["statements"]:
            assert set(statement) == STATEMENT_KEYS
            assert statement["kind"] in {"direct", "mixed", "indirect"}
            assert statement["polarity"] in {"asserts", "denies"}
            assert isinstance(statement["confidence"], float)
            for span in spans_of(statement):
                assert set(span) == SPAN_KEYS
                assert article["text"][span["start_char"] : span["end_char"]] == span["text"]


def test_extract_json_keeps_input_order(good_dir: Path, azovstal: Path) -> None:
    result = run("extract", "--json", good_dir, azovstal)

    paths = [line["article"]["path"] for line in json_lines(result.stdout)]
    corpus = str(good_dir / "c_corpus.jsonl")
    assert paths == [
        str(good_dir / "a_bridge.txt"),
        str(good_dir / "b_library.html"),
        f"{corpus}:1",
        f"{corpus}:2",
        str(azovstal),
    ]
    titles = [line["article"]["title"] for line in json_lines(result.stdout)]
    assert titles[2:4] == ["Factory to hire 200 workers", "Police deny reports of a break-in"]


def test_extract_finds_palamar_in_the_azovstal_article(
    azovstal: Path, extractor: Extractor
) -> None:
    result = run("extract", "--json", azovstal)

    (line,) = json_lines(result.stdout)
    speakers = {statement["speaker"] for statement in line["statements"]}
    assert "Sviatoslav Palamar" in speakers
    assert line["article"]["published"] == "2022-05-05"


def test_extract_json_matches_the_library(azovstal: Path, extractor: Extractor) -> None:
    from sayso.ingest import read_inputs

    (article,) = read_inputs([azovstal])
    expected = [statement.id for statement in extractor.extract(article)]

    (line,) = json_lines(run("extract", "--json", azovstal).stdout)

    assert [statement["id"] for statement in line["statements"]] == expected


def test_extract_reports_bad_inputs_and_prints_the_rest(mixed_dir: Path) -> None:
    result = run("extract", "--json", mixed_dir)

    assert result.exit_code == 1
    assert len(json_lines(result.stdout)) == 4
    assert f"{mixed_dir / 'c_corpus.jsonl'}:2: line is not JSON" in result.stderr
    assert len(result.stderr.splitlines()) == 6
    assert "Traceback" not in result.output


def test_extract_reads_standard_input() -> None:
    result = run("extract", "--json", "-", input=GOOD_TEXT)

    assert result.exit_code == 0, result.output
    (line,) = json_lines(result.stdout)
    assert line["article"]["path"] == "<stdin>"
    assert line["article"]["title"] == "Bridge to reopen next week"
    assert any(s["speaker"] == "Jane Doe" for s in line["statements"])


def test_extract_table_by_default(azovstal: Path) -> None:
    result = run("extract", azovstal)

    assert result.exit_code == 0, result.output
    assert "Sviatoslav Palamar" in result.stdout
    for column in ("speaker", "kind", "cue", "polarity", "date", "content"):
        assert column in result.stdout
    assert result.stderr == ""


def test_extract_needs_a_path() -> None:
    result = run("extract")
    assert result.exit_code == 2
    assert "PATH" in result.stderr


def test_extract_table_shows_brackets_as_written() -> None:
    text = '"No one knocked out anyone, they [the Russians] are at the plant," he said.\n'
    result = run("extract", "-", input=text)
    assert result.exit_code == 0
    assert "[the Russians]" in result.output
