"""Batch ingest at corpus scale: shards, a job ledger in the store, worker processes or a
dask cluster, and resuming where a stopped run left off.

>>> from sayso.batch import run_ingest
>>> with open_store("corpus.db") as store:                             # doctest: +SKIP
...     print(run_ingest(["corpus.jsonl"], store, workers=4).summary())
ingested 1000 articles (5210 statements)
"""

from __future__ import annotations

from sayso.batch.run import BatchReport, run_ingest
from sayso.batch.shards import DEFAULT_SHARD_SIZE, BatchOptions, JobPlan, Shard, plan_job
from sayso.batch.work import ShardResult

__all__ = [
    "DEFAULT_SHARD_SIZE",
    "BatchOptions",
    "BatchReport",
    "JobPlan",
    "Shard",
    "ShardResult",
    "plan_job",
    "run_ingest",
]
