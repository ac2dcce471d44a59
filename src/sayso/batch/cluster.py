"""Shards extracted on a dask.distributed cluster; this process (the client) saves them.

Each dask worker loads the Extractor once, on its first shard (``sayso.batch.work`` keeps
it in the worker process). A shard whose worker dies is run again by the scheduler; one that
keeps killing workers comes back as a failed shard with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sayso.batch.order import InOrder
from sayso.batch.pool import AHEAD_PER_WORKER
from sayso.batch.shards import BatchOptions, ShardTask
from sayso.batch.work import ShardResult, run_shard
from sayso.errors import BatchError

# Seconds to wait for the scheduler to answer before giving up on the address.
CONNECT_SECONDS = 10


def run_on_dask(
    address: str,
    tasks: Sequence[ShardTask],
    options: BatchOptions,
    *,
    on_hold: Callable[[int, str], None] | None = None,
) -> Iterator[tuple[int, ShardResult | BaseException]]:
    """``(task index, result)`` for every task, in task order; a task that failed on the
    cluster gives its exception instead of a result. Raises ``BatchError`` when no scheduler
    answers at ``address``."""
    try:
        from distributed import Client, wait
    except ImportError as error:
        reason = "dask.distributed is not installed; pip install 'dask[distributed]'"
        raise BatchError(reason) from error
    try:
        # The default client while it runs: distributed.wait looks for it there.
        client = Client(address, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise BatchError(f"{address}: no dask scheduler answers there ({error})") from error
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        order: InOrder[ShardResult | BaseException] = InOrder(workers * AHEAD_PER_WORKER)
        fresh = iter(enumerate(tasks))
        upcoming = next(fresh, None)
        running: dict[Any, int] = {}  # future -> task index
        while upcoming is not None or running:
            while upcoming is not None and order.may_start(upcoming[0]):
                index, (shard, stdin) = upcoming
                running[client.submit(run_shard, shard, options, stdin, pure=False)] = index
                if on_hold is not None:
                    on_hold(index, "dask")
                upcoming = next(fresh, None)
            finished, _ = wait(  # type: ignore[no-untyped-call]
                list(running), return_when="FIRST_COMPLETED"
            )
            for future in finished:
                index = running.pop(future)
                try:
                    result: ShardResult | BaseException = future.result()
                except Exception as error:  # KilledWorker, or an error raised in the task
                    result = error
                future.release()
                yield from order.add(index, result)
