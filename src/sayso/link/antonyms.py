"""WordNet, read from Debian's ``wordnet-base`` data by NLTK's reader: antonyms, kinds, classes.

Linking asks WordNet three things about the words heading two statements' predicates:

- antonyms: "alive" / "dead", "open" / "shut", "inside" / "outside", "enter" / "exit", also
  through a word's derived forms ("died" → "dead" → "alive");
- kinds: whether one noun names a kind of the other ("fighting" is a kind of "conflict",
  "troops" a kind of "force"), so a denial of the general covers the particular;
- classes: the lexicographer file of a word's senses ("warn" is a verb of communication).

The data is Debian's (``apt-get install wordnet-base``, which ``make install`` runs); when it is
missing, every answer is empty and one warning says how to install it, so linking still works
without antonymy.

>>> wordnet = WordNet.load()
>>> "dead" in wordnet.antonyms("alive", "a") if wordnet.available else True
True
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sayso.link.reading import negator, per_token, phrase, predicates, subject_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

logger = logging.getLogger("sayso.link")

WORDNET_DIR = Path("/usr/share/wordnet")
# The lexicographer files of WordNet 3.0 in their numbered order (wndb(5WN), lexnames(5WN)).
# Debian's wordnet-base leaves the small ``lexnames`` index out; NLTK's reader needs it.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
_LEXNAME_POS = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}
# How far up the hypernym tree a noun may be a kind of another: "troop" → army unit → military
# unit ("force") is two steps; beyond three, kinds become too general to tell one event apart
# ("fighting" → conflict → group action → act covers almost any deed).
KIND_DEPTH = 3
# Senses of a word that are consulted, most frequent first: rare senses give odd antonyms
# ("die" as a tool, "hit" as a drug dose).
SENSES = 4


class WordNet:
    """Lookups in WordNet; all empty when the data is not installed (``available`` is False)."""

    def __init__(self, reader: Any | None) -> None:
        self._reader = reader

    @property
    def available(self) -> bool:
        return self._reader is not None

    @classmethod
    def load(cls, folder: Path = WORDNET_DIR) -> WordNet:
        """WordNet from ``folder``, loaded once per process (about a second)."""
        return _load(folder)

    def antonyms(self, word: str, pos: str) -> frozenset[str]:
        """Antonyms of ``word`` (a lemma) as ``pos`` ("n", "v", "a", "r"), also those of the
        words derived from it and of its adjective satellites' heads."""
        return self._antonyms(word.casefold(), pos)

    @lru_cache(maxsize=8192)  # noqa: B019 - one instance per process (``load`` is cached)
    def _antonyms(self, word: str, pos: str) -> frozenset[str]:
        found: set[str] = set()
        for lemma in self._lemmas(word, pos):
            found |= {_word(a) for a in lemma.antonyms()}
            for derived in lemma.derivationally_related_forms():
                found |= {_word(a) for a in derived.antonyms()}
            for similar in lemma.synset().similar_tos():
                found |= {_word(a) for other in similar.lemmas() for a in other.antonyms()}
        found.discard(word)
        return frozenset(found)

    def are_antonyms(self, a: str, pos_a: str, b: str, pos_b: str) -> bool:
        """Whether ``a`` and ``b`` are antonyms either way round."""
        return b.casefold() in self.antonyms(a, pos_a) or a.casefold() in self.antonyms(b, pos_b)

    @lru_cache(maxsize=8192)  # noqa: B019
    def synonyms(self, word: str, pos: str) -> frozenset[str]:
        """Words sharing one of ``word``'s first senses."""
        return frozenset(
            _word(lemma) for synset in self._synsets(word, pos) for lemma in synset.lemmas()
        )

    @lru_cache(maxsize=8192)  # noqa: B019
    def is_kind_of(self, word: str, general: str, pos: str = "n") -> bool:
        """Whether one of ``word``'s first senses is a sense of ``general`` (any of them) or lies
        at most ``KIND_DEPTH`` steps below one ("fighting" is a kind of "conflict")."""
        targets = set(self._synsets(general, pos, every=True))
        if not targets:
            return False
        level = set(self._synsets(word, pos))
        for _ in range(KIND_DEPTH + 1):
            if level & targets:
                return True
            level = {parent for synset in level for parent in synset.hypernyms()}
        return False

    @lru_cache(maxsize=8192)  # noqa: B019
    def senses(self, word: str, pos: str) -> frozenset[str]:
        """Names of ``word``'s first senses ("function.v.01")."""
        return frozenset(synset.name() for synset in self._synsets(word, pos))

    @lru_cache(maxsize=8192)  # noqa: B019
    def classes(self, word: str, pos: str) -> frozenset[str]:
        """The lexicographer files of ``word``'s first senses ("verb.communication")."""
        return frozenset(synset.lexname() for synset in self._synsets(word, pos))

    @lru_cache(maxsize=8192)  # noqa: B019
    def ancestors(self, word: str, pos: str) -> frozenset[str]:
        """Names of the senses above ``word``'s first senses, up to ``KIND_DEPTH`` steps."""
        found: set[str] = set()
        level = set(self._synsets(word, pos))
        for _ in range(KIND_DEPTH):
            level = {parent for synset in level for parent in synset.hypernyms()}
            found |= {synset.name() for synset in level}
        return frozenset(found)

    def _synsets(self, word: str, pos: str, every: bool = False) -> list[Any]:
        if self._reader is None or not word:
            return []
        found = list(self._reader.synsets(word.replace(" ", "_"), pos))
        return found if every else found[:SENSES]

    def _lemmas(self, word: str, pos: str) -> Iterable[Any]:
        key = word.replace(" ", "_")
        for synset in self._synsets(word, pos):
            for lemma in synset.lemmas():
                if lemma.name().casefold() == key:
                    yield lemma


def _word(lemma: Any) -> str:
    return str(lemma.name()).replace("_", " ").casefold()


@cache
def _load(folder: Path) -> WordNet:
    if not (folder / "data.noun").is_file():
        logger.warning(
            "WordNet is not installed (no %s): linking runs without antonymy; install it with "
            "`apt-get install wordnet-base` (or `make install`)",
            folder / "data.noun",
        )
        return WordNet(None)
    try:
        return WordNet(_reader(folder))
    except (OSError, ImportError, ValueError, LookupError) as error:
        logger.warning("WordNet at %s cannot be read (%s): linking runs without antonymy",
                       folder, error)
        return WordNet(None)


def _reader(folder: Path) -> Any:
    import nltk.data
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))  # NLTK reads only from folders it was told of

    class DebianWordNet(WordNetCorpusReader):  # type: ignore[misc]
        """NLTK's reader over Debian's files: the lexnames index supplied, and no mapping to
        another WordNet version (this is WordNet 3.0 itself)."""

        def open(self, file: str) -> Any:
            if file == "lexnames":
                return io.StringIO("".join(
                    f"{n:02d}\t{name}\t{_LEXNAME_POS[name.split('.')[0]]}\n"
                    for n, name in enumerate(LEXNAMES)
                ))
            return super().open(file)

        def map_wn(self, version: str = "wordnet") -> None:
            return None

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available"
        return DebianWordNet(str(folder), None)


# Antonymy between two statements


# Words of time, never read as clashing modifiers (see ``_modifiers``).
TEMPORAL = frozenset("early earlier late later soon first last before after then now ago".split())
WORDNET_POS = {"ADJ": ("a",), "VERB": ("v", "a"), "ADV": ("r", "a"), "ADP": ("r",), "NOUN": ("n",)}


def antonym_clash(a: Doc, b: Doc) -> tuple[tuple[str, str], str] | None:
    """Predicates of ``a`` and ``b`` whose heads are antonyms ("open" / "shut"), said alike
    (both negated or neither) of a common argument: their words and why."""
    wordnet = WordNet.load()
    if not wordnet.available:
        return None
    from sayso.link.negation import same_predicate

    for p in predicates(a):
        for q in predicates(b):
            if (negator(p) is None) != (negator(q) is None) or not _same_subject(p, q):
                continue
            pair = _antonym_heads(wordnet, p, q)
            if pair is None and same_predicate(p, q):
                pair = _antonym_modifiers(wordnet, p, q)  # "came from outside" / "inside"
            if pair:
                return (phrase(p), phrase(q)), f'"{pair[0]}" is an antonym of "{pair[1]}"'
    return None


def _same_subject(p: Token, q: Token) -> bool:
    """Antonyms clash only said of one thing: "the door was open" / "the door was shut", not
    "the floors stay closed" / "staff moved patients from the floor"."""
    return bool(subject_words(p) & subject_words(q))


def _antonym_modifiers(wordnet: WordNet, p: Token, q: Token) -> tuple[str, str] | None:
    for x in _modifiers(p):
        for y in _modifiers(q):
            if any(wordnet.are_antonyms(x, pos, y, pos) for pos in ("r", "a")):
                return x, y
    return None


@per_token
def _modifiers(predicate: Token) -> frozenset[str]:
    """Words of place and direction in a clause, its own only ("a strike from outside", "an
    explosion inside the tower"); words of time are left out, since accounts given at different
    times say "earlier this week" and "late last night" of one event."""
    from sayso.link.reading import clause_head

    return frozenset(
        t.lower_
        for t in predicate.subtree
        if (t.pos_ == "ADP" or t.dep_ == "pcomp" or (t.dep_ == "advmod" and t.head == predicate))
        and t.lower_ not in TEMPORAL
        and t != predicate
        and clause_head(t) == predicate
    )


def _antonym_heads(wordnet: WordNet, p: Token, q: Token) -> tuple[str, str] | None:
    for x, pos_x in _heads(p):
        for y, pos_y in _heads(q):
            if x != y and any(
                wordnet.are_antonyms(x, px, y, py) for px in pos_x for py in pos_y
            ):
                return x, y
    return None


@per_token
def _heads(predicate: Token) -> list[tuple[str, tuple[str, ...]]]:
    """The words that carry a predicate's meaning: itself (lemma and form), or for a copula its
    adverb ("they are inside")."""
    tokens = [predicate]
    if predicate.pos_ == "AUX":
        tokens = [c for c in predicate.children if c.dep_ == "advmod" and c.pos_ == "ADV"]
    found: list[tuple[str, tuple[str, ...]]] = []
    for token in tokens:
        pos = WORDNET_POS.get(token.pos_, ())
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        if particles:  # "switched on" / "switched off"
            found.append((f"{token.lemma_.casefold()} {particles[0]}", ("v",)))
        for word in {token.lemma_.casefold(), token.lower_}:
            found.append((word, pos))
    return found
