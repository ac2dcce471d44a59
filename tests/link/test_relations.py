"""Relations between two statements of a claim, from words, polarity and a stance model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sayso.link.opposition import load_opposites
from sayso.link.relations import Judge, Side
from sayso.model import Polarity, Span, Statement

BOOK = load_opposites()


def side(
    number: int,
    content: str,
    speaker: str,
    polarity: Polarity = "asserts",
    vector: Sequence[float] = (1.0, 0.0),
) -> Side:
    text = f'"{content}," {speaker} said.'
    start = 1
    statement = Statement(
        id=f"s{number}",
        article_id="a1",
        speaker=speaker,
        speaker_kind="person",
        role=None,
        source=(Span(len(content) + 4, len(content) + 4 + len(speaker), speaker),),
        cue=None,
        content=(Span(start, start + len(content), text[start : start + len(content)]),),
        kind="direct",
        polarity=polarity,
    )
    unit = np.asarray(vector, dtype=np.float32)
    return Side(statement, f"sp-{speaker}", unit / np.linalg.norm(unit))


class Stance:
    """A stance model that answers the same probabilities for every pair, and counts calls."""

    def __init__(self, **probabilities: float) -> None:
        self.answer = {"agree": 0.0, "disagree": 0.0, "discuss": 0.0, "unrelated": 0.0}
        self.answer.update(probabilities)
        self.pairs: list[tuple[str, str]] = []

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        self.pairs += pairs
        return [dict(self.answer) for _ in pairs]


def relate(a: Side, b: Side, stance: Stance | None = None) -> list[tuple[str, float, str]]:
    links = Judge(BOOK, stance).relate([(a, b)], ["c1"])
    return [(link.relation, link.score, link.reason) for link in links]


def test_opposed_words_contradict_and_the_reason_quotes_them() -> None:
    a = side(1, "The ceasefire holds in the north", "Ana Petrova")
    b = side(2, "Both sides violated the ceasefire overnight", "Jon Dale")
    [(relation, score, reason)] = relate(a, b)
    assert relation == "contradicts" and score > 0.8
    assert reason == (
        'Ana Petrova says "ceasefire holds in the north" but Jon Dale says "violated the '
        'ceasefire overnight"'
    )


def test_presence_against_departure_is_read_without_the_file() -> None:
    a = side(1, "They were pushed back by the police", "Ana Petrova")
    b = side(2, "the protesters are still in the square", "Jon Dale")
    [(relation, _, reason)] = relate(a, b)
    assert relation == "contradicts"
    assert reason.endswith('"are still in" (still there) vs "were pushed back" (gone)')


def test_a_denial_of_what_another_asserts() -> None:
    denial = side(1, "its forces took part in any operation at the Varno mine", "Ostland", "denies")
    claim = side(2, "Ostland troops stormed the entrance of Varno", "Lea Marsh")
    [(relation, _, reason)] = relate(claim, denial)
    assert relation == "denies"
    assert reason.startswith('Ostland denies "')
    assert "the same actors" in reason


def test_a_denial_of_an_event_covers_its_kinds() -> None:
    denial = side(1, "there had been any conflict in the valley", "Ostland", "denies")
    claim = side(2, "Heavy fighting continued through the night", "Lea Marsh")
    [(relation, _, reason)] = relate(claim, denial)
    assert relation == "denies"
    assert reason.endswith('"fighting" is a kind of "conflict"')


def test_a_denial_the_model_reads_as_the_same_proposition() -> None:
    denial = side(1, "the company hid the leak from inspectors", "Halvard Chemicals", "denies")
    claim = side(2, "managers kept the sensor readings secret from the inspectors", "Union")
    assert relate(claim, denial) == []  # no words in the book, no model
    # discussing it is not saying it
    assert relate(claim, denial, Stance(agree=0.3, discuss=0.7)) == []
    [(relation, score, _)] = relate(claim, denial, Stance(agree=0.9, discuss=0.1))
    assert relation == "denies" and score == 0.9


def test_two_denials_of_one_thing_support_each_other() -> None:
    a = side(1, "any ground conflict at the plant", "Russia", "denies")
    b = side(2, "any fighting at the plant", "Dmitry Peskov", "denies")
    [(relation, _, _)] = relate(a, b, Stance(agree=0.9))
    assert relation == "supports"


def test_clock_times_of_one_event_contradict_without_the_model() -> None:
    a = side(1, "the company called the fire service at 11:32", "Marta Ilves")
    b = side(2, "the first call from the plant came at 11:51", "Jana Holt")
    [(relation, score, reason)] = relate(a, b, Stance(agree=0.99))
    assert (relation, score) == ("contradicts", 0.9)
    assert reason.endswith("the times (11:32 vs 11:51)")


def test_the_model_decides_when_no_words_show_it() -> None:
    a = side(1, "the company acted responsibly throughout", "Marta Ilves")
    b = side(2, "managers ignored the union for months", "Jana Holt")
    [(relation, score, reason)] = relate(a, b, Stance(disagree=0.7, discuss=0.3))
    assert (relation, score) == ("contradicts", 0.7)
    assert '"the company acted responsibly throughout"' in reason
    assert relate(a, b, Stance(disagree=0.4, discuss=0.6)) == []
    [(relation, _, _)] = relate(a, b, Stance(agree=0.95))
    assert relation == "supports"


def test_one_speaker_saying_it_again_repeats_and_is_not_judged_by_the_model() -> None:
    a = side(1, "Heavy fighting is going on", "Sviatoslav Palamar")
    b = side(2, "Heavy fighting continues", "Sviatoslav Palamar", vector=(0.99, 0.1))
    stance = Stance(disagree=0.99)
    [(relation, _, _)] = relate(a, b, stance)
    assert relation == "repeats" and stance.pairs == []
    far = side(3, "We need a corridor", "Sviatoslav Palamar", vector=(0.0, 1.0))
    assert relate(a, far, stance) == []


def test_the_shorter_statement_is_given_to_the_model_as_the_headline() -> None:
    stance = Stance()
    short = side(1, "The plant fell", "A")
    long = side(2, "The plant is still held by its defenders after days of fighting", "B")
    relate(long, short, stance)
    assert stance.pairs == [(short.text, long.text)]


def test_the_model_is_not_asked_about_unlike_statements_or_settled_ones() -> None:
    stance = Stance(disagree=0.99)
    a = side(1, "the company acted responsibly throughout", "Marta Ilves")
    unlike = side(2, "the mayor thanked the volunteers", "Tomas Brenner", vector=(0.0, 1.0))
    opposed = side(3, "the hostages are alive", "X")
    settled = side(4, "the hostages were killed", "Y")
    assert relate(a, unlike, stance) == []
    relate(opposed, settled, stance)
    assert stance.pairs == []


def test_a_denial_that_states_nothing_is_not_given_to_the_model() -> None:
    denial = side(1, "the bow door", "Ferry Lines", "denies")
    claim = side(2, "the bow door was shut and locked", "Bertil Nyqvist")
    stance = Stance(agree=0.9)
    assert relate(claim, denial, stance) == [] and stance.pairs == []
