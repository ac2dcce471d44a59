"""Removing site promos ("You can now listen to Fox News articles!") from a story.

The patterns live in ``boilerplate.txt`` beside this module, one per line, each with a
comment saying where it was seen. A pattern must match a whole line or a whole sentence,
so text in the middle of a real sentence is never touched, and everything that is not
removed is kept character for character (later offsets index it).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

PATTERNS_FILE = "boilerplate.txt"

# A sentence ends at . ! or ? followed by whitespace; good enough to isolate promos,
# which are short imperative sentences, without a sentence splitter.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(\s+)")


@cache
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled patterns of ``boilerplate.txt`` (read once per process)."""
    listing = resources.files(__package__).joinpath(PATTERNS_FILE).read_text("utf-8")
    return tuple(
        re.compile(line.strip(), re.IGNORECASE)
        for line in listing.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def is_boilerplate(sentence: str) -> bool:
    """Whether a whole sentence (or line) is a site promo rather than story.

    Closing punctuation is optional: ``Advertisement.`` is ``Advertisement``.
    """
    stripped = sentence.strip()
    bare = stripped.rstrip(".!?:")
    return bool(bare) and any(
        pattern.fullmatch(stripped) or pattern.fullmatch(bare) for pattern in boilerplate_patterns()
    )


def remove_boilerplate(text: str) -> str:
    """``text`` without boilerplate lines or sentences; the rest is kept as it was.

    A removed line takes one neighbouring blank line with it, so that paragraphs
    stay separated by a single blank line.

    >>> remove_boilerplate("Advertisement\\n\\nThe battle goes on.")
    'The battle goes on.'
    """
    kept: list[str] = []
    drop_next_blank = False
    for line in text.split("\n"):
        if drop_next_blank and not line.strip():
            drop_next_blank = False
            continue
        drop_next_blank = False
        cleaned = _clean_line(line)
        if cleaned is None:
            drop_next_blank = not kept or not kept[-1].strip()
            continue
        kept.append(cleaned)
    return "\n".join(kept)


def _clean_line(line: str) -> str | None:
    """The line without boilerplate sentences, or None when nothing of it is left."""
    if not line.strip():
        return line
    pieces = _SENTENCE_BREAK.split(line)  # sentence, space, sentence, space, ..., sentence
    sentences = pieces[0::2]
    if not any(is_boilerplate(sentence) for sentence in sentences):
        return line
    spaces = pieces[1::2] + [""]
    kept = "".join(
        sentence + space
        for sentence, space in zip(sentences, spaces, strict=True)
        if not is_boilerplate(sentence)
    )
    return kept.rstrip() if kept.strip() else None
