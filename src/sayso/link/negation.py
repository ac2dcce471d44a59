"""One statement negating what another asserts, read on the parse.

Three shapes, each needing the two statements to be about the same things:

1. The same predicate (one lemma, or WordNet synonyms), negated in one and asserted in the
   other, with an argument in common: "nothing hit the tower from outside" / "a drone hit the
   tower" ("not" or a negative subject scopes over the predicate it depends on).
2. A thing said not to exist or not to have been perceived or found ("there was no wave",
   "I felt no wave", "found no sign of an explosion on the third floor") against the same thing
   taking part in an asserted clause ("a freak wave had struck the ferry"); where both give it
   a place or a modifier, those must meet.
3. A place ruled out ("started with an explosion inside a storeroom, not in the roof") against
   the same predicate placed there ("the fire began in the roof").

>>> from sayso.link.reading import Reader
>>> a, b = Reader().read(["There was no wave", "A freak wave struck the ferry"])
>>> negated_thing(a, b).why
'"no" negates "wave"'
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sayso.link.antonyms import WordNet
from sayso.link.reading import (
    NEGATIVE_PRONOUNS,
    arguments,
    asserted,
    clause_head,
    head_words,
    lemma,
    negator,
    noun_words,
    per_doc,
    phrase,
    predicates,
    quote,
    same_setting,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs whose object, negated, says the thing was not there: "I felt no wave", "saw no smoke",
# "found no sign of ...", "recorded no leak". General English verbs of perceiving and finding.
PERCEIVING = frozenset(
    "see feel hear notice find detect observe record smell witness show register spot".split()
)
# Nouns through which a negation reaches the thing itself: "no sign of an explosion".
EVIDENCE = frozenset("sign evidence trace indication proof hint record report".split())
# Predicates too light to say what happened: their negation says nothing of a shared argument.
LIGHT = frozenset("be have do say make get go take give".split())
# WordNet senses of a device doing its job: "function, work, operate, go, run" (perform as
# expected when applied) and "go on, come on" (start running, functioning, or operating).
OPERATING = frozenset({"function.v.01", "go_on.v.05"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Words after a noun naming an act that a reason quotes ("strike on the tower").
NAMED_ACT_WORDS = 4
LOCATIVE = frozenset("in at on inside within into near outside from under above".split())


@dataclass(frozen=True)
class Negation:
    """Where one text negates the other: the words of each (``a``'s first) and why."""

    words: tuple[str, str]
    why: str


def negation_clash(a: Doc, b: Doc) -> Negation | None:
    """The first way ``a`` and ``b`` negate one another, either way round."""
    for check in (negated_predicate, negated_act_named, negated_thing, ruled_out_place):
        found = check(a, b) or _flipped(check(b, a))
        if found is not None:
            return found
    return None


def _flipped(found: Negation | None) -> Negation | None:
    return None if found is None else Negation(found.words[::-1], found.why)


def negated_predicate(a: Doc, b: Doc) -> Negation | None:
    """A predicate negated in ``a`` that ``b`` asserts of a common argument."""
    for p in predicates(a):
        word = negator(p)
        if word is None or lemma(p) in LIGHT:
            continue
        needed = _negated_object(p, word)
        for q in predicates(b):
            if negator(q) is not None or not same_predicate(p, q):
                continue
            shared = _content(head_words(p)) & _content(head_words(q))
            if shared and (not needed or shared & needed) and same_setting(p, q):
                return Negation((phrase(p), phrase(q)), f'"{word.text}" negates "{phrase(q)}"')
    return None


def negated_act_named(a: Doc, b: Doc) -> Negation | None:
    """A predicate negated in ``a`` that ``b`` names as a noun on a common argument: "nothing
    hit the tower" / "a drone strike on the tower" (strike is a sense of hit)."""
    wordnet = WordNet.load()
    for p in predicates(a):
        word = negator(p)
        if word is None or p.pos_ != "VERB" or lemma(p) in LIGHT:
            continue
        acts = {lemma(p)} | wordnet.synonyms(lemma(p), "v")
        for noun in _asserted_things(b):
            if lemma(noun) in acts and _content(arguments(p)) & _noun_arguments(noun):
                named = quote(t for t in noun.subtree if t.i <= noun.i + NAMED_ACT_WORDS)
                return Negation((phrase(p), named), f'"{word.text}" negates "{named}"')
    return None


def _noun_arguments(noun: Token) -> frozenset[str]:
    """What an act named by a noun is done to or by: "a drone strike on the tower"."""
    words = set(noun_words(noun)) - {lemma(noun)}
    for prep in noun.children:
        if prep.dep_ == "prep":
            words |= {w for g in prep.children if g.dep_ == "pobj" for w in noun_words(g)}
    return frozenset(words)


def _negated_object(predicate: Token, word: Token) -> frozenset[str]:
    """Where the negation is an object ("found no sign of an explosion"), the words the other
    account must share with it: finding something else is no contradiction."""
    for child in predicate.children:
        if child.dep_ in ("dobj", "attr") and (child == word or word in child.children):
            words = noun_words(child)
            for prep in child.children:
                words |= {w for g in prep.children if g.dep_ == "pobj" for w in noun_words(g)}
            return words
    return frozenset()


def same_predicate(p: Token, q: Token) -> bool:
    """One lemma (and particle), verbs sharing a WordNet sense, or two verbs of operating ("the
    sprinklers never came on" / "the sprinklers worked")."""
    if _with_particle(p) == _with_particle(q):
        return True
    if p.pos_ != "VERB" or q.pos_ != "VERB":
        return False
    wordnet = WordNet.load()
    x, y = _with_particle(p), _with_particle(q)
    if y in wordnet.synonyms(x, "v") or x in wordnet.synonyms(y, "v"):
        return True
    return bool(wordnet.senses(x, "v") & OPERATING and wordnet.senses(y, "v") & OPERATING)


def _particle(token: Token) -> str:
    return " ".join(c.lower_ for c in token.children if c.dep_ == "prt")


def _with_particle(token: Token) -> str:
    return f"{lemma(token)} {_particle(token)}".strip()


def _content(words: AbstractSet[str]) -> set[str]:
    return {word for word in words if word not in NEGATIVE_PRONOUNS}


def negated_thing(a: Doc, b: Doc) -> Negation | None:
    """A thing ``a`` says was not there that ``b`` has taking part in what happened."""
    for thing, word in _denied_things(a):
        for other in _asserted_things(b):
            if (
                lemma(other) == lemma(thing)
                and _modifiers_meet(thing, other)
                and same_setting(clause_head(thing), clause_head(other))
                and (_modifiers(thing) or not _definite(other))
            ):
                said = quote([word, thing])
                return Negation(
                    (said, phrase(clause_head(other))), f'"{word.text}" negates "{thing.text}"'
                )
    return None


@per_doc
def _denied_things(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """(noun, the word negating it) for each thing said not to exist or not to be found."""
    for noun in doc:
        if noun.pos_ != "NOUN" or not asserted(noun):
            continue
        word = next((c for c in noun.children if c.dep_ == "det" and c.lower_ == "no"), None)
        if word is None:
            continue
        head = noun.head
        if noun.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children):
            yield noun, word  # "there was no wave"
        elif noun.dep_ == "dobj" and head.lemma_ in PERCEIVING:
            yield noun, word  # "I felt no wave"
        if noun.lemma_ in EVIDENCE:
            for prep in noun.children:
                for thing in prep.children:
                    if prep.lower_ == "of" and thing.dep_ == "pobj" and thing.pos_ == "NOUN":
                        yield thing, word  # "no sign of an explosion"


@per_doc
def _asserted_things(doc: Doc) -> Iterator[Token]:
    """Nouns taking part in asserted, unnegated clauses."""
    for noun in doc:
        if noun.pos_ not in ("NOUN", "PROPN") or not asserted(noun):
            continue  # a noun opening a sentence may be tagged a proper noun ("Gunfire echoed")
        if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in noun.children):
            continue
        head = clause_head(noun)
        if negator(head) is None and not _under_evidence(noun):
            yield noun


def _definite(noun: Token) -> bool:
    """"The delay", "its report": a thing the text takes as known, which may be another one
    than the thing a bare "there was no delay" denies; "a leak", "chlorine leak" assert one."""
    return any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in noun.children
    )


def _under_evidence(noun: Token) -> bool:
    return noun.dep_ == "pobj" and noun.head.head.lemma_ in EVIDENCE


def _modifiers_meet(x: Token, y: Token) -> bool:
    """Where both nouns carry modifiers or a place, they share a word ("on the third floor" /
    "inside a third-floor storeroom"); a bare noun meets anything."""
    mx, my = _modifiers(x), _modifiers(y)
    return not mx or not my or bool(mx & my)


def _modifiers(noun: Token) -> frozenset[str]:
    words = noun_words(noun) - {lemma(noun)}
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
            words |= {w for g in prep.children if g.dep_ == "pobj" for w in noun_words(g)}
    return words


def ruled_out_place(a: Doc, b: Doc) -> Negation | None:
    """A place ``a`` rules out ("not in the roof") where ``b`` puts the same predicate."""
    for word, prep, place in _ruled_out(a):
        predicate = clause_head(word)
        for q in predicates(b):
            if negator(q) is not None or not same_predicate(predicate, q):
                continue
            for other in _places(q):
                if lemma(other) == lemma(place):
                    return Negation(
                        (quote([word, place]), phrase(q)),
                        f'"{word.text}" negates "{quote([prep, place])}"',
                    )
    return None


@per_doc
def _ruled_out(doc: Doc) -> Iterator[tuple[Token, Token, Token]]:
    """(negator, preposition, place) for each "not in the roof" of ``doc``."""
    for word in doc:
        if word.dep_ != "neg" or not asserted(word):
            continue
        after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
        if after is None or after.pos_ != "ADP" or after.lower_ not in LOCATIVE:
            continue  # "not in the roof", "at the cab and not into the air"
        for place in after.children:
            if place.dep_ == "pobj":
                yield word, after, place


def _places(predicate: Token) -> Iterator[Token]:
    for prep in predicate.children:
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
            yield from (g for g in prep.children if g.dep_ == "pobj")
