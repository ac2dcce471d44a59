"""Fixtures for batch ingest tests: a generated corpus and the store a clean run makes of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sayso.batch import run_ingest
from sayso.store import open_store

from .helpers import write_corpus

# 80 short articles in shards of 2: enough shards that a test can kill workers mid-run.
ARTICLES = 80
SHARD_SIZE = 2
BAD_LINES = (7,)
MODEL = "fast"


@pytest.fixture
def store_target(tmp_path: Path) -> Callable[[str], Path]:
    """Where a test's store named ``name`` lives (a SQLite file; the PostgreSQL variant of
    these tests gives a database URL instead)."""
    return lambda name: tmp_path / f"{name}.db"


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL corpus of ``ARTICLES`` records, one of them not JSON."""
    folder = tmp_path_factory.mktemp("corpus")
    return write_corpus(folder / "corpus.jsonl", ARTICLES, bad_lines=BAD_LINES)


@pytest.fixture(scope="session")
def clean_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of one uninterrupted run in this process (``--workers 1``)."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with open_store(db) as store:
        report = run_ingest([str(corpus)], store, model=MODEL, shard_size=SHARD_SIZE)
    assert report.ingested == ARTICLES - len(BAD_LINES)
    return db
