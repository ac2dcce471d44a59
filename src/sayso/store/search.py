"""Turning text a person typed into a safe FTS5 query.

Two forms: ``fts_query`` searches for every word as typed (operators are words too), for the
CLI's ``--search``; ``fts_expression`` understands a small query language for the web search —
``"quoted phrases"``, ``OR``, ``NOT``, ``AND``, parentheses and ``prefix*`` — and says where a
malformed query goes wrong instead of letting FTS5 fail.
"""

from __future__ import annotations

import re

from sayso.errors import QueryError

OPERATORS = ("AND", "OR", "NOT")
# A token of the web query language: a quoted phrase (closed or not), a parenthesis, or a run
# of anything else up to whitespace, a quote or a parenthesis.
_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s"()]+')


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
    return " ".join(_phrase(word) for word in words)


def fts_expression(text: str) -> str | None:
    """The FTS5 query for a web search, or ``None`` when ``text`` has no words.

    Words and ``"phrases"`` must all match unless joined by ``OR``; ``NOT`` excludes;
    parentheses group; a word ending in ``*`` matches as a prefix. Anything else is searched
    for as text. Raises ``QueryError`` (with the position) for an unclosed quotation mark,
    unbalanced parentheses or an operator with nothing to work on.

    >>> fts_expression('"driven out" OR expelled')
    '"driven out" OR "expelled"'
    >>> fts_expression("siege*")
    '"siege"*'
    """
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text.replace("\x00", " "))]
    if not tokens:
        return None
    parts: list[str] = []
    depth = 0
    previous = ""  # "", "term", "(", ")" or an operator
    for token, at in tokens:
        if token == "(":
            depth += 1
            if previous in ("term", ")"):
                parts.append("AND")
            parts.append("(")
            previous = "("
        elif token == ")":
            if depth == 0:
                raise QueryError(f"a closing parenthesis at character {at + 1} has no opening one")
            if previous in ("(", *OPERATORS):
                raise QueryError(f"nothing to search for before the parenthesis at {at + 1}")
            depth -= 1
            parts.append(")")
            previous = ")"
        elif token in OPERATORS:
            if previous in ("", "(", *OPERATORS):
                raise QueryError(
                    f"{token} at character {at + 1} needs words on both sides; "
                    f'put it in quotation marks ("{token.lower()}") to search for the word'
                )
            parts.append(token)
            previous = token
        else:
            term = _term(token, at)
            if term is None:
                continue
            if previous in ("term", ")"):
                parts.append("AND")
            parts.append(term)
            previous = "term"
    if previous in OPERATORS:
        raise QueryError(f"{previous} at the end of the query needs words after it")
    if depth:
        raise QueryError("a parenthesis is opened but never closed")
    if not parts or previous in ("", "("):
        return None
    return " ".join(parts)


def _term(token: str, at: int) -> str | None:
    if token.startswith('"'):
        if len(token) == 1 or not token.endswith('"'):
            raise QueryError(
                f"the quotation mark at character {at + 1} is never closed; "
                'close it ("…") or remove it'
            )
        inner = token[1:-1].strip()
        return _phrase(inner) if inner else None
    if token.endswith("*") and len(token.rstrip("*")) > 0:
        return _phrase(token.rstrip("*")) + "*"
    stripped = token.strip("*")
    return _phrase(stripped) if stripped else None


def _phrase(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'
