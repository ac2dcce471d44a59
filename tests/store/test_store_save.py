"""Saving is idempotent, replacement is atomic, and everything reads back unchanged."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from sayso.errors import StoreError
from sayso.store import SQLiteStore, open_store
from sayso.store import sql as store_sqlite

from .builders import azovstal_statements, make_article, make_statement


def test_new_article_is_added_and_reads_back_unchanged(store: SQLiteStore) -> None:
    article = make_article()
    statements = azovstal_statements(article)

    assert store.save(article, statements) == "added"

    assert store.has_article(article.id)
    assert store.article(article.id) == article
    assert store.article(article.id).raw == article.raw  # type: ignore[union-attr]
    assert store.statements(article_id=article.id) == statements
    assert store.counts() == {"articles": 1, "statements": 3}


def test_saving_the_same_article_twice_stores_it_once(store: SQLiteStore) -> None:
    article = make_article()
    statements = azovstal_statements(article)
    store.save(article, statements)
    changes_before = store._connection.total_changes

    assert store.save(article, statements) == "unchanged"

    assert store._connection.total_changes == changes_before
    assert store.counts() == {"articles": 1, "statements": 3}


def test_re_extraction_replaces_the_statements(store: SQLiteStore) -> None:
    article = make_article()
    store.save(article, azovstal_statements(article))
    fewer = [make_statement(article, "They are inside", number=7, confidence=0.5)]

    assert store.save(article, fewer) == "replaced"

    assert store.statements(article_id=article.id) == fewer
    assert store.counts() == {"articles": 1, "statements": 1}


def test_changed_article_fields_replace_the_article_row(store: SQLiteStore) -> None:
    article = make_article()
    statements = azovstal_statements(article)
    store.save(article, statements)
    retitled = dataclasses.replace(article, title="Azovstal: the accounts differ")

    assert store.save(retitled, statements) == "replaced"

    assert store.article(article.id) == retitled
    assert store.counts() == {"articles": 1, "statements": 3}


def test_a_constraint_failure_mid_replace_keeps_the_old_statements(store: SQLiteStore) -> None:
    article = make_article()
    old = azovstal_statements(article)
    store.save(article, old)
    broken = dataclasses.replace(old[1], kind="shouted")  # violates the CHECK on kind
    new_title = dataclasses.replace(article, title="changed")

    with pytest.raises(StoreError, match=f"saving article {article.id} failed"):
        store.save(new_title, [old[0], broken])

    assert store.article(article.id) == article
    assert store.statements(article_id=article.id) == old
    assert store.statements(search="inside") == [old[1]]


def test_an_error_after_some_inserts_rolls_everything_back(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = make_article()
    old = azovstal_statements(article)
    store.save(article, old)
    calls = 0
    real_row = store_sqlite.statement_row

    def failing_row(statement, ordinal):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real_row(statement, ordinal)

    monkeypatch.setattr(store_sqlite, "statement_row", failing_row)

    with pytest.raises(StoreError, match="disk I/O error"):
        store.save(article, old[:2] + [dataclasses.replace(old[2], confidence=0.1)])

    assert calls == 2
    assert store.statements(article_id=article.id) == old
    assert store.counts() == {"articles": 1, "statements": 3}


def test_a_statement_of_another_article_is_refused(store: SQLiteStore) -> None:
    article = make_article()
    stranger = dataclasses.replace(azovstal_statements(article)[0], article_id="elsewhere")

    with pytest.raises(StoreError, match="belongs to article elsewhere"):
        store.save(article, [stranger])

    assert store.counts() == {"articles": 0, "statements": 0}


def test_articles_keep_the_order_they_were_first_saved_in(store: SQLiteStore) -> None:
    first = make_article(url="https://example.org/1")
    second = make_article(url="https://example.org/2")
    store.save(first, azovstal_statements(first))
    store.save(second, azovstal_statements(second))
    store.save(first, azovstal_statements(first)[:1])

    assert [a.id for a in store.articles()] == [first.id, second.id]
    assert [s.article_id for s in store.statements()] == [first.id] + [second.id] * 3


def test_an_article_without_statements_or_metadata(store: SQLiteStore) -> None:
    bare = make_article()
    bare = dataclasses.replace(
        bare, title=None, outlet=None, url=None, author=None, published=None,
        language=None, path=None, raw=None,
    )

    assert store.save(bare, []) == "added"
    assert store.save(bare, []) == "unchanged"
    assert store.article(bare.id) == bare
    assert store.statements() == []


def test_unknown_article_is_none(store: SQLiteStore) -> None:
    assert store.article("nope") is None
    assert not store.has_article("nope")


def test_a_file_store_keeps_its_data_after_closing(tmp_path: Path) -> None:
    path = tmp_path / "sayso.db"
    article = make_article()
    with open_store(path) as store:
        store.save(article, azovstal_statements(article))

    with open_store(path) as reopened:
        assert reopened.statements(article_id=article.id) == azovstal_statements(article)
        mode = reopened._connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_deleting_an_article_deletes_its_statements(store: SQLiteStore) -> None:
    article = make_article()
    store.save(article, azovstal_statements(article))

    store._connection.execute("DELETE FROM articles WHERE id = ?", (article.id,))

    assert store.counts() == {"articles": 0, "statements": 0}
    indexed = store._connection.execute(
        "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'inside'"
    ).fetchone()[0]
    assert indexed == 0
