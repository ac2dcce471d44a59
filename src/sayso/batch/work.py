"""What a worker does with a shard: read it and extract from its articles, in input order.

The Extractor is loaded once per process (``extractor_for``) and counted, so that tests and
benchmarks can see that a worker never loads the models twice. Saving is not done here: the
parent process saves every shard, in plan order.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from sayso.batch.shards import BatchOptions, Shard, read_shard
from sayso.errors import InputError
from sayso.model import Article
from sayso.store.ledger import ShardItem

# Read by the onnxruntime session of the learned tagger when it is created
# (sayso.extract.learned.tagger.THREADS_ENVVAR, not imported here: it loads numpy).
THREADS_ENVVAR = "SAYSO_THREADS"
# The thread pools of numpy's BLAS and OpenMP, fixed when those libraries load.
BLAS_ENVVARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

_loaded: dict[str, object] = {}
_loads = 0


@dataclass(frozen=True)
class ShardResult:
    """A shard's results in input order, and where and how fast they were made."""

    items: list[ShardItem]
    seconds: float
    worker: str  # the process id, or the dask worker's address
    loads: int  # how many times that process has loaded an Extractor


def thread_environment(workers: int, cores: int | None = None) -> dict[str, str]:
    """The environment variables that keep ``workers`` processes from oversubscribing
    ``cores``: each gets ``max(1, cores // workers)`` threads."""
    threads = str(max(1, (cores or os.cpu_count() or 1) // max(1, workers)))
    return {name: threads for name in (THREADS_ENVVAR, *BLAS_ENVVARS)}


def extractor_for(model: str) -> object:
    """The process's Extractor for ``model``, loaded on first use."""
    global _loads
    if model not in _loaded:
        from sayso.extract import Extractor

        _loaded[model] = Extractor(model=model)
        _loads += 1
    return _loaded[model]


def loads() -> int:
    """How many Extractors this process has loaded."""
    return _loads


def extract_shard(
    shard: Shard,
    options: BatchOptions,
    stdin: Iterable[Article | InputError] = (),
    *,
    first: int = 0,
    one_by_one: bool = False,
    on_begin: Callable[[int, str], None] | None = None,
) -> Iterator[tuple[int, ShardItem]]:
    """``(position, result)`` for the shard's items from position ``first`` on, in order.

    ``one_by_one`` parses one article at a time instead of in batches, so that the item
    being worked on is always the first without a result (timeouts, finding a crash);
    ``on_begin(position, source)`` is called as each item is read.
    """
    from sayso.pipeline import extract_inputs

    extractor = extractor_for(options.model)
    batch_size = extractor.batch_size  # type: ignore[attr-defined]
    if one_by_one:
        extractor.batch_size = 1  # type: ignore[attr-defined]
    try:
        items = islice(read_shard(shard, options, stdin), first, None)

        def announced() -> Iterator[Article | InputError]:
            for position, item in enumerate(items, start=first):
                if on_begin is not None:
                    on_begin(position, _source(item))
                yield item

        results = extract_inputs(announced(), extractor)  # type: ignore[arg-type]
        yield from enumerate(results, start=first)
    finally:
        extractor.batch_size = batch_size  # type: ignore[attr-defined]


def run_shard(
    shard: Shard, options: BatchOptions, stdin: Iterable[Article | InputError] = ()
) -> ShardResult:
    """Every result of a shard at once (in this process, or as a dask task)."""
    began = time.perf_counter()
    items = [result for _, result in extract_shard(shard, options, stdin)]
    return ShardResult(items, time.perf_counter() - began, _worker_name(), loads())


def _worker_name() -> str:
    if "distributed" in sys.modules:  # a dask task: name the worker by its address
        from distributed import get_worker

        try:
            return str(get_worker().address)
        except ValueError:
            pass
    return str(os.getpid())


def _source(item: Article | InputError) -> str:
    if isinstance(item, InputError):
        return item.source
    return item.path or item.id
