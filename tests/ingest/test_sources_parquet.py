"""Parquet corpora: row numbers across row groups, reading chosen row groups, bad files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sayso.errors import InputTooLarge, MalformedRecord, UnreadableInput
from sayso.ingest import CorpusFields, read_inputs
from sayso.ingest.parquet import read_parquet, row_group_count
from sayso.model import Article

STORY = "Kyiv said the plant still held. Moscow denied it."
FIELDS = CorpusFields()


def write_parquet(path: Path, rows: list[dict[str, object]], group_rows: int) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group_rows)
    return path


def rows(count: int) -> list[dict[str, object]]:
    return [
        {"text": f"{STORY} Report {n}.", "title": f"T{n}", "date": date(2022, 5, n % 28 + 1)}
        for n in range(1, count + 1)
    ]


@pytest.fixture
def three_groups(tmp_path: Path) -> Path:
    return write_parquet(tmp_path / "news.parquet", rows(7), group_rows=3)  # 3 + 3 + 1


def test_row_group_count(three_groups: Path) -> None:
    assert row_group_count(three_groups) == 3


def test_all_rows_numbered_across_the_file(three_groups: Path) -> None:
    items = list(read_inputs([three_groups]))
    assert all(isinstance(item, Article) for item in items)
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.path for a in articles] == [f"{three_groups}:{n}" for n in range(1, 8)]
    assert [a.title for a in articles] == [f"T{n}" for n in range(1, 8)]
    assert articles[0].published == date(2022, 5, 2)
    assert json.loads(articles[0].raw or "") == {
        "text": f"{STORY} Report 1.",
        "title": "T1",
        "date": "2022-05-02",
    }


def test_one_row_group_keeps_whole_file_row_numbers(three_groups: Path) -> None:
    second = list(read_parquet(three_groups, FIELDS, 10**6, row_groups=[1]))
    assert [getattr(item, "path", item) for item in second] == [
        f"{three_groups}:{n}" for n in (4, 5, 6)
    ]
    last = list(read_parquet(three_groups, FIELDS, 10**6, row_groups=[2]))
    assert [getattr(item, "title", item) for item in last] == ["T7"]


def test_missing_row_group_is_an_error(three_groups: Path) -> None:
    [error] = list(read_parquet(three_groups, FIELDS, 10**6, row_groups=[3]))
    assert isinstance(error, UnreadableInput)
    assert str(error) == f"{three_groups}: no row group 3 (the file has 3)"


def test_bad_rows_are_errors_naming_the_row(tmp_path: Path) -> None:
    path = write_parquet(
        tmp_path / "mixed.parquet",
        [{"text": STORY}, {"text": None}, {"text": STORY + " " + "x" * 500}, {"text": STORY}],
        group_rows=2,
    )
    items = list(read_parquet(path, FIELDS, max_bytes=400))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], MalformedRecord) and items[1].line == 2
    assert isinstance(items[2], InputTooLarge) and items[2].line == 3
    assert isinstance(items[3], Article) and items[3].path == f"{path}:4"


def test_field_names_are_configurable(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "c.parquet", [{"body": STORY, "headline": "H"}], 10)
    fields = CorpusFields(text="body", title="headline")
    [article] = list(read_inputs([path], fields=fields))
    assert isinstance(article, Article) and article.title == "H"
    [error] = list(read_inputs([path]))
    assert isinstance(error, MalformedRecord)
    assert str(error) == f"{path}: Parquet has no 'text' column (columns: body, headline)"


def test_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("hello", encoding="utf-8")
    [error] = list(read_inputs([path]))
    assert isinstance(error, UnreadableInput)
    assert str(error).startswith(f"{path}: not a Parquet file")
    with pytest.raises(UnreadableInput):
        row_group_count(path)


def test_folder_walk_picks_up_parquet(tmp_path: Path, three_groups: Path) -> None:
    assert len(list(read_inputs([tmp_path]))) == 7
