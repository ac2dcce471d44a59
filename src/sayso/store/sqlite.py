"""The SQLite store: one file (``sayso.db`` by default), FTS5 for search, WAL for readers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sayso.errors import StoreError
from sayso.model import Statement
from sayso.store.base import DEFAULT_DB
from sayso.store.migrate import Migration, bundled_migrations, migrate, schema_version
from sayso.store.rows import STATEMENT_COLUMNS
from sayso.store.search import fts_expression
from sayso.store.sql import SQLStore

MEMORY = ":memory:"

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


class SQLiteStore(SQLStore):
    """Articles and statements in one SQLite database. Use ``open_store`` to get one."""

    def __init__(self, connection: sqlite3.Connection, where: str) -> None:
        self._connection = connection
        self.where = where

    def close(self) -> None:
        """Close the database connection; the store cannot be used afterwards."""
        self._connection.close()

    @property
    def schema_version(self) -> int:
        """The version of the database schema (the number of migrations applied)."""
        version: int = self._one("PRAGMA user_version")[0]
        return version

    def _text_hits(self, text: str | None) -> tuple[str, list[Any]]:
        query = fts_expression(text) if text else None
        if query is None:
            return "", []
        return (
            " JOIN (SELECT rowid AS hit, rank FROM statements_fts WHERE statements_fts MATCH ?)"
            " AS f ON f.hit = s.seq",
            [query],
        )

    def _insert_statements(
        self, cursor: sqlite3.Cursor, statements: Sequence[Statement]
    ) -> None:
        cursor.executemany(_INSERT_STATEMENT, self._statement_rows(statements))

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
