"""Parquet corpora: one article per row, read a batch of one row group at a time.

The columns are named as the JSONL keys (:class:`CorpusFields`). A row's locator is its
row number in the whole file, from 1, so ``Article.path`` is ``file.parquet:ROW`` whichever
row groups were read; ``row_groups`` lets a sharded ingest read one row group per shard.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sayso.errors import InputError, InputTooLarge, MalformedRecord, UnreadableInput
from sayso.ingest.article import article_or_error
from sayso.ingest.corpus import CorpusFields, article_from_record, at_line
from sayso.ingest.decode import size_in_words
from sayso.model import Article

PARQUET_SUFFIX = ".parquet"

# Rows decoded at a time inside a row group: a row group can hold a million rows, and a
# batch of 1,024 articles of a few kB each is a few MB in memory.
BATCH_ROWS = 1024


def row_group_count(path: str | Path) -> int:
    """How many row groups the Parquet file at ``path`` has (read from its footer only).

    Raises :class:`UnreadableInput` when it is missing or not a Parquet file.
    """
    with _open(Path(path)) as parquet:
        count: int = parquet.metadata.num_row_groups
    return count


def read_parquet(
    path: str | Path,
    fields: CorpusFields,
    max_bytes: int,
    row_groups: Iterable[int] | None = None,
) -> Iterator[Article | InputError]:
    """The articles of a Parquet corpus: of all its row groups, or only of ``row_groups``
    (numbered from 0, read in the order given). ``Article.raw`` is the row as a JSON object.

    A row without text, or over ``max_bytes`` as JSON, is one error naming its row; an
    unreadable row group ends the file with one error naming the row it reached.
    """
    path = Path(path)
    source = str(path)
    try:
        parquet = _open(path)
    except UnreadableInput as error:
        yield error
        return
    with parquet:
        if fields.text not in parquet.schema_arrow.names:
            found = ", ".join(parquet.schema_arrow.names) or "none"
            yield MalformedRecord(
                source, f"Parquet has no {fields.text!r} column (columns: {found})"
            )
            return
        groups = range(parquet.metadata.num_row_groups) if row_groups is None else row_groups
        for group in groups:
            yield from _read_row_group(parquet, group, source, fields, max_bytes)


def _open(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except OSError as error:
        reason = (error.strerror or "").lower() or "cannot be read"
        raise UnreadableInput(str(path), reason) from None
    except pa.ArrowException as error:
        raise UnreadableInput(str(path), f"not a Parquet file: {error}") from None


def _read_row_group(
    parquet: pq.ParquetFile, group: int, source: str, fields: CorpusFields, max_bytes: int
) -> Iterator[Article | InputError]:
    count = parquet.metadata.num_row_groups
    if not 0 <= group < count:
        yield UnreadableInput(source, f"no row group {group} (the file has {count})")
        return
    number = sum(parquet.metadata.row_group(earlier).num_rows for earlier in range(group))
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=[group]):
            for record in batch.to_pylist():
                number += 1
                yield _row_or_error(record, source, number, fields, max_bytes)
    except (OSError, pa.ArrowException) as error:
        reason = f"row group {group} cannot be read: {error}"
        yield MalformedRecord(source, reason, line=number + 1)


def _row_or_error(
    record: dict[str, Any], source: str, number: int, fields: CorpusFields, max_bytes: int
) -> Article | InputError:
    raw = json.dumps(record, ensure_ascii=False, default=str)
    if len(raw.encode("utf-8")) > max_bytes:
        size, limit = size_in_words(len(raw.encode("utf-8"))), size_in_words(max_bytes)
        return InputTooLarge(source, f"row is {size}, over the {limit} limit", line=number)
    made = article_or_error(article_from_record, record, raw, source, number, fields)
    return at_line(made, number) if isinstance(made, InputError) else made
