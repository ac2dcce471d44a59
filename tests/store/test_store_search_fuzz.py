"""Whatever a person types into search, the answer is statements or a QueryError saying why."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.errors import QueryError
from sayso.store import SQLiteStore, open_store

from .builders import azovstal_statements, make_article

ARTICLE = make_article()

SEARCH_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(['"', "'", "*", "^", ":", "(", ")", "-", "+", "\x00"]),
    ),
    max_size=40,
) | st.lists(st.sampled_from(["AND", "OR", "NOT", "NEAR", "NEAR(", '"', "troops"])).map(" ".join)


@pytest.fixture(scope="module")
def filled() -> Iterator[SQLiteStore]:
    with open_store(":memory:") as store:
        store.save(ARTICLE, azovstal_statements(ARTICLE))
        yield store


@settings(max_examples=300, deadline=None)
@given(search=SEARCH_TEXT)
def test_any_search_text_is_safe(filled: SQLiteStore, search: str) -> None:
    try:
        found = filled.statements(search=search)
    except QueryError:
        return

    assert all(statement.article_id == ARTICLE.id for statement in found)
