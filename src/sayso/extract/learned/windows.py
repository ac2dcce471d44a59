"""Text <-> word-piece windows <-> character spans, shared by training and inference.

A text is cut into windows of at most ``WINDOW`` word pieces that overlap by ``WINDOW - STRIDE``;
each token's scores are taken from the window where it lies farthest from an edge, so every
token is judged with context on both sides, and the words are labelled by the best valid BIO
sequence (``best_labels``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

ROLES = ("source", "cue", "content")
LABELS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))
LABEL_IDS = {label: i for i, label in enumerate(LABELS)}
# Word pieces per window, special tokens excluded: 254 + [CLS] + [SEP] = 256, where MiniLM is fast
# on a CPU and a window still holds a paragraph or two.
WINDOW = 254
# Step between window starts at inference; half a window, so each token sits near a centre.
STRIDE = 127
IGNORE = -100  # the loss ignores this label (special tokens)

Interval = tuple[int, int]


@dataclass(frozen=True)
class Encoded:
    """A text's word pieces: ids and the character offsets each covers."""

    ids: list[int]
    offsets: list[Interval]
    words: list[int | None] | None = None  # which word each piece belongs to, if known


@dataclass(frozen=True)
class Window:
    """Token positions ``start``..``end`` (exclusive) of an Encoded text."""

    start: int
    end: int


def encode(tokenizer: object, text: str) -> Encoded:
    """Word pieces of ``text`` with a ``tokenizers.Tokenizer``, no special tokens."""
    encoding = tokenizer.encode(text, add_special_tokens=False)  # type: ignore[attr-defined]
    return Encoded(
        list(encoding.ids), [tuple(o) for o in encoding.offsets], list(encoding.word_ids)
    )


def windows(length: int, stride: int = STRIDE, size: int = WINDOW) -> list[Window]:
    """Overlapping windows covering ``length`` tokens."""
    if length <= size:
        return [Window(0, length)]
    starts = list(range(0, length - size, stride)) + [length - size]
    return [Window(s, s + size) for s in starts]


def token_labels(encoded: Encoded, spans: Mapping[str, Iterable[Interval]]) -> list[int]:
    """BIO label ids for each token from gold character spans per role."""
    labels = [LABEL_IDS["O"]] * len(encoded.ids)
    for role, intervals in spans.items():
        for start, end in intervals:
            inside = [i for i, (s, e) in enumerate(encoded.offsets) if s < end and start < e]
            for n, i in enumerate(inside):
                labels[i] = LABEL_IDS[("B-" if n == 0 else "I-") + role]
    return labels


def best_window_of(length: int, spans: Sequence[Window]) -> list[tuple[int, int]]:
    """For each token, (window index, position in it) where it is farthest from an edge."""
    best: list[tuple[int, int]] = [(-1, -1)] * length
    margin = [-1] * length
    for w, window in enumerate(spans):
        for i in range(window.start, window.end):
            room = min(i - window.start, window.end - 1 - i)
            if room > margin[i]:
                margin[i], best[i] = room, (w, i - window.start)
    return best


def whole_words(encoded: Encoded, labels: Sequence[int]) -> list[int]:
    """Every piece of a word takes the label of its first piece, so no span cuts a word
    ("Gen|nifer" tagged O|B would otherwise give the span "nifer")."""
    if encoded.words is None:
        return list(labels)
    smoothed = list(labels)
    for i in range(1, len(smoothed)):
        word = encoded.words[i]
        if word is not None and word == encoded.words[i - 1]:
            label = LABELS[smoothed[i - 1]]
            smoothed[i] = LABEL_IDS["O" if label == "O" else "I-" + label.split("-", 1)[1]]
    return smoothed


def allowed_transitions() -> np.ndarray:
    """``allowed[a, b]``: may label ``b`` follow label ``a`` in BIO? An ``I-role`` only
    continues a span of the same role; anything else may follow anything."""
    allowed = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for b, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            allowed[:, b] = False
            allowed[LABEL_IDS["B-" + role], b] = allowed[LABEL_IDS["I-" + role], b] = True
    return allowed


ALLOWED = allowed_transitions()


def best_labels(encoded: Encoded, scores: np.ndarray) -> list[int]:
    """The most probable valid BIO labelling of the words, one label per word piece.

    ``scores`` are per-piece logits (pieces x labels). Each word is judged by its first piece;
    a Viterbi pass over the words keeps only sequences where every ``I-role`` continues a span
    of that role, so a span's two ends come from one decision instead of two separate ones.
    """
    log_p = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
    starts = _word_starts(encoded)
    word_scores = log_p[starts]
    blocked = np.where(ALLOWED, 0.0, -np.inf)
    path_scores = word_scores[0] + np.where(
        np.array([label.startswith("I-") for label in LABELS]), -np.inf, 0.0
    )
    back = np.zeros((len(starts), len(LABELS)), dtype=np.int64)
    for w in range(1, len(starts)):
        candidates = path_scores[:, None] + blocked
        back[w] = candidates.argmax(axis=0)
        path_scores = candidates.max(axis=0) + word_scores[w]
    best = [int(path_scores.argmax())]
    for w in range(len(starts) - 1, 0, -1):
        best.append(int(back[w][best[-1]]))
    best.reverse()
    labels = [LABEL_IDS["O"]] * len(encoded.ids)
    for index, start in enumerate(starts):
        labels[start] = best[index]
    return whole_words(encoded, labels)


def _word_starts(encoded: Encoded) -> list[int]:
    if encoded.words is None:
        return list(range(len(encoded.ids)))
    return [
        i
        for i, word in enumerate(encoded.words)
        if i == 0 or word is None or word != encoded.words[i - 1]
    ]


def decode(encoded: Encoded, labels: Sequence[int]) -> dict[str, list[Interval]]:
    """Character spans per role from BIO label ids (an I after O or another role starts a span)."""
    labels = whole_words(encoded, labels)
    found: dict[str, list[Interval]] = {role: [] for role in ROLES}
    current: str | None = None
    for (start, end), label_id in zip(encoded.offsets, labels, strict=True):
        label = LABELS[label_id]
        if label == "O":
            current = None
            continue
        prefix, role = label.split("-", 1)
        if prefix == "B" or role != current:
            found[role].append((start, end))
        else:
            found[role][-1] = (found[role][-1][0], end)
        current = role
    return found
