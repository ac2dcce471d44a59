"""Golden article: the 12 statements of shared/examples/azovstal/expected.json must be found.

A statement is found when an extracted statement has the same canonical speaker and content
containing ``content_contains``; its cue, kind, polarity and date must then match too, and
its channel / relayed_by where the expectation names one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sayso.extract import Extractor
from sayso.model import EXTRACTION_MODELS, Article, Statement

pytestmark = pytest.mark.slow

EXPECTED_PATH = Path(__file__).resolve().parents[3] / "shared/examples/azovstal/expected.json"


def expected_statements() -> list[dict[str, Any]]:
    """The expected statements, read at collection so each test is named by statement id."""
    if not EXPECTED_PATH.exists():
        return []
    statements: list[dict[str, Any]] = json.loads(EXPECTED_PATH.read_text("utf-8"))["statements"]
    return statements


@pytest.fixture(scope="module")
def expected(azovstal_dir: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((azovstal_dir / "expected.json").read_text("utf-8"))
    return document


@pytest.fixture(scope="module")
def article(azovstal_dir: Path) -> Article:
    ingest = pytest.importorskip("sayso.ingest")
    if not hasattr(ingest, "article_from_text"):
        pytest.skip("sayso.ingest.article_from_text is not there yet")
    path = azovstal_dir / "article.txt"
    article: Article = ingest.article_from_text(path.read_text("utf-8"), source=str(path))
    return article


@pytest.fixture(scope="module", params=EXTRACTION_MODELS)
def statements(
    request: pytest.FixtureRequest, extractor_for: Callable[[str], Extractor], article: Article
) -> list[Statement]:
    """The article's statements, once per model: both must pass in full."""
    return extractor_for(request.param).extract(article)


def content_text(statement: Statement) -> str:
    return " ".join(span.text for span in statement.content)


def has_content(statement: Statement, fragment: str) -> bool:
    """The fragment lies in one content span, or in the content spans joined by spaces."""
    return fragment in content_text(statement) or any(
        fragment in span.text for span in statement.content
    )


def find_statement(statements: list[Statement], wanted: dict[str, Any]) -> Statement | None:
    """The first extracted statement by the same speaker whose content holds the fragment."""
    for statement in statements:
        if statement.speaker == wanted["speaker"] and has_content(
            statement, wanted["content_contains"]
        ):
            return statement
    return None


def describe(statement: Statement) -> str:
    cue = statement.cue.text if statement.cue else None
    return (
        f"{statement.speaker!r} cue={cue!r} kind={statement.kind} polarity={statement.polarity} "
        f"date={statement.date} channel={statement.channel!r} "
        f"relayed_by={statement.relayed_by!r} content={content_text(statement)!r}"
    )


def either_contains(found: str | None, wanted: str) -> bool:
    """Case-insensitive containment either way: "Telegram" and "a Telegram post" both match."""
    if not found:
        return False
    found, wanted = found.casefold(), wanted.casefold()
    return wanted in found or found in wanted


def mismatches(statement: Statement, wanted: dict[str, Any]) -> list[str]:
    """What differs between an extracted statement and its expectation."""
    found = {
        "cue": statement.cue.text.casefold() if statement.cue else None,
        "kind": statement.kind,
        "polarity": statement.polarity,
        "date": statement.date,
    }
    differences = [
        f"{field}: expected {wanted[field]!r}, got {value!r}"
        for field, value in found.items()
        if value != (wanted[field].casefold() if field == "cue" else wanted[field])
    ]
    for field in ("channel", "relayed_by"):
        value = getattr(statement, field)
        if field in wanted and not either_contains(value, wanted[field]):
            differences.append(f"{field}: expected {wanted[field]!r}, got {value!r}")
    return differences


def test_boilerplate_is_removed(article: Article, expected: dict[str, Any]) -> None:
    for boilerplate in expected["article"]["boilerplate"]:
        assert boilerplate not in article.text


def test_published_date_is_read_from_the_header(article: Article, expected: dict[str, Any]) -> None:
    assert article.published == date.fromisoformat(expected["article"]["published"])


def test_every_span_indexes_the_article_text(article: Article, statements: list[Statement]) -> None:
    for statement in statements:
        spans = [*statement.source, *statement.content]
        spans += [statement.cue] if statement.cue else []
        for span in spans:
            assert article.text[span.start_char : span.end_char] == span.text


@pytest.mark.parametrize("wanted", expected_statements(), ids=lambda wanted: wanted["id"])
def test_expected_statement(statements: list[Statement], wanted: dict[str, Any]) -> None:
    statement = find_statement(statements, wanted)
    by_speaker = [describe(s) for s in statements if s.speaker == wanted["speaker"]]
    assert statement is not None, (
        f"no statement by {wanted['speaker']!r} containing {wanted['content_contains']!r}; "
        f"statements by that speaker: {by_speaker}"
    )
    assert not mismatches(statement, wanted), (
        f"{describe(statement)}: {mismatches(statement, wanted)}"
    )


def test_statements_found_meets_floor(
    statements: list[Statement], expected: dict[str, Any], quality_floors: dict[str, Any]
) -> None:
    found = sum(find_statement(statements, wanted) is not None for wanted in expected["statements"])
    floor = quality_floors["golden_azovstal"]["statements_found"]
    assert found >= floor, (
        f"found {found} of {len(expected['statements'])} statements, floor {floor}"
    )
