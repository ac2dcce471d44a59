"""Pages and RSS/Atom feeds by URL, from a real HTTP server on 127.0.0.1.

Nothing here reaches beyond 127.0.0.1: the server is started by the tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sayso.errors import InputError, MalformedRecord, UnreadableInput
from sayso.ingest import read_inputs
from sayso.ingest.feeds import FeedState, InMemoryFeedMemory
from sayso.ingest.fetch import PageFetcher, fetch_config
from sayso.model import Article

DELAY = 0.05  # seconds between two requests to one host, in these tests
ETAG = '"feed-v1"'
LAST_MODIFIED = "Thu, 05 May 2022 10:00:00 GMT"

PARAGRAPHS = [
    "The battle for the Azovstal steel plant in Mariupol continues to rage Thursday as "
    "Russian forces look to capture one of the city's last strongholds.",
    '"It\'s three days now since Russian troops broke into the territory of Azovstal," '
    "Deputy Commander Sviatoslav Palamar said in a video on Telegram.",
    "Russia on Thursday denied that its forces have engaged in any ground conflict at the plant.",
]


def page(title: str, dated: bool = False) -> bytes:
    meta = '<meta property="article:published_time" content="2022-05-05">' if dated else ""
    body = "".join(f"<p>{p} ({title})</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html lang='en'><head>{meta}</head>"
        f"<body><article>{body}</article></body></html>"
    ).encode()


def rss(base: str, *links: str) -> bytes:
    items = "".join(
        f"<item><title>Entry {link}</title><link>{base}{link}</link><guid>{base}{link}</guid>"
        f"<author>desk@e.org (Jane Doe)</author>"
        f"<pubDate>Wed, 04 May 2022 09:00:00 GMT</pubDate></item>"
        for link in links
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


@dataclass
class Site:
    """The test server: what it serves and every request it got (path, headers, time)."""

    base: str = ""
    requests: list[tuple[str, dict[str, str], float]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.requests]


def serve(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            site.requests.append((self.path, dict(self.headers.items()), time.monotonic()))
            if self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == ETAG:
                    self.answer(304, b"", None)
                    return
                body = rss(site.base, "/a.html", "/b.html")
                self.answer(
                    200, body, "application/rss+xml", {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
                )
            elif self.path == "/plain-feed.xml":  # no validators: a 200 every time
                self.answer(200, rss(site.base, "/a.html"), "text/xml")
            elif self.path == "/broken-feed.xml":
                body = rss(site.base, "/a.html", "/missing.html", "/b.html")
                self.answer(200, body, "application/rss+xml", {"ETag": ETAG})
            elif self.path in ("/a.html", "/b.html"):
                self.answer(200, page(self.path, dated=self.path == "/a.html"), "text/html")
            elif self.path == "/image.png":
                self.answer(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
            else:
                self.answer(404, b"<html><body>Not found</body></html>", "text/html")

        def answer(
            self, status: int, body: bytes, kind: str | None, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet: the test reads ``site.requests``."""

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    found = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), serve(found))
    found.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def fetcher() -> PageFetcher:
    return PageFetcher(delay=DELAY, config=fetch_config(timeout=5, private_hosts=True))


def test_page_url(site: Site, fetcher: PageFetcher) -> None:
    url = f"{site.base}/a.html"
    [article] = list(read_inputs([url], fetcher=fetcher))
    assert isinstance(article, Article)
    assert (article.path, article.url) == (url, url)
    assert "Sviatoslav Palamar" in article.text
    assert article.published == date(2022, 5, 5)


def test_failed_urls_are_one_error_each(site: Site, fetcher: PageFetcher) -> None:
    missing, image, good = (f"{site.base}{p}" for p in ("/nope.html", "/image.png", "/b.html"))
    first, second, third = list(read_inputs([missing, image, good], fetcher=fetcher))
    assert isinstance(first, UnreadableInput)
    assert str(first) == f"{missing}: HTTP 404, not a page"
    assert isinstance(second, UnreadableInput)
    assert str(second) == f"{image}: HTTP 200 but not HTML (image/png)"
    assert isinstance(third, Article)


def test_private_addresses_are_refused_by_default(site: Site) -> None:
    url = f"{site.base}/a.html"
    [error] = list(read_inputs([url], fetch_delay=0))
    assert isinstance(error, UnreadableInput)
    assert error.source == url
    assert site.requests == []


def test_requests_to_one_host_wait_the_delay(site: Site, fetcher: PageFetcher) -> None:
    urls = [f"{site.base}{p}" for p in ("/a.html", "/b.html", "/nope.html", "/a.html")]
    list(read_inputs(urls, fetcher=fetcher))
    assert site.paths() == ["/a.html", "/b.html", "/nope.html", "/a.html"]
    times = [when for _, _, when in site.requests]
    assert all(later - earlier >= DELAY for earlier, later in zip(times, times[1:], strict=False))


def test_other_hosts_do_not_wait(site: Site) -> None:
    waits: list[float] = []
    config = fetch_config(timeout=5, private_hosts=True)
    fetcher = PageFetcher(delay=60.0, config=config, sleep=waits.append)
    port = site.base.rsplit(":", 1)[1]
    one, other = f"http://127.0.0.1:{port}", f"http://localhost:{port}"
    for url in (f"{one}/a.html", f"{other}/a.html", f"{one}/b.html"):
        fetcher.fetch(url)
    assert len(site.requests) == 3
    assert len(waits) == 1  # only the second request to 127.0.0.1 waited
    assert 0 < waits[0] <= 60.0


def test_feed_polled_twice_takes_nothing_new(site: Site, fetcher: PageFetcher) -> None:
    feed, memory = f"{site.base}/feed.xml", InMemoryFeedMemory()
    first = list(read_inputs([feed], fetcher=fetcher, feed_memory=memory))
    assert [getattr(item, "url", item) for item in first] == [
        f"{site.base}/a.html",
        f"{site.base}/b.html",
    ]
    a, b = first
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.published == date(2022, 5, 5)  # the page's own date wins
    assert b.published == date(2022, 5, 4)  # else the entry's
    assert b.title == "Entry /b.html"  # the page has no title: the entry's
    state = memory.feed_state(feed)
    assert state is not None
    assert (state.etag, state.modified) == (ETAG, LAST_MODIFIED)
    assert state.entries == {f"{site.base}/a.html", f"{site.base}/b.html"}

    assert list(read_inputs([feed], fetcher=fetcher, feed_memory=memory)) == []
    assert site.paths() == ["/feed.xml", "/a.html", "/b.html", "/feed.xml"]
    headers = site.requests[-1][1]
    assert headers.get("If-None-Match") == ETAG
    assert headers.get("If-Modified-Since") == LAST_MODIFIED


def test_feed_without_validators_fetches_no_entry_twice(site: Site, fetcher: PageFetcher) -> None:
    feed, memory = f"{site.base}/plain-feed.xml", InMemoryFeedMemory()
    assert len(list(read_inputs([feed], fetcher=fetcher, feed_memory=memory))) == 1
    assert list(read_inputs([feed], fetcher=fetcher, feed_memory=memory)) == []
    assert site.paths() == ["/plain-feed.xml", "/a.html", "/plain-feed.xml"]
    assert "If-None-Match" not in site.requests[-1][1]


def test_a_failed_entry_is_one_error_and_retried(site: Site, fetcher: PageFetcher) -> None:
    feed, memory = f"{site.base}/broken-feed.xml", InMemoryFeedMemory()
    first = list(read_inputs([feed], fetcher=fetcher, feed_memory=memory))
    assert [type(item).__name__ for item in first] == ["Article", "UnreadableInput", "Article"]
    assert str(first[1]) == (
        f"{site.base}/missing.html: HTTP 404, not a page (entry 2 of the feed {feed})"
    )
    state = memory.feed_state(feed)
    assert state is not None and state.etag is None  # kept back, so the next poll retries
    second = list(read_inputs([feed], fetcher=fetcher, feed_memory=memory))
    assert [type(item).__name__ for item in second] == ["UnreadableInput"]
    assert site.paths()[-2:] == ["/broken-feed.xml", "/missing.html"]


def test_memory_from_an_earlier_process(site: Site, fetcher: PageFetcher) -> None:
    """A remembered state (as the store would give back) is polled conditionally."""
    feed, memory = f"{site.base}/feed.xml", InMemoryFeedMemory()
    memory.remember_feed(FeedState(feed, etag=ETAG))
    assert list(read_inputs([feed], fetcher=fetcher, feed_memory=memory)) == []
    [(path, headers, _)] = site.requests
    assert (path, headers.get("If-None-Match")) == ("/feed.xml", ETAG)


def test_feed_file(site: Site, fetcher: PageFetcher, tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(rss(site.base, "/b.html", "/nope.html"))
    memory = InMemoryFeedMemory()
    items = list(read_inputs([path], fetcher=fetcher, feed_memory=memory))
    assert [type(item).__name__ for item in items] == ["Article", "UnreadableInput"]
    again = list(read_inputs([path], fetcher=fetcher, feed_memory=memory))
    assert [type(item).__name__ for item in again] == ["UnreadableInput"]


def test_folder_walk_leaves_feed_files(site: Site, fetcher: PageFetcher, tmp_path: Path) -> None:
    """Walking a folder must not fetch every page its feed files link to."""
    (tmp_path / "news.rss").write_bytes(rss(site.base, "/b.html"))
    [error] = list(read_inputs([tmp_path], fetcher=fetcher))
    assert isinstance(error, UnreadableInput)
    assert "folder has no article files" in str(error)
    assert site.requests == []


def test_not_a_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>hello</note></notes>", encoding="utf-8")
    [error] = list(read_inputs([path]))
    assert isinstance(error, MalformedRecord)
    assert str(error) == f"{path}: not an RSS or Atom feed"


def test_errors_are_input_errors(site: Site, fetcher: PageFetcher) -> None:
    closed = "http://127.0.0.1:9/a.html"  # the discard port: nothing listens there
    [error] = list(read_inputs([closed], fetcher=fetcher))
    assert isinstance(error, InputError) and error.source == closed


def test_atom_feed_file(site: Site, fetcher: PageFetcher, tmp_path: Path) -> None:
    path = tmp_path / "news.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        f'<entry><id>urn:b</id><title>Atom entry</title><link href="{site.base}/b.html"/>'
        "<updated>2022-05-03T10:00:00Z</updated><author><name>Ann Lee</name></author></entry>"
        "</feed>",
        encoding="utf-8",
    )
    memory = InMemoryFeedMemory()
    [article] = list(read_inputs([path], fetcher=fetcher, feed_memory=memory))
    assert isinstance(article, Article)
    assert (article.title, article.author, article.published) == (
        "Atom entry",
        "Ann Lee",
        date(2022, 5, 3),
    )
    state = memory.feed_state(str(path))
    assert state is not None and state.entries == {"urn:b"}
