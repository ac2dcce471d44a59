"""Articles and statements as plain JSON-ready dicts, in the shapes of EVAL.md.

The CLI's ``--json`` output is built from these, and the web/API reuses them, so that every
face of sayso speaks one shape. Independent scorers read it: add fields, never rename.

>>> extraction_dict(article, statements)  # doctest: +SKIP
{'article': {'id': ..., 'path': ..., ...}, 'statements': [{'id': ..., 'speaker': ...}]}
"""

from __future__ import annotations

from collections.abc import Iterable
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
