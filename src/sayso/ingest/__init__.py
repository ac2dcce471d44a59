"""Ingest: files, folders, corpora, archives, URLs, feeds and standard input ->
:class:`sayso.model.Article`.

``read_inputs`` is the entry point; it yields an Article per story found and an
:class:`sayso.errors.InputError` (not raised) per input that failed, so a batch goes on.
"""

from __future__ import annotations

from sayso.ingest.boilerplate import remove_boilerplate
from sayso.ingest.corpus import CorpusFields
from sayso.ingest.feeds import FeedMemory, FeedState, InMemoryFeedMemory
from sayso.ingest.fetch import DEFAULT_FETCH_DELAY, PageFetcher, fetch_config
from sayso.ingest.html import article_from_html
from sayso.ingest.parquet import read_parquet, row_group_count
from sayso.ingest.paths import DEFAULT_MAX_BYTES, article_from_bytes, read_inputs
from sayso.ingest.text import article_from_text

__all__ = [
    "CorpusFields",
    "DEFAULT_FETCH_DELAY",
    "DEFAULT_MAX_BYTES",
    "FeedMemory",
    "FeedState",
    "InMemoryFeedMemory",
    "PageFetcher",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "fetch_config",
    "read_inputs",
    "read_parquet",
    "remove_boilerplate",
    "row_group_count",
]
