"""HTML pages: trafilatura finds the main text and the metadata."""

from __future__ import annotations

import logging
from typing import Any

import trafilatura

from sayso.errors import NoArticleFound
from sayso.ingest.article import build_article, parse_published
from sayso.ingest.decode import normalise_newlines
from sayso.model import Article

logger = logging.getLogger(__name__)

# How far into a file to look for an <html tag when its name does not say what it is.
SNIFF_CHARS = 4096


def looks_like_html(text: str) -> bool:
    """Whether text of unknown type is an HTML page (starts with ``<`` or has ``<html``)."""
    head = text[:SNIFF_CHARS]
    return head.lstrip("\ufeff \t\r\n").startswith("<") or "<html" in head.lower()


def article_from_html(html: str, *, source: str, url: str | None = None) -> Article:
    """An Article from an HTML page: main text, title, author, date, site name, URL.

    Raises :class:`NoArticleFound` when the page has no article text (or cannot be
    parsed at all), :class:`EmptyArticle` or :class:`NotEnglish`.
    """
    page = _extract(html, source, url)
    title = _metadata(page, "title")
    story = _without_title(normalise_newlines(_metadata(page, "text") or ""), title)
    if not story.strip():
        raise NoArticleFound(source, "no article text found in the HTML")
    return build_article(
        story,
        source=source,
        raw=html,
        title=title,
        outlet=_metadata(page, "sitename"),
        url=_metadata(page, "url") or url,
        author=_metadata(page, "author"),
        published=parse_published(_metadata(page, "date")),
    )


def _extract(html: str, source: str, url: str | None) -> Any:
    try:
        page = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as error:  # any parser failure on hostile input; the batch goes on
        logger.debug("trafilatura failed on %s: %r", source, error)
        raise NoArticleFound(source, "HTML could not be parsed") from error
    if page is None:
        raise NoArticleFound(source, "no article text found in the HTML")
    return page


def _metadata(page: Any, name: str) -> str | None:
    value = getattr(page, name, None)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def _without_title(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; it is metadata, not story."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        return rest
    return text
