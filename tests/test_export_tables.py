"""Statements as tables (``export_table``, ``encode_table``): every column, every format, and
offsets that still slice the article's text once the file is read back."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sayso.export import (
    EXPORT_COLUMNS,
    EXPORT_FORMATS,
    EXPORT_MEDIA_TYPES,
    encode_table,
    export_table,
)
from sayso.model import Article, Span, Statement

TEXT = (
    'Zoë Łukasz said: "Die Brücke bleibt offen."\n'
    '"We will," the minister said, "stay, and fight."\n'
    'According to the mayor, the "old" port,\nonce closed, reopens in März.\n'
    "Officials said =1+1 was never a plan.\n"
    "Anna and Omar said the vote was fair."
)
INTEGER_COLUMNS = {column for column in EXPORT_COLUMNS if column.endswith("_char")}


def _span(piece: str, after: int = 0) -> Span:
    start = TEXT.index(piece, after)
    return Span(start, start + len(piece), piece)


ARTICLE = Article(
    id="a1",
    text=TEXT,
    title='Brücke, port & "plans"',
    outlet="Der Kurier",
    url="https://example.org/a1",
    published=date(2024, 3, 5),
)
NO_METADATA = Article(id="a2", text=TEXT)


def _statements(article: Article) -> list[Statement]:
    second_line = TEXT.index('"We will')
    return [
        Statement(
            id=f"{article.id}-direct",
            article_id=article.id,
            speaker="Zoë Łukasz",
            speaker_kind="person",
            role=None,
            source=(_span("Zoë Łukasz"),),
            cue=_span("said"),
            content=(_span("Die Brücke bleibt offen."),),
            kind="direct",
            polarity="asserts",
            date="2024-03-04",
            confidence=0.875,
        ),
        Statement(
            id=f"{article.id}-split",
            article_id=article.id,
            speaker="the minister",
            speaker_kind="person",
            role="minister",
            source=(_span("the minister", second_line),),
            cue=_span("said", second_line),
            content=(_span("We will,", second_line), _span("stay, and fight.", second_line)),
            kind="direct",
            polarity="asserts",
            channel="press conference",
        ),
        Statement(
            id=f"{article.id}-no-cue",
            article_id=article.id,
            speaker="the mayor",
            speaker_kind="person",
            role="mayor",
            source=(_span("the mayor"),),
            cue=None,
            content=(_span('the "old" port,\nonce closed, reopens in März'),),
            kind="indirect",
            polarity="denies",
            relayed_by="Der Kurier",
        ),
        Statement(
            id=f"{article.id}-formula",
            article_id=article.id,
            speaker=None,
            speaker_kind="unnamed",
            role=None,
            source=(_span("Officials"),),
            cue=_span("said", TEXT.index("Officials")),
            content=(_span("=1+1 was never a plan"),),
            kind="indirect",
            polarity="asserts",
        ),
        Statement(
            id=f"{article.id}-two-sources",
            article_id=article.id,
            speaker="Anna and Omar",
            speaker_kind="person",
            role=None,
            source=(_span("Anna"), _span("Omar")),
            cue=_span("said", TEXT.index("Anna")),
            content=(_span("the vote was fair"),),
            kind="indirect",
            polarity="asserts",
        ),
    ]


def _rows() -> list[tuple[Statement, Article]]:
    return [(s, article) for article in (ARTICLE, NO_METADATA) for s in _statements(article)]


def _read_csv(encoded: bytes) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(encoded.decode("utf-8"), newline=""))
    assert tuple(reader.fieldnames or ()) == EXPORT_COLUMNS
    return [{column: _typed(column, cell) for column, cell in row.items()} for row in reader]


def _typed(column: str, cell: str) -> Any:
    if cell == "":
        return None
    if column in INTEGER_COLUMNS:
        return int(cell)
    if column == "confidence":
        return float(cell)
    return cell


def _read_jsonl(encoded: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in encoded.decode("utf-8").splitlines()]


def _read_parquet(encoded: bytes) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(pa.BufferReader(encoded)).to_pylist()
    return rows


READERS = {"csv": _read_csv, "jsonl": _read_jsonl, "parquet": _read_parquet}


def _assert_offsets_slice(row: dict[str, Any]) -> None:
    text = TEXT  # both articles share it
    first_source = row["source_text"].split(" … ")[0]
    assert text[row["source_start_char"] : row["source_end_char"]] == first_source
    if row["cue_text"] is None:
        assert row["cue_start_char"] is None and row["cue_end_char"] is None
    else:
        assert text[row["cue_start_char"] : row["cue_end_char"]] == row["cue_text"]
    spans = json.loads(row["content_spans"])
    assert " … ".join(text[start:end] for start, end in spans) == row["content_text"]
    assert spans[0][0] == row["content_start_char"]
    assert spans[-1][1] == row["content_end_char"]


def test_every_row_has_every_column_in_order() -> None:
    table = export_table(_rows())
    assert len(table) == 10
    for row in table:
        assert tuple(row) == EXPORT_COLUMNS


def test_rows_carry_the_article_and_the_statement() -> None:
    direct, split, no_cue, _, two = export_table(_rows())[:5]
    assert direct["article_id"] == "a1" and direct["outlet"] == "Der Kurier"
    assert direct["published"] == "2024-03-05"
    assert direct["date"] == "2024-03-04"
    assert direct["speaker"] == "Zoë Łukasz" and direct["confidence"] == 0.875
    assert split["content_text"] == "We will, … stay, and fight."
    assert len(json.loads(split["content_spans"])) == 2
    assert no_cue["cue_text"] is None and no_cue["polarity"] == "denies"
    assert no_cue["relayed_by"] == "Der Kurier"
    assert two["source_text"] == "Anna … Omar"
    anna = TEXT.index("Anna")
    assert (two["source_start_char"], two["source_end_char"]) == (anna, anna + len("Anna"))


def test_missing_article_fields_are_none() -> None:
    row = export_table(_rows())[5]
    assert row["article_id"] == "a2"
    assert row["outlet"] is None and row["url"] is None
    assert row["published"] is None and row["title"] is None


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_each_format_reads_back_to_the_same_table(fmt: str) -> None:
    table = export_table(_rows())
    read_back = READERS[fmt](encode_table(table, fmt))
    assert read_back == table
    for row in read_back:
        _assert_offsets_slice(row)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_an_empty_table_is_still_a_valid_file(fmt: str) -> None:
    assert READERS[fmt](encode_table([], fmt)) == []


def test_an_empty_csv_has_the_header() -> None:
    assert encode_table([], "csv").decode("utf-8") == ",".join(EXPORT_COLUMNS) + "\r\n"


def test_parquet_has_the_schema_even_when_empty() -> None:
    schema = pq.read_table(pa.BufferReader(encode_table([], "parquet"))).schema
    assert tuple(schema.names) == EXPORT_COLUMNS
    assert schema.field("content_start_char").type == pa.int64()
    assert schema.field("confidence").type == pa.float64()
    assert schema.field("content_spans").type == pa.string()


def test_csv_keeps_quotes_newlines_and_non_ascii() -> None:
    encoded = encode_table(export_table(_rows()), "csv")
    assert "reopens in März" in encoded.decode("utf-8")
    rows = _read_csv(encoded)
    assert rows[2]["content_text"] == 'the "old" port,\nonce closed, reopens in März'
    assert rows[3]["content_text"] == "=1+1 was never a plan"  # exact, not neutralised


def test_jsonl_keeps_non_ascii_unescaped() -> None:
    encoded = encode_table(export_table(_rows()), "jsonl")
    assert "Zoë Łukasz".encode() in encoded
    assert encoded.count(b"\n") == 10


def test_unknown_format_names_the_formats() -> None:
    with pytest.raises(ValueError, match="csv, jsonl, parquet"):
        encode_table([], "xlsx")


def test_every_format_has_a_media_type() -> None:
    assert set(EXPORT_MEDIA_TYPES) == set(EXPORT_FORMATS)


def test_importing_export_does_not_load_pyarrow() -> None:
    probe = "import sys, sayso.export; print('pyarrow' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert loaded.stdout.strip() == "False"
