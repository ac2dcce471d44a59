"""The data model: plain frozen dataclasses, no I/O, no NLP.

Every span is a pair of character offsets into ``Article.text`` plus the text
they cover, so ``article.text[span.start_char:span.end_char] == span.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Kind = Literal["direct", "mixed", "indirect"]
Polarity = Literal["asserts", "denies"]
SpeakerKind = Literal["person", "organisation", "country", "unnamed"]
Relation = Literal["supports", "contradicts", "denies", "repeats"]

KINDS: tuple[Kind, ...] = ("direct", "mixed", "indirect")
POLARITIES: tuple[Polarity, ...] = ("asserts", "denies")
SPEAKER_KINDS: tuple[SpeakerKind, ...] = ("person", "organisation", "country", "unnamed")
RELATIONS: tuple[Relation, ...] = ("supports", "contradicts", "denies", "repeats")
# The relations that set two accounts against each other (``sayso conflicts``).
CONFLICTS: tuple[Relation, ...] = ("contradicts", "denies")
# The extraction models: "fast" is the rules alone; "accurate" takes spans from the learned
# tagger and groups and resolves them with the rules. The default is the more accurate one on
# PolNeAR dev whose throughput stays at 0.3x bare spaCy parsing or more (README, "Figures").
EXTRACTION_MODELS: tuple[str, ...] = ("fast", "accurate")
DEFAULT_EXTRACTION_MODEL = "accurate"


def stable_id(*parts: str | None, length: int = 16) -> str:
    """A short hex digest of ``parts``, stable across runs and machines.

    >>> stable_id("Fox News", "https://example.org/a")
    'b2c4...'  # doctest: +SKIP
    """
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def article_id(text: str, outlet: str | None = None, url: str | None = None) -> str:
    """The id of an article: a hash of outlet and URL when it has a URL, else of its text."""
    if url:
        return stable_id("url", outlet, url)
    return stable_id("text", text)


@dataclass(frozen=True)
class Span:
    """A stretch of ``Article.text`` given by character offsets (end exclusive)."""

    start_char: int
    end_char: int
    text: str

    def as_dict(self) -> dict[str, int | str]:
        return {"start_char": self.start_char, "end_char": self.end_char, "text": self.text}


@dataclass(frozen=True)
class Article:
    """One news story. ``text`` is the story only; all offsets index it."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    path: str | None = None
    raw: str | None = field(default=None, repr=False, compare=False)

    def span(self, start_char: int, end_char: int) -> Span:
        """The span of ``text`` between two character offsets."""
        return Span(start_char, end_char, self.text[start_char:end_char])


@dataclass(frozen=True)
class Statement:
    """One attribution: who (source, speaker) said what (content) by which cue."""

    id: str
    article_id: str
    speaker: str | None
    speaker_kind: SpeakerKind
    role: str | None
    source: tuple[Span, ...]
    cue: Span | None
    content: tuple[Span, ...]
    kind: Kind
    polarity: Polarity
    date: str | None = None
    channel: str | None = None
    relayed_by: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class RoleSeen:
    """A role under which a speaker was seen ("Kremlin spokesman"), and when."""

    role: str
    first_seen: date | None
    last_seen: date | None
    mentions: int = 1


@dataclass(frozen=True)
class Speaker:
    """A canonical speaker across articles, with the variants and roles it appears under."""

    id: str
    name: str
    kind: SpeakerKind
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSeen, ...] = ()
    affiliation: str | None = None


@dataclass(frozen=True)
class Claim:
    """Statements, from any articles and speakers, about one proposition or event."""

    id: str
    label: str  # the member statement's text nearest the claim's centre
    size: int
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True)
class Link:
    """A relation between two statements, with a score and a reason a person can read."""

    a: str
    b: str
    relation: Relation
    score: float
    reason: str
    claim_id: str | None = None
