"""`sayso link` end to end on the project's own fictional examples, with the real models and a
real SQLite file: speakers merged across outlets, incremental runs, conflicts across outlets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sayso.extract import Extractor
from sayso.link import link_store
from sayso.pipeline import ingest_paths
from sayso.store import SQLiteStore, open_store

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(model="fast")


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    with open_store(tmp_path / "sayso.db") as opened:
        yield opened


def _ingest(store: SQLiteStore, extractor: Extractor, *paths: Path) -> None:
    report = ingest_paths([str(p) for p in paths], store, extractor)
    assert report.ok, report.summary()


def test_one_speaker_under_two_spellings_across_outlets(
    store: SQLiteStore, extractor: Extractor
) -> None:
    _ingest(store, extractor, EXAMPLES)
    link_store(store)

    [union_leader] = store.speakers("Hritsenko")
    assert {union_leader.name, *union_leader.aliases} >= {
        "Oleksandr Hrytsenko",
        "Olexander Hritsenko",
    }
    said = {
        v.statement.article_id
        for v in store.claim_members([c.id for c in store.claims()])
        if v.speaker_id == union_leader.id
    }
    assert len(said) >= 2  # quoted by two outlets, one speaker


def test_conflicts_are_found_across_outlets_with_reasons(
    store: SQLiteStore, extractor: Extractor
) -> None:
    _ingest(store, extractor, EXAMPLES)
    report = link_store(store)

    views = store.links()
    assert report.conflicts == len(views) > 0
    assert any(view.a.article_id != view.b.article_id for view in views)
    for view in views:
        assert view.link.reason.count('"') >= 4  # both sides quoted


def test_a_second_run_links_nothing_new_and_changes_nothing(
    store: SQLiteStore, extractor: Extractor
) -> None:
    _ingest(store, extractor, EXAMPLES)
    first = link_store(store)
    before = (store.link_counts(), [v.link for v in store.links()])

    again = link_store(store)

    assert first.placed > 0 and (again.placed, again.links) == (0, 0)
    assert (store.link_counts(), [v.link for v in store.links()]) == before


def test_articles_arriving_later_join_the_claims_already_there(
    store: SQLiteStore, extractor: Extractor, tmp_path: Path
) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    shutil.copy(EXAMPLES / "courier-2026-03-10.txt", first)
    shutil.copy(EXAMPLES / "riverside-post-2026-03-11.txt", later)
    _ingest(store, extractor, first)
    link_store(store)
    sizes = {claim.id: claim.size for claim in store.claims()}

    _ingest(store, extractor, later)
    report = link_store(store)

    assert report.placed == len(store.statements()) - sum(sizes.values())
    grown = [c for c in store.claims() if c.id in sizes and c.size > sizes[c.id]]
    assert grown  # the second outlet's statements joined claims of the first


def test_a_re_extracted_article_loses_its_old_links(
    store: SQLiteStore, extractor: Extractor, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    text = (EXAMPLES / "courier-2026-03-10.txt").read_text("utf-8")
    story.write_text("url: https://courier.example/fire\n" + text, "utf-8")
    _ingest(store, extractor, story)
    link_store(store)
    story.write_text(story.read_text("utf-8").replace("Marta Ilves", "Marta Ilvesson"), "utf-8")

    _ingest(store, extractor, story)  # the same URL: the article is replaced
    report = link_store(store)

    assert len(store.articles()) == 1 and report.removed > 0
    assert store.speakers("Ilvesson") and not [
        s for s in store.speakers("Ilves") if s.name == "Marta Ilves"
    ]


def test_statements_of_one_event_are_judged_across_claims(
    store: SQLiteStore, extractor: Extractor
) -> None:
    crossfire = Path(__file__).resolve().parents[1] / "eval" / "crossfire" / "kalvik-hospital-fire"
    _ingest(store, extractor, crossfire)
    link_store(store)

    claim_of = {
        m.statement.id: m.claim_id for m in store.claim_members([c.id for c in store.claims()])
    }
    across = [v for v in store.links() if claim_of[v.a.id] != claim_of[v.b.id]]
    assert across  # accounts of one event that clustering put in different claims
    for view in across:
        assert view.a.speaker != view.b.speaker
        assert view.link.reason.count('"') >= 4
