"""WordNet antonyms over Debian's wordnet-base, and linking without it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sayso.link.antonyms import WordNet, antonym_clash
from sayso.link.reading import Reader

WORDNET = WordNet.load()
needs_wordnet = pytest.mark.skipif(
    not WORDNET.available, reason="Debian's wordnet-base is not installed (make install)"
)
READER = Reader()


@needs_wordnet
def test_antonyms_kinds_and_classes_come_from_wordnet() -> None:
    assert "dead" in WORDNET.antonyms("alive", "a")
    assert WORDNET.are_antonyms("open", "a", "shut", "a")
    assert WORDNET.are_antonyms("enter", "v", "exit", "v")
    assert "outside" in WORDNET.antonyms("inside", "r")
    assert WORDNET.is_kind_of("fighting", "conflict")
    assert not WORDNET.is_kind_of("conflict", "fighting")
    assert "verb.communication" in WORDNET.classes("warn", "v")


@needs_wordnet
@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("The main gate was open all night", "The main gate was shut all night",
         '"open" is an antonym of "shut"'),
        ("The lights in the ward were switched on", "The lights in the ward were switched off",
         '"switch on" is an antonym of "switch off"'),
        ("The tanker entered the harbour at noon", "The tanker exited the harbour at noon",
         '"enter" is an antonym of "exit"'),
        ("The fire was caused by a drone strike from outside",
         "The fire was caused by an explosion inside the tower",
         '"outside" is an antonym of "inside"'),
    ],
)
def test_antonyms_heading_predicates_of_one_thing_clash(a: str, b: str, why: str) -> None:
    found = antonym_clash(*READER.read([a, b]))
    assert found is not None and found[1] == why


@needs_wordnet
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The main gate was open", "The side door was shut"),  # different things
        ("The main gate was open", "The main gate was not shut"),  # the same, said two ways
    ],
)
def test_antonyms_of_different_things_or_negated_ones_do_not_clash(a: str, b: str) -> None:
    assert antonym_clash(*READER.read([a, b])) is None


def test_without_the_data_linking_runs_and_says_once_how_to_install_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="sayso.link"):
        missing = WordNet.load(tmp_path)
        again = WordNet.load(tmp_path)
    assert not missing.available and again is missing
    assert missing.antonyms("alive", "a") == frozenset()
    assert not missing.is_kind_of("fighting", "conflict")
    [record] = [r for r in caplog.records if "WordNet" in r.getMessage()]
    message = record.getMessage()
    assert "antonymy" in message and "apt-get install wordnet-base" in message


@needs_wordnet
def test_antonyms_need_one_subject() -> None:
    """"stay" and "move" said of the floors and of the staff are no clash."""
    a, b = "the upper floors would stay closed", "staff moved patients from the upper floors"
    assert antonym_clash(*READER.read([a, b])) is None
