"""JSONL and CSV corpora: fields, configurable names, line numbers, broken records."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from sayso.errors import BadEncoding, EmptyArticle, InputTooLarge, MalformedRecord
from sayso.ingest import CorpusFields, read_inputs
from sayso.model import Article

STORY = "Kyiv said the plant still held. Moscow denied it."


def record(**fields: object) -> dict[str, object]:
    return {"text": STORY, **fields}


def write_jsonl(path: Path, *lines: object) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def test_jsonl_fields(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        record(title="Battle", url="https://e.org/a", date="2022-05-05", outlet="AP", author="Jo"),
    )
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert (article.title, article.url, article.outlet, article.author) == (
        "Battle",
        "https://e.org/a",
        "AP",
        "Jo",
    )
    assert article.published == date(2022, 5, 5)
    assert article.text == STORY
    assert article.path == f"{path}:1"
    assert json.loads(article.raw or "") == record(
        title="Battle", url="https://e.org/a", date="2022-05-05", outlet="AP", author="Jo"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-05", date(2022, 5, 5)),
        ("2022-05-05T23:10:00Z", date(2022, 5, 5)),
        ("2022-05-05 23:10:00+03:00", date(2022, 5, 5)),
        ("5 May 2022", None),
        ("2022-13-45", None),
        ("20220505", None),
        (20220505, None),
        (None, None),
    ],
)
def test_jsonl_dates(tmp_path: Path, value: object, expected: date | None) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", record(date=value))
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert article.published == expected


def test_ndjson_blank_lines_and_line_numbers(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.ndjson",
        record(url="https://e.org/1"),
        "",
        "   ",
        record(url="https://e.org/2"),
    )
    articles = list(read_inputs([path]))
    assert [a.path for a in articles if isinstance(a, Article)] == [f"{path}:1", f"{path}:4"]


def test_jsonl_broken_lines_do_not_stop_the_corpus(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        record(url="https://e.org/1"),
        '{"text": "unterminated',
        {"title": "no text here"},
        {"text": "   "},
        "[1, 2]",
        {"text": "Advertisement"},
        record(url="https://e.org/2"),
    )
    items = list(read_inputs([path]))
    assert [type(item) for item in items] == [
        Article,
        MalformedRecord,
        MalformedRecord,
        MalformedRecord,
        MalformedRecord,
        EmptyArticle,
        Article,
    ]
    not_json = items[1]
    assert isinstance(not_json, MalformedRecord)
    assert (not_json.source, not_json.line) == (str(path), 2)
    assert str(not_json).startswith(f"{path}:2: line is not JSON: Unterminated string")
    assert str(items[2]) == f"{path}:3: record has no text (field 'text' missing or empty)"
    assert items[3].line == 4  # type: ignore[union-attr]
    assert "not an object" in str(items[4])
    assert str(items[5]) == f"{path}:6: empty article: no story text"


def test_jsonl_custom_field_names(tmp_path: Path) -> None:
    fields = CorpusFields(text="body", title="headline", date="published_at", outlet="source")
    path = write_jsonl(
        tmp_path / "c.jsonl",
        {"body": STORY, "headline": "H", "published_at": "2022-05-05", "source": "Reuters"},
        {"text": STORY},
    )
    first, second = read_inputs([path], fields=fields)
    assert isinstance(first, Article)
    assert (first.title, first.outlet, first.published) == ("H", "Reuters", date(2022, 5, 5))
    assert str(second) == f"{path}:2: record has no text (field 'body' missing or empty)"


def test_jsonl_bad_utf8_line_names_the_byte_of_the_file(tmp_path: Path) -> None:
    good = (json.dumps(record()) + "\n").encode()
    path = tmp_path / "c.jsonl"
    bad = b'{"text": "caf\xe9"}\n'
    at = len(good) + bad.index(b"\xe9")
    path.write_bytes(good + bad + good)
    items = list(read_inputs([path]))
    assert [type(item) for item in items] == [Article, BadEncoding, Article]
    assert str(items[1]) == (
        f"{path}:2: not valid UTF-8 at byte {at}; convert it to UTF-8 "
        "(e.g. iconv -f WINDOWS-1252 -t UTF-8)"
    )


def test_jsonl_record_over_the_limit(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", record(), record(title="x" * 500))
    items = list(read_inputs([path], max_bytes=300))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputTooLarge)
    assert str(items[1]).startswith(f"{path}:2: record is ")


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_csv_corpus(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [
            ["title", "text", "date", "outlet", "url", "author", "extra"],
            ["One", STORY, "2022-05-05", "AP", "https://e.org/1", "Jo", "x"],
            ["Two", "First paragraph.\n\nSecond paragraph.", "", "", "", "", ""],
            ["", "", "", "", "", "", ""],
            ["Three", "", "2022-05-06", "", "", "", ""],
            ["Four", STORY, "not a date", "", "", "", ""],
        ],
    )
    first, second, third, fourth = read_inputs([path])
    assert isinstance(first, Article)
    assert (first.title, first.outlet, first.url, first.author) == (
        "One",
        "AP",
        "https://e.org/1",
        "Jo",
    )
    assert first.published == date(2022, 5, 5)
    assert first.path == f"{path}:2"
    assert isinstance(second, Article)
    assert second.text == "First paragraph.\n\nSecond paragraph."
    assert second.path == f"{path}:3"
    assert isinstance(third, MalformedRecord)
    assert str(third) == f"{path}:7: record has no text (field 'text' missing or empty)"
    assert isinstance(fourth, Article)
    assert fourth.published is None
    assert fourth.path == f"{path}:8"


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["title", "body"], ["One", STORY]])
    [error] = list(read_inputs([path]))
    assert isinstance(error, MalformedRecord)
    assert str(error) == f"{path}:1: CSV header has no 'text' column (columns: title, body)"


def test_csv_custom_text_column_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(b"\xef\xbb\xbfbody,headline\r\n" + f'"{STORY}",H\r\n'.encode())
    [article] = list(read_inputs([path], fields=CorpusFields(text="body", title="headline")))
    assert isinstance(article, Article)
    assert (article.text, article.title) == (STORY, "H")


def test_empty_csv(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("")
    [error] = list(read_inputs([path]))
    assert str(error) == f"{path}:1: CSV header has no 'text' column (columns: none)"


def test_csv_bad_utf8_stops_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(f"text\n{STORY}\ncaf\xe9\n{STORY}\n".encode("latin-1"))
    items = list(read_inputs([path]))
    assert [type(item) for item in items] == [Article, BadEncoding]
    assert str(items[1]).startswith(f"{path}:3: not valid UTF-8 at byte ")
