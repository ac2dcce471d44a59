"""JSONL and CSV corpora: one article per record, read as a stream.

A corpus may be far larger than one article, so the size limit applies to each record,
not to the file. Every failed record yields its own error with its line number, and
the rest of the corpus is still read.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sayso.errors import InputError, InputTooLarge, MalformedRecord
from sayso.ingest.article import article_or_error, parse_published
from sayso.ingest.decode import decode_text, size_in_words
from sayso.ingest.text import article_from_text
from sayso.model import Article


@dataclass(frozen=True)
class CorpusFields:
    """The names of the fields (JSONL keys, CSV columns) that hold each part of an article."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    outlet: str = "outlet"
    author: str = "author"


# The default field names; a module constant so that it is built once.
DEFAULT_FIELDS = CorpusFields()


def read_jsonl(
    handle: Iterable[bytes], source: str, fields: CorpusFields, max_bytes: int
) -> Iterator[Article | InputError]:
    """Articles from a JSON Lines corpus (blank lines skipped); ``raw`` is the line."""
    offset = 0
    for number, raw_line in enumerate(handle, start=1):
        if raw_line.strip():
            yield _record_or_error(
                number, _jsonl_record, raw_line, offset, source, number, fields, max_bytes
            )
        offset += len(raw_line)


def read_csv(
    handle: Iterable[bytes], source: str, fields: CorpusFields, max_bytes: int
) -> Iterator[Article | InputError]:
    """Articles from a CSV corpus whose first row names the columns.

    ``Article.raw`` of a row is the row as a JSON object (column name to value).
    An encoding error stops the file: after it, CSV quoting can no longer be trusted.
    """
    reader = csv.reader(_csv_lines(handle, source, max_bytes))
    try:
        header = next(reader, None)
        if header is None or fields.text not in header:
            found = ", ".join(header or []) or "none"
            reason = f"CSV header has no {fields.text!r} column (columns: {found})"
            yield MalformedRecord(source, reason, line=1)
            return
        end = reader.line_num
        for row in reader:
            number, end = end + 1, reader.line_num
            if any(cell.strip() for cell in row):
                record = dict(zip(header, row, strict=False))
                raw = json.dumps(record, ensure_ascii=False)
                yield _record_or_error(
                    number, article_from_record, record, raw, source, number, fields
                )
    except InputError as error:  # from decoding: the line after the last one read
        yield at_line(error, reader.line_num + 1)
    except csv.Error as error:
        yield MalformedRecord(source, f"CSV is broken: {error}", line=reader.line_num)


def _csv_lines(handle: Iterable[bytes], source: str, max_bytes: int) -> Iterator[str]:
    offset = 0
    for raw_line in handle:
        yield _decode_line(raw_line, offset, source, max_bytes)
        offset += len(raw_line)


def _decode_line(raw_line: bytes, offset: int, source: str, max_bytes: int) -> str:
    """One line of a corpus as text; ``offset`` is where it starts in the file."""
    if len(raw_line) > max_bytes:
        size, limit = size_in_words(len(raw_line)), size_in_words(max_bytes)
        raise InputTooLarge(source, f"record is {size}, over the {limit} limit")
    return decode_text(raw_line, source, offset=offset)


def _record_or_error(
    number: int, build: Callable[..., Article], *args: Any
) -> Article | InputError:
    """The Article of one record, or its error naming the line."""
    made = article_or_error(build, *args)
    return at_line(made, number) if isinstance(made, InputError) else made


def _jsonl_record(
    raw_line: bytes, offset: int, source: str, number: int, fields: CorpusFields, max_bytes: int
) -> Article:
    line = _decode_line(raw_line, offset, source, max_bytes).rstrip("\r\n")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedRecord(source, f"line is not JSON: {error}") from None
    if not isinstance(record, dict):
        kind = type(record).__name__
        raise MalformedRecord(source, f"line is JSON but not an object (found {kind})")
    return article_from_record(record, line, source, number, fields)


def article_from_record(
    record: Mapping[str, Any], raw: str, source: str, number: int, fields: CorpusFields
) -> Article:
    """The Article of one corpus record (a JSON object, a CSV row, a Parquet row);
    ``Article.path`` is ``source:number``. Raises an ``InputError`` naming ``source``."""
    text = _field(record, fields.text)
    if text is None:
        reason = f"record has no text (field {fields.text!r} missing or empty)"
        raise MalformedRecord(source, reason)
    article = article_from_text(
        text,
        source=source,
        title=_field(record, fields.title),
        outlet=_field(record, fields.outlet),
        url=_field(record, fields.url),
        author=_field(record, fields.author),
        published=parse_published(_field(record, fields.date)),
        raw=raw,
    )
    return dataclasses.replace(article, path=f"{source}:{number}")


def _field(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, dict | list):
        return None
    value = str(value).strip()
    return value or None


def at_line(error: InputError, number: int) -> InputError:
    """The same error, now naming the line of the corpus it happened on."""
    return type(error)(error.source, error.reason, line=number)
