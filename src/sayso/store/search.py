"""Turning text a person typed into a safe FTS5 query."""

from __future__ import annotations


def fts_query(text: str) -> str | None:
    """An FTS5 query matching statements that contain every word of ``text``.

    Each whitespace-separated word becomes a quoted phrase, so FTS5 operators and stray
    quotes in the input are searched for as text, never parsed as syntax. ``None`` when
    ``text`` has no words.

    >>> fts_query("war OR peace")
    '"war" "OR" "peace"'
    """
    # FTS5 reads a NUL as the end of the query, which would leave a quote unclosed.
    words = text.replace("\x00", " ").split()
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)
