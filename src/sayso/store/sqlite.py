"""The SQLite store: one file (``sayso.db`` by default), FTS5 for search, WAL for readers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from sayso.errors import StoreError
from sayso.model import Article, Statement
from sayso.store.base import DEFAULT_DB, SaveOutcome
from sayso.store.browse import BrowseQueries
from sayso.store.ledger import LedgerQueries
from sayso.store.migrate import Migration, bundled_migrations, migrate, schema_version
from sayso.store.rows import (
    ARTICLE_COLUMNS,
    STATEMENT_COLUMNS,
    article_from_row,
    article_row,
    speaker_key,
    statement_from_row,
    statement_row,
)
from sayso.store.search import fts_query

MEMORY = ":memory:"

_ARTICLE_SELECT = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"
_STATEMENT_SELECT = (
    f"SELECT {', '.join('s.' + column for column in STATEMENT_COLUMNS)} "
    "FROM statements AS s JOIN articles AS a ON a.id = s.article_id"
)
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})"
)
_UPDATE_ARTICLE = (
    f"UPDATE articles SET {', '.join(column + ' = ?' for column in ARTICLE_COLUMNS)} "
    "WHERE id = ?"
)
_INSERT_STATEMENT = (
    f"INSERT INTO statements ({', '.join(STATEMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in STATEMENT_COLUMNS)})"
)


def open_store(
    path: str | Path = DEFAULT_DB,
    *,
    migrations: Sequence[Migration] | None = None,
    read_only: bool = False,
) -> SQLiteStore:
    """Open (creating and migrating as needed) the SQLite store at ``path``.

    ``":memory:"`` gives a private in-memory store. ``migrations`` defaults to the ones
    shipped with sayso; tests pass others. ``read_only`` opens an existing store that is
    already migrated, and nothing can be written through it (``sayso serve``). Raises
    ``StoreError`` naming the path, with a hint, when the file cannot be used as a sayso
    database.

    >>> with open_store(":memory:") as store:
    ...     store.counts()
    {'articles': 0, 'statements': 0}
    """
    where = str(path)
    if where != MEMORY and Path(path).is_dir():
        raise StoreError(
            f"{where}: is a directory, not a database file; "
            f"pass a file path such as {Path(path) / DEFAULT_DB}"
        )
    migrations = bundled_migrations() if migrations is None else migrations
    if read_only:
        return _open_read_only(Path(path), migrations)
    try:
        connection = sqlite3.connect(where, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(_open_failure(where, error)) from error
    try:
        _configure(connection, where)
        migrate(connection, where, migrations)
    except sqlite3.Error as error:
        connection.close()
        raise StoreError(_open_failure(where, error)) from error
    except StoreError:
        connection.close()
        raise
    return SQLiteStore(connection, where)


def _open_read_only(path: Path, migrations: Sequence[Migration]) -> SQLiteStore:
    where = str(path)
    if not path.is_file():
        raise StoreError(
            f"{where}: no such database; create one with `sayso ingest PATH --db {where}`"
        )
    try:
        # check_same_thread off: a reader may be handed from thread to thread (web workers);
        # each is still used by one thread at a time.
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
            check_same_thread=False,
        )
        connection.execute("PRAGMA query_only = ON")
        current = schema_version(connection)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        raise StoreError(_open_failure(where, error)) from error
    latest = migrations[-1].version if migrations else 0
    if current != latest:
        connection.close()
        raise StoreError(
            f"{where}: the database is at schema version {current}, this sayso reads "
            f"{latest}; run `sayso link --db {where}` once to bring it up to date"
        )
    return SQLiteStore(connection, where)


def _configure(connection: sqlite3.Connection, where: str) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    schema_version(connection)  # the first read: fails here on a file that is not SQLite
    if where != MEMORY:
        connection.execute("PRAGMA journal_mode = WAL")


def _open_failure(where: str, error: sqlite3.Error) -> str:
    reason = getattr(error, "sqlite_errorname", "")
    if reason == "SQLITE_NOTADB":
        return f"{where}: is not a SQLite database; move it away or pass another database path"
    if reason.startswith("SQLITE_READONLY"):
        return f"{where}: the database is read-only; make it writable or pass another path"
    return (
        f"{where}: cannot open the database ({error}); "
        "check that its folder exists and is writable"
    )


class SQLiteStore(BrowseQueries, LedgerQueries):
    """Articles and statements in one SQLite database. Use ``open_store`` to get one."""

    def __init__(self, connection: sqlite3.Connection, where: str) -> None:
        self._connection = connection
        self.where = where

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection; the store cannot be used afterwards."""
        self._connection.close()

    @property
    def schema_version(self) -> int:
        """The version of the database schema (the number of migrations applied)."""
        version: int = self._one("PRAGMA user_version")[0]
        return version

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def save(self, article: Article, statements: Sequence[Statement]) -> SaveOutcome:
        """Store ``article`` with ``statements`` (all of the article's, in order).

        Saving the same article again stores it once: ``"unchanged"`` when nothing differs
        (and nothing is written); ``"replaced"`` when it was re-extracted, in which case the
        article row is updated and its statements replaced in one transaction; ``"added"``
        for a new article. On failure nothing is written and ``StoreError`` is raised.
        """
        with self._transaction(f"saving article {article.id}") as cursor:
            return self.save_with(cursor, article, statements)

    def save_with(
        self, cursor: sqlite3.Cursor, article: Article, statements: Sequence[Statement]
    ) -> SaveOutcome:
        """``save`` inside a transaction the caller holds (``cursor`` is from it)."""
        statements = tuple(statements)
        for statement in statements:
            if statement.article_id != article.id:
                raise StoreError(
                    f"{self.where}: statement {statement.id} belongs to article "
                    f"{statement.article_id}, not to {article.id}"
                )
        stored = cursor.execute(f"{_ARTICLE_SELECT} WHERE id = ?", (article.id,)).fetchone()
        if stored is None:
            cursor.execute(_INSERT_ARTICLE, article_row(article))
            self._insert_statements(cursor, statements)
            return "added"
        if tuple(stored) == article_row(article) and (
            tuple(self._statements_of(cursor, article.id)) == statements
        ):
            return "unchanged"
        cursor.execute(_UPDATE_ARTICLE, (*article_row(article), article.id))
        cursor.execute("DELETE FROM statements WHERE article_id = ?", (article.id,))
        self._insert_statements(cursor, statements)
        return "replaced"

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or ``None``."""
        row = self._one(f"{_ARTICLE_SELECT} WHERE id = ?", (article_id,))
        return article_from_row(row) if row is not None else None

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were first saved."""
        return [article_from_row(row) for row in self._all(f"{_ARTICLE_SELECT} ORDER BY seq")]

    def statements(
        self,
        *,
        speaker: str | None = None,
        search: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> list[Statement]:
        """Stored statements, by article (in saving order) then by position in the article.

        ``speaker`` keeps statements whose speaker name contains it, ignoring case
        (``"palamar"`` finds ``"Sviatoslav Palamar"``). ``search`` keeps statements whose
        content or speaker contains every word of it (full-text, diacritics ignored; a
        search with no words filters nothing). ``limit`` caps the number returned.
        """
        conditions: list[str] = []
        parameters: list[Any] = []
        if speaker is not None:
            conditions.append("instr(s.speaker_key, ?) > 0")
            parameters.append(speaker_key(speaker))
        query = fts_query(search) if search is not None else None
        if query is not None:
            conditions.append(
                "s.seq IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)"
            )
            parameters.append(query)
        if article_id is not None:
            conditions.append("s.article_id = ?")
            parameters.append(article_id)
        sql = _STATEMENT_SELECT
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += " ORDER BY a.seq, s.ordinal"
        if limit is not None:
            if limit < 0:
                raise ValueError(f"limit must be 0 or more, not {limit}")
            sql += " LIMIT ?"
            parameters.append(limit)
        return [statement_from_row(row) for row in self._all(sql, parameters)]

    def counts(self) -> dict[str, int]:
        """How many articles and statements are stored."""
        articles, statements = self._one(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements)"
        )
        return {"articles": articles, "statements": statements}

    def link_counts(self) -> dict[str, int]:
        """How many speakers, claims and relations ``sayso link`` has stored."""
        speakers, claims, links, conflicts = self._one(
            "SELECT (SELECT count(*) FROM speakers), (SELECT count(*) FROM claims), "
            "(SELECT count(*) FROM links), "
            "(SELECT count(*) FROM links WHERE relation IN ('contradicts', 'denies'))"
        )
        return {"speakers": speakers, "claims": claims, "links": links, "conflicts": conflicts}

    def _insert_statements(
        self, cursor: sqlite3.Cursor, statements: Sequence[Statement]
    ) -> None:
        for ordinal, statement in enumerate(statements):
            cursor.execute(_INSERT_STATEMENT, statement_row(statement, ordinal))

    def _statements_of(self, cursor: sqlite3.Cursor, article_id: str) -> list[Statement]:
        rows = cursor.execute(
            f"{_STATEMENT_SELECT} WHERE s.article_id = ? ORDER BY s.ordinal", (article_id,)
        )
        return [statement_from_row(row) for row in rows]

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Cursor]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        try:
            cursor = self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(self._failure(doing, error)) from error
        try:
            yield cursor
            self._connection.execute("COMMIT")
        except BaseException as error:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise StoreError(self._failure(doing, error)) from error
            raise

    def _failure(self, doing: str, error: sqlite3.Error) -> str:
        return f"{self.where}: {doing} failed: {error}"

    def _one(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        try:
            return self._connection.execute(sql, parameters).fetchone()
        except sqlite3.Error as error:
            raise StoreError(self._failure("reading", error)) from error

    def _all(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise StoreError(self._failure("reading", error)) from error
