"""One account negating what another asserts: a predicate, a thing, a place (made-up text)."""

from __future__ import annotations

import pytest

from sayso.link.negation import negation_clash
from sayso.link.reading import Reader

READER = Reader()


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("Nothing hit the tower from outside", "A drone hit the tower",
         '"Nothing" negates "A drone hit the tower"'),
        ("The guards never opened the gate", "The guards opened the gate at dawn",
         '"never" negates "The guards opened the gate at dawn"'),
        ("There was no explosion", "An explosion shook the depot", '"no" negates "explosion"'),
        ("I heard no gunfire", "Gunfire echoed across the valley", '"no" negates "gunfire"'),
        ("Inspectors found no trace of asbestos in the hall", "The hall was full of asbestos",
         '"no" negates "asbestos"'),
        ("The flood began in the basement, not in the kitchen", "The flood began in the kitchen",
         '"not" negates "in the kitchen"'),
        ("Nothing hit the mast from outside", "A drone strike on the mast started the fire",
         '"Nothing" negates "A drone strike on the mast"'),
        ("The emergency lights never came on", "The emergency lights worked perfectly",
         '"never" negates "The emergency lights worked perfectly"'),
    ],
)
def test_a_negation_of_what_the_other_asserts(a: str, b: str, why: str) -> None:
    found = negation_clash(*READER.read([a, b]))
    assert found is not None and found.why == why
    assert found.words[0] in a and found.words[1] in b


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("There was no explosion", "There was no explosion at all"),  # both deny it
        ("Investigators found no sign of arson", "Investigators found the cause"),  # other finds
        ("Whatever the inspectors find, the hall is safe", "Inspectors found nothing"),
        ("If there was no fire, why did the alarm ring?", "A fire broke out in the attic"),
        ("Nobody saw the van", "The guards stopped the van"),  # other predicates
        ("The flood began in the basement, not in the kitchen", "The flood began in the basement"),
    ],
)
def test_agreeing_hypothetical_or_unrelated_accounts_are_no_negation(a: str, b: str) -> None:
    assert negation_clash(*READER.read([a, b])) is None


def test_a_bare_denial_of_a_thing_does_not_reach_one_the_other_takes_as_known() -> None:
    """"There was no delay" (of the buses) against "the delay was not acceptable" (of the
    results): a definite noun may be another delay; an indefinite one asserts one."""
    denied = "There was no delay"
    assert negation_clash(*READER.read([denied, "the delay was longer than a week"])) is None
    assert negation_clash(*READER.read([denied, "a delay of two hours followed"])) is not None


def test_at_no_point_negates_its_clause() -> None:
    a = "At no point was there any release of gas"
    assert negation_clash(*READER.read([a, "no gas was released"])) is None  # both say no


def test_a_shared_modifier_is_not_a_shared_argument() -> None:
    """"fire doors failed" and "nobody died in the fire" share "fire" only as a modifier (and
    WordNet has a sense of "fail" that is "die")."""
    a, b = "the fire doors failed", "nobody died in the fire"
    assert negation_clash(*READER.read([a, b])) is None
