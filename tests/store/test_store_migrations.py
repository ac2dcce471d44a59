"""The schema is versioned, migrated in order, and bad database paths say how to fix them."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from sayso.errors import StoreError
from sayso.store import open_store
from sayso.store.migrate import Migration, bundled_migrations
from sayso.store.sqlite import _open_failure

from .builders import azovstal_statements, make_article

LATEST = len(bundled_migrations())


def test_bundled_migrations_are_numbered_from_one() -> None:
    migrations = bundled_migrations()

    assert [m.version for m in migrations] == list(range(1, LATEST + 1))
    assert migrations[0].name == "0001_initial.sql"


def test_a_fresh_database_gets_the_latest_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "new.db") as store:
        assert store.schema_version == LATEST
    with open_store(":memory:") as store:
        assert store.schema_version == LATEST


def test_an_empty_database_at_version_zero_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE unrelated (x)").connection.close()

    with open_store(path) as store:
        assert store.schema_version == LATEST
        article = make_article()
        assert store.save(article, azovstal_statements(article)) == "added"


def test_opening_twice_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "sayso.db"
    article = make_article()
    with open_store(path) as store:
        store.save(article, azovstal_statements(article))

    with open_store(path) as store:
        assert store.schema_version == LATEST
        assert store.counts() == {"articles": 1, "statements": 3}


def test_a_database_from_a_newer_sayso_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with open_store(path):
        pass
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    connection.close()

    with pytest.raises(StoreError, match=rf"future\.db.*version {LATEST + 1} is newer"):
        open_store(path)


def test_later_migrations_are_applied_in_order(tmp_path: Path) -> None:
    path = tmp_path / "sayso.db"
    with open_store(path):
        pass
    extra = Migration(
        LATEST + 1,
        "9999_outlets.sql",
        "-- a later schema\nCREATE TABLE outlets (name TEXT PRIMARY KEY);\n"
        "INSERT INTO outlets VALUES ('Kremlin');\n",
    )

    with open_store(path, migrations=(*bundled_migrations(), extra)) as store:
        assert store.schema_version == LATEST + 1
        rows = store._connection.execute("SELECT name FROM outlets").fetchall()
    assert rows == [("Kremlin",)]


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "sayso.db"
    broken = Migration(
        LATEST + 1,
        "9999_broken.sql",
        "CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);\n",
    )

    with pytest.raises(StoreError, match=rf"9999_broken.sql failed.*version {LATEST}"):
        open_store(path, migrations=(*bundled_migrations(), broken))

    with open_store(path) as store:
        assert store.schema_version == LATEST
        tables = {
            row[0]
            for row in store._connection.execute("SELECT name FROM sqlite_master")
        }
    assert "half_done" not in tables
    assert {"articles", "statements", "statements_fts"} <= tables


def test_a_directory_is_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory") as raised:
        open_store(tmp_path)

    assert str(tmp_path) in str(raised.value)
    assert "sayso.db" in str(raised.value)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Palamar said they are inside. " * 100)

    with pytest.raises(StoreError, match="is not a SQLite database") as raised:
        open_store(path)

    assert str(path) in str(raised.value)
    assert path.read_text().startswith("Palamar said")


def test_a_missing_folder_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "sayso.db"

    with pytest.raises(StoreError, match="check that its folder exists") as raised:
        open_store(path)

    assert str(path) in str(raised.value)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write read-only files"
)
def test_a_read_only_database_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    path.touch()
    path.chmod(0o444)

    with pytest.raises(StoreError, match="read-only") as raised:
        open_store(path)

    assert str(path) in str(raised.value)


def test_a_read_only_error_gets_the_read_only_hint(tmp_path: Path) -> None:
    path = tmp_path / "sayso.db"
    with open_store(path):
        pass
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        read_only.execute("CREATE TABLE x (y)")
    read_only.close()

    message = _open_failure(str(path), raised.value)

    assert message == f"{path}: the database is read-only; make it writable or pass another path"
