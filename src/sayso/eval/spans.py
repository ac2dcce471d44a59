"""Span arithmetic for scoring: the strip rule, exact and overlap matching, P/R/F1.

Spans here are plain ``(start_char, end_char)`` pairs (end exclusive) into one article's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

CharSpan = tuple[int, int]

# EVAL.md "PolNeAR scoring": these characters, and whitespace, are stripped from both ends of
# every gold and predicted span before comparing, so quote marks and trailing commas or full
# stops (which annotators include inconsistently) never decide a match.
STRIP_PUNCTUATION = frozenset("\"“”‘’',.;:")


def _strippable(char: str) -> bool:
    return char.isspace() or char in STRIP_PUNCTUATION


def normalise_span(text: str, span: CharSpan) -> CharSpan | None:
    """``span`` with whitespace and quote/stop punctuation stripped from both ends.

    Returns ``None`` when nothing is left.

    >>> normalise_span('He said: "No."', (8, 14))
    (10, 12)
    """
    start, end = max(span[0], 0), min(span[1], len(text))
    while start < end and _strippable(text[start]):
        start += 1
    while end > start and _strippable(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def normalise_spans(text: str, spans: Iterable[CharSpan]) -> set[CharSpan]:
    """The normalised, non-empty spans, as a set.

    A set because PolNeAR annotates a span shared by two attributions (one source saying two
    things) once; a prediction repeating a shared span must not count as a second guess.
    """
    normalised = (normalise_span(text, span) for span in spans)
    return {span for span in normalised if span is not None}


class NonSpaceIndex:
    """Counts the non-space characters in any stretch of one text in O(1)."""

    def __init__(self, text: str) -> None:
        counts = (0 if char.isspace() else 1 for char in text)
        self._prefix = [0, *accumulate(counts)]

    def shared(self, a: CharSpan, b: CharSpan) -> int:
        """The number of non-space characters that spans ``a`` and ``b`` both cover."""
        start, end = max(a[0], b[0]), min(a[1], b[1])
        if start >= end:
            return 0
        return self._prefix[end] - self._prefix[start]


def exact_matches(gold: set[CharSpan], predicted: set[CharSpan]) -> int:
    """How many predicted spans have the offsets of a gold span."""
    return len(gold & predicted)


def overlap_matches(
    gold: Sequence[CharSpan], predicted: Sequence[CharSpan], index: NonSpaceIndex
) -> int:
    """How many one-to-one pairs share a non-space character, paired greedily.

    Pairs are taken largest overlap first (ties by position, so the result is stable);
    each gold span and each prediction is used at most once.
    """
    candidates = [
        (-shared, g, p)
        for g, gold_span in enumerate(gold)
        for p, predicted_span in enumerate(predicted)
        if (shared := index.shared(gold_span, predicted_span)) > 0
    ]
    return greedy_pairs(candidates)


def greedy_pairs(candidates: Iterable[tuple[int, int, int]]) -> int:
    """How many one-to-one (gold, prediction) pairs ``candidates`` give, taken in sorted order
    (``(-shared characters, gold index, prediction index)``: largest overlap first)."""
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
    return len(used_gold)


@dataclass
class Tally:
    """Counts behind precision and recall for one role and one matching rule."""

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    def add(self, other: Tally) -> None:
        self.matched += other.matched
        self.gold += other.gold
        self.predicted += other.predicted

    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, digits: int = 4) -> dict[str, float]:
        return {
            "p": round(self.precision(), digits),
            "r": round(self.recall(), digits),
            "f1": round(self.f1(), digits),
        }
