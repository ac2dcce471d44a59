"""The ledger in a real SQLite store: starting, resuming and restarting jobs; a shard saved
with its articles and errors in one transaction, or not at all."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from sayso.errors import MalformedRecord, NotEnglish, StoreError
from sayso.store import open_store
from store.builders import azovstal_statements, make_article

PLAN = [("records", '{"paths": ["c.jsonl"], "start": 0, "stop": 2}'),
        ("records", '{"paths": ["c.jsonl"], "start": 2, "stop": null}')]


def test_a_shard_is_saved_with_its_articles_and_errors(store_target: Callable[[str], Path]) -> None:
    article = make_article()
    bad = MalformedRecord("c.jsonl", "line is not JSON", line=2)
    french = NotEnglish("c.jsonl", "not English (fr)", line=3)
    with open_store(store_target("ledger")) as store:
        assert store.begin_job("job1", ["c.jsonl"], {"model": "fast"}, PLAN) == set()
        store.hold_shard("job1", 0, "4242")
        assert store.shard_states("job1") == [(0, "running", "4242"), (1, "pending", None)]

        outcomes = store.save_shard(
            "job1", 0, [(article, azovstal_statements(article)), bad, french], seconds=0.5
        )

        assert outcomes == ["added"]
        assert store.counts()["articles"] == 1
        assert [(e.source, e.line, e.error, e.skipped) for e in store.job_errors("job1")] == [
            ("c.jsonl", 2, "MalformedRecord", False), ("c.jsonl", 3, "NotEnglish", True),
        ]
        (job,) = store.jobs()
        assert (job.done, job.pending, job.articles, job.errors) == (1, 1, 1, 2)
        assert job.statements == len(azovstal_statements(article))
        assert store.job("job") == job  # a unique prefix names it


def test_a_shard_that_cannot_be_saved_leaves_nothing(store_target: Callable[[str], Path]) -> None:
    article = make_article()
    other = make_article(url="https://example.org/other")
    wrong = azovstal_statements(other)  # statements of another article: refused
    with open_store(store_target("ledger")) as store:
        store.begin_job("job1", ["c.jsonl"], {}, PLAN)
        with pytest.raises(StoreError):
            store.save_shard("job1", 0, [(article, azovstal_statements(article)), (article, wrong)])

        assert store.counts()["articles"] == 0
        assert store.shard_states("job1")[0][1] == "pending"


def test_an_unfinished_job_resumes_and_a_finished_one_starts_afresh(
    store_target: Callable[[str], Path],
) -> None:
    article = make_article()
    with open_store(store_target("ledger")) as store:
        store.begin_job("job1", ["c.jsonl"], {}, PLAN)
        store.save_shard("job1", 0, [(article, [])])
        store.hold_shard("job1", 1, "4242")  # and the run is killed
        assert store.begin_job("job1", ["c.jsonl"], {}, PLAN) == {0}
        assert store.shard_states("job1")[1] == (1, "pending", None)

        store.save_shard("job1", 1, [MalformedRecord("c.jsonl", "broken", line=3)], failed=True)
        assert store.begin_job("job1", ["c.jsonl"], {}, PLAN) == {0}  # failed: tried again
        assert store.shard_states("job1")[1] == (1, "pending", None)
        assert store.job_errors("job1") == []  # forgotten until the shard is redone

        store.save_shard("job1", 1, [])
        assert store.begin_job("job1", ["c.jsonl"], {}, PLAN) == set()  # finished: anew
        assert [state for _, state, _ in store.shard_states("job1")] == ["pending", "pending"]
        assert store.counts()["articles"] == 1  # the articles stay; saving again is idempotent


def test_input_errors_cross_process_boundaries_whole() -> None:
    import pickle

    error = MalformedRecord("c.jsonl", "line is not JSON", line=2)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.line) == (MalformedRecord, str(error), 2)
    assert dataclasses.is_dataclass(make_article())
