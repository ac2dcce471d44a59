from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso.store import SQLiteStore, open_store


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SQLiteStore]:
    """A fresh store, once in memory and once as a real file."""
    path = ":memory:" if request.param == "memory" else tmp_path / "sayso.db"
    with open_store(path) as opened:
        yield opened
