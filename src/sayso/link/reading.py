"""Statement contents read through the spaCy parse: predicates, their arguments and negation.

Linking compares what two statements say, not only the words they share, so each content is
parsed once (the pipeline extraction uses, loaded from its installed package) and cached by text.
The helpers here name the parts of a clause the comparisons need:

- ``predicates``: the verbs and predicate adjectives/nouns of a text, each with its head word;
- ``arguments``: the content words filling a predicate's subject, object and prepositional slots;
- ``negator``: the word that negates a predicate ("not", "never", "nothing", "no one"), if any;
- ``quote``: the words of a clause as written, for a reason.

>>> reader = Reader()
>>> [doc] = reader.read(["Nothing hit the tower from outside"])
>>> [(p.lemma_, negator(p).text) for p in predicates(doc)]
[('hit', 'Nothing')]
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sayso.store.rows import CONTENT_JOINER

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Parsed contents kept in memory, most recent first: a claim's statements are compared with each
# other in one batch, so a few thousand covers many claims at once (a parse is ~10 kB).
CACHE_SIZE = 4096
# Pipes the comparisons do not use; leaving named entities out saves about a fifth of the parse.
UNUSED_PIPES = ("ner",)
# Words a reason quotes from one clause at most, and how far past that a quote may run to end
# its noun phrase ("a third-floor storeroom" is three words past "a").
QUOTE_WORDS = 12
NOUN_PHRASE_REACH = 4

# Pronouns that, as a subject or object, say there is nothing or nobody ("nothing hit").
NEGATIVE_PRONOUNS = frozenset({"nothing", "nobody", "none", "noone", "neither"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "dative", "obj"})
# Children of a predicate kept when its words are quoted; clauses hanging off it are not.
QUOTED_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "attr", "acomp", "oprd", "prt", "neg", "aux", "auxpass",
     "prep", "agent", "advmod", "npadvmod", "det", "nummod", "quantmod", "amod", "compound",
     "poss", "dative", "expl", "pobj", "pcomp", "case", "nmod", "appos"}
)
# Words that carry no content of their own as arguments.
HOLLOW_LEMMAS = frozenset(
    "i you he she it we they me him her us them this that these those one there who what "
    "which anyone anybody someone somebody everyone everybody something anything everything "
    "thing lot part".split()
)
# Clauses whose content is not asserted: conditions ("if there was no...") and concessions
# ("whatever the investigators find").
UNASSERTED_MARKERS = frozenset({"if", "whether", "unless"})
CONCESSIVE = frozenset({"whatever", "whoever", "whichever", "wherever", "however"})
PLACE_PREPOSITIONS = frozenset("in at on inside near outside into from across".split())


T = TypeVar("T")
R = TypeVar("R")


def per_doc(function: Callable[[Doc], Iterable[T]]) -> Callable[[Doc], tuple[T, ...]]:
    """``function`` of a parse, computed once per parse and kept on it: a statement is compared
    with a dozen others, and what is read off its own parse does not depend on them."""
    key = f"sayso:{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(doc: Doc) -> tuple[T, ...]:
        found: tuple[T, ...] | None = doc.user_data.get(key)
        if found is None:
            found = doc.user_data[key] = tuple(function(doc))
        return found

    return cached


def per_token(function: Callable[[Token], R]) -> Callable[[Token], R]:
    """``function`` of a token, computed once per token of a parse and kept on the parse."""
    name = f"sayso:{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def cached(token: Token) -> R:
        key = (name, token.i)
        store: dict[Any, Any] = token.doc.user_data
        if key not in store:
            store[key] = function(token)
        found: R = store[key]
        return found

    return cached


class Reader:
    """Parses statement contents with the English pipeline, each distinct text once."""

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp
        self._docs: OrderedDict[str, Doc] = OrderedDict()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from sayso.extract import load_pipeline

            self._nlp = load_pipeline()
        return self._nlp

    def read(self, texts: Sequence[str]) -> list[Doc]:
        """The parse of each text, in order (texts parsed before come from the cache)."""
        missing = sorted({text for text in texts if text not in self._docs})
        if missing:
            disabled = [pipe for pipe in UNUSED_PIPES if pipe in self.nlp.pipe_names]
            for text, doc in zip(missing, self.nlp.pipe(missing, disable=disabled), strict=True):
                self._docs[text] = doc
        for text in texts:
            self._docs.move_to_end(text)
        while len(self._docs) > CACHE_SIZE:
            self._docs.popitem(last=False)
        return [self._docs[text] for text in texts]


def lemma(token: Token) -> str:
    """The token's lemma, casefolded (proper nouns as written, casefolded)."""
    return (token.text if token.pos_ == "PROPN" else token.lemma_).casefold()


@per_doc
def predicates(doc: Doc) -> Iterator[Token]:
    """Verbs, and adjectives or nouns predicated by a copula, that head a clause of ``doc``."""
    for token in doc:
        if not asserted(token):
            continue
        if token.pos_ == "VERB" and token.lemma_ != "be":
            yield token
        elif token.dep_ in ("acomp", "attr", "oprd") and token.head.lemma_ == "be":
            yield token
        elif token.pos_ == "AUX" and token.dep_ in ("ROOT", "ccomp", "conj", "advcl", "relcl"):
            yield token  # "they are at the plant": the copula heads the clause


def asserted(token: Token) -> bool:
    """False inside a question, a condition ("if there was no chlorine, why...") or a concession
    ("whatever the investigators find")."""
    found: frozenset[int] | None = token.doc.user_data.get(UNASSERTED_KEY)
    if found is None:
        found = token.doc.user_data[UNASSERTED_KEY] = frozenset(_unasserted(token.doc))
    return token.i not in found


UNASSERTED_KEY = "sayso:unasserted"


def _unasserted(doc: Doc) -> Iterator[int]:
    for sentence in doc.sents:
        if sentence.text.rstrip(" \"'”’").endswith("?"):
            yield from range(sentence.start, sentence.end)
    for token in doc:
        if any(
            (child.dep_ == "mark" and child.lower_ in UNASSERTED_MARKERS)
            or child.lower_ in CONCESSIVE
            for child in token.children
        ):
            yield from (t.i for t in token.subtree)


@per_token
def clause_head(token: Token) -> Token:
    """The verb or copula the token's clause hangs from."""
    node = token
    while node.dep_ not in ("ROOT",) and not (
        node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass")
    ):
        node = node.head
    return node


@per_token
def negator(predicate: Token) -> Token | None:
    """The word negating ``predicate``: a ``not``/``never`` on it or its copula, or a negative
    subject or object ("nothing hit the tower", "no one was hurt", "they found nothing")."""
    heads = [predicate]
    if predicate.dep_ in ("acomp", "attr", "oprd") and predicate.head.lemma_ == "be":
        heads.append(predicate.head)
    for head in heads:
        for child in head.children:
            if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
                return child
    for head in heads:
        for child in head.children:
            if child.dep_ in SUBJECTS | OBJECTS and _negative_noun(child) is not None:
                return _negative_noun(child)
            if child.dep_ == "prep":  # "at no point", "at no time", "in no way"
                for noun in child.children:
                    if noun.dep_ == "pobj" and _negative_noun(noun) is not None:
                        return _negative_noun(noun)
    return None


def _negative_noun(token: Token) -> Token | None:
    if token.lower_ in NEGATIVE_PRONOUNS:
        return token
    for child in token.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return child
    return None


@per_token
def arguments(predicate: Token) -> frozenset[str]:
    """Content lemmas of the nouns (and their modifiers) that fill ``predicate``'s slots."""
    found: set[str] = set()
    for slot in argument_heads(predicate):
        found |= noun_words(slot)
    return frozenset(found)


@per_token
def head_words(predicate: Token) -> frozenset[str]:
    """The lemmas of the nouns heading ``predicate``'s slots, without their modifiers: "the
    fire doors failed" and "nobody died in the fire" share "fire" only as a modifier."""
    return frozenset(
        lemma(slot) for slot in argument_heads(predicate)
        if slot.pos_ in ("NOUN", "PROPN") and lemma(slot) not in HOLLOW_LEMMAS
    )


@per_token
def subject_words(predicate: Token) -> frozenset[str]:
    """The lemmas heading ``predicate``'s subject (the copula's, for "the door was open")."""
    heads = [predicate]
    if predicate.dep_ in ("acomp", "attr", "oprd") and predicate.head.lemma_ == "be":
        heads.append(predicate.head)
    return frozenset(
        lemma(noun)
        for head in heads
        for child in head.children
        if child.dep_ in ("nsubj", "nsubjpass")
        for noun in _with_conjuncts(child)
        if noun.pos_ in ("NOUN", "PROPN")
    )


def argument_heads(predicate: Token) -> Iterator[Token]:
    """The heads of ``predicate``'s subject, objects and prepositional objects."""
    heads = [predicate]
    if predicate.dep_ in ("acomp", "attr", "oprd") and predicate.head.lemma_ == "be":
        heads.append(predicate.head)
    for head in heads:
        for child in head.children:
            if child.dep_ in SUBJECTS | OBJECTS | {"agent", "prep", "dative"}:
                yield from _slot_nouns(child)
    if predicate.dep_ in ("amod", "acl") and predicate.head.pos_ in ("NOUN", "PROPN"):
        yield predicate.head  # "the missing passengers", "the door closed"


def _slot_nouns(token: Token) -> Iterator[Token]:
    if token.dep_ in ("prep", "agent"):
        for child in token.children:
            if child.dep_ == "pobj":
                yield from _with_conjuncts(child)
    elif token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        yield from _with_conjuncts(token)


def _with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield child


@per_token
def noun_words(noun: Token) -> frozenset[str]:
    """The content lemmas of a noun phrase's head and its compounds and adjectives."""
    words = {lemma(noun)} if noun.pos_ in ("NOUN", "PROPN") else set()
    for child in noun.children:
        if child.dep_ == "amod" and child.pos_ == "VERB":
            words.add(child.lower_)  # "missing", "injured": the participle, not "miss"
        if child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
            words.add(lemma(child))
    return frozenset(word for word in words if word not in HOLLOW_LEMMAS and len(word) > 1)


def quote(tokens: Iterable[Token]) -> str:
    """The words from the first to the last of ``tokens`` as written, within one content span
    and at most ``QUOTE_WORDS`` words."""
    chosen = sorted(tokens, key=lambda token: token.i)
    if not chosen:
        return ""
    doc = chosen[0].doc
    first, last = chosen[0].i, chosen[-1].i
    if last - first + 1 > QUOTE_WORDS:
        last = first + QUOTE_WORDS - 1
    while doc[last].head.i > last and doc[last].head.i - last <= NOUN_PHRASE_REACH:
        last = doc[last].head.i  # "the Azovstal steel plant", not "the Azovstal steel"
    text = doc[first : last + 1].text
    return text.split(CONTENT_JOINER.strip())[0].strip(" ,;:\"'“”‘’")


@per_token
def setting(head: Token) -> frozenset[str]:
    """The named places of a clause: proper nouns inside its phrases of place ("at the Pune
    refinery", "in Ibadan"). Two clauses naming only different places tell of different events."""
    return frozenset(
        lemma(token)
        for token in head.subtree
        if token.pos_ == "PROPN"
        and any(t.dep_ == "prep" and t.lower_ in PLACE_PREPOSITIONS for t in token.ancestors)
    )


def same_setting(x: Token, y: Token) -> bool:
    """Whether two clauses may tell of one event: they share a named place, or one names none."""
    a, b = setting(x), setting(y)
    return not a or not b or bool(a & b)


@per_token
def phrase(predicate: Token) -> str:
    """A predicate with its subject, objects and modifiers, as written ("a drone hit the
    tower"), without the clauses hanging off it."""
    kept = [predicate]
    heads = [predicate]
    if predicate.dep_ in ("acomp", "attr", "oprd") and predicate.head.lemma_ == "be":
        heads.append(predicate.head)
        kept.append(predicate.head)
    for head in heads:
        for child in head.children:
            if child.dep_ in QUOTED_DEPS:
                kept += _compact_subtree(child)
    near = [token for token in kept if abs(token.i - predicate.i) < QUOTE_WORDS]
    return quote(_contiguous(near, predicate))


def _compact_subtree(token: Token) -> list[Token]:
    """A child's subtree without the clauses in it (a noun keeps its conjuncts)."""
    kept = [token]
    for child in token.children:
        conjunct = token.pos_ in ("NOUN", "PROPN") and child.dep_ in ("cc", "conj")
        if child.dep_ in QUOTED_DEPS or conjunct:
            kept += _compact_subtree(child)
    return kept


def _contiguous(tokens: Sequence[Token], anchor: Token) -> list[Token]:
    """The run of ``tokens`` around ``anchor`` with no word of another clause in between."""
    indices = {token.i for token in tokens}
    start = end = anchor.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices:
        end += 1
    doc = anchor.doc
    return [doc[i] for i in range(start, end + 1) if not doc[i].is_punct or start < i < end]
