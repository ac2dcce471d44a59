"""Numbers that cannot both be true: counts of the same people or things, and clock times of
the same event.

A count is read off the parse: a number ("three", "212", "more than two hundred", parsed by
text2num), a zero ("no casualties", "nobody died", "no one was hurt") or a totality ("all 146
passengers", "every one of them is alive"), with what is counted (the noun, or anyone) and what
happened to it (its ``category``: dead, injured, missing, alive, ...). Two counts clash when
they count the same thing in the same category and their ranges cannot meet (3 dead vs none),
or when one says all were in a state that excludes what the other counts (all alive vs three
died; all accounted for vs two missing). "Three people died" and "the death toll stands at
three" agree.

A clock time ("at 11:47 p.m.", "12:09") belongs to the clause it is in; two times clash when the
clauses time the same event (the same event noun, "the alarm", or the same predicate with a
shared participant) and lie further apart than ``CLOCK_TOLERANCE``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from text_to_num import text2num

from sayso.link.antonyms import WordNet
from sayso.link.reading import (
    HOLLOW_LEMMAS,
    OBJECTS,
    SUBJECTS,
    clause_head,
    lemma,
    negator,
    noun_words,
    per_doc,
    phrase,
    quote,
    setting,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What happened to what is counted, from the words around the count. General English: the
# outcomes news counts in disasters, conflicts and accidents.
CATEGORY_WORDS: dict[str, frozenset[str]] = {
    "dead": frozenset("die dead death fatality fatal kill perish drown toll body".split()),
    "injured": frozenset("injure injured injury hurt wound wounded".split()),
    "casualties": frozenset("casualty harm harmed".split()),
    "missing": frozenset("missing miss unaccounted".split()),
    "accounted": frozenset("account".split()),
    "alive": frozenset("alive survive survivor unharmed unhurt safe".split()),
    "rescued": frozenset("rescue rescued".split()),
    "evacuated": frozenset("evacuate evacuated evacuee".split()),
    "aboard": frozenset("aboard board onboard".split()),
    "arrested": frozenset("arrest arrested detain detained".split()),
    "hospitalised": frozenset("hospitalise hospitalize hospitalised hospitalized".split()),
}
# Categories that contain others: no casualties means none dead and none injured.
CONTAINS = {"casualties": frozenset({"dead", "injured"})}
# A totality in the first category leaves none in the second: all alive, so none dead.
EXCLUDES = {
    "alive": frozenset({"dead"}),
    "accounted": frozenset({"missing"}),
}
# Nouns that count anyone at all: they meet any counted people.
ANYONE = frozenset(
    "people person one anyone anybody everyone everybody nobody they them those life "
    "casualty death fatality victim".split()
)
ZERO_PRONOUNS = frozenset({"nobody", "none", "noone", "nothing"})
ALL_WORDS = frozenset({"all", "every", "each", "everyone", "everybody", "entire", "whole"})
# Words before a number that make it a bound or an estimate.
AT_LEAST = frozenset({"more", "over", "least", "above", "exceeding"})
AT_MOST = frozenset({"fewer", "less", "under", "most", "up", "below"})
ABOUT = frozenset({"about", "around", "approximately", "roughly", "nearly", "almost", "some"})
HEDGE_GLUE = frozenset({"than", "at", "to", "up"})
# An estimate ("about 200") is read as within this share of the figure either way: news
# rounds to the nearest round number, which is within a fifth for any figure over ten.
ESTIMATE_SHARE = 0.2
# Clock times of one event further apart than this (minutes) clash: sources giving a time to
# the minute disagree by more than rounding to five minutes (11:32 vs 11:51 is 19).
CLOCK_TOLERANCE = 5
# ... and when either is an estimate ("about 11:30", "shortly after 2 a.m.").
ESTIMATE_TOLERANCE = 30
DAY = 24 * 60
# Durations: minutes in each unit, and how far apart two ranges must lie to clash — the longer
# at least this many times the shorter, so "more than an hour" against "within forty minutes"
# clashes (1.5) while talk of "an hour" against "forty-five minutes" does not (1.33 is within
# the rounding people give durations with).
UNIT_MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60, "day": DAY, "week": 7 * DAY}
DURATION_FACTOR = 1.4
WITHIN = frozenset({"within", "in", "under", "less", "fewer", "before"})
LEAVING_WORDS = frozenset({"out", "off", "away"})
# Nouns and verbs that give a limit on how many may be somewhere.
LIMIT_WORDS = frozenset("licence license licensed capacity limit maximum certify certified".split())
# Words of supply: "enough", and the verbs by which everyone "had" one.
HAVING = frozenset("have get receive wear carry".split())
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


@dataclass(frozen=True)
class Count:
    """How many of ``things`` were in ``category``: between ``low`` and ``high``, or all."""

    category: str
    things: frozenset[str]  # counted noun lemmas; empty for anyone
    low: float
    high: float
    whole: bool  # "all", "every one of them"
    words: str  # the clause as written
    figure: str  # the count as a reader would say it ("3", "none", "all")
    noun: str = ""  # what is counted as written, where the category is the clause's verb
    places: frozenset[str] = frozenset()  # the named places of its clause


@dataclass(frozen=True)
class Mismatch:
    """Two figures that cannot both be true, with the words of each and what they measure."""

    words: tuple[str, str]
    why: str


@per_doc
def counts(doc: Doc) -> list[Count]:
    """The counts stated in ``doc``."""
    found = []
    for token in doc:
        count = _count_at(token)
        if count is not None:
            found.append(count)
    return found


def _count_at(token: Token) -> Count | None:
    """A count whose figure is ``token`` (a number, a zero or a totality), or None."""
    figure = _figure(token)
    if figure is None:
        return None
    low, high, whole, said = figure
    counted = _counted(token)
    head = clause_head(counted)
    if negator(head) is not None and low > 0:
        return None  # "three patients did not die" says nothing of how many did
    own = _category_of(noun_words(counted) | {lemma(counted)})  # "two missing passengers"
    if own is None and not _direct(counted, head):
        return None  # "over the ferry's licence of 150" is no count of who was aboard
    things = _things(counted)
    if things & set(UNIT_MINUTES):
        return None  # "two hours" is a duration (see durations below)
    category = own or _category(counted, head)
    noun = ""
    if category is None and things and head.pos_ == "VERB":
        category = lemma(head)  # "fired two shots" / "eleven shots were fired": the same act
        noun = counted.text
    if category is None:
        return None
    words = quote(t for t in counted.subtree if t.i <= counted.i) if own else phrase(head)
    return Count(category, things, low, high, whole, words, said, noun, setting(head))


def _direct(counted: Token, head: Token) -> bool:
    """Whether the counted fills a slot of its clause (subject, object, or the object of one of
    the clause's prepositions: "stands at three")."""
    if counted.dep_ in SUBJECTS | OBJECTS | {"ROOT"} or counted == head:
        return True
    if counted.dep_ == "conj":
        return _direct(counted.head, head)
    return counted.dep_ == "pobj" and counted.head.head == head


def _figure(token: Token) -> tuple[float, float, bool, str] | None:
    """(low, high, whole, as said) when ``token`` gives a count."""
    word = token.lower_
    if word in ZERO_PRONOUNS or (word == "one" and _det(token) == "no"):
        return 0, 0, False, "none"
    if token.pos_ in ("NOUN", "PROPN") and _det(token) == "no":
        return 0, 0, False, "none"
    if word in ("everyone", "everybody") or (word == "one" and _det(token) in ALL_WORDS):
        return 0, math.inf, True, "all"
    if token.pos_ in ("NOUN", "PROPN") and _det(token) in ALL_WORDS and not _number_child(token):
        return 0, math.inf, True, "all"
    if word in ("all", "each") and token.dep_ in SUBJECTS and _of_noun(token) is not None:
        return 0, math.inf, True, "all"  # "all of the climbers"
    if token.like_num and token.dep_ not in ("compound", "quantmod") and not _is_clock(token):
        value = _value(token)
        if value is None:
            return None
        whole = any(child.lower_ in ALL_WORDS for child in token.children) or (
            token.head.pos_ == "NOUN" and _det(token.head) in ALL_WORDS
        )
        low, high = _range(token, value)
        return low, high, whole, _said(token, value)
    return None


def _det(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ in ("det", "predet") or (child.dep_ == "amod" and child.lower_ in ALL_WORDS):
            return child.lower_
    return None


def _number_child(token: Token) -> bool:
    return any(child.like_num for child in token.children)


def _is_clock(token: Token) -> bool:
    return ":" in token.text or any(
        n.lower_.replace(".", "") in ("am", "pm") for n in token.doc[token.i + 1 : token.i + 2]
    )


def _value(token: Token) -> float | None:
    """The number ``token`` heads, with the number words before it ("two hundred")."""
    words = [
        child for child in token.children
        if child.like_num and child.i < token.i and child.dep_ == "compound"
    ]
    text = " ".join(t.text for t in (*words, token)).replace(",", "").replace("-", " ")
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return float(text2num(text.casefold(), "en"))
    except ValueError:
        return None


def _range(token: Token, value: float) -> tuple[float, float]:
    before = {t.lower_ for t in token.doc[max(0, token.i - 3) : token.i]}
    before |= {child.lower_ for child in token.children}
    if before & AT_LEAST:
        return (value + 1 if "more" in before or "over" in before else value), math.inf
    if before & AT_MOST:
        return 0, (value - 1 if "fewer" in before or "less" in before else value)
    if before & ABOUT:
        return value * (1 - ESTIMATE_SHARE), value * (1 + ESTIMATE_SHARE)
    return value, value


def _said(token: Token, value: float) -> str:
    """The figure with its hedge, as a reader would say it ("more than 200")."""
    hedge = [t.lower_ for t in token.doc[_hedged_start(token) : token.i] if not t.like_num]
    return " ".join([*hedge, f"{value:g}"])


def _hedged_start(number: Token) -> int:
    """Where a figure's words begin: its hedge and number words ("more than two hundred",
    "three to four")."""
    start = number.i
    while start > 0 and (
        number.doc[start - 1].lower_ in AT_LEAST | AT_MOST | ABOUT | WITHIN | HEDGE_GLUE
        or number.doc[start - 1].like_num
    ):
        start -= 1
    return start


def _counted(token: Token) -> Token:
    """The noun a figure counts ("three patients" → patients; "every one of them" → one)."""
    if token.like_num and token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    return token


def _of_noun(token: Token) -> Token | None:
    """The noun of "all of the climbers", "one of them"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


def _things(counted: Token) -> frozenset[str]:
    of = _of_noun(counted) if counted.lower_ in ("all", "each", "one", "none") else None
    if of is not None:
        counted = of
    if counted.like_num or counted.lower_ in ZERO_PRONOUNS | {"one", "everyone", "everybody"}:
        return frozenset()
    words = {lemma(counted)} | {lemma(c) for c in counted.children if c.dep_ == "conj"}
    return frozenset() if words & ANYONE else frozenset(words)


def _category(counted: Token, head: Token) -> str | None:
    """What happened to the counted, from its clause: the predicate, its particles, complements,
    subject and prepositional objects ("were still missing", "stands at three")."""
    words = noun_words(counted) | {lemma(counted)} | _clause_words(head)
    if {"lose", "life"} <= words:
        return "dead"  # "no patient lost their life"
    return _category_of(words)


def _category_of(words: AbstractSet[str]) -> str | None:
    for category, members in CATEGORY_WORDS.items():
        if words & members:
            return category
    return None


def _clause_words(head: Token) -> set[str]:
    words = {lemma(head)}
    for child in head.children:
        if child.dep_ in ("acomp", "prt", "advmod", "dobj", "attr", "oprd", "xcomp"):
            words.add(lemma(child))
        if child.dep_ == "prep":
            words |= {lemma(g) for g in child.children if g.dep_ == "pobj"}
        if child.dep_ in ("nsubj", "nsubjpass"):
            words |= noun_words(child)  # "the death toll stands at three"
    return words


def count_mismatch(a: Doc, b: Doc) -> Mismatch | None:
    """The first pair of counts in ``a`` and ``b`` that cannot both be true."""
    for x in counts(a):
        for y in counts(b):
            why = _clash(x, y)
            if why:
                return Mismatch((x.words, y.words), why)
    return None


def _clash(x: Count, y: Count) -> str | None:
    if x.things and y.things and not x.things & y.things:
        return None  # different people: patients vs firefighters
    if x.places and y.places and not x.places & y.places:
        return None  # different places: three dead in one town, none in another
    for whole, other in ((x, y), (y, x)):
        if whole.whole and other.category in EXCLUDES.get(whole.category, ()) and other.low >= 1:
            return _numbers(x, y)  # all alive, yet three died
    if x.whole or y.whole:
        return None  # "all 146" is a total only when both give one
    if x.category == y.category and (x.high < y.low or y.high < x.low):
        if x.category in CATEGORY_WORDS or (x.things and y.things):
            return _numbers(x, y)
    for whole, part in ((x, y), (y, x)):
        if part.category in CONTAINS.get(whole.category, ()) and part.low > whole.high:
            return _numbers(x, y)  # no casualties, yet three dead
    return None


def _numbers(x: Count, y: Count) -> str:
    return f"the numbers ({_figure_said(x)} vs {_figure_said(y)})"


def _figure_said(count: Count) -> str:
    if count.noun:
        return f"{count.figure} {count.noun}"
    if count.whole and count.figure != "all":
        return f"all {count.figure} {count.category}"
    if count.figure == "none":
        return f"no {count.category}" if count.category != "dead" else "no dead"
    return f"{count.figure} {count.category}"


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
                lemma(head),
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
        value = None if number is None else 1.0 if number.lower_ in ("a", "an") else _value(number)
        if minutes is None or number is None or value is None:
            continue
        low, high = _duration_range(unit, number, value, minutes)
        head = clause_head(unit)
        subjects = frozenset(
            w for c in head.children if c.dep_ in ("nsubj", "nsubjpass") for w in noun_words(c)
        )
        words = frozenset(_duration_words(head)) - subjects
        said = quote(doc[_hedged_start(number) : unit.i + 1])
        found.append(Duration(low, high, said, phrase(head), subjects, words))
    return found


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
    low_value = None if low is None else _value(low)
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


# Supply


def supply_mismatch(a: Doc, b: Doc) -> Mismatch | None:
    """"Not enough lifejackets for everyone" against "every passenger had a lifejacket"."""
    found = _supply(a, b)
    if found is not None:
        return found
    found = _supply(b, a)
    return None if found is None else Mismatch(found.words[::-1], found.why)


def _supply(a: Doc, b: Doc) -> Mismatch | None:
    for short, noun in _shortages(a):
        for every, had in _everyone_had(b):
            if lemma(had) == lemma(noun):
                return Mismatch(
                    (short, every), f'"not enough {noun.text}" vs every one having {had.text}'
                )
    return None


@per_doc
def _shortages(doc: Doc) -> Iterator[tuple[str, Token]]:
    for noun in doc:
        enough = next((c for c in noun.children if c.lower_ == "enough"), None)
        if noun.pos_ == "NOUN" and enough is not None and negator(clause_head(noun)) is not None:
            yield phrase(clause_head(noun)), noun


@per_doc
def _everyone_had(doc: Doc) -> Iterator[tuple[str, Token]]:
    for verb in doc:
        if verb.lemma_ not in HAVING or negator(verb) is not None:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or not (_det(subject) in ALL_WORDS or subject.lower_ in ALL_WORDS):
            continue
        for thing in verb.children:
            if thing.dep_ == "dobj" and thing.pos_ == "NOUN":
                yield phrase(verb), thing


# Capacity


@dataclass(frozen=True)
class OverCapacity:
    """A count of people aboard above a stated limit ("more than 180 aboard ... licence of 150")."""

    words: str
    count: str
    limit: float


@per_doc
def over_capacity(doc: Doc) -> Iterator[OverCapacity]:
    """Counts of people aboard or present that exceed a limit the same text gives."""
    limits = [value for value in map(_limit, doc) if value is not None]
    for count in counts(doc):
        if count.category == "aboard" and limits and count.low > min(limits):
            yield OverCapacity(count.words, count.figure, min(limits))


def _limit(token: Token) -> float | None:
    """The figure of "a licence of 150", "licensed to carry 150", "a capacity of 150"."""
    if not token.like_num or _is_clock(token):
        return None
    words = {lemma(t) for t in token.ancestors} | {lemma(token.head.head)}
    if words & LIMIT_WORDS:
        return _value(token)
    return None
