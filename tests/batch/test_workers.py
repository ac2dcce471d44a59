"""Worker processes and dask workers give the store one process gives; a worker stuck on one
article is replaced and only that article is lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sayso.batch import run_ingest
from sayso.store import open_store

from .conftest import MODEL, SHARD_SIZE
from .helpers import article_text, dump_store

# Parsing this article takes the fast model well over TIMEOUT (about 20 s on one core).
LONG_ARTICLE_CHARS = 400_000
TIMEOUT = 3.0


def test_a_dask_cluster_gives_the_store_of_one_process(
    corpus: Path, clean_db: Path, store_target: Callable[[str], Path]
) -> None:
    from distributed import Client, LocalCluster

    from sayso.batch.work import loads

    db = store_target("dask")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        with open_store(db) as store:
            report = run_ingest([str(corpus)], store, dask_address=cluster.scheduler_address,
                                model=MODEL, shard_size=SHARD_SIZE)
        with Client(cluster) as client:
            loaded = client.run(loads)

    assert dump_store(db) == dump_store(clean_db)
    assert report.shards_done == report.shards
    assert sorted(loaded.values()) == [1, 1]  # each worker loaded the models once


def test_a_stuck_article_is_an_error_and_the_rest_of_its_shard_is_saved(
    tmp_path: Path, store_target: Callable[[str], Path]
) -> None:
    records = [{"title": f"Story {n}", "text": article_text(n)} for n in range(10)]
    long_text = (article_text(99) + "\n\n") * (LONG_ARTICLE_CHARS // len(article_text(99)))
    records[5] = {"title": "Story 5", "text": long_text}
    corpus = tmp_path / "stuck.jsonl"
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    with open_store(store_target("stuck")) as store:
        report = run_ingest([str(corpus)], store, workers=2, article_timeout=TIMEOUT,
                            model=MODEL, shard_size=4)
        titles = [article.title for article in store.articles()]
        errors = store.job_errors()

    assert titles == [f"Story {n}" for n in range(10) if n != 5]  # 6 and 7 share its shard
    assert [(e.source, e.line, e.error, e.reason) for e in errors] == [
        (f"{corpus}:6", None, "ExtractionTimedOut", "extraction took over 3 s")
    ]
    assert [str(error) for error in report.failed] == [f"{corpus}:6: extraction took over 3 s"]
    assert report.workers_replaced == 1
