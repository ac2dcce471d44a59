"""The last stage every input goes through: a cleaned story becomes an Article."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sayso.errors import EmptyArticle, InputError
from sayso.ingest.boilerplate import remove_boilerplate
from sayso.ingest.language import require_english
from sayso.model import Article, article_id

_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?![\d-])")


def build_article(
    story: str,
    *,
    source: str,
    raw: str,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: date | None = None,
) -> Article:
    """An English Article of ``story`` with its boilerplate removed.

    ``story`` must already have ``\\n`` line ends. Raises :class:`EmptyArticle` when
    nothing is left and :class:`NotEnglish` for confidently non-English text.
    """
    text = remove_boilerplate(story).strip()
    if not text:
        raise EmptyArticle(source, "empty article: no story text")
    require_english(text, source)
    return Article(
        id=article_id(text, outlet, url),
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        author=author,
        published=published,
        language="en",
        path=source,
        raw=raw,
    )


def parse_published(value: str | None) -> date | None:
    """The date of an ISO date or datetime (``2022-05-05``, ``2022-05-05T10:00:00Z``).

    Anything else is None: a missing date is better than a failed article.
    """
    match = _ISO_DATE.match(value or "")
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def article_or_error(build: Callable[..., Article], *args: object) -> Article | InputError:
    """What ``build`` makes of ``args``: an Article, or the InputError it raised.

    This is how a batch goes on: failures become values, yielded in input order.
    """
    try:
        return build(*args)
    except InputError as error:
        return error
