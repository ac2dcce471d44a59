"""Fixtures for the evaluation gates: one Extractor per test session, and the shared data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sayso.extract import Extractor

# ``shared/`` lies beside the repository: <root>/../shared.
SHARED = Path(__file__).resolve().parents[3] / "shared"
FLOORS_PATH = Path(__file__).with_name("quality_floors.json")


def shared_path(*parts: str) -> Path:
    """A path under ``shared/``; the test is skipped when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path}")
    return path


@pytest.fixture(scope="session")
def polnear_dev_dir() -> Path:
    return shared_path("data", "polnear", "dev")


@pytest.fixture(scope="session")
def azovstal_dir() -> Path:
    return shared_path("examples", "azovstal")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real Extractor with the default model, loaded once."""
    return Extractor()


@pytest.fixture(scope="session")
def extractor_for() -> Callable[[str], Extractor]:
    """``extractor_for(model)``: one Extractor per model name for the session."""
    made: dict[str, Extractor] = {}

    def get(model: str) -> Extractor:
        if model not in made:
            made[model] = Extractor(model=model)
        return made[model]

    return get


@pytest.fixture(scope="session")
def quality_floors() -> dict[str, Any]:
    floors: dict[str, Any] = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
    return floors
