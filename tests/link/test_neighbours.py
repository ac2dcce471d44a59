"""The exact search ranks as linking always did; the HNSW index keeps recall@12 >= 0.95
against it (a quality floor) on FNC-1 headlines and on 10k clustered synthetic vectors."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from sayso.link.neighbours import (
    ANN_MIN_VECTORS,
    DIMENSIONS,
    ApproximateNeighbours,
    ExactNeighbours,
    neighbours_of,
)

FNC1_STANCES = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "fnc1" / "train_stances.csv"
)
K = 12  # linker.PARTNERS
RECALL_FLOOR = 0.95


def _unit(vectors: np.ndarray) -> np.ndarray:
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _clustered(size: int, seed: int = 3) -> np.ndarray:
    """Members around size/30 centres: cosine ~0.7 to the centre, ~0.5 to each other."""
    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((size // 30, DIMENSIONS)))
    noise = rng.standard_normal((size, DIMENSIONS)) / np.sqrt(DIMENSIONS)
    return _unit(centres[rng.integers(0, len(centres), size)] + noise)


def _recall(vectors: np.ndarray, queries: int = 300) -> float:
    exact, approximate = ExactNeighbours(vectors), ApproximateNeighbours(vectors)
    rows = np.random.default_rng(7).choice(len(vectors), min(queries, len(vectors)), False)
    shared = []
    for row in rows.tolist():
        truth = exact.nearest(vectors[row], K, exclude=row)
        found = approximate.nearest(vectors[row], K, exclude=row)
        assert row not in found and len(found) == len(truth)
        shared.append(len(set(truth) & set(found)) / len(truth))
    return float(np.mean(shared))


def test_exact_ranks_by_similarity_leaving_out_the_excluded_row() -> None:
    vectors = _clustered(300)
    found = ExactNeighbours(vectors).nearest(vectors[5], K, exclude=5)

    similarity = vectors @ vectors[5]
    similarity[5] = -np.inf
    assert found == np.argsort(-similarity)[:K].tolist()
    assert ExactNeighbours(vectors[:4]).nearest(vectors[0], K, exclude=0) != []
    assert len(ExactNeighbours(vectors[:4]).nearest(vectors[0], K, exclude=0)) == 3


def test_both_number_rows_in_the_order_added_across_batches() -> None:
    vectors = _clustered(600)
    for index in (ExactNeighbours(), ApproximateNeighbours()):
        index.add(vectors[:250])
        index.add(vectors[250:])
        assert len(index) == 600
        assert index.nearest(vectors[400], 1) == [400]


def test_small_sets_get_the_exact_search() -> None:
    assert isinstance(neighbours_of(_clustered(300)), ExactNeighbours)
    assert ANN_MIN_VECTORS > 1_000  # every claim and event linking searches today


@pytest.mark.slow
def test_ann_recall_on_10k_clustered_vectors() -> None:
    assert _recall(_clustered(10_000)) >= RECALL_FLOOR


@pytest.mark.slow
def test_ann_recall_on_fnc1_headlines() -> None:
    if not FNC1_STANCES.exists():
        pytest.skip(f"no FNC-1 data at {FNC1_STANCES}")
    from sayso.link.embed import SentenceEncoder

    with FNC1_STANCES.open(encoding="utf-8", newline="") as stream:
        headlines = sorted({row["Headline"] for row in csv.DictReader(stream)})[:1_500]
    assert _recall(SentenceEncoder.load().encode(headlines)) >= RECALL_FLOOR
