"""WARC archives: HTML responses become articles, everything else is passed over silently,
a truncated record is one error naming its byte offset."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.errors import InputError, MalformedRecord
from sayso.ingest import read_inputs
from sayso.model import Article

PARAGRAPHS = [
    "The battle for the Azovstal steel plant in Mariupol continues to rage Thursday as "
    "Russian forces look to capture one of the city's last strongholds.",
    '"It\'s three days now since Russian troops broke into the territory of Azovstal," '
    "Deputy Commander Sviatoslav Palamar said in a video on Telegram.",
    "Russia on Thursday denied that its forces have engaged in any ground conflict at the plant.",
]


def page(title: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{meta}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def response(writer: WARCWriter, url: str, payload: bytes, kind: str, date: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def write_archive(path: Path, *, compressed: bool) -> list[int]:
    """An archive: HTML page, revisit, PNG, request, HTML page (dated), truncated HTML page.

    Returns the byte offset of each record, and of the end of the file."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    offsets = []

    def mark() -> None:
        offsets.append(buffer.tell())

    mark()
    response(writer, "https://e.org/a", page("Battle rages"), "text/html", "2022-05-06T08:00:00Z")
    mark()
    writer.write_record(
        writer.create_revisit_record(
            "https://e.org/a", "sha1:AAAA", "https://e.org/a", "2022-05-06T08:00:00Z"
        )
    )
    mark()
    response(writer, "https://e.org/p.png", b"\x89PNG\r\n", "image/png", "2022-05-06T08:00:00Z")
    mark()
    request = StatusAndHeaders("GET /b HTTP/1.1", [("Host", "e.org")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://e.org/b", "request", http_headers=request)
    )
    mark()
    response(
        writer,
        "https://e.org/b",
        page("Plant holds", published="2022-05-04"),
        "text/html; charset=utf-8",
        "2022-05-06T09:00:00Z",
    )
    mark()
    response(writer, "https://e.org/c", page("Cut short"), "text/html", "2022-05-06T10:00:00Z")
    mark()
    data = buffer.getvalue()
    path.write_bytes(data[:-150])  # the last record loses the end of its page
    return offsets


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_articles_skips_and_truncation(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    offsets = write_archive(path, compressed=compressed)
    items = list(read_inputs([path]))
    first, second, error = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.path == f"{path}:{offsets[0]}"
    assert (first.url, first.title) == ("https://e.org/a", "Battle rages")
    assert first.published == date(2022, 5, 6)  # no date in the page: WARC-Date
    assert "Sviatoslav Palamar" in first.text
    assert second.path == f"{path}:{offsets[4]}"
    assert (second.url, second.published) == ("https://e.org/b", date(2022, 5, 4))
    assert isinstance(error, MalformedRecord)
    assert str(error).startswith(f"{path}: record at byte {offsets[5]} is truncated")


def test_gzip_member_offsets_are_file_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    offsets = write_archive(path, compressed=True)
    with path.open("rb") as handle:
        handle.seek(offsets[4])
        member = gzip.GzipFile(fileobj=handle).read(200)
    assert member.startswith(b"WARC/1.")
    assert b"https://e.org/b" in member


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is no archive\r\n\r\n" * 10)
    items = list(read_inputs([path]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert str(items[0]).startswith(f"{path}: ")


def test_folder_walk_picks_up_warc(tmp_path: Path) -> None:
    write_archive(tmp_path / "a.warc.gz", compressed=True)
    assert [type(item).__name__ for item in read_inputs([tmp_path])] == [
        "Article",
        "Article",
        "MalformedRecord",
    ]


def test_chunked_and_gzipped_answers_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "encoded.warc"
    body = gzip.compress(page("Encoded"))
    chunked = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 100]), body[i : i + 100])
        for i in range(0, len(body), 100)
    )
    headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
        ],
        protocol="HTTP/1.1",
    )
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        record = writer.create_warc_record(
            "https://e.org/z",
            "response",
            payload=io.BytesIO(chunked + b"0\r\n\r\n"),
            http_headers=headers,
        )
        writer.write_record(record)
    [article] = list(read_inputs([path]))
    assert isinstance(article, Article)
    assert (article.title, article.url) == ("Encoded", "https://e.org/z")
