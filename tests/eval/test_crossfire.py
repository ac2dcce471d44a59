"""Crossfire scoring: gold loading, matching on hand-made data, and the gate on the dev set.

The unit tests build the gold and the observation by hand (no model runs); the gate ingests and
links tests/eval/crossfire for real and holds its figures to the floors in quality_floors.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sayso.cli import main
from sayso.errors import EvalDataError
from sayso.eval.crossfire import (
    CrossfireReport,
    GoldEvent,
    GoldPair,
    GoldStatement,
    Observation,
    Observed,
    evaluate_crossfire,
    load_crossfire,
    observe,
    score_crossfire,
)
from sayso.extract import Extractor
from sayso.model import Article, Claim, Link, Speaker, Statement
from sayso.store import open_store
from sayso.store.linked import ClaimRow

CROSSFIRE = Path(__file__).with_name("crossfire")

MAYOR = GoldStatement("s1", "fire", "a.txt", ("Ilse Vandergraaf",), "three people died", "indirect")
DOCTOR = GoldStatement("s2", "fire", "b.txt", ("Farida Osei",), "nobody died", "direct")
CHIEF = GoldStatement("s3", "fire", "b.txt", ("Tomas Ekdahl",), "the toll is three", "indirect")
PAIRS = (
    GoldPair("fire", "s1", "s2", "the numbers", contradicts=True),
    GoldPair("fire", "s1", "s3", "the same count", contradicts=False),
)


def _event(pairs: tuple[GoldPair, ...] = PAIRS) -> GoldEvent:
    articles = (Path("fire/a.txt"), Path("fire/b.txt"))
    return GoldEvent("fire", Path("fire"), articles, (MAYOR, DOCTOR, CHIEF), pairs)


def _observed(
    statement_id: str,
    article: str,
    speaker: str | None,
    content: str,
    claim_id: str | None = "c1",
    canonical: str | None = None,
) -> Observed:
    return Observed(statement_id, article, speaker, canonical, (content,), claim_id)


def _score(*statements: Observed, links: tuple[Link, ...] = ()) -> CrossfireReport:
    return score_crossfire([_event()], Observation(statements, links))


def _causes(report: CrossfireReport, kind: str) -> list[str]:
    return [problem.cause for problem in report.problems if problem.kind == kind]


# Matching statements


def test_a_statement_is_found_by_speaker_any_case_and_content() -> None:
    report = _score(
        _observed("x1", "a.txt", "ilse VANDERGRAAF", "on Monday three people died in the fire"),
        _observed("x2", "b.txt", "Farida Osei", "nobody died"),
    )
    assert (report.statements, report.statements_found, report.statements_by_content) == (3, 2, 2)
    assert _causes(report, "statement") == ["not extracted"]


def test_the_linked_canonical_speaker_counts_too() -> None:
    linked = _observed(
        "x1", "a.txt", "the mayor", "three people died", canonical="Ilse Vandergraaf"
    )
    assert _score(linked).statements_found == 1


def test_a_wrong_speaker_is_told_apart_from_a_miss() -> None:
    report = _score(_observed("x1", "a.txt", "Farida Osei", "three people died"))
    assert (report.statements_found, report.statements_by_content) == (0, 1)
    assert _causes(report, "statement")[0] == "wrong speaker"
    assert "'Farida Osei'" in report.problems[0].detail


def test_content_must_be_in_the_gold_article() -> None:
    report = _score(_observed("x1", "b.txt", "Ilse Vandergraaf", "three people died"))
    assert report.statements_by_content == 0


def test_a_fragment_may_span_the_joined_content_spans() -> None:
    split = Observed("x1", "a.txt", "Ilse Vandergraaf", None, ("three people", "died"), None)
    assert _score(split).statements_found == 1


def test_a_fragment_ending_in_an_abbreviation_matches_a_content_without_the_stop() -> None:
    call = GoldStatement("s9", "fire", "a.txt", ("Tomas Ekdahl",), "the call at 6:58 p.m.", "x")
    event = GoldEvent("fire", Path("fire"), (Path("fire/a.txt"),), (call,), ())
    observed = _observed("x1", "a.txt", "Tomas Ekdahl", "we had the call at 6:58 p.m")
    assert score_crossfire([event], Observation((observed,), ())).statements_found == 1


def test_a_coordinated_speaker_counts() -> None:
    both = GoldStatement("s9", "fire", "a.txt", ("Piet Aalders", "Ilse Vandergraaf"), "reopen", "x")
    event = GoldEvent("fire", Path("fire"), (Path("fire/a.txt"),), (both,), ())
    observed = _observed("x1", "a.txt", "Ilse Vandergraaf", "it will reopen next week")
    assert score_crossfire([event], Observation((observed,), ())).statements_found == 1


# Pairs, claims and links


def _three(claim_of_chief: str = "c1") -> tuple[Observed, ...]:
    return (
        _observed("x1", "a.txt", "Ilse Vandergraaf", "three people died"),
        _observed("x2", "b.txt", "Farida Osei", "nobody died"),
        _observed("x3", "b.txt", "Tomas Ekdahl", "the toll is three", claim_id=claim_of_chief),
    )


def test_a_contradiction_is_found_either_way_round() -> None:
    link = Link("x2", "x1", "denies", 0.9, "why")
    report = _score(*_three(), links=(link,))
    assert (report.contradictions, report.contradictions_found) == (1, 1)
    assert report.rates()["contradictions_found"] == 1.0


def test_a_supports_link_does_not_find_a_contradiction() -> None:
    report = _score(*_three(), links=(Link("x1", "x2", "supports", 0.9, "why"),))
    assert report.contradictions_found == 0
    assert _causes(report, "contradiction") == ["judged supports"]
    assert (report.links, report.conflict_links) == (1, 0)


def test_a_contradiction_with_a_wrong_speaker_counts_by_content_only() -> None:
    statements = (*_three()[:1], _observed("x2", "b.txt", "the hospital", "nobody died"))
    report = _score(*statements, links=(Link("x1", "x2", "contradicts", 0.9, "why"),))
    assert (report.contradictions_found, report.contradictions_by_content) == (0, 1)
    assert "linked, but a speaker is wrong" in _causes(report, "contradiction")


def test_a_linked_consistent_pair_is_an_error() -> None:
    report = _score(*_three(), links=(Link("x1", "x3", "contradicts", 0.8, "three vs toll"),))
    assert (report.consistent, report.consistent_linked) == (1, 1)
    assert _causes(report, "consistent") == ["linked as a conflict"]
    assert "three vs toll" in report.problems[-1].detail


def test_claims_shared_counts_pairs_about_one_point() -> None:
    report = _score(*_three(claim_of_chief="c2"))
    assert (report.same_point_pairs, report.claims_shared) == (2, 1)
    assert _causes(report, "claim") == ["not in one claim"]
    assert _causes(report, "contradiction") == ["same claim, not linked"]


def test_a_pair_on_different_questions_is_not_held_to_one_claim() -> None:
    pairs = (GoldPair("fire", "s1", "s3", "other question", contradicts=False, same_point=False),)
    report = score_crossfire([_event(pairs)], Observation(_three("c2"), ()))
    assert (report.consistent, report.same_point_pairs) == (1, 0)


def test_conflicts_off_gold_unlisted_and_across_events_are_counted() -> None:
    other = GoldEvent("ferry", Path("ferry"), (Path("ferry/c.txt"),), (), ())
    statements = (*_three(), _observed("y1", "c.txt", "Edvin Rask", "there was no wave"))
    links = (
        Link("x2", "x3", "contradicts", 0.9, "gold, no pair"),
        Link("x1", "y1", "contradicts", 0.9, "across"),
    )
    report = score_crossfire([_event(), other], Observation(statements, links))
    assert report.conflict_links == 2
    assert (report.conflicts_unlisted, report.conflicts_off_gold) == (1, 1)
    assert report.conflicts_across_events == 1


def test_as_json_is_one_json_object_with_rates_and_problems() -> None:
    document = json.loads(json.dumps(_score(*_three()).as_json()))
    assert document["statements"] == 3 and document["rates"]["statements_right_speaker"] == 1.0
    assert {"kind", "cause", "gold", "detail"} <= set(document["problems"][0])


# Loading gold


def _write_event(folder: Path, fragment: str = "three people died") -> Path:
    event = folder / "fire"
    event.mkdir(parents=True)
    (event / "a.txt").write_text("date 2026-04-14\n\nThe mayor said three people died.\n")
    gold = {
        "event": "a fire",
        "statements": [
            {
                "id": "s1",
                "article": "a.txt",
                "speaker": "Mayor",
                "content_contains": fragment,
                "kind": "indirect",
            },
        ],
        "contradictions": [],
        "consistent": [{"a": "s1", "b": "s1", "same_point": False, "what": "itself"}],
    }
    (event / "gold.json").write_text(json.dumps(gold))
    return folder


def test_load_crossfire_reads_events_articles_and_pairs(tmp_path: Path) -> None:
    (event,) = load_crossfire(_write_event(tmp_path))
    assert event.name == "fire" and [p.name for p in event.articles] == ["a.txt"]
    assert event.statements[0].speakers == ("Mayor",)
    assert event.pairs[0].contradicts is False and event.pairs[0].same_point is False


@pytest.mark.parametrize("fragment", ["four people died"])
def test_a_fragment_not_in_its_article_is_refused(tmp_path: Path, fragment: str) -> None:
    with pytest.raises(EvalDataError, match="four people died"):
        load_crossfire(_write_event(tmp_path, fragment))


def test_a_folder_without_gold_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="gold.json"):
        load_crossfire(tmp_path)


def test_the_dev_set_loads_with_enough_pairs() -> None:
    events = load_crossfire(CROSSFIRE)
    assert len(events) == 3
    for event in events:
        assert len(event.articles) == 4
        assert sum(pair.contradicts for pair in event.pairs) >= 7
        assert sum(not pair.contradicts for pair in event.pairs) >= 6


def test_the_cli_says_a_bad_folder_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "crossfire", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "gold.json" in result.output


# Reading a store


def test_observe_reads_extracted_and_canonical_speakers_claims_and_links(tmp_path: Path) -> None:
    text = "The mayor said three people died. Osei said nobody died."
    article = Article("art1", text, path=str(tmp_path / "a.txt"))
    statements = [
        _statement("st1", article, "the mayor", 15, 32),
        _statement("st2", article, "Farida Osei", 44, 55),
    ]
    mayor = Speaker("sp1", "Ilse Vandergraaf", "person")
    with open_store(":memory:") as store:
        store.save(article, statements)
        store.replace_speakers([mayor], {"st1": "sp1"})
        claim = ClaimRow(Claim("c1", "deaths", 2), bytes(16), {})
        store.save_claims([claim], [("st1", "c1", b""), ("st2", "c1", b"")])
        store.save_links([Link("st1", "st2", "contradicts", 0.9, "why", "c1")])
        observation = observe(store)
    first, second = observation.statements
    assert (first.article, first.speaker, first.canonical) == ("a.txt", "the mayor", mayor.name)
    assert first.content == ("three people died",) and first.claim_id == "c1"
    assert (second.speaker, second.canonical) == ("Farida Osei", None)
    assert [(link.a, link.b) for link in observation.links] == [("st1", "st2")]


def _statement(
    statement_id: str, article: Article, speaker: str, start: int, end: int
) -> Statement:
    return Statement(
        id=statement_id,
        article_id=article.id,
        speaker=speaker,
        speaker_kind="person",
        role=None,
        source=(),
        cue=None,
        content=(article.span(start, end),),
        kind="indirect",
        polarity="asserts",
    )


# The gate


@pytest.fixture(scope="module")
def dev_report(extractor: Extractor) -> CrossfireReport:
    report = evaluate_crossfire(CROSSFIRE, extractor)
    print(f"\ncrossfire rates {report.rates()}")
    return report


@pytest.mark.slow
def test_the_whole_dev_set_is_scored(dev_report: CrossfireReport) -> None:
    assert (dev_report.events, dev_report.articles) == (3, 12)
    assert dev_report.statements == sum(len(e.statements) for e in load_crossfire(CROSSFIRE))


@pytest.mark.slow
@pytest.mark.parametrize(
    "figure", ["statements_right_speaker", "contradictions_found", "claims_shared"]
)
def test_crossfire_meets_floor(
    dev_report: CrossfireReport, quality_floors: dict[str, Any], figure: str
) -> None:
    floor = quality_floors["crossfire"][figure]
    measured = dev_report.rates()[figure]
    assert measured >= floor, f"crossfire {figure} {measured:.4f} < floor {floor}"


@pytest.mark.slow
def test_crossfire_links_few_consistent_pairs(
    dev_report: CrossfireReport, quality_floors: dict[str, Any]
) -> None:
    ceiling = quality_floors["crossfire"]["consistent_linked_max"]
    measured = dev_report.rates()["consistent_linked"]
    assert measured <= ceiling, f"crossfire consistent pairs linked {measured:.4f} > {ceiling}"
