"""``run_ingest``: a batch ingest planned into shards, extracted in this process, in a pool
of worker processes or on a dask cluster, and saved by this process in plan order.

Every shard is saved with its articles, its errors and its ``done`` mark in one transaction,
strictly in plan order, so one worker or eight give the same store, row for row, and a run
stopped anywhere (even killed) leaves done shards that a rerun of the same command goes on
from: the final store is the one a clean run makes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sayso.batch.shards import DEFAULT_SHARD_SIZE, BatchOptions, JobPlan, ShardTask, plan_job
from sayso.batch.work import ShardResult, run_shard
from sayso.errors import ExtractionFailed, InputError
from sayso.ingest import DEFAULT_MAX_BYTES, CorpusFields
from sayso.ingest.paths import STDIN_PATH
from sayso.model import DEFAULT_EXTRACTION_MODEL
from sayso.pipeline import IngestReport
from sayso.store.ledger import LedgerQueries


@dataclass
class BatchReport(IngestReport):
    """An ``IngestReport`` with the job's shards: how many, how many were already done."""

    job_id: str = ""
    shards: int = 0
    shards_done: int = 0  # saved by this run
    shards_before: int = 0  # already done by an earlier run of the same job
    shards_failed: int = 0
    workers_replaced: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """``IngestReport.summary`` and what the job's shards did, when there is more than
        one or an earlier run did some."""
        parts = [super().summary()]
        if self.shards_before:
            parts.append(
                f"resumed job {self.job_id}: {self.shards_before} of {self.shards} shards "
                "were already done"
            )
        if self.shards_failed:
            parts.append(f"{self.shards_failed} shards failed")
        if self.workers_replaced:
            parts.append(f"{self.workers_replaced} workers replaced")
        return "; ".join(parts)


def run_ingest(
    paths: Sequence[str | Path],
    store: LedgerQueries,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    article_timeout: float | None = None,
    model: str = DEFAULT_EXTRACTION_MODEL,
    fields: CorpusFields | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shard_size: int = DEFAULT_SHARD_SIZE,
    stdin: TextIO | None = None,
    on_progress: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Ingest ``paths`` as a job of shards; report what happened.

    ``workers`` > 1 (or any ``article_timeout``) extracts in that many worker processes;
    ``dask_address`` on a dask.distributed scheduler instead. The same call again resumes
    an unfinished job (done shards are skipped) or, once it finished, runs it afresh.
    ``on_progress`` gets the running report after each shard. Raises ``StoreError``,
    ``BatchError`` (no scheduler) or ``ModelNotInstalled``.

    >>> with open_store("corpus.db") as store:                       # doctest: +SKIP
    ...     run_ingest(["corpus.jsonl"], store, workers=4).summary()
    'ingested 1000 articles (5210 statements)'
    """
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers}")
    options = BatchOptions(model, fields or CorpusFields(), max_bytes, shard_size)
    began = time.perf_counter()
    plan = plan_job(paths, options, stdin=stdin)
    done = store.begin_job(
        plan.id, plan.inputs, options.as_dict(), [(s.kind, s.spec) for s in plan.shards]
    )
    report = BatchReport(job_id=plan.id, shards=len(plan.shards), shards_before=len(done))
    todo = [shard for shard in plan.shards if shard.ordinal not in done]
    tasks: list[ShardTask] = [
        (shard, plan.stdin if shard.paths == (STDIN_PATH,) else ()) for shard in todo
    ]

    def hold(index: int, worker: str) -> None:
        store.hold_shard(plan.id, todo[index].ordinal, worker)

    for index, result in _results(plan, tasks, workers, dask_address, article_timeout, hold,
                                  report):
        _save(store, plan, todo[index].ordinal, result, report)
        report.seconds = time.perf_counter() - began
        if on_progress is not None:
            on_progress(report)
    report.seconds = time.perf_counter() - began
    return report


def _results(
    plan: JobPlan,
    tasks: list[ShardTask],
    workers: int,
    dask_address: str | None,
    article_timeout: float | None,
    hold: Callable[[int, str], None],
    report: BatchReport,
) -> Iterator[tuple[int, ShardResult | BaseException]]:
    """The results of ``tasks`` in order, from wherever they are extracted."""
    if dask_address is not None:
        from sayso.batch.cluster import run_on_dask

        yield from run_on_dask(dask_address, tasks, plan.options, on_hold=hold)
        return
    if workers == 1 and article_timeout is None:
        for index, (shard, stdin) in enumerate(tasks):
            hold(index, "parent")
            yield index, run_shard(shard, plan.options, stdin)
        return
    from sayso.batch.pool import WorkerPool

    pool = WorkerPool(workers, plan.options, article_timeout=article_timeout, on_hold=hold)
    try:
        yield from pool.run(tasks)
    finally:
        report.workers_replaced = pool.replaced


def _save(
    store: LedgerQueries,
    plan: JobPlan,
    ordinal: int,
    result: ShardResult | BaseException,
    report: BatchReport,
) -> None:
    if isinstance(result, BaseException):  # the shard as a whole could not be extracted
        shard = plan.shards[ordinal]
        reason = f"shard failed on the cluster: {type(result).__name__}: {result}"
        error = ExtractionFailed(str(shard), reason)
        store.save_shard(plan.id, ordinal, [error], failed=True)
        report.failed.append(error)
        report.shards_failed += 1
        return
    outcomes = iter(
        store.save_shard(
            plan.id, ordinal, result.items, seconds=result.seconds, worker=result.worker
        )
    )
    for item in result.items:
        if isinstance(item, InputError):
            (report.skipped if item.skipped else report.failed).append(item)
        else:
            report.saved(next(outcomes), len(item[1]))
    report.shards_done += 1
