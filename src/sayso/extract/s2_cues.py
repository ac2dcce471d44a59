"""Stage 2: cues — the words that attribute (said, denied, according to, called on).

A cue is a verb whose lemma is in the lexicon (``cues.txt``), with its particle where the
lexicon entry is phrasal ("call on"), or the preposition pair "according to". Whether a
candidate becomes a statement is decided later, once content and source are found.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from spacy.tokens import Token

LEXICON_FILE = "cues.txt"
# Auxiliaries kept in the cue span ("has said", "was quoted"), as PolNeAR annotators do.
CUE_AUX_DEPS = ("aux", "auxpass", "neg")
# Adverbs by which the writer hedges a report ("reportedly claimed"): never part of a cue.
HEDGES = frozenset("reportedly allegedly apparently purportedly supposedly seemingly".split())
PARTICLE_DEPS = ("prt", "prep")
CUE_POS = ("VERB",)


@dataclass(frozen=True)
class CueEntry:
    """One lexicon entry: a lemma, its particle for phrasal cues, and its tags."""

    lemma: str
    particle: str | None
    tags: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    single: dict[str, CueEntry]
    phrasal: dict[tuple[str, str], CueEntry]

    def __len__(self) -> int:
        return len(self.single) + len(self.phrasal)

    def is_cue_verb(self, verb: Token) -> bool:
        """Whether ``verb``'s lemma is a (single-word) cue of the lexicon."""
        return verb.lemma_.lower() in self.single


@dataclass(frozen=True)
class Cue:
    """A cue candidate: its head token, all its tokens, and its lexicon entry."""

    head: Token
    tokens: tuple[Token, ...]
    entry: CueEntry

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)

    @property
    def is_according_to(self) -> bool:
        return self.entry.lemma == "according to"

    def has(self, tag: str) -> bool:
        return tag in self.entry.tags


ACCORDING_TO = CueEntry("according to", None, frozenset({"relay"}))
TAGS = frozenset({"denial", "addressee", "weak", "clause"})


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The cue lexicon shipped with the package."""
    single: dict[str, CueEntry] = {}
    phrasal: dict[tuple[str, str], CueEntry] = {}
    for line in files("sayso.extract").joinpath(LEXICON_FILE).read_text("utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        tags = frozenset(w for w in words if w in TAGS)
        lemma_words = [w for w in words if w not in TAGS]
        if len(lemma_words) == 2:
            entry = CueEntry(lemma_words[0], lemma_words[1], tags)
            phrasal[(lemma_words[0], lemma_words[1])] = entry
        else:
            single[lemma_words[0]] = CueEntry(lemma_words[0], None, tags)
    return Lexicon(single, phrasal)


def find_cues(sentence: list[Token], lexicon: Lexicon) -> list[Cue]:
    """Every cue candidate of one sentence, in order."""
    cues = []
    for token in sentence:
        cue = _according_to(token) or _verb_cue(token, lexicon)
        if cue is not None:
            cues.append(cue)
    return cues


def _according_to(token: Token) -> Cue | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    following = token.doc[token.i + 1]
    if following.lower_ != "to":
        return None
    return Cue(token, (token, following), ACCORDING_TO)


def _verb_cue(token: Token, lexicon: Lexicon) -> Cue | None:
    if token.pos_ not in CUE_POS:
        return None
    lemma = token.lemma_.lower()
    for particle in _particles(token):
        entry = lexicon.phrasal.get((lemma, particle.lower_))
        if entry is not None:
            return Cue(token, _with_aux(token) + (particle,), entry)
    entry = lexicon.single.get(lemma)
    if entry is None:
        return None
    return Cue(token, _with_aux(token), entry)


def _particles(token: Token) -> list[Token]:
    return [c for c in token.rights if c.dep_ in PARTICLE_DEPS and c.i == token.i + 1]


def _with_aux(token: Token) -> tuple[Token, ...]:
    """The verb with the auxiliaries right before it ("has said", "was asked")."""
    start = token.i
    while start > token.sent.start and _is_cue_aux(token.doc[start - 1]):
        if token.doc[start - 1].head.i != token.i:
            break
        start -= 1
    return tuple(token.doc[start : token.i + 1])


def _is_cue_aux(token: Token) -> bool:
    """An auxiliary of the cue verb, or an adverb on it that PolNeAR counts as part of the cue
    ("also said", "has repeatedly denied"); a writer's hedge ("reportedly") is not."""
    if token.dep_ == "advmod" and token.pos_ == "ADV":
        return token.lower_ not in HEDGES
    return token.dep_ in CUE_AUX_DEPS and token.tag_ != "TO"
