"""The web search's query language, and that FTS5 accepts whatever it produces."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.errors import QueryError
from sayso.store.search import fts_expression


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("war peace", '"war" AND "peace"'),
        ('"driven out" OR expelled', '"driven out" OR "expelled"'),
        ("siege*", '"siege"*'),
        ("plant NOT steel", '"plant" NOT "steel"'),
        ("a (b OR c)", '"a" AND ( "b" OR "c" )'),
        ("U.S. troops don't", '"U.S." AND "troops" AND "don\'t"'),
        ("   ", None),
        ('""', None),
    ],
)
def test_queries_people_type(typed: str, query: str | None) -> None:
    assert fts_expression(typed) == query


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ('"unbalanced', "never closed"),
        ("AND OR (", "needs words on both sides"),
        ("NOT this", "needs words on both sides"),
        ("leak OR", "at the end"),
        ("leak)", "no opening one"),
        ("(leak", "never closed"),
        ("leak ()", "nothing to search for"),
    ],
)
def test_malformed_queries_say_what_is_wrong(typed: str, says: str) -> None:
    with pytest.raises(QueryError, match=says):
        fts_expression(typed)


@given(st.text(alphabet='ab "()*ORNTAD\x00é.-', max_size=30))
def test_whatever_is_typed_is_a_valid_fts5_query_or_a_query_error(typed: str) -> None:
    try:
        query = fts_expression(typed)
    except QueryError:
        return
    if query is None:
        return
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    connection.execute("INSERT INTO t VALUES ('a b ab é')")
    connection.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()
