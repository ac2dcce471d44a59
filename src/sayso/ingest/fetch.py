"""Web pages by URL: fetched with trafilatura's downloader, politely, one host at a time.

Two requests to one host are at least ``delay`` seconds apart; requests to other hosts do
not wait for each other. trafilatura's settings (``DOWNLOAD_TIMEOUT``, ``MAX_REDIRECTS``,
``MAX_FILE_SIZE``, ``SSRF_PROTECTION``) apply, so by default a URL naming a private or
loopback address is refused; :func:`fetch_config` turns that off for a local server.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from configparser import ConfigParser
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from trafilatura.downloads import DEFAULT_HEADERS, create_pool, fetch_response
from trafilatura.settings import use_config
from trafilatura.utils import Response, decode_file

from sayso.errors import InputTooLarge, UnreadableInput
from sayso.ingest.decode import size_in_words
from sayso.ingest.html import article_from_html, looks_like_html
from sayso.model import Article

# Seconds between two requests to one host. One second is the Crawl-delay most sites that
# set one ask for, and what polite crawlers (Heritrix, Scrapy's AutoThrottle floor) use.
DEFAULT_FETCH_DELAY = 1.0

HTML_TYPES = ("text/html", "application/xhtml+xml")


def fetch_config(*, timeout: int | None = None, private_hosts: bool = False) -> ConfigParser:
    """trafilatura's settings with a ``timeout`` in seconds (default its 30) and, with
    ``private_hosts``, loopback and private addresses allowed (a server on 127.0.0.1)."""
    config = use_config()
    if timeout is not None:
        config["DEFAULT"]["DOWNLOAD_TIMEOUT"] = str(timeout)
    if private_hosts:
        config["DEFAULT"]["SSRF_PROTECTION"] = "off"
    return config


class PageFetcher:
    """Fetches URLs, waiting ``delay`` seconds between two requests to the same host.

    >>> fetcher = PageFetcher(delay=0.05, config=fetch_config(private_hosts=True))
    >>> fetcher.article("http://127.0.0.1:8000/a.html", max_bytes=10**6)  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        delay: float = DEFAULT_FETCH_DELAY,
        config: ConfigParser | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self.config = config or fetch_config()
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}  # host -> when its last answer ended
        self._pool: urllib3.PoolManager | None = None

    def fetch(self, url: str) -> Response:
        """The response to a GET of ``url``, whatever its status.

        Raises :class:`UnreadableInput` when no response came (refused, timed out, too
        many redirects, a blocked address).
        """
        with self._politely(url):
            response = fetch_response(url, config=self.config)
        if response is None:
            raise UnreadableInput(
                url, "download failed (no answer, timed out, or the address is blocked)"
            )
        return response

    def fetch_conditional(self, url: str, headers: Mapping[str, str]) -> Response:
        """Like :meth:`fetch`, sending ``headers`` too (``If-None-Match``, ...).

        trafilatura's downloader cannot send headers of the caller's, so this uses its
        connection pool (same SSRF rule) with its timeout and redirect settings.
        """
        settings = self.config["DEFAULT"]
        with self._politely(url):
            try:
                answer = self._connections().request(
                    "GET",
                    url,
                    headers={**DEFAULT_HEADERS, **headers},
                    timeout=settings.getint("DOWNLOAD_TIMEOUT"),
                    retries=urllib3.util.Retry(total=settings.getint("MAX_REDIRECTS"), connect=0),
                    preload_content=False,
                )
                try:
                    data = answer.read(
                        settings.getint("MAX_FILE_SIZE", 20_000_000) + 1, decode_content=True
                    )
                finally:
                    answer.release_conn()
            except urllib3.exceptions.HTTPError as error:
                raise UnreadableInput(url, f"download failed: {error}") from None
        response = Response(data, answer.status, urljoin(url, answer.geturl() or url))
        response.store_headers(answer.headers)
        return response

    def article(self, url: str, max_bytes: int) -> Article:
        """The article of the page at ``url``; ``Article.path`` and ``url`` are the URL.

        Raises :class:`UnreadableInput` for an HTTP error or a page that is not HTML,
        :class:`InputTooLarge` over ``max_bytes``, and the errors of ``article_from_html``.
        """
        return page_article(self.fetch(url), url, max_bytes)

    @contextmanager
    def _politely(self, url: str) -> Iterator[None]:
        """Wait out the delay since the last request to ``url``'s host ended, then run one.

        Counted from the end of the last answer, not its start, so that a server sees
        two requests at least ``delay`` apart however long the first one took.
        """
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            wait = last + self.delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        try:
            yield
        finally:
            self._last[host] = self._clock()

    def _connections(self) -> urllib3.PoolManager:
        if self._pool is None:
            protect = self.config.getboolean("DEFAULT", "SSRF_PROTECTION", fallback=True)
            self._pool = create_pool(ssrf_protection=protect, ca_certs=certifi.where())
        return self._pool


def page_article(response: Response, url: str, max_bytes: int) -> Article:
    """The article of a fetched page (see :meth:`PageFetcher.article`)."""
    if response.status != 200:
        raise UnreadableInput(url, f"HTTP {response.status}, not a page")
    data = response.data or b""
    if len(data) > max_bytes:
        size, limit = size_in_words(len(data)), size_in_words(max_bytes)
        raise InputTooLarge(url, f"page is {size}, over the {limit} limit")
    html = response.html or decode_file(data)
    kind = content_type(response)
    if not (kind in HTML_TYPES or (not kind and looks_like_html(html))):
        raise UnreadableInput(
            url, f"HTTP {response.status} but not HTML ({kind or 'no content type'})"
        )
    return article_from_html(html, source=url, url=response.url or url)


def content_type(response: Response) -> str:
    """The media type of a response, lower case, without its parameters ('' when none)."""
    value = (response.headers or {}).get("content-type", "")
    return value.partition(";")[0].strip().lower()
