"""Ingest: files, folders, standard input and corpora -> :class:`sayso.model.Article`.

``read_inputs`` is the entry point; it yields an Article per story found and an
:class:`sayso.errors.InputError` (not raised) per input that failed, so a batch goes on.
"""

from __future__ import annotations

from sayso.ingest.boilerplate import remove_boilerplate
from sayso.ingest.corpus import CorpusFields
from sayso.ingest.html import article_from_html
from sayso.ingest.paths import DEFAULT_MAX_BYTES, article_from_bytes, read_inputs
from sayso.ingest.text import article_from_text

__all__ = [
    "CorpusFields",
    "DEFAULT_MAX_BYTES",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "read_inputs",
    "remove_boilerplate",
]
