"""Fixtures for the extraction tests: one Extractor per session (loading spaCy is the slow part)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from sayso.extract import Extractor
from sayso.model import Article, Statement

# The publication date of the test articles: a Thursday, as in the azovstal example.
THURSDAY = date(2022, 5, 5)

Extract = Callable[..., list[Statement]]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The rules-only Extractor ("fast"), loaded once: these tests pin down the rule stages."""
    return Extractor(model="fast")


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Extract:
    """``extract(text, published=THURSDAY)``: the statements of a one-text article."""

    def run(text: str, published: date | None = THURSDAY) -> list[Statement]:
        return extractor.extract(Article(id="test", text=text, published=published))

    return run
