"""Conversion between the data model and database rows.

Spans are stored as JSON objects ``{"start_char", "end_char", "text"}`` so a row can be
read without the model; reading a row back gives a value equal to the one saved.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sayso.model import Article, Span, Statement

# Joins discontinuous content spans into one searchable text; the ellipsis marks the gap.
CONTENT_JOINER = " … "

ARTICLE_COLUMNS = (
    "id", "text", "title", "outlet", "url", "author", "published", "language", "path", "raw",
)

STATEMENT_COLUMNS = (
    "id", "article_id", "ordinal", "speaker", "speaker_key", "speaker_kind", "role",
    "source", "cue", "content", "content_text", "kind", "polarity", "date", "channel",
    "relayed_by", "confidence",
)

Row = tuple[Any, ...]


def article_row(article: Article) -> Row:
    """The values of ``ARTICLE_COLUMNS`` for ``article``."""
    published = article.published.isoformat() if article.published else None
    return (
        article.id, article.text, article.title, article.outlet, article.url,
        article.author, published, article.language, article.path, article.raw,
    )


def article_from_row(row: Row) -> Article:
    """The Article stored in a row of ``ARTICLE_COLUMNS``."""
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    if values["published"] is not None:
        values["published"] = date.fromisoformat(values["published"])
    return Article(**values)


def speaker_key(speaker: str) -> str:
    """The form of a speaker name that filters compare, so case never matters."""
    return speaker.casefold()


def statement_row(statement: Statement, ordinal: int) -> Row:
    """The values of ``STATEMENT_COLUMNS`` for ``statement``, the ``ordinal``-th of its article."""
    return (
        statement.id,
        statement.article_id,
        ordinal,
        statement.speaker,
        speaker_key(statement.speaker) if statement.speaker is not None else None,
        statement.speaker_kind,
        statement.role,
        _spans_json(statement.source),
        json.dumps(statement.cue.as_dict(), ensure_ascii=False) if statement.cue else None,
        _spans_json(statement.content),
        CONTENT_JOINER.join(span.text for span in statement.content),
        statement.kind,
        statement.polarity,
        statement.date,
        statement.channel,
        statement.relayed_by,
        statement.confidence,
    )


def statement_from_row(row: Row) -> Statement:
    """The Statement stored in a row of ``STATEMENT_COLUMNS``."""
    values = dict(zip(STATEMENT_COLUMNS, row, strict=True))
    cue = values["cue"]
    return Statement(
        id=values["id"],
        article_id=values["article_id"],
        speaker=values["speaker"],
        speaker_kind=values["speaker_kind"],
        role=values["role"],
        source=_spans_from_json(values["source"]),
        cue=_span_from_dict(json.loads(cue)) if cue is not None else None,
        content=_spans_from_json(values["content"]),
        kind=values["kind"],
        polarity=values["polarity"],
        date=values["date"],
        channel=values["channel"],
        relayed_by=values["relayed_by"],
        confidence=values["confidence"],
    )


def _spans_json(spans: tuple[Span, ...]) -> str:
    return json.dumps([span.as_dict() for span in spans], ensure_ascii=False)


def _spans_from_json(text: str) -> tuple[Span, ...]:
    return tuple(_span_from_dict(item) for item in json.loads(text))


def _span_from_dict(item: dict[str, Any]) -> Span:
    return Span(int(item["start_char"]), int(item["end_char"]), str(item["text"]))
