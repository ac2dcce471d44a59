"""Filtering statements by speaker, article and full-text search."""

from __future__ import annotations

import dataclasses

import pytest

from sayso.errors import QueryError
from sayso.store import SQLiteStore

from .builders import azovstal_statements, make_article, make_statement


@pytest.fixture
def filled(store: SQLiteStore) -> SQLiteStore:
    article = make_article()
    store.save(article, azovstal_statements(article))
    return store


def contents(statements: list) -> list[str]:  # type: ignore[type-arg]
    return [" … ".join(span.text for span in s.content) for s in statements]


@pytest.mark.parametrize("speaker", ["palamar", "PALAMAR", "Sviatoslav Palamar", "tosl"])
def test_speaker_filter_ignores_case_and_matches_part_of_the_name(
    filled: SQLiteStore, speaker: str
) -> None:
    assert contents(filled.statements(speaker=speaker)) == [
        "Russian troops had entered the plant",
        "They are inside",
    ]


def test_speaker_filter_folds_non_ascii_case(store: SQLiteStore) -> None:
    article = make_article()
    statement = make_statement(article, "They are inside", speaker="ÉMILE ZOLA")
    store.save(article, [statement])

    assert store.statements(speaker="émile") == [statement]


def test_speaker_filter_treats_like_wildcards_as_text(filled: SQLiteStore) -> None:
    assert filled.statements(speaker="%") == []
    assert filled.statements(speaker="_") == []


def test_statements_without_a_speaker_do_not_match_a_speaker_filter(store: SQLiteStore) -> None:
    article = make_article()
    store.save(article, [make_statement(article, "They are inside", speaker=None)])

    assert store.statements(speaker="a") == []
    assert len(store.statements()) == 1


def test_search_finds_words_in_the_content(filled: SQLiteStore) -> None:
    assert contents(filled.statements(search="troops")) == ["Russian troops had entered the plant"]
    assert contents(filled.statements(search="Storming")) == ["any storming of Azovstal"]


def test_search_needs_every_word(filled: SQLiteStore) -> None:
    assert contents(filled.statements(search="troops plant")) == [
        "Russian troops had entered the plant"
    ]
    assert filled.statements(search="troops Azovstal") == []


def test_search_covers_the_speaker_name(filled: SQLiteStore) -> None:
    assert contents(filled.statements(search="kremlin")) == ["any storming of Azovstal"]


def test_search_ignores_diacritics(store: SQLiteStore) -> None:
    article = make_article(text="Zelenskyy said the café was shelled.")
    statement = make_statement(article, "the café was shelled", speaker="Zelenskyy")
    store.save(article, [statement])

    assert store.statements(search="cafe") == [statement]


def test_search_covers_every_part_of_a_discontinuous_content(store: SQLiteStore) -> None:
    article = make_article(text='"We hold," he said, "the plant."')
    statement = dataclasses.replace(
        make_statement(article, "We hold", cue="said"),
        content=(article.span(1, 8), article.span(20, 30)),
        kind="direct",
    )
    store.save(article, [statement])

    assert store.statements(search="hold plant") == [statement]


@pytest.mark.parametrize(
    "hostile",
    [
        "don't \"x",
        "AND",
        "OR NOT",
        'NEAR(a b)',
        "troops*",
        "^troops",
        "content_text: troops",
        "(((",
        '"',
        "-",
        "'; DROP TABLE statements; --",
        "\x00",
        "troops + plant",
    ],
)
def test_hostile_search_text_is_a_result_or_a_query_error(
    filled: SQLiteStore, hostile: str
) -> None:
    try:
        found = filled.statements(search=hostile)
    except QueryError as error:
        assert "character" in str(error) or "never closed" in str(error) or "needs" in str(error)
    else:
        assert isinstance(found, list)
    assert filled.counts() == {"articles": 1, "statements": 3}


def test_the_search_reads_the_web_query_language(store: SQLiteStore) -> None:
    article = make_article(text="Palamar said they will not surrender or leave.")
    statement = make_statement(article, "they will not surrender or leave")
    store.save(article, [statement])

    assert store.statements(search='"not" surrender "OR"') == [statement]
    assert store.statements(search="fight OR surr*") == [statement]
    assert store.statements(search="surrender NOT leave") == []
    assert store.statements(search="don't surrender") == []
    with pytest.raises(QueryError, match="needs words on both sides"):
        store.statements(search="NOT surrender OR")


def test_a_blank_search_filters_nothing(filled: SQLiteStore) -> None:
    assert len(filled.statements(search="   ")) == 3


def test_filters_combine_and_limit_caps_the_result(filled: SQLiteStore) -> None:
    article = make_article(url="https://example.org/other")
    filled.save(article, azovstal_statements(article))

    assert len(filled.statements(speaker="palamar")) == 4
    assert len(filled.statements(speaker="palamar", article_id=article.id)) == 2
    assert len(filled.statements(speaker="palamar", search="inside")) == 2
    assert contents(filled.statements(limit=2)) == [
        "Russian troops had entered the plant",
        "They are inside",
    ]
    assert filled.statements(limit=0) == []


def test_a_negative_limit_is_refused(filled: SQLiteStore) -> None:
    with pytest.raises(ValueError, match="limit"):
        filled.statements(limit=-1)
