"""Versioned schema: numbered SQL files applied in order, the version in ``user_version``.

A migration is ``migrations/NNNN_name.sql``; ``NNNN`` is the schema version it produces.
Each runs in its own transaction together with the version bump, so a failed migration
leaves the database at the version before it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from sayso.errors import StoreError

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """The SQL that takes the schema from ``version - 1`` to ``version``."""

    version: int
    name: str
    sql: str


def bundled_migrations() -> tuple[Migration, ...]:
    """The migrations shipped in ``sayso/store/migrations``, numbered 1, 2, 3, ... in order."""
    folder = resources.files("sayso.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise StoreError(f"migration {migration.name} should be numbered {expected:04d}")
    return tuple(found)


def schema_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for a new, empty one)."""
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(
    connection: sqlite3.Connection, where: str, migrations: Sequence[Migration]
) -> int:
    """Apply every migration newer than the database's version; return the new version.

    ``connection`` must be in autocommit mode (``isolation_level=None``); ``where`` names
    the database in error messages.
    """
    latest = migrations[-1].version if migrations else 0
    current = schema_version(connection)
    if current > latest:
        raise StoreError(
            f"{where}: database schema version {current} is newer than this sayso knows "
            f"({latest}); upgrade sayso or use another database"
        )
    for migration in migrations[current:]:
        _apply(connection, where, migration)
    return schema_version(connection)


def _apply(connection: sqlite3.Connection, where: str, migration: Migration) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while this one waited for the lock.
        if schema_version(connection) >= migration.version:
            connection.execute("ROLLBACK")
            return
        for statement in _statements(migration.sql):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {migration.version:d}")
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise StoreError(
            f"{where}: migration {migration.name} failed ({error}); "
            f"the database is left at version {migration.version - 1}"
        ) from error


def _statements(sql: str) -> Iterator[str]:
    """The SQL statements of a script, one at a time (``CREATE TRIGGER`` bodies kept whole)."""
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise sqlite3.OperationalError(f"incomplete SQL statement: {pending.strip()[:60]}")


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())
