"""An article's text cut into stretches for highlighting its statements in place.

Every source, cue and content span of every statement marks the characters it covers. The
text is cut at every span boundary; each stretch knows the statements covering it and shows
the most specific one (the narrowest span: a cue or source inside a quoted content shows the
cue's statement). Offsets are characters into ``Article.text``, so the stretches joined give
the text back exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sayso.model import Span, Statement

ROLES = ("source", "cue", "content")


@dataclass(frozen=True)
class Stretch:
    """A run of text covered by the same statements (none for plain text)."""

    start_char: int
    end_char: int
    text: str
    statement_id: str | None = None  # the statement it shows
    role: str | None = None  # that statement's role here: source, cue or content
    also: tuple[str, ...] = ()  # the other statements that cover it
    sentence: int | None = None  # index of the sentence read aloud that holds it (Listen)


@dataclass(frozen=True)
class _Cover:
    statement_id: str
    role: str
    span: Span


def stretches(
    text: str,
    statements: Sequence[Statement],
    sentences: Sequence[tuple[int, int]] = (),
) -> list[Stretch]:
    """``text`` in stretches; ``"".join(s.text for s in stretches(...)) == text``.

    ``sentences`` (start, end) cut the text too, and each stretch inside one knows its index,
    so that a player can light up the sentence being read.

    >>> [s.statement_id for s in stretches("Kyiv said no.", [statement])]  # doctest: +SKIP
    ['st1', 'st1', None, 'st1', None]
    """
    covers = [
        _Cover(statement.id, role, span)
        for statement in statements
        for role, spans in _spans_by_role(statement)
        for span in spans
        if 0 <= span.start_char < span.end_char <= len(text)
    ]
    bounds = [bound for sentence in sentences for bound in sentence]
    cuts = sorted(
        {
            0,
            len(text),
            *bounds,
            *(c.span.start_char for c in covers),
            *(c.span.end_char for c in covers),
        }
    )
    found: list[Stretch] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = [c for c in covers if c.span.start_char <= start and end <= c.span.end_char]
        found.append(
            replace(_stretch(text, start, end, over), sentence=_within(start, end, sentences))
        )
    return found


def _within(start: int, end: int, sentences: Sequence[tuple[int, int]]) -> int | None:
    for index, (first, last) in enumerate(sentences):
        if first <= start and end <= last:
            return index
    return None


def _spans_by_role(statement: Statement) -> list[tuple[str, tuple[Span, ...]]]:
    cue = (statement.cue,) if statement.cue is not None else ()
    return [("source", statement.source), ("cue", cue), ("content", statement.content)]


def _stretch(text: str, start: int, end: int, over: list[_Cover]) -> Stretch:
    if not over:
        return Stretch(start, end, text[start:end])
    shown = min(over, key=lambda c: (c.span.end_char - c.span.start_char, ROLES.index(c.role)))
    others = tuple(
        dict.fromkeys(c.statement_id for c in over if c.statement_id != shown.statement_id)
    )
    return Stretch(start, end, text[start:end], shown.statement_id, shown.role, others)
