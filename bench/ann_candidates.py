"""Exact vs approximate (HNSW, faiss-cpu) nearest neighbours: recall@k and query time, side by side.

    .venv/bin/python bench/ann_candidates.py [--sizes 1000 10000 100000] [--queries 500] [--k 12]
                                             [--no-headlines] [--json]

Two kinds of vectors (384-d, unit norm):

- **headlines**: the FNC-1 headlines of ``bench/claims_calibration.py`` (1,648, its events),
  embedded with the packaged ``SentenceEncoder``;
- **synthetic**: N vectors around N/30 random centres (cosine to the centre about 0.7, between
  two of one centre about 0.5: the spread of a claim's members), for each ``--sizes`` N.

Each query is a row of the set, searched with itself excluded, as ``linker._pairs`` asks. Per
set: seconds to build each structure, milliseconds per query, the exact / ANN query time ratio,
recall@k of the ANN (shared rows of its k and the exact k, over k), and, for a first run where
every row is a new statement (build + one query per row, queries timed on the sample), the
total of each and their ratio: the figure behind ``neighbours.ANN_MIN_VECTORS``. Prints
figures; never asserts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from sayso.link.neighbours import DIMENSIONS, ApproximateNeighbours, ExactNeighbours

SIZES = (1_000, 10_000, 100_000)
QUERIES = 500
K = 12  # linker.PARTNERS
SEED = 11
PER_CENTRE = 30
SPREAD = 1.0


def synthetic(size: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((max(1, size // PER_CENTRE), DIMENSIONS)))
    noise = rng.standard_normal((size, DIMENSIONS)) / np.sqrt(DIMENSIONS)
    return _unit(centres[rng.integers(0, len(centres), size)] + SPREAD * noise)


def _unit(vectors: np.ndarray) -> np.ndarray:
    unit: np.ndarray = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    return unit


def headlines() -> np.ndarray:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import claims_calibration
    from sayso.link.embed import SentenceEncoder

    texts = sorted(claims_calibration.load_events(claims_calibration.DEFAULT_STANCES))
    found: np.ndarray = SentenceEncoder.load().encode(texts)
    return found


def measure(name: str, vectors: np.ndarray, queries: int, k: int, seed: int) -> dict[str, Any]:
    rows = np.random.default_rng(seed).choice(len(vectors), min(queries, len(vectors)), False)
    started = time.perf_counter()
    exact = ExactNeighbours(vectors)
    exact_build = time.perf_counter() - started
    started = time.perf_counter()
    approximate = ApproximateNeighbours(vectors)
    ann_build = time.perf_counter() - started
    truth, exact_s = _search(exact, vectors, rows, k)
    found, ann_s = _search(approximate, vectors, rows, k)
    shared = [len(set(a) & set(b)) / len(a) for a, b in zip(truth, found, strict=True) if a]
    recall = np.mean(shared)
    per_exact, per_ann = exact_s / len(rows), ann_s / len(rows)
    first_exact = exact_build + per_exact * len(vectors)
    first_ann = ann_build + per_ann * len(vectors)
    return {
        "set": name,
        "vectors": len(vectors),
        "queries": len(rows),
        "k": k,
        "exact_build_s": round(exact_build, 3),
        "ann_build_s": round(ann_build, 3),
        "exact_query_ms": round(1000 * per_exact, 3),
        "ann_query_ms": round(1000 * per_ann, 3),
        "query_ratio": round(per_exact / per_ann, 2),
        "recall_at_k": round(float(recall), 4),
        "first_run_exact_s": round(first_exact, 2),
        "first_run_ann_s": round(first_ann, 2),
        "first_run_ratio": round(first_exact / first_ann, 2),
    }


def _search(
    index: ExactNeighbours | ApproximateNeighbours, vectors: np.ndarray, rows: np.ndarray, k: int
) -> tuple[list[list[int]], float]:
    started = time.perf_counter()
    found = [index.nearest(vectors[row], k, exclude=int(row)) for row in rows]
    return found, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--k", type=int, default=K)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-headlines", action="store_true", help="skip the FNC-1 headlines")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    results = []
    if not args.no_headlines:
        results.append(measure("headlines", headlines(), args.queries, args.k, args.seed))
    for size in args.sizes:
        vectors = synthetic(size, args.seed)
        results.append(measure("synthetic", vectors, args.queries, args.k, args.seed))
    print(json.dumps({"results": results}, indent=1) if args.json else _table(results))
    return 0


def _table(results: list[dict[str, Any]]) -> str:
    keys = list(results[0]) if results else []
    lines = ["  ".join(f"{key:>17}" for key in keys)]
    lines += ["  ".join(f"{row[key]!s:>17}" for key in keys) for row in results]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
