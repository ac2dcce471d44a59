"""Numbers that cannot both be true: counts of the same people or things (clock times and
durations are ``timing``'s).

A count is read off the parse: a number ("three", "212", "more than two hundred", parsed by
text2num), a zero ("no casualties", "nobody died", "no one was hurt") or a totality ("all 146
passengers", "every one of them is alive"), with what is counted (the noun, or anyone) and what
happened to it (its ``category``: dead, injured, missing, alive, ...). Two counts clash when
they count the same thing in the same category and their ranges cannot meet (3 dead vs none),
or when one says all were in a state that excludes what the other counts (all alive vs three
died; all accounted for vs two missing). "Three people died" and "the death toll stands at
three" agree. Supplies ("not enough lifejackets" vs "every passenger had a lifejacket") and
counts above a stated limit ("more than 180 aboard ... licence of 150") are read here too.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from text_to_num import text2num

from sayso.link.reading import (
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
    "aboard": frozenset({"aboard", "onboard", "on board"}),
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
# Units of time, in minutes: "two hours" is a duration (``timing``), not a count of hours.
DAY = 24 * 60
UNIT_MINUTES = {
    "second": 1 / 60, "minute": 1, "hour": 60, "day": DAY, "week": 7 * DAY, "month": 30 * DAY,
    "year": 365 * DAY,
}
WITHIN = frozenset({"within", "in", "under", "less", "fewer", "before"})
# Nouns and verbs that give a limit on how many may be somewhere.
LIMIT_WORDS = frozenset("licence license licensed capacity limit maximum certify certified".split())
# Words of supply: "enough", and the verbs by which everyone "had" one.
HAVING = frozenset("have get receive wear carry".split())
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
        value = number_value(token)
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


def number_value(token: Token) -> float | None:
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
    hedge = [t.lower_ for t in token.doc[hedged_start(token) : token.i] if not t.like_num]
    return " ".join([*hedge, f"{value:g}"])


def hedged_start(number: Token) -> int:
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
            objects = [g for g in child.children if g.dep_ == "pobj"]
            words |= {lemma(g) for g in objects} | {f"{child.lower_} {lemma(g)}" for g in objects}
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
        return number_value(token)
    return None
