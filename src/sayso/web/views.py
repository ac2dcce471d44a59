"""What each page shows, as JSON-ready dicts: the page's JSON twin is exactly this, and the
HTML template renders the same dict (plus a few drawing aids the JSON leaves out).

Statements are in the extraction shape of ``sayso.export`` (EVAL.md) with ``speaker_id``,
``claim_id`` and a short ``article`` byline added; relations in the shape of
``sayso conflicts --json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sayso.export import (
    article_dict,
    claim_dict,
    link_dict,
    speaker_dict,
    statement_dict,
)
from sayso.link.sides import sides
from sayso.listen.render import Script
from sayso.listen.script import sentences
from sayso.listen.targets import digest_of
from sayso.model import RELATIONS
from sayso.store import SQLiteStore
from sayso.store.browse import ArticleHead, Found, SearchFilters
from sayso.store.linked import LinkView
from sayso.web.highlight import stretches
from sayso.web.timeline import Timeline, statement_day, timeline

# Page sizes: large enough to read a story's worth at once, small enough to stay fast at
# 100k statements (bench/web_load.py).
PER_PAGE = 25
MAX_PER_PAGE = 200
# Speaker colours cycle through this many classes (speaker-0 ... speaker-7 in sayso.css).
SPEAKER_COLOURS = 8
# A speaker page lists this many of the conflicts that involve the speaker.
SPEAKER_CONFLICTS = 50


class NotFound(LookupError):
    """No article, speaker or claim with that id; ``str()`` says which."""


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def shape(self, total: int) -> dict[str, Any]:
        pages = max(1, -(-total // self.per_page))
        return {"total": total, "page": self.page, "per_page": self.per_page, "pages": pages}


def head_dict(head: ArticleHead) -> dict[str, Any]:
    """An article's byline: id, title, outlet, url, published (and statement count)."""
    return {
        "id": head.id,
        "title": head.title,
        "outlet": head.outlet,
        "url": head.url,
        "published": head.published.isoformat() if head.published else None,
        "statements": head.statements,
    }


def found_dict(found: Found) -> dict[str, Any]:
    """A statement with its article id, canonical speaker id, claim id and byline."""
    shaped = statement_dict(found.statement, with_article_id=True)
    shaped["speaker_id"] = found.speaker_id
    shaped["claim_id"] = found.claim_id
    byline = head_dict(found.article)
    del byline["statements"]
    shaped["article"] = byline
    return shaped


def links_list(views: list[LinkView]) -> list[dict[str, Any]]:
    return [link_dict(view.link, view.a, view.b) for view in views]


def home_view(store: SQLiteStore) -> dict[str, Any]:
    counts = {**store.counts(), **store.link_counts()}
    _, latest = store.article_heads(limit=10)
    return {
        "counts": counts,
        "latest_articles": [head_dict(head) for head in latest],
        "strongest_conflicts": links_list(store.links(limit=5)),
    }


def articles_view(store: SQLiteStore, paging: Paging) -> dict[str, Any]:
    total, heads = store.article_heads(limit=paging.per_page, offset=paging.offset)
    return {**paging.shape(total), "articles": [head_dict(head) for head in heads]}


def article_view(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    return article_page(store, article_id)[0]


def article_page(store: SQLiteStore, article_id: str) -> tuple[dict[str, Any], list[Found]]:
    """The article's view and the statements it was built from (for ``article_drawing``)."""
    article = store.article(article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id!r}")
    found = store.article_statements(article_id)
    shaped = article_dict(article)
    shaped["author"] = article.author
    return {"article": shaped, "statements": [found_dict(item) for item in found]}, found


def article_drawing(view: dict[str, Any], found_statements: list[Found]) -> dict[str, Any]:
    """What the article template needs beyond the JSON: the text in highlight stretches and
    a colour class per statement (one per speaker, in order of first appearance)."""
    colour_of: dict[str, int] = {}
    statement_colour: dict[str, int] = {}
    for item in found_statements:
        who = item.speaker_id or item.statement.speaker or item.statement.id
        colour_of.setdefault(who, len(colour_of) % SPEAKER_COLOURS)
        statement_colour[item.statement.id] = colour_of[who]
    text = view["article"]["text"]
    read = sentences(text)  # the sentences Listen reads, so the page can follow the audio
    return {
        "stretches": stretches(text, [item.statement for item in found_statements], read),
        "colour": statement_colour,
    }


def speakers_view(store: SQLiteStore, paging: Paging) -> dict[str, Any]:
    total, rows = store.speakers_page(limit=paging.per_page, offset=paging.offset)
    return {
        **paging.shape(total),
        "speakers": [{**speaker_dict(speaker), "statements": said} for speaker, said in rows],
    }


def speaker_view(store: SQLiteStore, speaker_id: str) -> dict[str, Any]:
    return speaker_page(store, speaker_id)[0]


def speaker_page(store: SQLiteStore, speaker_id: str) -> tuple[dict[str, Any], Script]:
    """The speaker's view and the digest its Listen player reads, from one set of queries."""
    speaker = store.speaker(speaker_id)
    if speaker is None:
        raise NotFound(f"no speaker with id {speaker_id!r}")
    found = store.speaker_statements(speaker_id)
    conflicts = store.links(speaker_ids=[speaker_id])
    view = {
        "speaker": speaker_dict(speaker),
        "statements": [found_dict(item) for item in found],
        "outlets": [
            {"outlet": outlet or None, "statements": count}
            for outlet, count in store.speaker_outlets(speaker_id)
        ],
        "contradicted": links_list(conflicts[:SPEAKER_CONFLICTS]),
        "conflicts_total": len(conflicts),
    }
    return view, digest_of(found, conflicts)


def speaker_timeline(found: list[dict[str, Any]]) -> Timeline:
    """The timeline chart of a speaker page's statements (dicts of ``found_dict``)."""
    points = []
    for item in found:
        published = item["article"]["published"]
        day = statement_day(item["date"], date.fromisoformat(published) if published else None)
        label = " … ".join(span["text"] for span in item["content"])
        points.append((day, item["id"], item["article_id"], item["polarity"], label))
    return timeline(points)


def claims_view(store: SQLiteStore, paging: Paging) -> dict[str, Any]:
    total, claims = store.claims_page(limit=paging.per_page, offset=paging.offset)
    return {**paging.shape(total), "claims": [claim_dict(claim) for claim in claims]}


def claim_view(store: SQLiteStore, claim_id: str) -> dict[str, Any]:
    return claim_page(store, claim_id)[0]


def claim_page(store: SQLiteStore, claim_id: str) -> tuple[dict[str, Any], Script]:
    """The claim's view and the digest its Listen player reads, from one set of queries."""
    claim = store.claim(claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id!r}")
    found = store.claim_statements(claim_id)
    members = {item.statement.id for item in found}
    linked = store.links(relations=RELATIONS, claim_id=claim_id)
    # Links to accounts of the same event that claim grouping put in another claim are listed
    # apart: the claim's sides are drawn from its own statements only.
    within = [{v.link.a, v.link.b} <= members for v in linked]
    relations = [v for v, inside in zip(linked, within, strict=True) if inside]
    across = [v for v, inside in zip(linked, within, strict=True) if not inside]
    side_of = sides([item.statement.id for item in found], [view.link for view in relations])
    groups: dict[str, list[dict[str, Any]]] = {"A": [], "B": [], "neither": []}
    for item in found:
        groups[side_of.get(item.statement.id, "neither")].append(found_dict(item))
    view = {
        "claim": claim_dict(claim),
        "sides": [
            {"side": side, "statements": members} for side, members in groups.items() if members
        ],
        "links": links_list(relations),
        "links_to_other_claims": links_list(across),
    }
    return view, digest_of(found, linked)  # as `sayso listen --claim` reads it


def conflicts_view(
    store: SQLiteStore,
    paging: Paging,
    *,
    speaker: str | None,
    since: date | None,
    until: date | None,
) -> dict[str, Any]:
    speaker_ids = store.speaker_ids(speaker) if speaker else None
    total = store.count_links(speaker_ids=speaker_ids, since=since, until=until)
    views = store.links(
        speaker_ids=speaker_ids,
        since=since,
        until=until,
        limit=paging.per_page,
        offset=paging.offset,
    )
    return {
        **paging.shape(total),
        "filters": {
            "speaker": speaker,
            "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None,
        },
        "links": links_list(views),
    }


def search_view(store: SQLiteStore, filters: SearchFilters, paging: Paging) -> dict[str, Any]:
    page = store.search(filters, limit=paging.per_page, offset=paging.offset)
    return {
        **paging.shape(page.total),
        "query": filters_dict(filters),
        "results": [found_dict(item) for item in page.found],
    }


def filters_dict(filters: SearchFilters) -> dict[str, Any]:
    return {
        "q": filters.text,
        "speaker": filters.speaker,
        "outlet": filters.outlet,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
        "kind": filters.kind,
        "polarity": filters.polarity,
        "sort": filters.sort,
    }
