"""`sayso link --workers 2` writes the store `--workers 1` writes: the project's examples
ingested once into a real SQLite file, copied, linked each way, every linking row compared."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from sayso.errors import LinkWorkerFailed
from sayso.extract import Extractor
from sayso.link import link_store
from sayso.link.judging import Judging
from sayso.pipeline import ingest_paths
from sayso.store import open_store

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TABLES = ("speakers", "speaker_aliases", "speaker_roles", "claims", "statement_links", "links")


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return {
            table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in TABLES
        }


def test_two_workers_write_the_store_one_writes(tmp_path: Path) -> None:
    ingested = tmp_path / "ingested.db"
    with open_store(ingested) as store:
        report = ingest_paths([str(EXAMPLES)], store, Extractor(model="fast"))
        assert report.ok, report.summary()
    for workers in (1, 2):
        shutil.copy(ingested, tmp_path / f"workers-{workers}.db")
        with open_store(tmp_path / f"workers-{workers}.db") as store:
            linked = link_store(store, workers=workers)
            assert linked.placed > 0 and linked.links > 0

    one, two = _rows(tmp_path / "workers-1.db"), _rows(tmp_path / "workers-2.db")

    assert all(one[table] for table in ("speakers", "claims", "statement_links", "links"))
    for table in TABLES:
        assert one[table] == two[table], table


class _DiesWhenUnpickled:
    """A stance model that kills the worker process it is sent to."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return os._exit, (3,)


def test_a_worker_that_dies_is_one_named_error() -> None:
    with Judging(None, workers=2, stance=_DiesWhenUnpickled()) as judging:  # type: ignore[arg-type]
        with pytest.raises(LinkWorkerFailed, match="judging process of --workers 2"):
            list(judging.relate([([], [])]))
