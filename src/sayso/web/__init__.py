"""The newsroom view: server-rendered pages and a JSON API over the store (``sayso serve``).

>>> from sayso.web import create_app
>>> app = create_app("sayso.db")  # doctest: +SKIP
"""

from __future__ import annotations

from sayso.web.app import create_app

__all__ = ["create_app"]
