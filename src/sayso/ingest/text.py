"""Plain text stories, with an optional block of header lines at the top.

Header lines, each on its own line before the story (keys in lower case)::

    date 2022-05-05          publication date (also ``date: 2022-05-05``)
    title: Battle rages on   the headline
    outlet: Fox News         who published it
    url: https://...         where (must start with http:// or https://)
    author: Jane Doe         who wrote it

Only the date header may share its line with the start of the story, as in the
real Fox News example (``date 2022-05-05 NEW You can now listen...``): what follows the
date stays story text. A line that is not exactly a header ends the header block, so a
real first sentence is never eaten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sayso.ingest.article import build_article, parse_published
from sayso.ingest.decode import normalise_newlines
from sayso.model import Article

_DATE_HEADER = re.compile(r"[ \t]*date[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})(?![\w-])[ \t]*")
_FIELD_HEADER = re.compile(r"[ \t]*(title|outlet|url|author):[ \t]*(\S.*?)[ \t]*")
_URL = re.compile(r"https?://\S+")
# A headline: the story's first paragraph when it is one short line with no closing
# punctuation ("Fire at Halvard plant forces night evacuation of Millbrook"). 20 words is
# longer than any headline of the examples or of PolNeAR's texts that have one.
HEADLINE_MAX_WORDS = 20
_HEADLINE_END = re.compile(r"[.!?,;:\"”’)\]]$")
# A byline paragraph: "By Dana Okafor, The Vardenmoor Courier" (the outlet after the comma).
_BYLINE = re.compile(
    r"By ((?:[A-Z][\w.'’-]*)(?: (?:[A-Z][\w.'’-]*|de|van|von|al|bin))*)(?:, (\S.{0,80}?))?"
)


@dataclass
class Headers:
    """What the header block said, and the story that follows it."""

    story: str
    published: date | None = None
    fields: dict[str, str] = field(default_factory=dict)


def split_headers(text: str) -> Headers:
    """Split ``text`` into its header block and the story (kept character for character)."""
    lines = text.split("\n")
    headers = Headers(story=text)
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    while at < len(lines):
        line = lines[at]
        if match := _DATE_HEADER.match(line):
            published = parse_published(match.group(1))
            if published is None or headers.published is not None:
                break
            headers.published = published
            rest = line[match.end() :]
            if rest:
                lines[at] = rest
                break
        elif (match := _FIELD_HEADER.fullmatch(line)) and _is_header_value(*match.groups()):
            headers.fields.setdefault(match.group(1), match.group(2))
        else:
            break
        at += 1
    headers.story = "\n".join(lines[at:])
    return headers


def story_metadata(story: str) -> dict[str, str]:
    """A headline and a byline at the top of the story, read as title, author and outlet.
    They stay in the story text (offsets are untouched); header lines win over them.

    >>> story_metadata("Bridge to reopen\n\nBy Jane Doe, The Courier\n\nThe mayor said...")
    {'title': 'Bridge to reopen', 'author': 'Jane Doe', 'outlet': 'The Courier'}
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", story.strip()) if p.strip()]
    found: dict[str, str] = {}
    # A headline is followed by a paragraph that starts anew, not one that carries its sentence on.
    if len(paragraphs) > 1 and _is_headline(paragraphs[0]) and not paragraphs[1][0].islower():
        found["title"] = paragraphs[0]
        paragraphs = paragraphs[1:]
    if len(paragraphs) > 1 and (byline := _BYLINE.fullmatch(paragraphs[0])):
        found["author"] = byline.group(1)
        if byline.group(2):
            found["outlet"] = byline.group(2).strip()
    return found


def _is_headline(paragraph: str) -> bool:
    return (
        "\n" not in paragraph
        and len(paragraph.split()) <= HEADLINE_MAX_WORDS
        and not _HEADLINE_END.search(paragraph)
        and not _BYLINE.fullmatch(paragraph)
    )


def _is_header_value(key: str, value: str) -> bool:
    return key != "url" or bool(_URL.fullmatch(value))


def article_from_text(
    text: str,
    *,
    source: str,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: date | None = None,
    raw: str | None = None,
) -> Article:
    """An Article from a plain text story; header lines at the top are read as metadata.

    Keyword arguments win over header lines. ``raw`` (default: ``text``) is kept for
    audit. Raises :class:`EmptyArticle` or :class:`NotEnglish`.

    >>> article_from_text("date 2022-05-05\\nKyiv said no.", source="a.txt").published
    datetime.date(2022, 5, 5)
    """
    headers = split_headers(normalise_newlines(text.removeprefix("\ufeff")))
    found = {**story_metadata(headers.story), **headers.fields}
    return build_article(
        headers.story,
        source=source,
        raw=text if raw is None else raw,
        title=title or found.get("title"),
        outlet=outlet or found.get("outlet"),
        url=url or found.get("url"),
        author=author or found.get("author"),
        published=published or headers.published,
    )
