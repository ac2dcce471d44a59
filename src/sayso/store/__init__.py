"""The store: articles and their statements in SQLite (PostgreSQL later), behind one interface.

>>> from sayso.store import open_store
>>> with open_store(":memory:") as store:
...     store.schema_version > 0
True
"""

from __future__ import annotations

from sayso.store.base import DEFAULT_DB, SaveOutcome, Store
from sayso.store.sqlite import SQLiteStore, open_store

__all__ = ["DEFAULT_DB", "SQLiteStore", "SaveOutcome", "Store", "open_store"]
