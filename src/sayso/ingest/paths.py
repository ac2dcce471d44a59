"""From the inputs a user gave to Articles: files, folders (walked), URLs and standard input."""

from __future__ import annotations

import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sayso.errors import EmptyArticle, InputError, InputTooLarge, UnreadableInput
from sayso.ingest.article import article_or_error
from sayso.ingest.compressed import COMPRESSION_SUFFIXES, read_compressed
from sayso.ingest.corpus import DEFAULT_FIELDS, CorpusFields, read_csv, read_jsonl
from sayso.ingest.decode import decode_text, size_in_words
from sayso.ingest.feeds import (
    FEED_SUFFIXES,
    FeedMemory,
    InMemoryFeedMemory,
    read_feed_file,
    read_url,
)
from sayso.ingest.fetch import DEFAULT_FETCH_DELAY, PageFetcher
from sayso.ingest.html import article_from_html, looks_like_html
from sayso.ingest.parquet import PARQUET_SUFFIX, read_parquet
from sayso.ingest.text import article_from_text
from sayso.ingest.warc import WARC_SUFFIXES, read_warc
from sayso.model import Article

# One news article, even a long HTML page with inline scripts, is well under 5 MB;
# 20 MB leaves room for bloated pages while refusing log files, dumps and videos
# before they are read into memory. Corpora apply it to each record instead.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

STDIN_PATH = "-"
STDIN_SOURCE = "<stdin>"
URL_SCHEMES = ("http://", "https://")

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
CORPUS_SUFFIXES = JSONL_SUFFIXES | CSV_SUFFIXES
COMPRESSED_SUFFIXES = frozenset(
    corpus + compression for corpus in CORPUS_SUFFIXES for compression in COMPRESSION_SUFFIXES
)
# Feed files are read only when named: walking a folder must not fetch every page its
# XML files link to.
FOLDER_SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | CORPUS_SUFFIXES
    | COMPRESSED_SUFFIXES
    | frozenset({PARQUET_SUFFIX, *WARC_SUFFIXES})
)


@dataclass(frozen=True)
class _Reading:
    """How every input of one ``read_inputs`` call is read."""

    fields: CorpusFields
    max_bytes: int
    fetcher: PageFetcher
    feed_memory: FeedMemory


def read_inputs(
    paths: Iterable[str | Path],
    *,
    fields: CorpusFields = DEFAULT_FIELDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    feed_memory: FeedMemory | None = None,
    fetch_delay: float = DEFAULT_FETCH_DELAY,
    fetcher: PageFetcher | None = None,
) -> Iterator[Article | InputError]:
    """Every article in ``paths``, in order; a failed input yields its error, not raises it.

    ``"-"`` is standard input (``stdin``, default ``sys.stdin``), read as HTML or plain
    text. An ``http://`` or ``https://`` input is a page or an RSS/Atom feed, fetched.
    Folders are walked recursively in name order for ``.txt .html .htm .jsonl .ndjson
    .csv`` files, those corpora compressed (``.gz``, ``.zst``), ``.parquet`` and ``.warc``
    / ``.warc.gz`` files, skipping hidden ones. ``.rss .atom .xml`` files are feeds. A
    file named with any other extension is read as HTML if it looks like HTML, else as
    plain text. ``max_bytes`` limits each file, checked before it is read; in corpora and
    archives it limits each record.

    ``feed_memory`` keeps what feeds were already read (default: nothing is kept past this
    call); URLs are fetched ``fetch_delay`` seconds apart per host, or by ``fetcher``.

    >>> for item in read_inputs(["examples/"]):  # doctest: +SKIP
    ...     print(item if isinstance(item, InputError) else item.title)
    """
    reading = _Reading(
        fields,
        max_bytes,
        fetcher or PageFetcher(delay=fetch_delay),
        InMemoryFeedMemory() if feed_memory is None else feed_memory,
    )
    for given in paths:
        if str(given) == STDIN_PATH:
            yield article_or_error(_stdin_article, sys.stdin if stdin is None else stdin, max_bytes)
        elif is_url(given):
            yield from read_url(str(given), reading.fetcher, reading.feed_memory, max_bytes)
        else:
            yield from _read_path(Path(given), reading)


def is_url(given: str | Path) -> bool:
    """Whether an input is a URL to fetch (``http://`` or ``https://``), not a path.

    >>> is_url("https://e.org/feed.xml"), is_url("feed.xml")
    (True, False)
    """
    return isinstance(given, str) and given.lower().startswith(URL_SCHEMES)


def _read_path(path: Path, reading: _Reading) -> Iterator[Article | InputError]:
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        yield _unreadable(path, error)
        return
    if not is_folder:
        yield from _read_file(path, reading)
        return
    found = False
    for item in _walk(path):
        found = True
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_file(item, reading)
    if not found:
        kinds = " ".join(sorted(suffix for suffix in FOLDER_SUFFIXES if suffix.count(".") == 1))
        reason = f"folder has no article files ({kinds}; corpora also .gz .zst, .warc also .gz)"
        yield UnreadableInput(str(path), reason)


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
        elif file_suffix(entry) in FOLDER_SUFFIXES and entry.is_file():
            yield entry


def file_suffix(path: Path) -> str:
    """The suffix that says how ``path`` is read, lower case: ``.jsonl.gz`` or ``.warc.gz``
    for those, else the last one (``.gz`` alone is not a kind sayso reads)."""
    double = "".join(path.suffixes[-2:]).lower()
    if double in COMPRESSED_SUFFIXES or double in WARC_SUFFIXES:
        return double
    return path.suffix.lower()


def _read_file(path: Path, reading: _Reading) -> Iterator[Article | InputError]:
    source, suffix = str(path), file_suffix(path)
    fields, max_bytes = reading.fields, reading.max_bytes
    try:
        if suffix in CORPUS_SUFFIXES:
            read_corpus = read_jsonl if suffix in JSONL_SUFFIXES else read_csv
            with path.open("rb") as handle:
                yield from read_corpus(handle, source, fields, max_bytes)
        elif suffix in COMPRESSED_SUFFIXES:
            read_corpus = read_jsonl if path.suffixes[-2].lower() in JSONL_SUFFIXES else read_csv
            yield from read_compressed(path, read_corpus, fields, max_bytes)
        elif suffix == PARQUET_SUFFIX:
            yield from read_parquet(path, fields, max_bytes)
        elif suffix in WARC_SUFFIXES:
            yield from read_warc(path, max_bytes)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed_file(path, reading.fetcher, reading.feed_memory, max_bytes)
        else:
            yield article_or_error(_file_article, path, suffix, max_bytes)
    except OSError as error:
        yield _unreadable(path, error)


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
