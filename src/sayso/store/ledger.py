"""The ledger of batch ingests (``sayso.batch``): jobs, their shards and the errors of their
inputs, kept in the store beside the articles (see ``migrations/0004_jobs.sql``).

Mixed into the SQL stores. It uses only ``_transaction`` (a DB-API cursor), ``_one``,
``_all`` and ``save_with``, and portable SQL (``?`` placeholders, ``ON CONFLICT``, epoch
seconds), so SQLite and PostgreSQL share it. A shard is saved together with its articles and
its errors in one transaction: after a stop the ledger says exactly which articles are in.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sayso.errors import InputError
from sayso.model import Article, Statement
from sayso.store.base import SaveOutcome

ShardState = Literal["pending", "running", "done", "failed"]
# A planned shard as the ledger keeps it: its kind and its spec as JSON text.
PlannedShard = tuple[str, str]
ShardItem = tuple[Article, Sequence[Statement]] | InputError

_JOB_TOTALS = """
SELECT j.id, j.inputs, j.shards, j.created, j.started, j.updated,
    coalesce(sum(CASE WHEN s.state = 'done' THEN 1 ELSE 0 END), 0),
    coalesce(sum(CASE WHEN s.state = 'failed' THEN 1 ELSE 0 END), 0),
    coalesce(sum(CASE WHEN s.state = 'running' THEN 1 ELSE 0 END), 0),
    coalesce(sum(s.articles), 0), coalesce(sum(s.statements), 0), coalesce(sum(s.errors), 0),
    coalesce(sum(CASE WHEN s.finished >= j.started THEN 1 ELSE 0 END), 0),
    coalesce(sum(CASE WHEN s.finished >= j.started THEN s.articles + s.errors ELSE 0 END), 0)
FROM jobs AS j LEFT JOIN shards AS s ON s.job_id = j.id
"""
_JOB_GROUP = " GROUP BY j.id, j.inputs, j.shards, j.created, j.started, j.updated"


@dataclass(frozen=True)
class JobRow:
    """A job as the ledger sums it up (``sayso jobs``)."""

    id: str
    inputs: list[str]
    shards: int
    created: float
    started: float  # when its latest run began
    updated: float  # when a shard of it was last saved
    done: int
    failed: int
    running: int
    articles: int
    statements: int
    errors: int
    done_this_run: int  # shards finished since ``started``
    inputs_this_run: int  # articles and errors of those shards

    @property
    def pending(self) -> int:
        """Shards not yet done or failed, running ones included."""
        return self.shards - self.done - self.failed

    @property
    def shards_per_second(self) -> float | None:
        """The pace of the latest run, or ``None`` before it saved a shard."""
        elapsed = self.updated - self.started
        return self.done_this_run / elapsed if self.done_this_run and elapsed > 0 else None

    @property
    def inputs_per_second(self) -> float | None:
        """Inputs (articles and errors) per second in the latest run, or ``None``."""
        elapsed = self.updated - self.started
        return self.inputs_this_run / elapsed if self.done_this_run and elapsed > 0 else None

    @property
    def eta_seconds(self) -> float | None:
        """Seconds until every shard is saved at the latest run's pace (0 when finished)."""
        if not self.pending:
            return 0.0
        pace = self.shards_per_second
        return self.pending / pace if pace else None


@dataclass(frozen=True)
class ErrorRow:
    """One input of a job that failed or was skipped, as recorded."""

    job_id: str
    shard: int
    source: str
    line: int | None
    error: str  # the class name: MalformedRecord, ExtractionTimedOut, ...
    reason: str
    skipped: bool
    recorded: float


class LedgerQueries:
    """Jobs, shards and input errors of batch ingests."""

    if TYPE_CHECKING:

        def _transaction(self, doing: str) -> AbstractContextManager[Any]: ...

        def _one(self, sql: str, parameters: Sequence[Any] = ()) -> Any: ...

        def _all(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]: ...

        def save_with(
            self, cursor: Any, article: Article, statements: Sequence[Statement]
        ) -> SaveOutcome: ...

    def begin_job(
        self,
        job_id: str,
        inputs: Sequence[str],
        options: Mapping[str, Any],
        shards: Sequence[PlannedShard],
    ) -> set[int]:
        """Start or resume job ``job_id``; the ordinals of its shards already done.

        A job not seen before, or one whose every shard is done, gets the plan ``shards``
        afresh (a finished job run again is a new pass over its inputs). An unfinished job
        keeps its plan: shards left running by a run that stopped, or failed, are pending
        again, and their errors are forgotten until they are redone.
        """
        now = time.time()
        with self._transaction(f"starting job {job_id}") as cursor:
            unfinished = cursor.execute(
                "SELECT count(*) FROM shards WHERE job_id = ? AND state <> 'done'", (job_id,)
            ).fetchone()[0]
            if unfinished:
                cursor.execute(
                    "DELETE FROM errors WHERE job_id = ? AND shard IN "
                    "(SELECT ordinal FROM shards WHERE job_id = ? AND state <> 'done')",
                    (job_id, job_id),
                )
                cursor.execute(
                    "UPDATE shards SET state = 'pending', worker = NULL, errors = 0 "
                    "WHERE job_id = ? AND state <> 'done'",
                    (job_id,),
                )
                cursor.execute("UPDATE jobs SET started = ? WHERE id = ?", (now, job_id))
                rows = cursor.execute(
                    "SELECT ordinal FROM shards WHERE job_id = ? AND state = 'done'", (job_id,)
                ).fetchall()
                return {int(row[0]) for row in rows}
            cursor.execute("DELETE FROM errors WHERE job_id = ?", (job_id,))
            cursor.execute("DELETE FROM shards WHERE job_id = ?", (job_id,))
            cursor.execute(
                "INSERT INTO jobs (id, inputs, options, shards, created, started, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "shards = excluded.shards, started = excluded.started, updated = excluded.updated",
                (job_id, json.dumps(list(inputs)), json.dumps(dict(options), sort_keys=True),
                 len(shards), now, now, now),
            )
            cursor.executemany(
                "INSERT INTO shards (job_id, ordinal, kind, spec) VALUES (?, ?, ?, ?)",
                [(job_id, ordinal, kind, spec) for ordinal, (kind, spec) in enumerate(shards)],
            )
        return set()

    def hold_shard(self, job_id: str, ordinal: int, worker: str) -> None:
        """Mark a shard running in ``worker`` (a process id, a dask worker's address)."""
        with self._transaction(f"holding shard {ordinal} of job {job_id}") as cursor:
            cursor.execute(
                "UPDATE shards SET state = 'running', worker = ?, started = ? "
                "WHERE job_id = ? AND ordinal = ?",
                (worker, time.time(), job_id, ordinal),
            )

    def save_shard(
        self,
        job_id: str,
        ordinal: int,
        items: Sequence[ShardItem],
        *,
        seconds: float | None = None,
        worker: str | None = None,
        failed: bool = False,
    ) -> list[SaveOutcome]:
        """Save a shard's articles (as ``save`` would) and record its errors, and mark it done
        (or ``failed``), all in one transaction; what saving did to each article, in order.

        ``items`` are the shard's results in input order: ``(article, statements)`` or the
        ``InputError`` of an input that could not be ingested. Raises ``StoreError``.
        """
        now = time.time()
        outcomes: list[SaveOutcome] = []
        errors: list[InputError] = []
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        statements = 0
        with self._transaction(f"saving shard {ordinal} of job {job_id}") as cursor:
            for item in items:
                if isinstance(item, InputError):
                    errors.append(item)
                    continue
                article, found = item
                outcome = self.save_with(cursor, article, found)
                outcomes.append(outcome)
                counts[outcome] += 1
                statements += len(found) if outcome != "unchanged" else 0
            cursor.execute(
                "DELETE FROM errors WHERE job_id = ? AND shard = ?", (job_id, ordinal)
            )
            cursor.executemany(
                "INSERT INTO errors (job_id, shard, ordinal, source, line, error, reason, "
                "skipped, recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (job_id, ordinal, number, error.source, error.line, type(error).__name__,
                     error.reason, int(error.skipped), now)
                    for number, error in enumerate(errors)
                ],
            )
            cursor.execute(
                "UPDATE shards SET state = ?, worker = coalesce(?, worker), articles = ?, "
                "added = ?, replaced = ?, unchanged = ?, statements = ?, errors = ?, "
                "finished = ?, seconds = ? WHERE job_id = ? AND ordinal = ?",
                ("failed" if failed else "done", worker, len(outcomes), counts["added"],
                 counts["replaced"], counts["unchanged"], statements, len(errors), now,
                 seconds, job_id, ordinal),
            )
            cursor.execute("UPDATE jobs SET updated = ? WHERE id = ?", (now, job_id))
        return outcomes

    def shard_states(self, job_id: str) -> list[tuple[int, ShardState, str | None]]:
        """``(ordinal, state, worker)`` of every shard of a job, in plan order."""
        rows = self._all(
            "SELECT ordinal, state, worker FROM shards WHERE job_id = ? ORDER BY ordinal",
            (job_id,),
        )
        return [(int(ordinal), state, worker) for ordinal, state, worker in rows]

    def jobs(self) -> list[JobRow]:
        """Every job in the ledger, the most recently started first."""
        rows = self._all(_JOB_TOTALS + _JOB_GROUP + " ORDER BY j.started DESC, j.id")
        return [_job_row(row) for row in rows]

    def job(self, job_id: str) -> JobRow | None:
        """The job with this id (or a unique prefix of it), or ``None``."""
        rows = self._all(
            _JOB_TOTALS + " WHERE j.id = ? OR substr(j.id, 1, ?) = ?" + _JOB_GROUP,
            (job_id, len(job_id), job_id),
        )
        return _job_row(rows[0]) if len(rows) == 1 else None

    def job_errors(self, job_id: str | None = None) -> list[ErrorRow]:
        """The recorded input errors of a job (every job's when ``None``), in input order."""
        sql = (
            "SELECT job_id, shard, source, line, error, reason, skipped, recorded FROM errors"
        )
        parameters: tuple[Any, ...] = ()
        if job_id is not None:
            sql += " WHERE job_id = ?"
            parameters = (job_id,)
        rows = self._all(sql + " ORDER BY job_id, shard, ordinal", parameters)
        return [
            ErrorRow(job, int(shard), source, line, error, reason, bool(skipped), recorded)
            for job, shard, source, line, error, reason, skipped, recorded in rows
        ]


def _job_row(row: Sequence[Any]) -> JobRow:
    job_id, inputs, shards, created, started, updated, *totals = row
    return JobRow(job_id, json.loads(inputs), int(shards), created, started, updated,
                  *(int(total) for total in totals))
