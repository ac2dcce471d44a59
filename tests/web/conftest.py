"""Fixtures for the web tests: a real store (the project's examples, extracted and linked,
in a SQLite file) and an in-process client over httpx's ASGI transport."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from sayso.extract import Extractor
from sayso.link import link_store
from sayso.model import Article, Statement, article_id
from sayso.pipeline import ingest_paths
from sayso.store import open_store
from sayso.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HOSTILE_TEXT = (
    "\"<script>alert('quote')</script> is what the hackers typed,\" said Mallory Vance.\n\n"
    "Vance said the page showed <a href=\"javascript:alert('link')\">a link</a> and "
    "an <img src=x onerror=alert('img')> tag."
)


class Client:
    """A synchronous face for ``httpx.AsyncClient`` over ``ASGITransport``: one event loop
    per request is plenty for tests and keeps them free of async plumbing."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://sayso.test") as c:
                return await c.request(method, path, **options)

        return asyncio.run(send())

    def get(self, path: str, **options: Any) -> httpx.Response:
        return self.request("GET", path, **options)

    def post(self, path: str, **options: Any) -> httpx.Response:
        return self.request("POST", path, **options)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(model="fast")


def hostile_article() -> tuple[Article, list[Statement]]:
    """An article whose text, title, outlet and URL are markup: it must show as text."""
    text = HOSTILE_TEXT
    article = Article(
        id=article_id(text),
        text=text,
        title="<img src=x onerror=alert('title')>",
        outlet="<b>Evil</b> Gazette",
        url="javascript:alert('url')",
        published=date(2026, 3, 13),
    )
    quote = text.index("<script>")
    said = text.index("said")
    name = text.index("Mallory Vance")
    statement = Statement(
        id="hostile-0",
        article_id=article.id,
        speaker="Mallory <i>Vance</i>",
        speaker_kind="person",
        role="<svg onload=alert('role')>",
        source=(article.span(name, name + len("Mallory Vance")),),
        cue=article.span(said, said + 4),
        content=(article.span(quote, text.index(" is what")),),
        kind="direct",
        polarity="asserts",
        date="2026-03-13",
        channel="<iframe src=javascript:alert('channel')>",
        confidence=0.9,
    )
    return article, [statement]


@pytest.fixture(scope="session")
def linked_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """The project's examples ingested and linked, plus the hostile article, in a file."""
    path = tmp_path_factory.mktemp("web") / "sayso.db"
    with open_store(path) as store:
        report = ingest_paths([EXAMPLES], store, extractor)
        assert report.ok, report.failed
        store.save(*hostile_article())
        link_store(store)
    return path


@pytest.fixture(scope="session")
def audio_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("audio")


@pytest.fixture(scope="session")
def client(linked_db: Path, audio_cache: Path) -> Client:
    return Client(create_app(linked_db, speech_engine="espeak-ng", audio_cache=audio_cache))


@pytest.fixture
def writable_db(tmp_path: Path, linked_db: Path) -> Iterator[Path]:
    """A copy of the linked store that a test may write to."""
    copy = tmp_path / "copy.db"
    with open_store(linked_db) as source, open_store(copy) as target:
        source._connection.backup(target._connection)
    yield copy
