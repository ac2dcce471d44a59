"""Embedding on N cores: one process with N onnxruntime threads vs N processes with one thread each.

    .venv/bin/python bench/embed_workers.py [--workers 2] [--statements 6000] [--rounds 2]

The distinct contents of ``link_scale.py``'s generated statements are encoded by the packaged
``SentenceEncoder``, side by side in each round: once in this process on ``--workers`` threads,
once split over ``--workers`` spawned processes of one thread (every other text to each). Prints
both wall times (the processes' with and without their start and model load) and the ratios;
the figure behind ``sayso link --workers`` embedding on threads. Prints; never asserts.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time

import numpy as np

import link_scale  # the generator beside this script (bench/ is on sys.path when run)
from sayso.link.embed import SentenceEncoder


def _encode_alone(texts: list[str]) -> tuple[np.ndarray, float]:
    encoder = SentenceEncoder.load(threads=1)
    encoder.encode(texts[:8])
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    return vectors, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--statements", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    texts = sorted({s["text"] for s in link_scale.generate(args.statements, link_scale.SEED)})
    print(f"{len(texts)} distinct texts, {args.workers} workers")
    for round_ in range(args.rounds):
        encoder = SentenceEncoder.load(threads=args.workers)
        encoder.encode(texts[:8])
        started = time.perf_counter()
        encoder.encode(texts)
        threads = time.perf_counter() - started
        del encoder
        started = time.perf_counter()
        shares = [texts[n :: args.workers] for n in range(args.workers)]
        with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
            found = pool.map(_encode_alone, shares)
        processes = time.perf_counter() - started
        encoding = max(seconds for _, seconds in found)
        print(
            f"round {round_}: 1 process x {args.workers} threads {threads:.2f} s; "
            f"{args.workers} processes x 1 thread {processes:.2f} s with start and load "
            f"({encoding:.2f} s encoding); threads / processes {threads / processes:.2f} "
            f"({threads / encoding:.2f} encoding alone)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
