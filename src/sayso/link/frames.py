"""Event frames compared across speakers: who is where, where a thing began, who told whom
about what, and what a denial covers.

- Presence and departure: "they are at the plant" / "they remain inside" (present tense) against
  "they were driven out" / "they withdrew" — both cannot hold now.
- Origin: where a fire or a failure began ("the fire began in the roof", "the roof burned
  first") against an account that rules that place out ("... inside a storeroom, not in the
  roof"; "the roof was not where this began").
- Telling: a message about a topic sent ("we warned them twice about those doors") against one
  said never to have been given or received ("no written complaint about the fire doors",
  "had ever been warned about the bow door" denied).
- Denials: a denied event against an assertion of the same event, of a kind of it ("any ground
  conflict" denied, "heavy fighting continues" asserted: fighting is a kind of conflict), or of
  an act by the same actors at the same named place ("its forces ... at the Azovstal steel
  plant" / "Russian troops broke into the territory of Azovstal").

Each frame is read off the parse with WordNet's help; the word lists below are general English.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sayso.link.antonyms import WordNet
from sayso.link.negation import LIGHT, LOCATIVE, same_predicate
from sayso.link.quantities import over_capacity
from sayso.link.reading import (
    HOLLOW_LEMMAS,
    OBJECTS,
    SUBJECTS,
    arguments,
    clause_head,
    lemma,
    negator,
    noun_words,
    per_doc,
    phrase,
    predicates,
    quote,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Being somewhere now: a copula or verb of staying with a place, or "inside"/"there".
STAYING = frozenset("be remain stay hold stand".split())
PLACE_WORDS = frozenset({"at", "in", "inside", "within", "on"})
# Leaving a place, or being made to: verbs alone, and verbs with the particle that makes them so.
LEAVING = frozenset("leave withdraw retreat flee exit evacuate expel evict repel abandon".split())
LEAVING_PARTICLES = frozenset({"out", "away", "back", "off"})
# Leaving verbs whose passive says the subject stayed ("they were left behind").
LEFT_BEHIND = frozenset({"leave", "abandon"})
FORCING = frozenset("drive push force chase throw kick pull move run pull".split())
# Subjects that name a party: nouns, proper nouns and personal pronouns (not "what", "that").
PARTY_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
# Verbs and nouns of a beginning: "began", "started", "broke out", "originated".
BEGINNING = frozenset("begin start originate break ignite erupt".split())
BURNING = frozenset("burn ignite catch".split())
# Words after "about" read for a topic.
TOPIC_WORDS = 4
# Verbs of saying: a denial's "X says ..." is about what was said, not the saying.
SAYING = frozenset("say tell claim report state add".split())
# Verbs of carrying more than allowed.
OVERLOADING = frozenset({"overload", "overcrowd", "overfill", "overloaded", "overcrowded"})
# Words of a denial quoted before the place it names.
DENIED_WORDS = 5
# Prepositions that give the topic of a message.
ABOUT = frozenset({"about", "of", "over", "regarding", "concerning", "on"})
# WordNet sense the verbs of telling fall under (warn, tell, notify, alert, report, complain...).
INFORMING = ("inform.v.01", "communicate.v.02", "express.v.02", "complain.v.01")


@dataclass(frozen=True)
class FrameClash:
    """Two accounts a frame sets against each other: the words of each (``a``'s first), why."""

    words: tuple[str, str]
    why: str


def frame_clash(a: Doc, b: Doc) -> FrameClash | None:
    """The first frame in which ``a`` and ``b`` disagree, either way round."""
    for check in (presence_against_departure, origin_ruled_out, telling_denied):
        found = check(a, b)
        if found is not None:
            return found
        found = check(b, a)
        if found is not None:
            return FrameClash(found.words[::-1], found.why)
    return None


# Presence and departure


def presence_against_departure(a: Doc, b: Doc) -> FrameClash | None:
    """``a`` has someone somewhere now; ``b`` has them gone."""
    for here in _presences(a):
        for gone in _departures(b):
            if _same_party(here, gone):
                return FrameClash(
                    (phrase(here), phrase(gone)),
                    f'"{_core(here)}" (still there) vs "{_core(gone)}" (gone)',
                )
    return None


@per_doc
def _presences(doc: Doc) -> Iterator[Token]:
    for p in predicates(doc):
        if lemma(p) not in STAYING or negator(p) is not None or p.tag_ not in ("VBP", "VBZ"):
            continue
        places = [c for c in p.children if c.dep_ == "prep" and c.lower_ in PLACE_WORDS]
        inside = [c for c in p.children if c.dep_ == "advmod" and c.lower_ in ("inside", "there")]
        if places or inside:
            yield p


@per_doc
def _departures(doc: Doc) -> Iterator[Token]:
    for p in predicates(doc):
        if p.pos_ != "VERB" or negator(p) is not None:
            continue
        particle = {c.lower_ for c in p.children if c.dep_ in ("prt", "advmod")}
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in p.children)
        if lemma(p) in LEAVING and not (passive and lemma(p) in LEFT_BEHIND):
            yield p  # "they withdrew"; but "they were left standing" stayed
        elif lemma(p) in FORCING and particle & LEAVING_PARTICLES:
            yield p


def _core(predicate: Token) -> str:
    """A predicate with its particle or place word: "are at", "were driven out"."""
    staying = lemma(predicate) in STAYING
    kept = [predicate] + [
        c for c in predicate.children
        if c.dep_ in ("prt", "aux", "auxpass", "neg")
        or (staying and c.dep_ in ("prep", "advmod") and c.lower_ in PLACE_WORDS | {"inside"})
        or (staying and c.lower_ == "still")
        or (c.dep_ == "advmod" and c.lower_ in LEAVING_PARTICLES)
    ]
    return quote(kept)


def _same_party(here: Token, gone: Token) -> bool:
    """The subjects meet: the same noun, or a pronoun on either side (the claim is shared)."""
    x, y = _subject(here), _subject(gone)
    if x is None or y is None:
        return False
    if x.tag_ not in PARTY_TAGS or y.tag_ not in PARTY_TAGS:
        return False  # "what is inside a building" names no party
    if x.pos_ == "PRON" or y.pos_ == "PRON":
        return x.lower_ not in ("i", "we") and y.lower_ not in ("i", "we")
    return bool(noun_words(x) & noun_words(y))


def _subject(predicate: Token) -> Token | None:
    """The subject, looking through a bracket the parser took for one ("they [the Russians]
    are": the subject is "they")."""
    subject = next((c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    while subject is not None and subject.pos_ in ("X", "PUNCT", "SYM"):
        subject = next(
            (c for c in subject.children if c.pos_ in ("PRON", "NOUN", "PROPN")), None
        )
    return subject


# Origin


def origin_ruled_out(a: Doc, b: Doc) -> FrameClash | None:
    """``a`` says where it began; ``b`` rules that place out."""
    for start, place in _origins(a):
        for word, excluded in _excluded_origins(b):
            if lemma(place) == lemma(excluded):
                return FrameClash(
                    (phrase(start), quote([word, excluded])),
                    f'"{word.text}" rules out "{excluded.text}" as where it began',
                )
    return None


@per_doc
def _origins(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """(predicate, place) for "began in the roof" and "the roof burned first"."""
    for p in predicates(doc):
        if negator(p) is not None:
            continue
        if lemma(p) in BEGINNING:
            for prep in p.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCATIVE:
                    yield from ((p, g) for g in prep.children if g.dep_ == "pobj")
        if lemma(p) in BURNING and any(c.lower_ == "first" for c in p.children):
            subject = _subject(p)
            if subject is not None and subject.pos_ == "NOUN":
                yield p, subject


@per_doc
def _excluded_origins(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """(negator, place) for "..., not in the roof" after a beginning, and "the roof was not
    where this began"."""
    for word in doc:
        if word.dep_ != "neg":
            continue
        head = clause_head(word)
        after = doc[word.i + 1] if word.i + 1 < len(doc) else None
        if after is not None and after.dep_ == "prep" and after.lower_ in LOCATIVE:
            if lemma(head) in BEGINNING or any(lemma(t) in BEGINNING for t in head.subtree):
                yield from ((word, g) for g in after.children if g.dep_ == "pobj")
        if head.lemma_ == "be" and any(lemma(t) in BEGINNING for t in head.subtree):
            subject = _subject(head)
            if subject is not None and subject.pos_ == "NOUN":
                yield word, subject


# Telling


def telling_denied(a: Doc, b: Doc) -> FrameClash | None:
    """``a`` has a message about a topic given; ``b`` says none was given or received."""
    found = _shared_telling(a, b, negated=True)
    if found is None:
        return None
    told, untold, topic = found
    return FrameClash(
        (phrase(told), phrase(untold)), f"a message about the {topic} given vs none received"
    )


def _shared_telling(a: Doc, b: Doc, negated: bool) -> tuple[Token, Token, str] | None:
    """A message given in ``a`` and one given (or, ``negated``, denied) in ``b`` about one
    topic: the two telling words and the topic."""
    for told, topics in _tellings(a, negated=False):
        for other, other_topics in _tellings(b, negated=negated):
            shared = topics & other_topics
            if shared:
                return told, other, min(shared)
    return None


def _tellings(doc: Doc, negated: bool) -> tuple[tuple[Token, frozenset[str]], ...]:
    return _untold(doc) if negated else _told(doc)


@per_doc
def _told(doc: Doc) -> Iterator[tuple[Token, frozenset[str]]]:
    return _messages(doc, negated=False)


@per_doc
def _untold(doc: Doc) -> Iterator[tuple[Token, frozenset[str]]]:
    return _messages(doc, negated=True)


def _messages(doc: Doc, negated: bool) -> Iterator[tuple[Token, frozenset[str]]]:
    """(predicate, topic words) of each message about something; negated ones when asked."""
    for token in doc:
        if not _is_telling(token):
            continue
        head = token if token.pos_ == "VERB" else clause_head(token)
        said_no = negator(head) is not None or any(
            c.dep_ == "det" and c.lower_ == "no" for c in token.children
        )
        if said_no != negated:
            continue
        topics = frozenset(_topics(token))
        if topics:
            yield head, topics


def _is_telling(token: Token) -> bool:
    wordnet = WordNet.load()
    if token.pos_ == "VERB" and lemma(token) not in ("say", "tell", "ask"):
        return bool(wordnet.ancestors(lemma(token), "v") & set(INFORMING))
    if token.pos_ == "VERB":
        return lemma(token) == "tell"
    if token.pos_ == "NOUN":
        return "noun.communication" in wordnet.classes(lemma(token), "n") and bool(
            set(_topics(token))
        )
    return False


def _topics(token: Token) -> Iterator[str]:
    """The nouns of the phrase after "about" (read off the words as well as the parse: the
    small parser often mistags a compound such as "that bow door"); the parser may hang
    "about" on the addressee ("warned the council about the bridge")."""
    holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "dative")]
    for prep in (p for holder in holders for p in holder.children):
        if prep.dep_ == "prep" and prep.lower_ in ABOUT:
            for noun in prep.children:
                if noun.dep_ == "pobj":
                    yield from noun_words(noun)
            for word in prep.doc[prep.i + 1 : prep.i + 1 + TOPIC_WORDS]:
                if word.pos_ in ("ADP", "PUNCT", "CCONJ"):
                    break
                if word.pos_ in ("NOUN", "PROPN") and word.lemma_.casefold() not in HOLLOW_LEMMAS:
                    yield lemma(word)


# Denials


def denied_event(denied: Doc, asserted: Doc) -> FrameClash | None:
    """Whether ``asserted`` asserts what ``denied`` (the content of a denial) says did not
    happen: the same predicate on a shared argument, a kind of the denied event, a message on
    the denied topic, or an act by the same actors at the same named place."""
    for check in (
        _same_event, _kind_of_event, _same_telling, _same_actors_and_place, _overload_shown
    ):
        found = check(denied, asserted)
        if found is not None:
            return found
    return None


def _same_event(denied: Doc, asserted: Doc) -> FrameClash | None:
    for p in predicates(denied):
        if lemma(p) in HOLLOW_LEMMAS | LIGHT | SAYING:
            continue  # "denies 'Union says ...'": saying is not the event denied
        for q in predicates(asserted):
            if negator(q) is not None or not same_predicate(p, q):
                continue
            shared = arguments(p) & arguments(q)
            if shared:
                act = f'"{p.text}"' if lemma(p) == lemma(q) else f'"{p.text}" / "{q.text}"'
                why = f'the same act ({act}) on "{min(shared)}"'
                return FrameClash((phrase(p), phrase(q)), why)
    return None


def _kind_of_event(denied: Doc, asserted: Doc) -> FrameClash | None:
    wordnet = WordNet.load()
    for event in _event_nouns(denied):
        for other in _event_nouns(asserted):
            if negator(clause_head(other)) is not None:
                continue
            if lemma(other) != lemma(event) and wordnet.is_kind_of(lemma(other), lemma(event)):
                denied_words = quote(t for t in event.subtree if t.i <= event.i + 4)
                return FrameClash(
                    (denied_words, phrase(clause_head(other))),
                    f'"{other.text}" is a kind of "{event.text}"',
                )
    return None


@per_doc
def _event_nouns(doc: Doc) -> Iterator[Token]:
    wordnet = WordNet.load()
    for token in doc:
        if token.pos_ == "NOUN" and "noun.act" in wordnet.classes(lemma(token), "n"):
            yield token


def _same_telling(denied: Doc, asserted: Doc) -> FrameClash | None:
    found = _shared_telling(denied, asserted, negated=False)
    if found is None:
        return None
    told, other, topic = found
    return FrameClash((phrase(told), phrase(other)), f"a message about the {topic}")


def _same_actors_and_place(denied: Doc, asserted: Doc) -> FrameClash | None:
    wordnet = WordNet.load()
    places = _named_places(denied)
    for q in predicates(asserted):
        if negator(q) is not None:
            continue
        shared = places & _named_places_of(q)
        if not shared:
            continue
        for actor, actor_said in _actors(denied).items():
            for other, other_said in _actors_of(q).items():
                if actor == other or wordnet.is_kind_of(other, actor):
                    return FrameClash(
                        (_denied_words(denied, min(shared)), phrase(q)),
                        f'the same actors ("{other_said}" are "{actor_said}") at the same place',
                    )
    return None


def _overload_shown(denied: Doc, asserted: Doc) -> FrameClash | None:
    """A denial of overloading against a count above the limit the other text gives."""
    word = next((t for t in denied if t.lemma_.casefold() in OVERLOADING), None)
    if word is None:
        return None
    for over in over_capacity(asserted):
        return FrameClash(
            (phrase(clause_head(word)), over.words),
            f"{over.count} aboard against a limit of {over.limit:g}",
        )
    return None


def _named_places(doc: Doc) -> set[str]:
    return set(_named_place_words(doc))


@per_doc
def _named_place_words(doc: Doc) -> Iterator[str]:
    return (lemma(t) for t in doc if t.pos_ == "PROPN" and _in_place_phrase(t))


def _named_places_of(predicate: Token) -> set[str]:
    return {lemma(t) for t in predicate.subtree if t.pos_ == "PROPN" and _in_place_phrase(t)}


def _in_place_phrase(token: Token) -> bool:
    """A proper noun inside a prepositional phrase of place ("at the Azovstal steel plant",
    "into the territory of Azovstal")."""
    return any(t.dep_ == "prep" and t.lower_ in LOCATIVE | {"into", "of"} for t in token.ancestors)


def _actors(doc: Doc) -> dict[str, str]:
    """Subjects of a text: lemma → the word as written."""
    return {lemma(t): t.text for t in doc if t.dep_ in SUBJECTS and t.pos_ == "NOUN"}


def _actors_of(predicate: Token) -> dict[str, str]:
    return {
        lemma(c): c.text
        for c in predicate.children
        if c.dep_ in SUBJECTS | OBJECTS and c.pos_ == "NOUN"
    }


def _denied_words(doc: Doc, place: str) -> str:
    """The denied words leading up to the place ("ground conflict at the Azovstal steel
    plant")."""
    for token in doc:
        if lemma(token) == place:
            return quote(doc[max(0, token.i - DENIED_WORDS) : token.i + 1])
    return doc.text
