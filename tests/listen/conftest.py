"""Fixtures for the listen tests: the canonical article, ingested and linked in a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.extract import Extractor
from sayso.link import link_store
from sayso.pipeline import ingest_paths
from sayso.store import open_store

AZOVSTAL = Path(__file__).resolve().parents[3] / "shared" / "examples" / "azovstal" / "article.txt"


@pytest.fixture(scope="session")
def azovstal_path() -> Path:
    if not AZOVSTAL.exists():
        pytest.skip(f"shared example not found: {AZOVSTAL}")
    return AZOVSTAL


@pytest.fixture(scope="session")
def default_extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def azovstal_db(
    azovstal_path: Path, default_extractor: Extractor, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The canonical article ingested with the default model and linked."""
    path = tmp_path_factory.mktemp("listen") / "sayso.db"
    with open_store(path) as store:
        assert ingest_paths([azovstal_path], store, default_extractor).ok
        link_store(store)
    return path
