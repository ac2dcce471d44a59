"""Stage 1: quotations, found on the raw characters before any parse.

Straight, curly and guillemet double quotes; single curly quotes nested inside them; a quote that
runs over several paragraphs is reopened at each paragraph and closed only at the end. An
apostrophe inside or after a word (It’s, soldiers’) is never a quote mark. A short quotation
that is not a sentence (a scare quote, a title) is marked ``scare``: it is not a statement on its
own, though it makes the content around it a mixed quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
CLOSERS = {'"', "”", "»", "“"}

# A quotation of at most this many words that does not end a sentence is a scare quote or
# title ("a 'special operation'"), not a statement. Chosen so that PolNeAR's shortest
# quoted statements ("We will win," he said: 3 words with a comma) still count.
SCARE_MAX_WORDS = 4
SENTENCE_END = re.compile(r"[.,!?…;:]\s*$")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks; ``fragments`` are the inner text of
    each paragraph it runs over (character offsets into the article text)."""

    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]
    scare: bool

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each non-empty line block of ``text``."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        if text[start : brk.start()].strip():
            spans.append((start, brk.start()))
        start = brk.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def paragraph_of(offset: int, paras: list[tuple[int, int]]) -> int:
    """The index in ``paras`` of the paragraph holding ``offset``; -1 between paragraphs."""
    for index, (start, end) in enumerate(paras):
        if start <= offset < end:
            return index
    return -1


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted passage of ``text``, in order."""
    quotes: list[Quote] = []
    open_at: int | None = None
    fragments: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs(text):
        if open_at is not None and not _opens_paragraph(text, para_start):
            quotes.append(_close(text, open_at, fragments, fragments[-1][1]))
            open_at, fragments = None, []
        pos = para_start
        if open_at is not None:  # a multi-paragraph quote reopened at this paragraph
            pos = para_start + 1
            frag_start = pos
        for i in range(pos, para_end):
            ch = text[i]
            if open_at is None and ch in OPENERS and _can_open(text, i):
                open_at, frag_start = i, i + 1
            elif open_at is not None and ch in CLOSERS and _can_close(text, i):
                fragments.append((frag_start, i))
                quotes.append(_close(text, open_at, fragments, i + 1))
                open_at, fragments = None, []
        if open_at is not None:
            fragments.append((frag_start, para_end))
    if open_at is not None and fragments:
        quotes.append(_close(text, open_at, fragments, fragments[-1][1]))
    return quotes


def _opens_paragraph(text: str, para_start: int) -> bool:
    return text[para_start] in OPENERS


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == '"':
        return not before.isalnum() and not after.isspace()
    return not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    if text[i] == '"':
        return not before.isspace()
    return True


def _close(text: str, start: int, fragments: list[tuple[int, int]], end: int) -> Quote:
    inner = " ".join(text[s:e] for s, e in fragments).strip()
    short = len(inner.split()) <= SCARE_MAX_WORDS and not SENTENCE_END.search(inner)
    return Quote(start, end, tuple(trim_space(text, s, e) for s, e in fragments), scare=short)


def trim_space(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` with the whitespace at both ends of ``text[start:end]`` left out."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
