"""Clock times and durations of one event that cannot both be true.

A clock time ("at 11:47 p.m.", "12:09") belongs to the clause it is in; two times clash when the
clauses time the same event (the same event noun, "the alarm"; a message and a kind of it, "the
mayday" / "the distress call"; one clause's predicate named as the other's event, "the plant
called" / "the call arrived") and lie further apart than ``CLOCK_TOLERANCE``. A duration
("within forty minutes", "more than two hours", "three to four hours") is a range of minutes;
two clash when they are about the same people doing the same thing and lie far apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sayso.link.antonyms import WordNet
from sayso.link.quantities import (
    AT_LEAST,
    DAY,
    UNIT_MINUTES,
    WITHIN,
    Mismatch,
    hedged_start,
    number_value,
)
from sayso.link.reading import (
    HOLLOW_LEMMAS,
    OBJECTS,
    SUBJECTS,
    clause_head,
    lemma,
    noun_words,
    per_doc,
    phrase,
    quote,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Clock times of one event further apart than this (minutes) clash: sources giving a time to
# the minute disagree by more than rounding to five minutes (11:32 vs 11:51 is 19).
CLOCK_TOLERANCE = 5
# ... and when either is an estimate ("about 11:30", "shortly after 2 a.m.").
ESTIMATE_TOLERANCE = 30
# Durations: minutes in each unit, and how far apart two ranges must lie to clash — the longer
# at least this many times the shorter, so "more than an hour" against "within forty minutes"
# clashes (1.5) while talk of "an hour" against "forty-five minutes" does not (1.33 is within
# the rounding people give durations with).
DURATION_FACTOR = 1.4
LEAVING_WORDS = frozenset({"out", "off", "away"})
# "11:47", "11:47 p.m.", "11.47 pm", "2 a.m.", "midnight"; a dot separates minutes only before
# a.m./p.m. (else "3.50 euros" would be a time).
CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2})\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"|(?:\.(?P<m2>\d{2}))?\s*(?P<ampm2>[ap]\.?\s?m\b\.?))"
    r"|\b(?P<word>midnight|noon)\b",
    re.IGNORECASE,
)
TIME_HEDGES = frozenset({"about", "around", "approximately", "roughly", "shortly", "just",
                         "after", "before", "nearly", "almost", "until", "by"})
# WordNet classes of nouns that name an event or a message, so two clauses naming one name
# the same happening ("the alarm", "the call", "the mayday").
EVENT_CLASSES = frozenset({"noun.event", "noun.act", "noun.communication", "noun.process",
                           "noun.phenomenon"})




# Clock times


@dataclass(frozen=True)
class ClockTime:
    """A time of day stated in a clause, with the words of the event it times."""

    minutes: tuple[int, ...]  # minutes after midnight; two readings when a.m./p.m. is unsaid
    estimate: bool
    said: str
    clause: str
    event: frozenset[str]  # event nouns of the clause
    predicate: str
    participants: frozenset[str]


@per_doc
def clock_times(doc: Doc) -> list[ClockTime]:
    """The times of day stated in ``doc``."""
    found = []
    for match in CLOCK.finditer(doc.text):
        readings = _minutes(match)
        token = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if not readings or token is None:
            continue
        head = clause_head(token.root)
        before = {t.lower_ for t in doc[max(0, token.start - 2) : token.start]}
        found.append(
            ClockTime(
                readings,
                bool(before & TIME_HEDGES),
                match.group(0).strip(),
                phrase(head),
                frozenset(_event_nouns(head)),
                _verb(head),
                frozenset(_participants(head)),
            )
        )
    return found


def _minutes(match: re.Match[str]) -> tuple[int, ...]:
    if match.group("word"):
        return (0,) if match.group("word").casefold() == "midnight" else (12 * 60,)
    hour, minute = int(match.group("h")), int(match.group("m") or match.group("m2") or 0)
    ampm = (match.group("ampm") or match.group("ampm2") or "").casefold()
    if hour > 23 or minute > 59:
        return ()
    if ampm.startswith("p") and hour < 12:
        return ((hour + 12) * 60 + minute,)
    if ampm.startswith("a"):
        return ((hour % 12) * 60 + minute,)
    if hour > 12:
        return (hour * 60 + minute,)
    return ((hour % 12) * 60 + minute, (hour % 12 + 12) * 60 + minute)


def _verb(head: Token) -> str:
    """The predicate with its particle: "called out" (the drivers) is not "called" (the plant)."""
    particles = [c.lower_ for c in head.children if c.dep_ == "prt"]
    return " ".join([lemma(head), *particles])


def _event_nouns(head: Token) -> Iterator[str]:
    """The clause's subject and objects that name a happening or a message ("the alarm", "the
    distress call"); one with a compound before it that WordNet does not know as a whole names
    an organisation or a thing ("the fire service")."""
    wordnet = WordNet.load()
    for token in _direct_nouns(head):
        whole = " ".join(
            [lemma(c) for c in token.children if c.dep_ == "compound"] + [token.lemma_.casefold()]
        )
        classes = wordnet.classes(whole, "n")
        if not classes and whole != token.lemma_.casefold():
            continue
        if (classes or wordnet.classes(token.lemma_, "n")) & EVENT_CLASSES:
            yield whole


def _participants(head: Token) -> Iterator[str]:
    for token in _direct_nouns(head, prepositions=True):
        yield lemma(token)


def _direct_nouns(head: Token, prepositions: bool = False) -> Iterator[Token]:
    """Nouns filling the clause's subject and object slots (and, if asked, its prepositional
    objects), not those of the clauses and phrases hanging off them."""
    for child in head.children:
        if child.dep_ in SUBJECTS | OBJECTS and child.pos_ in ("NOUN", "PROPN"):
            yield child
            yield from (c for c in child.children if c.dep_ == "conj")
        elif prepositions and child.dep_ == "prep":
            yield from (
                g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
            )


def time_mismatch(a: Doc, b: Doc) -> Mismatch | None:
    """Two times of one event, from ``a`` and ``b``, too far apart."""
    for x in clock_times(a):
        for y in clock_times(b):
            if not _same_event(x, y):
                continue
            tolerance = ESTIMATE_TOLERANCE if x.estimate or y.estimate else CLOCK_TOLERANCE
            apart = min(_apart(m, n) for m in x.minutes for n in y.minutes)
            if apart > tolerance:
                return Mismatch((x.clause, y.clause), f"the times ({x.said} vs {y.said})")
    return None


def _apart(m: int, n: int) -> int:
    gap = abs(m - n) % DAY
    return min(gap, DAY - gap)


def _same_event(x: ClockTime, y: ClockTime) -> bool:
    """Whether two timed clauses time one happening: one's predicate named as the other's event
    ("the plant called" / "the call arrived"); the same message, or one a kind of the other,
    whoever sent or received it ("the mayday" / "the distress call"); the same happening with
    predicates that mean the same ("the alarm sounded" / "the alarm went off"); or the same
    predicate with a participant in common."""
    wordnet = WordNet.load()
    if x.predicate in y.event or y.predicate in x.event:
        return True
    shared = {
        (e, f) for e in x.event for f in y.event
        if e == f or wordnet.is_kind_of(e, f) or wordnet.is_kind_of(f, e)
    }
    for e, f in shared:
        if "noun.communication" in wordnet.classes(e, "n") & wordnet.classes(f, "n"):
            return True
    if shared and _same_meaning(x.predicate, y.predicate):
        return True
    return x.predicate == y.predicate and bool(x.participants & y.participants)


def _same_meaning(a: str, b: str) -> bool:
    wordnet = WordNet.load()
    return a == b or b in wordnet.synonyms(a, "v") or a in wordnet.synonyms(b, "v")


# Durations


@dataclass(frozen=True)
class Duration:
    """How long something took, as a range of minutes, with who it was about and the words."""

    low: float
    high: float
    said: str
    clause: str
    subjects: frozenset[str]
    words: frozenset[str]  # the clause's other content words


@per_doc
def durations(doc: Doc) -> list[Duration]:
    """The durations stated in ``doc`` ("within forty minutes", "more than two hours")."""
    found = []
    for unit in doc:
        minutes = UNIT_MINUTES.get(unit.lemma_.casefold())
        number = next((c for c in unit.children if c.dep_ == "nummod"), None)
        number = number or next(
            (c for c in unit.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None
        )
        value = None if number is None else _unit_count(number)
        if minutes is None or number is None or value is None:
            continue
        low, high = _duration_range(unit, number, value, minutes)
        head = clause_head(unit)
        subjects = frozenset(
            w for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for w in noun_words(c)
        )
        words = frozenset(_duration_words(head)) - subjects
        said = quote(doc[hedged_start(number) : unit.i + 1])
        found.append(Duration(low, high, said, phrase(head), subjects, words))
    return found


def _unit_count(number: Token) -> float | None:
    """The number of units: "an hour" is one."""
    return 1.0 if number.lower_ in ("a", "an") else number_value(number)


def _duration_words(head: Token) -> Iterator[str]:
    """Content words of the clause besides its durations: verbs, nouns, particles ("out")."""
    for token in head.subtree:
        word = lemma(token)
        if word in UNIT_MINUTES or word in HOLLOW_LEMMAS or token.lemma_ == "be":
            continue
        if token.pos_ in ("VERB", "NOUN") or token.dep_ == "prt" or word in LEAVING_WORDS:
            yield word


def _duration_range(
    unit: Token, number: Token, value: float, minutes: float
) -> tuple[float, float]:
    before = {t.lower_ for t in unit.doc[max(0, number.i - 3) : number.i]}
    if before & AT_LEAST:
        return value * minutes, math.inf
    if before & WITHIN:
        return 0, value * minutes
    low = next(
        (c for c in (*unit.children, *number.children) if c.like_num and c.dep_ == "quantmod"),
        None,
    )
    low_value = None if low is None else number_value(low)
    if low_value is not None and low_value < value:  # "three to four hours"
        return low_value * minutes, value * minutes
    return value * minutes, value * minutes


def duration_mismatch(a: Doc, b: Doc) -> Mismatch | None:
    """Two durations of one happening to the same people whose ranges lie far apart."""
    for x in durations(a):
        for y in durations(b):
            if not (x.subjects & y.subjects and x.words & y.words):
                continue
            if x.low > DURATION_FACTOR * y.high or y.low > DURATION_FACTOR * x.high:
                return Mismatch((x.clause, y.clause), f"how long it took ({x.said} vs {y.said})")
    return None
