"""Planning: shards in read order, record ranges that cover a corpus, a stable job key."""

from __future__ import annotations

import pickle
from pathlib import Path

from sayso.batch import BatchOptions, plan_job
from sayso.batch.shards import read_shard
from sayso.errors import InputError
from sayso.ingest import read_inputs
from sayso.model import Article

from .helpers import article_text, write_corpus


def sources(items: list[Article | InputError]) -> list[str]:
    return [item.path or item.id if isinstance(item, Article) else str(item) for item in items]


def folder_with_everything(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "c.txt", "sub/e.txt", "sub/f.html"):
        (folder / name).write_text(article_text(len(name)), encoding="utf-8")
    corpus = write_corpus(folder / "d.jsonl", 5, bad_lines=(2,))
    lines = corpus.read_bytes().split(b"\n")  # a blank line, and bytes that are not UTF-8
    corpus.write_bytes(b"\n".join([lines[0], b"", *lines[1:4], b'{"text": "caf\xe9"}', *lines[4:]]))
    (folder / ".hidden.txt").write_text("not read", encoding="utf-8")
    return folder


def test_a_folder_is_cut_in_read_order_and_corpora_into_record_ranges(tmp_path: Path) -> None:
    folder = folder_with_everything(tmp_path)
    plan = plan_job([folder], BatchOptions(shard_size=2))

    described = [(shard.kind, [Path(p).name for p in shard.paths], shard.start, shard.stop)
                 for shard in plan.shards]
    assert described == [
        ("files", ["a.txt", "b.txt"], 0, None),
        ("files", ["c.txt"], 0, None),  # the corpus after it keeps its place
        ("records", ["d.jsonl"], 0, 2),
        ("records", ["d.jsonl"], 2, 4),
        ("records", ["d.jsonl"], 4, None),  # 6 records: the last range reads to the end
        ("files", ["e.txt", "f.html"], 0, None),
    ]
    assert [shard.ordinal for shard in plan.shards] == list(range(6))


def test_the_shards_read_one_after_another_give_what_read_inputs_gives(tmp_path: Path) -> None:
    folder = folder_with_everything(tmp_path)
    options = BatchOptions(shard_size=2)
    plan = plan_job([folder, tmp_path / "missing.txt"], options)

    items = [item for shard in plan.shards for item in read_shard(shard, options)]

    assert sources(items) == sources(list(read_inputs([folder, tmp_path / "missing.txt"])))
    assert "no such file" in str(items[-1])
    assert any(str(item).startswith(f"{folder / 'd.jsonl'}:6: ") for item in items)  # bad bytes


def test_a_jsonl_range_is_read_from_where_it_begins(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 9, bad_lines=(4,))
    options = BatchOptions(shard_size=3)
    plan = plan_job([corpus], options)

    assert [shard.seek for shard in plan.shards] == [
        (0, 0), (len(b"".join(corpus.read_bytes().splitlines(keepends=True)[:3])), 3),
        (len(b"".join(corpus.read_bytes().splitlines(keepends=True)[:6])), 6),
    ]
    items = [item for shard in plan.shards for item in read_shard(shard, options)]
    assert sources(items) == sources(list(read_inputs([corpus])))
    assert [a for a in items if isinstance(a, Article)] == [
        a for a in read_inputs([corpus]) if isinstance(a, Article)
    ]


def test_a_url_is_one_shard_read_whole() -> None:
    plan = plan_job(["https://example.org/feed.xml"], BatchOptions())
    assert [(s.kind, s.paths) for s in plan.shards] == [("input", ("https://example.org/feed.xml",))]


def test_shards_and_options_pickle_for_worker_processes(tmp_path: Path) -> None:
    plan = plan_job([folder_with_everything(tmp_path)], BatchOptions(shard_size=2))
    assert pickle.loads(pickle.dumps((plan.shards, plan.options))) == (plan.shards, plan.options)


def test_the_job_key_is_stable_and_changes_with_the_options_and_the_files(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 6)
    fast = BatchOptions(model="fast", shard_size=2)
    key = plan_job([corpus], fast).id

    assert plan_job([str(corpus)], fast).id == key
    assert plan_job([corpus], BatchOptions(model="fast", shard_size=3)).id != key
    assert plan_job([corpus], BatchOptions(model="accurate", shard_size=2)).id != key
    write_corpus(corpus, 7)
    assert plan_job([corpus], fast).id != key


def test_standard_input_is_read_once_at_planning(tmp_path: Path) -> None:
    import io

    stream = io.StringIO(article_text(1))
    plan = plan_job(["-"], BatchOptions(), stdin=stream)

    assert [shard.kind for shard in plan.shards] == ["input"]
    assert len(plan.stdin) == 1 and isinstance(plan.stdin[0], Article)
    assert list(read_shard(plan.shards[0], plan.options, plan.stdin)) == list(plan.stdin)
    other = plan_job(["-"], BatchOptions(), stdin=io.StringIO(article_text(2)))
    assert other.id != plan.id
