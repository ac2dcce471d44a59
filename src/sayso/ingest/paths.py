"""From the paths a user gave to Articles: files, folders (walked) and standard input."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from sayso.errors import EmptyArticle, InputError, InputTooLarge, UnreadableInput
from sayso.ingest.article import article_or_error
from sayso.ingest.corpus import DEFAULT_FIELDS, CorpusFields, read_csv, read_jsonl
from sayso.ingest.decode import decode_text, size_in_words
from sayso.ingest.html import article_from_html, looks_like_html
from sayso.ingest.text import article_from_text
from sayso.model import Article

# One news article, even a long HTML page with inline scripts, is well under 5 MB;
# 20 MB leaves room for bloated pages while refusing log files, dumps and videos
# before they are read into memory. Corpora apply it to each record instead.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES


def read_inputs(
    paths: Iterable[str | Path],
    *,
    fields: CorpusFields = DEFAULT_FIELDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Article | InputError]:
    """Every article in ``paths``, in order; a failed input yields its error, not raises it.

    ``"-"`` is standard input (``stdin``, default ``sys.stdin``), read as HTML or plain
    text. Folders are walked recursively in name order for ``.txt .html .htm .jsonl
    .ndjson .csv`` files, skipping hidden ones. A file named with any other extension is
    read as HTML if it looks like HTML, else as plain text. ``max_bytes`` limits each
    file, checked before it is read; in JSONL and CSV corpora it limits each record.

    >>> for item in read_inputs(["examples/"]):  # doctest: +SKIP
    ...     print(item if isinstance(item, InputError) else item.title)
    """
    for given in paths:
        if str(given) == STDIN_PATH:
            yield article_or_error(_stdin_article, sys.stdin if stdin is None else stdin, max_bytes)
        else:
            yield from _read_path(Path(given), fields, max_bytes)


def _read_path(path: Path, fields: CorpusFields, max_bytes: int) -> Iterator[Article | InputError]:
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        yield _unreadable(path, error)
        return
    if not is_folder:
        yield from _read_file(path, fields, max_bytes)
        return
    found = False
    for item in _walk(path):
        found = True
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_file(item, fields, max_bytes)
    if not found:
        kinds = " ".join(sorted(FOLDER_SUFFIXES))
        yield UnreadableInput(str(path), f"folder has no article files ({kinds})")


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """The article files under ``folder``, depth first in name order; hidden ones skipped."""
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield _unreadable(folder, error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():  # a linked folder could loop
            yield from _walk(entry)
        elif entry.suffix.lower() in FOLDER_SUFFIXES and entry.is_file():
            yield entry


def _read_file(path: Path, fields: CorpusFields, max_bytes: int) -> Iterator[Article | InputError]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES | CSV_SUFFIXES:
        read_corpus = read_jsonl if suffix in JSONL_SUFFIXES else read_csv
        try:
            with path.open("rb") as handle:
                yield from read_corpus(handle, source, fields, max_bytes)
        except OSError as error:
            yield _unreadable(path, error)
        return
    yield article_or_error(_file_article, path, suffix, max_bytes)


def _file_article(path: Path, suffix: str, max_bytes: int) -> Article:
    source = str(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a pipe or device could block or never end
            raise UnreadableInput(source, "not a regular file")
        size = status.st_size
        if size > max_bytes:  # before reading: the point is not to load it at all
            limit = size_in_words(max_bytes)
            raise InputTooLarge(source, f"file is {size_in_words(size)}, over the {limit} limit")
        data = path.read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from None
    return _article_of_kind(decode_text(data, source), source, suffix)


def article_from_bytes(data: bytes, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One article from bytes received whole (an upload, a pasted text): text or HTML, told
    apart by ``source``'s suffix or, failing that, by the content.

    Raises an ``InputError`` (too large, bad encoding, empty, no article, not English).
    """
    if len(data) > max_bytes:
        limit = size_in_words(max_bytes)
        raise InputTooLarge(source, f"{size_in_words(len(data))} received, over the {limit} limit")
    return _article_of_kind(decode_text(data, source), source, Path(source).suffix.lower())


def _stdin_article(stream: TextIO, max_bytes: int) -> Article:
    """Standard input as one article; its size is checked on at most one byte too many."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(max_bytes + 1)
        _check_stdin_size(len(data), max_bytes)
        text = decode_text(data, STDIN_SOURCE)
    else:
        text = stream.read(max_bytes + 1)
        _check_stdin_size(len(text.encode("utf-8", "surrogatepass")), max_bytes)
    return _article_of_kind(text, STDIN_SOURCE, "")


def _check_stdin_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        limit = size_in_words(max_bytes)
        raise InputTooLarge(STDIN_SOURCE, f"standard input is over the {limit} limit")


def _article_of_kind(text: str, source: str, suffix: str) -> Article:
    if not text.strip():  # before HTML parsing, which would call it "no article found"
        raise EmptyArticle(source, "empty article: no story text")
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text)):
        return article_from_html(text, source=source)
    return article_from_text(text, source=source)


def _unreadable(path: Path, error: OSError) -> UnreadableInput:
    """A one-line reason: 'no such file or directory', 'permission denied', ..."""
    reason = (error.strerror or str(error)).lower()
    return UnreadableInput(str(path), reason)
