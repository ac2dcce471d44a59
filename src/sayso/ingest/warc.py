"""WARC web archives (``.warc``, ``.warc.gz``): each archived HTML page is one article.

Read with fastwarc, record by record. A ``response`` record whose HTTP answer is a 2xx
HTML page goes through :func:`article_from_html`, with ``url`` from ``WARC-Target-URI``
and, when the page carries no date, the date of ``WARC-Date``. Everything else is passed
over silently, because an archive is mostly not articles and none of it is an error:
requests, metadata, warcinfo, resource and ``revisit`` records (a revisit only says the
page was unchanged), redirects and error answers, images, PDFs, scripts, JSON.

A record's locator is its byte offset in the file (of its gzip member in a ``.warc.gz``),
so ``Article.path`` is ``file.warc:OFFSET``. A truncated or corrupt record is one error
naming that offset; the records before it are kept.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType
from trafilatura.utils import decode_file

from sayso.errors import InputError, InputTooLarge, MalformedRecord, UnreadableInput
from sayso.ingest.article import parse_published
from sayso.ingest.decode import size_in_words
from sayso.ingest.fetch import HTML_TYPES
from sayso.ingest.html import article_from_html
from sayso.model import Article

WARC_SUFFIXES = (".warc", ".warc.gz")


def read_warc(path: Path, max_bytes: int) -> Iterator[Article | InputError]:
    """The articles of the HTML pages archived in the WARC file at ``path``.

    ``max_bytes`` limits each record's block, checked before it is read.
    """
    source = str(path)
    offset = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(
                stream,
                record_types=WarcRecordType.response,
                parse_http=False,
                fsspec_args=False,
            )
            for record in records:
                offset = record.stream_pos
                try:
                    article = _record_article(record, source, max_bytes)
                except InputError as error:
                    yield error
                else:
                    if article is not None:
                        yield article
    except OSError as error:
        if offset == 0 and not isinstance(error, FileNotFoundError | PermissionError):
            yield MalformedRecord(source, f"not a WARC file: {error}")
        elif offset == 0:
            yield UnreadableInput(source, (error.strerror or str(error)).lower())
        else:
            yield MalformedRecord(
                source, f"corrupt WARC after the record at byte {offset}: {error}"
            )


def _record_article(record: WarcRecord, source: str, max_bytes: int) -> Article | None:
    offset = record.stream_pos
    where = f"{source}:{offset}"
    declared = record.headers.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        raise MalformedRecord(source, f"record at byte {offset} is truncated (incomplete header)")
    if int(declared) > max_bytes:
        size, limit = size_in_words(int(declared)), size_in_words(max_bytes)
        raise InputTooLarge(source, f"record at byte {offset} is {size}, over the {limit} limit")
    block = record.reader.read()
    if len(block) < int(declared):
        reason = f"record at byte {offset} is truncated ({len(block)} of {declared} bytes)"
        raise MalformedRecord(source, reason)
    answer = _http_answer(block, source, offset)
    if answer is None:
        return None
    html, charset = answer
    url = record.headers.get("WARC-Target-URI") or None
    article = article_from_html(_decoded(html, charset), source=where, url=url)
    published = article.published or parse_published(record.headers.get("WARC-Date"))
    return dataclasses.replace(article, url=article.url or url, published=published)


def _http_answer(block: bytes, source: str, offset: int) -> tuple[bytes, str | None] | None:
    """The body and charset of a 2xx HTML answer; None for any other answer."""
    head, separator, body = block.partition(b"\r\n\r\n")
    if not separator:
        raise MalformedRecord(source, f"record at byte {offset} has no HTTP header")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[1].isdigit() or not parts[0].startswith("HTTP/"):
        raise MalformedRecord(source, f"record at byte {offset} has no HTTP status line")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    kind, _, parameters = headers.get("content-type", "").partition(";")
    if not 200 <= int(parts[1]) < 300 or kind.strip().lower() not in HTML_TYPES:
        return None
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _unchunked(body, source, offset)
    body = _uncompressed(body, headers.get("content-encoding", "").lower(), source, offset)
    charset = parameters.partition("charset=")[2].strip(" \"'") or None
    return body, charset


def _unchunked(body: bytes, source: str, offset: int) -> bytes:
    chunks: list[bytes] = []
    rest = body
    while True:
        size_line, separator, rest = rest.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0].strip(), 16)
        except ValueError:
            raise MalformedRecord(source, f"record at byte {offset}: broken chunked body") from None
        if size == 0 or not separator:
            return b"".join(chunks)
        chunks.append(rest[:size])
        rest = rest[size + 2 :]


def _uncompressed(body: bytes, encoding: str, source: str, offset: int) -> bytes:
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        reason = f"record at byte {offset}: content encoding {encoding!r} not supported"
        raise MalformedRecord(source, reason)
    try:  # wbits 32 + 15: zlib reads a gzip or a zlib header, whichever it finds
        return zlib.decompress(body, 32 + zlib.MAX_WBITS)
    except zlib.error as error:
        raise MalformedRecord(source, f"record at byte {offset}: {error}") from None


def _decoded(html: bytes, charset: str | None) -> str:
    if charset:
        try:
            return html.decode(charset, errors="replace")
        except LookupError:  # a charset name Python does not know: guess as for no charset
            pass
    return decode_file(html)
