"""Statements across articles: canonical speakers, claims, and the relations between
statements (supports, contradicts, denies, repeats) with reasons.

>>> from sayso.link import link_store
>>> with open_store("sayso.db") as store:  # doctest: +SKIP
...     link_store(store)
"""

from __future__ import annotations

from sayso.link.linker import LinkReport, link_store

__all__ = ["LinkReport", "link_store"]
