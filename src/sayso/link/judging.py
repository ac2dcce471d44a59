"""Judging batches of statement pairs in this process or over worker processes.

A batch is what linking hands the judge in one call (the pairs of one claim, or of one
article's event), so the judge sees the same batches however many workers run, and the links
come back in the order the batches were given: ``sayso link --workers 2`` writes the store
``--workers 1`` writes. The models give the same figures whatever their thread count, so a
worker runs its onnxruntime sessions on one thread and the workers share the cores.

    with Judging(workers=2, opposites=None) as judging:
        for links in judging.relate(batches):
            store.save_links(links)
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from sayso.errors import LinkWorkerFailed
from sayso.link.opposition import load_opposites
from sayso.link.relations import Judge, Side, StanceModel
from sayso.model import Link

if TYPE_CHECKING:
    from sayso.link.stance import StanceClassifier

# One batch of pairs for the judge, each pair's claim id alongside.
Batch = tuple[Sequence[tuple[Side, Side]], Sequence[str]]
# Batches sent ahead per worker: keeps every worker busy while bounding what waits in memory.
AHEAD_PER_WORKER = 4
# A worker's onnxruntime threads: the workers themselves share the cores.
WORKER_THREADS = 1


class Judging:
    """Runs :meth:`Judge.relate` over batches, in order, on ``workers`` processes.

    With one worker the judge is ``judge`` itself, in this process. With more, each worker
    process builds its own judge from ``opposites`` and ``stance`` (the packaged stance model
    when None; a given one must pickle), so nothing of this process's models is shared.
    """

    def __init__(
        self,
        judge: Judge | None,
        *,
        workers: int = 1,
        opposites: Path | None = None,
        stance: StanceModel | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be 1 or more, not {workers}")
        self.judge = judge
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(opposites, stance),
            )
        elif judge is None:
            raise ValueError("one worker judges in this process and needs a judge")

    def __enter__(self) -> Judging:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def relate(self, batches: Iterable[Batch]) -> Iterator[list[Link]]:
        """The links of each batch, in the order of ``batches``."""
        if self._pool is None:
            assert self.judge is not None
            for pairs, claim_ids in batches:
                yield self.judge.relate(pairs, claim_ids)
            return
        waiting: deque[Future[list[Link]]] = deque()
        ahead = AHEAD_PER_WORKER * self.workers
        try:
            for pairs, claim_ids in batches:
                waiting.append(self._pool.submit(_relate, list(pairs), list(claim_ids)))
                if len(waiting) >= ahead:
                    yield waiting.popleft().result()
            while waiting:
                yield waiting.popleft().result()
        except BrokenProcessPool as error:
            raise LinkWorkerFailed(
                f"a judging process of --workers {self.workers} stopped ({error}); with fewer "
                "workers if memory ran out"
            ) from error


_worker_judge: Judge | None = None


def _start_worker(opposites: Path | None, stance: StanceModel | None) -> None:
    global _worker_judge
    if stance is None:
        from sayso.link.stance import StanceClassifier

        stance = PackagedStance(StanceClassifier.load(threads=WORKER_THREADS))
    _worker_judge = Judge(load_opposites(opposites), stance)


def _relate(pairs: list[tuple[Side, Side]], claim_ids: list[str]) -> list[Link]:
    assert _worker_judge is not None, "the worker's judge is built when the worker starts"
    return _worker_judge.relate(pairs, claim_ids)


class PackagedStance:
    """The packaged stance classifier as linking asks it: probabilities of text pairs."""

    def __init__(self, classifier: StanceClassifier) -> None:
        self.classifier = classifier

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        return [found.probabilities for found in self.classifier.predict(pairs)]
