"""Where two accounts clash in the words of the opposites file, which a user can extend.

The file lists groups of general English phrases that clash ("ceasefire holds" vs "violated the
ceasefire"); most contradictions are read on the parse instead (``relations``). Two statements
on one claim meet here when (1) they use phrases from opposite groups, or (2) one negates a
phrase of a group the other uses ("withdrew" vs "never withdrew"), or (3) both use one group
(which a denial turns into ``denies``). ``clash`` finds (1) and (2) and names the words;
``quote_pair`` picks the clauses to show for any pair, also when a model found the clash.

>>> book = load_opposites()
>>> clash("The rebels were driven out by the army", "They remain inside the compound", book).words
('were driven out by the army', 'remain inside the compound')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sayso.errors import LinkFileError

# Words that turn a clause around when they come before the phrase in it.
NEGATORS = frozenset(
    "no not never nobody nothing none neither nor cannot n't without denied deny denies "
    "false untrue".split()
)
# "no one" and "not any" are negators of two words.
NEGATING_PAIRS = (("no", "one"), ("not", "any"))
# Words shown after a matched phrase, so "are at" reads "are at the plant".
TRAILING_WORDS = 3
# A clause shown in a reason is cut to this many words.
CLAUSE_WORDS = 14
# Words too common to show that two clauses are about the same thing.
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for with from and or but that this these those it its they "
    "them their he she his her we our you your i is are was were be been being has have had "
    "do does did will would can could should may might must said says say as into than then "
    "there here so if about over after before up out one any all also just now yesterday "
    "today".split()
)

WORD = re.compile(r"[\w'’\-]+")
CLAUSE_END = re.compile(r"[.;:!?]+\s+|,\s+|\s+but\s+|—|–")
# A negator this many words before a phrase or nearer turns it around ("did not allow").
NEGATION_WINDOW = 3
# Preference among the ways two texts can meet, first best.
HOW = ("opposed", "negated", "same")


@dataclass(frozen=True)
class OppositesBook:
    """Phrase groups, each with the index of the group it is opposed to."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]  # group -> phrases, each a word tuple
    opposite: tuple[int, ...]


@dataclass(frozen=True)
class Clash:
    """Why two texts clash: the words of each, and how."""

    words: tuple[str, str]
    how: str  # "opposed" or "negated"


def load_opposites(extra: Path | None = None) -> OppositesBook:
    """The shipped opposites file, plus the lines of ``extra`` when given."""
    shipped = resources.files("sayso.link").joinpath("opposites.txt").read_text("utf-8")
    lines = list(_lines(shipped, "opposites.txt"))
    if extra is not None:
        try:
            lines += _lines(extra.read_text("utf-8"), str(extra))
        except (OSError, UnicodeDecodeError) as error:
            raise LinkFileError(f"{extra}: cannot read the opposites file ({error})") from error
    groups: list[tuple[tuple[str, ...], ...]] = []
    opposite: list[int] = []
    for left, right in lines:
        groups += [left, right]
        opposite += [len(groups) - 1, len(groups) - 2]
    return OppositesBook(tuple(groups), tuple(opposite))


def _lines(text: str, where: str) -> Iterable[tuple[tuple[tuple[str, ...], ...], ...]]:
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        sides = line.split(" | ")
        if len(sides) != 2:
            raise LinkFileError(
                f"{where}, line {number}: expected two groups of phrases separated by ' | '"
            )
        yield tuple(
            tuple(tuple(words_of(phrase)) for phrase in side.split(",") if phrase.strip())
            for side in sides
        )


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'")


def words_of(text: str) -> list[str]:
    return [_fold(w) for w in WORD.findall(text)]


def clauses(text: str) -> list[str]:
    """The clauses of a statement's content, as shown in reasons."""
    return [c.strip(" \"'“”‘’,") for c in CLAUSE_END.split(text) if c.strip(" \"'“”‘’,")]


@dataclass(frozen=True)
class _Found:
    group: int
    start: int  # word index in the clause
    end: int
    negated: bool


def _find(words: Sequence[str], book: OppositesBook) -> list[_Found]:
    """Phrases of the book in ``words``; of overlapping ones in a group, the longest."""
    found: list[_Found] = []
    for group, phrases in enumerate(book.groups):
        taken: set[int] = set()
        for phrase in sorted(phrases, key=len, reverse=True):
            for start in range(len(words) - len(phrase) + 1):
                end = start + len(phrase)
                if tuple(words[start:end]) != phrase or taken & set(range(start, end)):
                    continue
                taken.update(range(start, end))
                before = words[max(0, start - NEGATION_WINDOW) : start]
                negated = _negated(before)  # "no leak" is a phrase; "not no leak" negates it
                found.append(_Found(group, start, end, negated))
    return found


def _negated(before: Sequence[str]) -> bool:
    if NEGATORS & {w for w in before if not w.endswith("n't")} or any(
        w.endswith("n't") for w in before
    ):
        return True
    return any(
        tuple(before[i : i + 2]) == pair for pair in NEGATING_PAIRS for i in range(len(before))
    )


def clash(a: str, b: str, book: OppositesBook) -> Clash | None:
    """How ``a`` and ``b`` clash, naming the words, or ``None`` when no phrase shows it."""
    found = meeting(a, b, book)
    return found if found is not None and found.how != "same" else None


def meeting(a: str, b: str, book: OppositesBook) -> Clash | None:
    """Where ``a`` and ``b`` meet in the opposites file: opposed phrases, one negating the
    other, or (least telling) the same group of phrases in both; ``None`` if nowhere."""
    best: Clash | None = None
    for clause_a in map(_Clause.of, clauses(a)):
        found_a = _find(clause_a.folded, book)
        for clause_b in map(_Clause.of, clauses(b)):
            for x in found_a:
                for y in _find(clause_b.folded, book):
                    how = _how(x, y, book)
                    if how and (best is None or HOW.index(how) < HOW.index(best.how)):
                        best = Clash((clause_a.shown(x), clause_b.shown(y)), how)
    return best


def _how(x: _Found, y: _Found, book: OppositesBook) -> str | None:
    if book.opposite[x.group] == y.group and x.negated == y.negated:
        return "opposed"
    if x.group == y.group:
        return "negated" if x.negated != y.negated else "same"
    return None


@dataclass(frozen=True)
class _Clause:
    text: str
    folded: list[str]  # its words, casefolded
    bounds: list[tuple[int, int]]  # where each word lies in ``text``

    @classmethod
    def of(cls, text: str) -> _Clause:
        matches = list(WORD.finditer(text))
        return cls(text, [_fold(m[0]) for m in matches], [m.span() for m in matches])

    def shown(self, found: _Found) -> str:
        """The matched phrase as written, from its negator (if any) to a few words after."""
        start = found.start
        if found.negated:
            for i in range(found.start - 1, max(-1, found.start - 1 - NEGATION_WINDOW), -1):
                if _negated(self.folded[i : i + 2][:1]) or self.folded[i : i + 2] == ["no", "one"]:
                    start = i
                    break
        end = min(len(self.folded), found.end + TRAILING_WORDS)
        while end < len(self.folded) and self.folded[end - 1] in FUNCTION_WORDS:
            end += 1  # "broke into the territory of Azovstal", not "... of"
        return self.text[self.bounds[start][0] : self.bounds[end - 1][1]]


def quote_pair(a: str, b: str) -> tuple[str, str]:
    """The clause of each text that shares the most content words with the other, cut short."""
    clauses_a, clauses_b = clauses(a) or [a], clauses(b) or [b]
    best = max(
        ((ca, cb) for ca in clauses_a for cb in clauses_b),
        key=lambda pair: len(_content_words(pair[0]) & _content_words(pair[1])),
    )
    return _cut(best[0]), _cut(best[1])


def _content_words(text: str) -> set[str]:
    return {w[:5] for w in words_of(text) if w not in FUNCTION_WORDS and len(w) > 2}


def _cut(clause: str) -> str:
    words = clause.split()
    return clause if len(words) <= CLAUSE_WORDS else " ".join(words[:CLAUSE_WORDS]) + " …"
