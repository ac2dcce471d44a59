"""RSS and Atom feeds, and URLs in general: each feed entry is the page it links to.

An entry's article is its linked page, fetched; the entry's title, author and date fill
what the page does not say. A page that cannot be fetched is one error, and the other
entries go on.

A :class:`FeedMemory` keeps, per feed, its ``ETag`` / ``Last-Modified`` and the entries
already taken, so that polling a feed again sends ``If-None-Match`` / ``If-Modified-Since``
and takes only new entries (a ``304`` takes nothing). An entry counts as taken once its
article has been handed on. When an entry failed, the feed's validators are not updated,
so the next poll reads the feed again and retries it (the entries taken are still skipped).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

import feedparser

from sayso.errors import InputError, InputTooLarge, MalformedRecord, UnreadableInput
from sayso.ingest.decode import size_in_words
from sayso.ingest.fetch import HTML_TYPES, PageFetcher, content_type, page_article
from sayso.model import Article

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
# The root elements of RSS 2.0, Atom and RSS 1.0, looked for near the start of a body
# served without a feed content type (many servers send feeds as text/plain).
FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")
SNIFF_BYTES = 2048


@dataclass(frozen=True)
class FeedState:
    """What is remembered of one feed between polls.

    ``url`` is the feed's URL (or a feed file's path), ``etag`` / ``modified`` its last
    ``ETag`` / ``Last-Modified`` headers, ``polled`` when it was last read (ISO 8601, UTC),
    ``entries`` the keys (id, else link) of the entries already taken.
    """

    url: str
    etag: str | None = None
    modified: str | None = None
    polled: str | None = None
    entries: frozenset[str] = frozenset()


class FeedMemory(Protocol):
    """Where feed states persist between polls (the store implements it)."""

    def feed_state(self, url: str) -> FeedState | None:
        """The state remembered for ``url``, or None for a feed never polled."""

    def remember_feed(self, state: FeedState) -> None:
        """Keep ``state`` for its ``url``, replacing what was there."""


class InMemoryFeedMemory:
    """A :class:`FeedMemory` in a dict: remembers for as long as the object lives."""

    def __init__(self) -> None:
        self.states: dict[str, FeedState] = {}

    def feed_state(self, url: str) -> FeedState | None:
        return self.states.get(url)

    def remember_feed(self, state: FeedState) -> None:
        self.states[state.url] = state


def read_url(
    url: str, fetcher: PageFetcher, memory: FeedMemory, max_bytes: int
) -> Iterator[Article | InputError]:
    """The articles of a URL: a page's one article, or a feed's new entries.

    A URL the memory knows as a feed is polled with conditional headers; any other is
    fetched once and read as a feed if it is one, else as a page.
    """
    state = memory.feed_state(url)
    try:
        response = (
            fetcher.fetch(url)
            if state is None
            else fetcher.fetch_conditional(url, _validators(state))
        )
    except InputError as error:
        yield error
        return
    if state is None and not _is_feed(response.data or b"", content_type(response)):
        try:
            yield page_article(response, url, max_bytes)
        except InputError as error:
            yield error
        return
    state = state or FeedState(url)
    if response.status == 304:
        memory.remember_feed(dataclasses.replace(state, polled=_now()))
        return
    if response.status != 200:
        yield UnreadableInput(url, f"HTTP {response.status}, feed not read")
        return
    data = response.data or b""
    if len(data) > max_bytes:
        size, limit = size_in_words(len(data)), size_in_words(max_bytes)
        yield InputTooLarge(url, f"feed is {size}, over the {limit} limit")
        return
    headers = response.headers or {}
    polled = dataclasses.replace(
        state, etag=headers.get("etag"), modified=headers.get("last-modified")
    )
    yield from _read_feed(data, url, state, polled, fetcher, memory, max_bytes)


def read_feed_file(
    path: Path, fetcher: PageFetcher, memory: FeedMemory, max_bytes: int
) -> Iterator[Article | InputError]:
    """The new entries of a feed saved as a file (``.rss .atom .xml``); the memory keys
    it by its path."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = size_in_words(max_bytes)
            yield InputTooLarge(source, f"file is {size_in_words(size)}, over the {limit} limit")
            return
        data = path.read_bytes()
    except OSError as error:
        yield UnreadableInput(source, (error.strerror or str(error)).lower())
        return
    state = memory.feed_state(source) or FeedState(source)
    yield from _read_feed(data, source, state, state, fetcher, memory, max_bytes)


def _read_feed(
    data: bytes,
    source: str,
    state: FeedState,
    polled: FeedState,
    fetcher: PageFetcher,
    memory: FeedMemory,
    max_bytes: int,
) -> Iterator[Article | InputError]:
    """The new entries of a feed's ``data``; ``polled`` is ``state`` with the validators
    of this poll, remembered at the end when every entry was taken."""
    parsed = feedparser.parse(data, response_headers={"content-location": source})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        yield MalformedRecord(source, "not an RSS or Atom feed")
        return
    failed = False
    for number, entry in enumerate(parsed.entries, start=1):
        key = entry.get("id") or entry.get("link")
        if key in state.entries:
            continue
        made = _entry_article(entry, number, source, fetcher, max_bytes)
        yield made
        if isinstance(made, InputError):
            failed = True
        else:
            state = dataclasses.replace(state, entries=state.entries | {key})
            memory.remember_feed(state)
    if not failed:
        state = dataclasses.replace(state, etag=polled.etag, modified=polled.modified)
    memory.remember_feed(dataclasses.replace(state, polled=_now()))


def _entry_article(
    entry: Any, number: int, feed: str, fetcher: PageFetcher, max_bytes: int
) -> Article | InputError:
    link = entry.get("link")
    if not link:
        return MalformedRecord(feed, f"feed entry {number} has no link")
    try:
        article = fetcher.article(link, max_bytes)
    except InputError as error:
        return type(error)(error.source, f"{error.reason} (entry {number} of the feed {feed})")
    return dataclasses.replace(
        article,
        title=article.title or _text(entry.get("title")),
        author=article.author or _text(entry.get("author")),
        published=article.published or _entry_date(entry),
    )


def _is_feed(data: bytes, kind: str) -> bool:
    if kind in HTML_TYPES:
        return False
    head = data[:SNIFF_BYTES].lower()
    return kind in FEED_TYPES or any(root in head for root in FEED_ROOTS)


def _validators(state: FeedState) -> dict[str, str]:
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.modified:
        headers["If-Modified-Since"] = state.modified
    return headers


def _entry_date(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
