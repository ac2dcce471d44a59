"""Counts, clock times, durations and supplies that cannot both be true, read on the parse.

The sentences are made up for these tests (none comes from the examples or the dev sets)."""

from __future__ import annotations

import pytest

from sayso.link.quantities import count_mismatch, counts, supply_mismatch
from sayso.link.reading import Reader
from sayso.link.timing import duration_mismatch, time_mismatch

READER = Reader()


def docs(a: str, b: str):  # type: ignore[no-untyped-def]
    return READER.read([a, b])


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("Four miners died in the collapse", "There were no casualties at the mine",
         "the numbers (4 dead vs no casualties)"),
        ("All of the climbers are alive", "Two climbers were killed by the avalanche",
         "the numbers (all alive vs 2 dead)"),
        ("Everyone on the bus survived", "Nobody died on the bus, but seven people died nearby",
         None),
        ("Nobody was hurt in the blast", "Nine workers were injured in the blast",
         "the numbers (no injured vs 9 injured)"),
        ("Three hikers are still missing", "All twelve hikers were accounted for",
         "the numbers (3 missing vs all 12 accounted)"),
        ("More than 300 people were aboard", "Only 240 passengers were on board",
         "the numbers (more than 300 aboard vs 240 aboard)"),
        ("Police fired three rubber bullets", "At least twenty rubber bullets were fired",
         "the numbers (3 bullets vs at least 20 bullets)"),
    ],
)
def test_counts_that_cannot_both_be_true(a: str, b: str, why: str | None) -> None:
    found = count_mismatch(*docs(a, b))
    if why is None:
        assert found is not None  # seven died nearby, yet everyone survived
    else:
        assert found is not None and found.why == why
        assert found.words[0] in a and found.words[1] in b


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Four miners died in the collapse", "The death toll now stands at four"),
        ("Nobody died in the flood", "Every one of the villagers is alive"),
        ("More than two hundred families were evacuated", "They evacuated 230 families"),
        ("Four miners died in the collapse", "Two rescuers died on the way down"),  # other people
        ("Three patients did not die", "Two patients died"),  # a negated count says no number
        ("The hall holds about 500 people", "There were 510 people at the rally"),
    ],
)
def test_compatible_or_unrelated_counts_do_not_clash(a: str, b: str) -> None:
    assert count_mismatch(*docs(a, b)) is None


def test_a_count_reads_number_words_bounds_and_zero() -> None:
    [doc] = READER.read(["More than two hundred people were evacuated and no one was hurt"])
    found = {(c.category, c.low, c.figure) for c in counts(doc)}
    assert ("evacuated", 201.0, "more than 200") in found
    assert ("injured", 0, "none") in found


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("The siren sounded at 9:15 p.m.", "The siren went off at 9:40",
         "the times (9:15 p.m. vs 9:40)"),
        ("The pilot sent the mayday at 6:05 a.m.", "The tower received the distress call at 6:31",
         "the times (6:05 a.m. vs 6:31)"),
        ("The school called the police at 10:02", "The call reached the police at 10:20",
         "the times (10:02 vs 10:20)"),
    ],
)
def test_clock_times_of_one_event_far_apart_clash(a: str, b: str, why: str) -> None:
    found = time_mismatch(*docs(a, b))
    assert found is not None and found.why == why


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The siren sounded at 9:15 p.m.", "The siren sounded at 9:17 p.m."),  # within rounding
        ("The train left the station at 8:10", "The police arrived at 8:45"),  # other events
        ("The siren sounded at about 9:15", "The siren went off at 9:35"),  # an estimate
    ],
)
def test_close_or_unrelated_times_do_not_clash(a: str, b: str) -> None:
    assert time_mismatch(*docs(a, b)) is None


def test_durations_of_one_happening_far_apart_clash() -> None:
    a = "all the children were out of the school within ten minutes"
    b = "the children waited more than an hour to be brought out"
    found = duration_mismatch(*docs(a, b))
    assert found is not None and found.why.startswith("how long it took (within ten minutes")
    assert duration_mismatch(*docs(a, "the teachers waited more than an hour")) is None


def test_not_enough_against_everyone_having_one() -> None:
    a, b = "there were not enough blankets for the evacuees", "every evacuee had a blanket"
    found = supply_mismatch(*docs(a, b))
    assert found is not None and found.why == '"not enough blankets" vs every one having blanket'
    assert supply_mismatch(*docs(a, "every evacuee had a bed")) is None


def test_an_organisation_named_board_and_years_are_no_count_aboard() -> None:
    a = "146 were registered on board"
    b = "The safety board asked for the records of the past two years"
    assert count_mismatch(*docs(a, b)) is None
