"""A pool of worker processes that extract shards, watched by the parent.

Each worker loads the Extractor once, then takes shards one at a time and sends back every
result as it is made, announcing each item before working on it. So the parent always knows
which article a worker is on:

- a worker that spends longer than ``article_timeout`` on one article is killed (SIGKILL)
  and replaced; the article becomes an ``ExtractionTimedOut`` error and the rest of the shard
  is done by the new worker, which starts after it;
- a worker that dies (killed from outside, out of memory) is replaced and its shard goes on
  from the first article without a result; dying ``MAX_DEATHS`` times on the same article
  makes that article an ``ExtractionFailed`` error;
- an unexpected exception in extraction makes the article that raised it an
  ``ExtractionFailed`` error.

Results are released in plan order (``InOrder``); the parent saves them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from sayso.batch.order import InOrder
from sayso.batch.shards import BatchOptions, Shard, ShardTask
from sayso.batch.work import ShardResult, thread_environment
from sayso.errors import BatchError, ExtractionFailed, ExtractionTimedOut, InputError, SaysoError
from sayso.model import Article
from sayso.store.ledger import ShardItem

# A worker dying this many times on one article gives up on that article: it kills workers.
MAX_DEATHS = 3
# Shards a worker may run ahead of the saving, per worker.
AHEAD_PER_WORKER = 4
# How long a worker asked to stop may take before it is killed.
STOP_SECONDS = 5.0


@dataclass
class _Job:
    """A shard in the pool: its results so far, and what went wrong on the way."""

    index: int
    shard: Shard
    stdin: tuple[Article | InputError, ...]
    one_by_one: bool
    items: list[ShardItem] = field(default_factory=list)
    seconds: float = 0.0
    deaths: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def position(self) -> int:
        """The first item of the shard without a result."""
        return len(self.items)


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    job: _Job | None = None
    begun: dict[int, tuple[float, str]] = field(default_factory=dict)
    ready: bool = False  # it has loaded the Extractor

    @property
    def name(self) -> str:
        return str(self.process.pid)


class WorkerPool:
    """``workers`` processes extracting the shards of one job (see the module docstring)."""

    def __init__(
        self,
        workers: int,
        options: BatchOptions,
        *,
        article_timeout: float | None = None,
        on_hold: Callable[[int, str], None] | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be 1 or more, not {workers}")
        self.size = workers
        self.options = options
        self.article_timeout = article_timeout
        self.on_hold = on_hold  # (task index, worker name) when a shard is handed out
        self.replaced = 0  # workers that died or were killed and were started again
        self._stillborn = 0  # workers that died before they were ready
        self._context = multiprocessing.get_context("spawn")

    def run(self, tasks: Sequence[ShardTask]) -> Iterator[tuple[int, ShardResult]]:
        """``(task index, result)`` for every task, in task order."""
        order: InOrder[ShardResult] = InOrder(self.size * AHEAD_PER_WORKER)
        retries: deque[_Job] = deque()
        fresh = iter(enumerate(tasks))
        upcoming = next(fresh, None)
        workers = [self._start() for _ in range(min(self.size, len(tasks)))]
        try:
            while order.released < len(tasks):
                for worker in workers:
                    if worker.job is None and retries:
                        self._hand(worker, retries.popleft())
                    elif worker.job is None and upcoming and order.may_start(upcoming[0]):
                        index, (shard, stdin) = upcoming
                        one_by_one = self.article_timeout is not None
                        self._hand(worker, _Job(index, shard, stdin, one_by_one))
                        upcoming = next(fresh, None)
                for position, worker in enumerate(workers):
                    finished, retry, replace = self._listen(worker)
                    if retry is not None:
                        retries.append(retry)
                    if replace:
                        workers[position] = self._start()
                    if finished is not None:
                        yield from order.add(*finished)
                self._wait(workers)
        finally:
            for worker in workers:
                self._stop(worker)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        with _environment(thread_environment(self.size)):
            process = self._context.Process(
                target=_serve, args=(child, self.options.model), daemon=True
            )
            process.start()
        child.close()
        return _Worker(process, parent)

    def _hand(self, worker: _Worker, job: _Job) -> None:
        worker.job, worker.begun = job, {}
        if self.on_hold is not None and job.position == 0:
            self.on_hold(job.index, worker.name)
        try:
            worker.connection.send(
                (job.shard, self.options, job.stdin, job.position, job.one_by_one)
            )
        except OSError:
            pass  # it died: _listen sees it and hands the shard on

    def _wait(self, workers: list[_Worker]) -> None:
        busy = [worker for worker in workers if worker.job is not None]
        if not busy:
            return
        waitables: list[Any] = [w.connection for w in busy] + [w.process.sentinel for w in busy]
        timeout = None
        if self.article_timeout is not None:
            timeout = max(0.05, min(self._left(worker) for worker in busy))
        wait(waitables, timeout)

    def _left(self, worker: _Worker) -> float:
        """Seconds before the worker's current article runs over the timeout."""
        assert self.article_timeout is not None and worker.job is not None
        begun = worker.begun.get(worker.job.position)
        return self.article_timeout if begun is None else begun[0] + self.article_timeout - (
            time.monotonic()
        )

    def _listen(
        self, worker: _Worker
    ) -> tuple[tuple[int, ShardResult] | None, _Job | None, bool]:
        """Read what a worker sent: (a finished shard, a shard to go on with, replace it)."""
        job = worker.job
        if job is None:
            return None, None, False
        try:
            while worker.connection.poll():
                message = worker.connection.recv()
                finished = self._take(worker, job, message)
                if finished is not None or worker.job is None:
                    return finished, None if finished else job, False
        except (EOFError, OSError):
            return None, self._died(worker, job), True
        if not worker.process.is_alive():
            return None, self._died(worker, job), True
        if self.article_timeout is not None and self._left(worker) <= 0:
            return None, self._timed_out(worker, job), True
        return None, None, False

    def _take(
        self, worker: _Worker, job: _Job, message: tuple[Any, ...]
    ) -> tuple[int, ShardResult] | None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
        elif kind == "begin":
            worker.begun[message[1]] = (time.monotonic(), message[2])
        elif kind == "item":
            job.items.append(message[2])
        elif kind == "done":
            job.seconds += message[1]
            worker.job = None
            return job.index, ShardResult(job.items, job.seconds, worker.name, message[2])
        elif kind == "failed":  # an exception: find the article, then leave it out
            job.seconds += message[2]
            if job.one_by_one:
                reason = f"extraction failed: {message[1]}"
                job.items.append(ExtractionFailed(self._source(worker, job), reason))
            job.one_by_one = True
            worker.job = None
        elif kind == "broken":  # the worker could not load the models: nothing can go on
            raise message[1]
        return None

    def _died(self, worker: _Worker, job: _Job) -> _Job:
        worker.process.join(STOP_SECONDS)
        worker.connection.close()
        worker.job = None
        self.replaced += 1
        if not worker.ready:  # before loading the models: not the shard's doing
            self._stillborn += 1
            if self._stillborn >= MAX_DEATHS:
                raise BatchError(
                    f"worker processes exit as they start (exit code {worker.process.exitcode}); "
                    "try --workers 1 to see why"
                )
            return job
        job.deaths[job.position] += 1
        deaths = job.deaths[job.position]
        if deaths >= MAX_DEATHS:
            reason = (
                f"its worker died {deaths} times extracting it "
                f"(exit code {worker.process.exitcode})"
            )
            job.items.append(ExtractionFailed(self._source(worker, job), reason))
        job.one_by_one = True
        return job

    def _timed_out(self, worker: _Worker, job: _Job) -> _Job:
        assert self.article_timeout is not None
        if worker.process.pid is not None:
            os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(STOP_SECONDS)
        self.replaced += 1
        reason = f"extraction took over {self.article_timeout:g} s"
        job.items.append(ExtractionTimedOut(self._source(worker, job), reason))
        worker.job = None
        worker.connection.close()
        return job

    def _source(self, worker: _Worker, job: _Job) -> str:
        begun = worker.begun.get(job.position)
        return begun[1] if begun is not None else str(job.shard)

    def _stop(self, worker: _Worker) -> None:
        try:
            worker.connection.send(None)
        except (OSError, ValueError):
            pass
        worker.process.join(STOP_SECONDS if worker.job is None else 0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """``os.environ`` with ``values`` while a worker is started (it inherits them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _serve(connection: Connection, model: str) -> None:
    """A worker's life: load the Extractor, then extract shards until told to stop."""
    from sayso.batch.work import extract_shard, extractor_for, loads

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which stops us
    try:
        extractor_for(model)
    except SaysoError as error:
        connection.send(("broken", error))
        return
    connection.send(("ready",))
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        shard, options, stdin, first, one_by_one = task
        began = time.perf_counter()

        def begin(position: int, source: str) -> None:
            connection.send(("begin", position, source))

        try:
            for position, result in extract_shard(
                shard, options, stdin, first=first, one_by_one=one_by_one, on_begin=begin
            ):
                connection.send(("item", position, result))
        except (EOFError, OSError):  # the parent is gone
            return
        except Exception as error:  # a bug in extraction: the parent leaves the article out
            message = f"{type(error).__name__}: {error}"
            connection.send(("failed", message, time.perf_counter() - began))
            continue
        connection.send(("done", time.perf_counter() - began, loads()))
