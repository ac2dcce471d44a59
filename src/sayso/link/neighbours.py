"""Nearest neighbours among unit vectors: an exact search, and an approximate index (HNSW,
``faiss-cpu``) behind the same small interface, for the sets large enough to make it pay.

(``usearch`` 2.26.6 was tried first and dropped: importing onnxruntime after it kills the
process with a segmentation fault, and linking loads both.)

    found = neighbours_of(vectors)           # exact below ANN_MIN_VECTORS rows
    rows = found.nearest(vectors[3], 12, exclude=3)

Rows are numbered in the order they were added; similarity is the dot product (the cosine,
for unit vectors). ``nearest`` returns rows most similar first.

Where linking searches exhaustively, the sets are small: the members of one claim (``_pairs``)
and those of one event (``_event_pairs``, at most ``EVENT_ARTICLES`` articles). Claim
candidates (``ClaimIndex``) are not searched exhaustively: LSH and key postings bound them to
1,984 comparisons an item, calibrated on FNC-1 (bench/claims_calibration.py).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

DIMENSIONS = 384
# Rows from which ``neighbours_of`` builds the approximate index: the measured crossover.
# bench/ann_candidates.py on this 2-core machine, clustered synthetic vectors, building the
# structure and asking one query per row (every member of a claim new, as on a first run):
# exact / HNSW 0.05 / 0.18 s at 1k rows (0.3x), 5.2 / 4.2 s at 10k (1.24x), 1,072 / 102 s at
# 100k (10.6x); queries alone 0.9x / 2.4x / 19.6x. Recall@12 >= 0.9994 at every size. A claim's
# members and an event's number hundreds today, so they stay exact (and rank exactly as before).
ANN_MIN_VECTORS = 10_000
# HNSW settings: links per node (M), and the candidate lists of building and of a search
# (efConstruction, efSearch).
# Recall@10 against the exact search >= 0.95 on FNC-1 headlines and on 10k / 100k clustered
# synthetic vectors (tests/link/test_neighbours.py, bench/ann_candidates.py).
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 64


class Neighbours(Protocol):
    def __len__(self) -> int: ...

    def add(self, vectors: np.ndarray) -> None:
        """Append rows (float32, shape ``(n, DIMENSIONS)``), numbered after the present ones."""

    def nearest(self, query: np.ndarray, k: int, exclude: int | None = None) -> list[int]:
        """Up to ``k`` rows most similar to ``query``, most similar first, ``exclude`` left out."""


class ExactNeighbours:
    """Every row scored: a matrix-vector product and a sort (``np.argsort``, as linking did)."""

    def __init__(self, vectors: np.ndarray | None = None) -> None:
        self._matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._size = 0
        if vectors is not None:
            self.add(vectors)

    def __len__(self) -> int:
        return self._size

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, DIMENSIONS)
        needed = self._size + len(vectors)
        if needed > len(self._matrix):
            grown = np.zeros((max(needed, 2 * len(self._matrix)), DIMENSIONS), dtype=np.float32)
            grown[: self._size] = self._matrix[: self._size]
            self._matrix = grown
        self._matrix[self._size : needed] = vectors
        self._size = needed

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """The similarity of every row to ``query``."""
        found: np.ndarray = self._matrix[: self._size] @ np.asarray(query, dtype=np.float32)
        return found

    def nearest(self, query: np.ndarray, k: int, exclude: int | None = None) -> list[int]:
        similarity = self.similarities(query)
        if exclude is not None:
            similarity[exclude] = -np.inf
        k = min(k, self._size - (exclude is not None))
        return [int(row) for row in np.argsort(-similarity)[:k]]


class ApproximateNeighbours:
    """An HNSW graph (faiss, inner product): extended as rows are added, searched in log time."""

    def __init__(self, vectors: np.ndarray | None = None) -> None:
        import faiss

        self._index = faiss.IndexHNSWFlat(DIMENSIONS, CONNECTIVITY, faiss.METRIC_INNER_PRODUCT)
        self._index.hnsw.efConstruction = EXPANSION_ADD
        self._index.hnsw.efSearch = EXPANSION_SEARCH
        if vectors is not None:
            self.add(vectors)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        self._index.add(np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, DIMENSIONS))

    def nearest(self, query: np.ndarray, k: int, exclude: int | None = None) -> list[int]:
        asked = min(k + (exclude is not None), len(self))
        if asked <= 0:
            return []
        query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, DIMENSIONS)
        _, found = self._index.search(query, asked)
        rows = [int(row) for row in found[0] if row >= 0 and int(row) != exclude]
        return rows[:k]


def neighbours_of(vectors: np.ndarray) -> ExactNeighbours | ApproximateNeighbours:
    """The exact search below ``ANN_MIN_VECTORS`` rows, the approximate index from there."""
    if len(vectors) < ANN_MIN_VECTORS:
        return ExactNeighbours(vectors)
    return ApproximateNeighbours(vectors)
