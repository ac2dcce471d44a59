"""Articles and statements as plain JSON-ready dicts, in the shapes of EVAL.md.

The CLI's ``--json`` output is built from these, and the web/API reuses them, so that every
face of sayso speaks one shape. Independent scorers read it: add fields, never rename.

>>> extraction_dict(article, statements)  # doctest: +SKIP
{'article': {'id': ..., 'path': ..., ...}, 'statements': [{'id': ..., 'speaker': ...}]}

Statements also go out as tables, one row per statement with its article's fields
(``EXPORT_COLUMNS``), in CSV, JSON Lines or Parquet:

>>> encode_table(export_table(store_rows), "csv")  # doctest: +SKIP
b'statement_id,article_id,outlet,...'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from sayso.model import Article, Claim, Link, Span, Speaker, Statement


def span_dict(span: Span) -> dict[str, Any]:
    """``{"start_char", "end_char", "text"}``: offsets index ``Article.text``."""
    return {"start_char": span.start_char, "end_char": span.end_char, "text": span.text}


def article_dict(article: Article) -> dict[str, Any]:
    """``{"id", "path", "title", "outlet", "url", "published", "text"}``; date as YYYY-MM-DD."""
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "text": article.text,
    }


def statement_dict(statement: Statement, *, with_article_id: bool = False) -> dict[str, Any]:
    """One statement in the extraction shape; ``with_article_id`` adds ``"article_id"``."""
    shaped: dict[str, Any] = {
        "id": statement.id,
        "speaker": statement.speaker,
        "speaker_kind": statement.speaker_kind,
        "role": statement.role,
        "source": [span_dict(span) for span in statement.source],
        "cue": span_dict(statement.cue) if statement.cue is not None else None,
        "content": [span_dict(span) for span in statement.content],
        "kind": statement.kind,
        "polarity": statement.polarity,
        "date": statement.date,
        "channel": statement.channel,
        "relayed_by": statement.relayed_by,
        "confidence": statement.confidence,
    }
    if with_article_id:
        shaped["article_id"] = statement.article_id
    return shaped


def extraction_dict(article: Article, statements: Iterable[Statement]) -> dict[str, Any]:
    """One line of ``sayso extract --json``: ``{"article": {...}, "statements": [...]}``."""
    return {
        "article": article_dict(article),
        "statements": [statement_dict(statement) for statement in statements],
    }


def link_dict(link: Link, a: Statement, b: Statement) -> dict[str, Any]:
    """One entry of ``sayso conflicts --json``'s ``"links"``: both statements with their
    article ids, the relation, its score and the reason (EVAL.md, "The contradiction JSON")."""
    return {
        "a": statement_dict(a, with_article_id=True),
        "b": statement_dict(b, with_article_id=True),
        "relation": link.relation,
        "score": link.score,
        "reason": link.reason,
        "claim_id": link.claim_id,
    }


def speaker_dict(speaker: Speaker) -> dict[str, Any]:
    """A canonical speaker: name, kind, aliases, roles with the dates seen, affiliation."""
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "aliases": list(speaker.aliases),
        "roles": [
            {
                "role": role.role,
                "first_seen": _iso(role.first_seen),
                "last_seen": _iso(role.last_seen),
                "mentions": role.mentions,
            }
            for role in speaker.roles
        ],
        "affiliation": speaker.affiliation,
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim: id, label (its most central statement), size and the days it spans."""
    return {
        "id": claim.id,
        "label": claim.label,
        "size": claim.size,
        "first_day": _iso(claim.first_day),
        "last_day": _iso(claim.last_day),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# Tables: one row per statement, for spreadsheets, pandas and DuckDB.

EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
EXPORT_MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
EXPORT_COLUMNS: tuple[str, ...] = (
    "statement_id",
    "article_id",
    "outlet",
    "url",
    "published",
    "title",
    "speaker",
    "speaker_kind",
    "role",
    "kind",
    "polarity",
    "date",
    "channel",
    "relayed_by",
    "confidence",
    "source_text",
    "source_start_char",
    "source_end_char",
    "cue_text",
    "cue_start_char",
    "cue_end_char",
    "content_text",
    "content_start_char",
    "content_end_char",
    "content_spans",
)
# Joins the texts of several spans in one cell; the ellipsis marks the gap, as the store's
# searchable content text does (``sayso.store.rows.CONTENT_JOINER``).
SPAN_JOINER = " … "
# Parquet column types; every other column is a string.
_INTEGER_COLUMNS = frozenset(column for column in EXPORT_COLUMNS if column.endswith("_char"))
_FLOAT_COLUMNS = frozenset({"confidence"})


def export_table(rows: Iterable[tuple[Statement, Article]]) -> list[dict[str, Any]]:
    """One dict per statement, with exactly the keys of ``EXPORT_COLUMNS``, in that order.

    Offsets index ``article.text``. ``source_*`` and ``cue_*`` give the first source span's
    offsets and the cue's; ``source_text`` joins every source span's text with " … ".
    ``content_start_char`` is the first content span's start and ``content_end_char`` the
    last one's end; ``content_spans`` is a JSON list ``[[start, end], ...]`` of every content
    span, so that discontinuous content survives the export. Missing values are ``None``.

    >>> export_table([(statement, article)])[0]["content_spans"]  # doctest: +SKIP
    '[[41, 77], [92, 120]]'
    """
    return [_export_row(statement, article) for statement, article in rows]


def _export_row(statement: Statement, article: Article) -> dict[str, Any]:
    first_source = statement.source[0] if statement.source else None
    cue = statement.cue
    return {
        "statement_id": statement.id,
        "article_id": statement.article_id,
        "outlet": article.outlet,
        "url": article.url,
        "published": _iso(article.published),
        "title": article.title,
        "speaker": statement.speaker,
        "speaker_kind": statement.speaker_kind,
        "role": statement.role,
        "kind": statement.kind,
        "polarity": statement.polarity,
        "date": statement.date,
        "channel": statement.channel,
        "relayed_by": statement.relayed_by,
        "confidence": statement.confidence,
        "source_text": _joined_text(statement.source),
        "source_start_char": first_source.start_char if first_source else None,
        "source_end_char": first_source.end_char if first_source else None,
        "cue_text": cue.text if cue else None,
        "cue_start_char": cue.start_char if cue else None,
        "cue_end_char": cue.end_char if cue else None,
        "content_text": _joined_text(statement.content),
        "content_start_char": statement.content[0].start_char if statement.content else None,
        "content_end_char": statement.content[-1].end_char if statement.content else None,
        "content_spans": json.dumps(
            [[span.start_char, span.end_char] for span in statement.content]
        ),
    }


def _joined_text(spans: Sequence[Span]) -> str | None:
    return SPAN_JOINER.join(span.text for span in spans) if spans else None


def encode_table(table: list[dict[str, Any]], fmt: str) -> bytes:
    """The rows of ``export_table`` as the bytes of a file in ``fmt`` (``EXPORT_FORMATS``).

    - ``"csv"``: a header row of ``EXPORT_COLUMNS``, then one row per statement; UTF-8, no
      byte-order mark, ``None`` as an empty cell. Cells are written exactly as they are, so
      that offsets still slice the texts: a text that starts with ``=``, ``+``, ``-`` or ``@``
      may be taken for a formula by a spreadsheet, which should import the file as text.
    - ``"jsonl"``: one JSON object per line, non-ASCII characters kept as they are.
    - ``"parquet"``: offsets as int64, ``confidence`` as float64, the rest as strings.

    An empty table gives a file with the header (CSV) or the schema (Parquet), or no lines
    (JSON Lines). Raises ``ValueError`` for an unknown format.

    >>> encode_table([], "csv").decode("utf-8").split(",")[:2]
    ['statement_id', 'article_id']
    """
    encoder = _ENCODERS.get(fmt)
    if encoder is None:
        raise ValueError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    return encoder(table)


def _encode_csv(table: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


def _encode_jsonl(table: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in table).encode("utf-8")


def _encode_parquet(table: list[dict[str, Any]]) -> bytes:
    # Imported here so that ``import sayso.export`` (and the CLI) stay quick to start.
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(column, _parquet_type(pa, column)) for column in EXPORT_COLUMNS])
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(table, schema=schema), sink)
    encoded: bytes = sink.getvalue().to_pybytes()
    return encoded


def _parquet_type(pa: Any, column: str) -> Any:
    if column in _INTEGER_COLUMNS:
        return pa.int64()
    if column in _FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


_ENCODERS: dict[str, Callable[[list[dict[str, Any]]], bytes]] = {
    "csv": _encode_csv,
    "jsonl": _encode_jsonl,
    "parquet": _encode_parquet,
}
