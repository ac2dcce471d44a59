"""Event frames across speakers: presence and departure, origin, telling, and denials."""

from __future__ import annotations

import pytest

from sayso.link.frames import denied_event, frame_clash
from sayso.link.reading import Reader

READER = Reader()


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("The militia withdrew from the bridge on Monday", "They are still at the bridge",
         '"are still at" (still there) vs "withdrew" (gone)'),
        ("The squatters were driven out by bailiffs", "The squatters remain inside the mill",
         '"remain inside" (still there) vs "were driven out" (gone)'),
        ("They were pushed out by the army", "No, they [the rebels] are at the depot",
         '"are at" (still there) vs "were pushed out" (gone)'),
        ("The blaze began in the garage",
         "It started with a spark in the kitchen, not in the garage",
         '"not" rules out "garage" as where it began'),
        ("The kitchen burned first", "The fire started in the cellar, not in the kitchen",
         '"not" rules out "kitchen" as where it began'),
        ("We warned the council about the bridge in May",
         "The council received no complaint about the bridge", None),
    ],
)
def test_frames_that_exclude_each_other(a: str, b: str, why: str | None) -> None:
    found = frame_clash(*READER.read([a, b]))
    assert found is not None
    assert why is None or found.why == why


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("What is inside the box is unknown", "They were left waiting outside"),
        ("The militia withdrew from the bridge", "The militia withdrew from the town"),
        ("The blaze began in the garage", "The garage burned first"),
    ],
)
def test_frames_that_agree_or_name_no_party_do_not_clash(a: str, b: str) -> None:
    assert frame_clash(*READER.read([a, b])) is None


@pytest.mark.parametrize(
    ("denied", "asserted", "why"),
    [
        ("there had been any combat near the dam", "heavy fighting continued near the dam",
         '"fighting" is a kind of "combat"'),
        ("it was ever told about the faulty valve", "We warned the operator about that valve",
         "a message about the valve"),
        ("its forces had operated at the Korvo airfield", "troops landed at the Korvo airfield",
         'the same actors ("troops" are "forces") at the same place'),
        ("the dam had been inspected by engineers", "Engineers inspected the dam in June",
         'the same act ("inspected") on "dam"'),
    ],
)
def test_an_assertion_of_what_a_denial_covers(denied: str, asserted: str, why: str) -> None:
    found = denied_event(*READER.read([denied, asserted]))
    assert found is not None and found.why == why


def test_an_assertion_of_something_else_is_not_what_was_denied() -> None:
    denied, asserted = "there had been any combat near the dam", "the river rose near the dam"
    assert denied_event(*READER.read([denied, asserted])) is None


def test_a_denied_overload_against_a_count_above_the_limit() -> None:
    denied = "the bus had been overloaded"
    asserted = "Over 90 people were aboard, far above the bus's licence of 60"
    found = denied_event(*READER.read([denied, asserted]))
    assert found is not None and found.why == "over 90 aboard against a limit of 60"
    assert denied_event(*READER.read([denied, "Over 90 people were aboard"])) is None
