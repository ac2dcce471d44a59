"""Property: any article with any valid statements reads back exactly as it was saved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.model import KINDS, POLARITIES, SPEAKER_KINDS, Article, Span, Statement
from sayso.store import SQLiteStore, open_store

# Any Unicode but lone surrogates, which cannot be encoded as UTF-8 (and never come from text).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
OPTIONAL_TEXT = st.none() | TEXT


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span(start, end, text[start:end])


@st.composite
def articles(draw: st.DrawFn) -> Article:
    return Article(
        id=draw(st.text(min_size=1, max_size=20, alphabet=st.characters(codec="utf-8"))),
        text=draw(TEXT),
        title=draw(OPTIONAL_TEXT),
        outlet=draw(OPTIONAL_TEXT),
        url=draw(OPTIONAL_TEXT),
        author=draw(OPTIONAL_TEXT),
        published=draw(st.none() | st.dates(min_value=date(1, 1, 1))),
        language=draw(st.none() | st.sampled_from(["en", "uk", "ru"])),
        path=draw(OPTIONAL_TEXT),
        raw=draw(OPTIONAL_TEXT),
    )


@st.composite
def statements(draw: st.DrawFn, article: Article, number: int) -> Statement:
    span = spans(article.text)
    return Statement(
        id=f"{article.id}-{number}",
        article_id=article.id,
        speaker=draw(OPTIONAL_TEXT),
        speaker_kind=draw(st.sampled_from(SPEAKER_KINDS)),
        role=draw(OPTIONAL_TEXT),
        source=tuple(draw(st.lists(span, max_size=3))),
        cue=draw(st.none() | span),
        content=tuple(draw(st.lists(span, max_size=4))),
        kind=draw(st.sampled_from(KINDS)),
        polarity=draw(st.sampled_from(POLARITIES)),
        date=draw(st.none() | st.sampled_from(["2022-05-05", "2022-05"])),
        channel=draw(OPTIONAL_TEXT),
        relayed_by=draw(OPTIONAL_TEXT),
        confidence=draw(st.floats(allow_nan=False, allow_infinity=False)),
    )


@st.composite
def extractions(draw: st.DrawFn) -> tuple[Article, list[Statement]]:
    article = draw(articles())
    count = draw(st.integers(0, 5))
    return article, [draw(statements(article, number)) for number in range(count)]


@pytest.fixture(scope="module")
def shared_store() -> Iterator[SQLiteStore]:
    with open_store(":memory:") as store:
        yield store


@settings(max_examples=200, deadline=None)
@given(extraction=extractions())
def test_articles_and_statements_survive_the_round_trip(
    shared_store: SQLiteStore, extraction: tuple[Article, list[Statement]]
) -> None:
    article, found = extraction

    outcome = shared_store.save(article, found)

    assert outcome in ("added", "replaced", "unchanged")
    stored = shared_store.article(article.id)
    assert stored == article
    assert stored is not None and stored.raw == article.raw
    assert shared_store.statements(article_id=article.id) == found
    assert shared_store.save(article, found) == "unchanged"
