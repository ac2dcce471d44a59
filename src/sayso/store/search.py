"""Turning text a person typed into a safe full-text query, for SQLite FTS5 or PostgreSQL.

One query language for every search (the web's and the CLI's ``--search``): ``"quoted
phrases"``, ``OR``, ``NOT``, ``AND``, parentheses and ``prefix*``. ``parse_query`` reads it
into a list of parts and says where a malformed query goes wrong; ``fts_expression`` renders
it for FTS5 and ``tsquery_expression`` for a PostgreSQL ``tsquery`` over ``search_words``.
``fts_query`` is the older every-word-as-typed form, kept for callers that want no operators.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Term:
    """A word or a quoted phrase of a query; ``prefix`` when typed ending in ``*``."""

    words: str
    prefix: bool = False


# A parsed query: terms, the operators "AND" "OR" "NOT", and the parentheses "(" ")".
QueryPart = Term | str


def fts_expression(text: str) -> str | None:
    """The FTS5 query for a search, or ``None`` when ``text`` has no words.

    Words and ``"phrases"`` must all match unless joined by ``OR``; ``NOT`` excludes;
    parentheses group; a word ending in ``*`` matches as a prefix. Anything else is searched
    for as text. Raises ``QueryError`` (with the position) for an unclosed quotation mark,
    unbalanced parentheses or an operator with nothing to work on.

    >>> fts_expression('"driven out" OR expelled')
    '"driven out" OR "expelled"'
    >>> fts_expression("siege*")
    '"siege"*'
    """
    parts = parse_query(text)
    if parts is None:
        return None
    return " ".join(_fts_part(part) for part in parts)


def tsquery_expression(text: str) -> str | None:
    """The same search as ``fts_expression``, as PostgreSQL ``tsquery`` text over the words
    ``search_words`` gives (to be cast with ``::tsquery``, never parsed by a dictionary).

    FTS5's binary ``a NOT b`` is ``a & !b``; its precedence (NOT, then AND, then OR) is the
    tsquery's (``!``, then ``&``, then ``|``). A term with no words left matches nothing.

    >>> tsquery_expression('"driven out" OR Expulsé*')
    "( 'driven' <-> 'out' ) | 'expulse':*"
    """
    parts = parse_query(text)
    if parts is None:
        return None
    rendered = []
    for part in parts:
        if isinstance(part, Term):
            rendered.append(_tsquery_term(part))
        else:
            rendered.append({"AND": "&", "OR": "|", "NOT": "& !"}.get(part, part))
    return " ".join(rendered)


def search_words(*texts: str | None) -> str:
    """The words of ``texts`` as PostgreSQL indexes them: casefolded, diacritics removed,
    split at anything that is not a letter or digit (as FTS5's ``unicode61`` tokenizer does).

    >>> search_words("Zelenskyy's", "Kyiv–Mariupol")
    'zelenskyy s kyiv mariupol'
    """
    return " ".join(word for text in texts if text for word in _words(text))


def parse_query(text: str) -> list[QueryPart] | None:
    """The parts of a typed query (``AND`` made explicit), or ``None`` when it has no words.

    Raises ``QueryError`` saying where a malformed query goes wrong.
    """
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text.replace("\x00", " "))]
    if not tokens:
        return None
    parts: list[QueryPart] = []
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
    return parts


def _term(token: str, at: int) -> Term | None:
    if token.startswith('"'):
        if len(token) == 1 or not token.endswith('"'):
            raise QueryError(
                f"the quotation mark at character {at + 1} is never closed; "
                'close it ("…") or remove it'
            )
        inner = token[1:-1].strip()
        return Term(inner) if inner else None
    if token.endswith("*") and len(token.rstrip("*")) > 0:
        return Term(token.rstrip("*"), prefix=True)
    stripped = token.strip("*")
    return Term(stripped) if stripped else None


def _fts_part(part: QueryPart) -> str:
    if isinstance(part, str):
        return part
    return _phrase(part.words) + ("*" if part.prefix else "")


# A lexeme no statement has (``search_words`` never yields an underscore): what a term with no
# letters or digits, such as "—", becomes, so that it matches nothing, as it does in FTS5.
_NO_LEXEME = "'_'"


def _tsquery_term(term: Term) -> str:
    words = _words(term.words)
    if not words:
        return _NO_LEXEME
    lexemes = [f"'{word}'" for word in words]
    if term.prefix:
        lexemes[-1] += ":*"
    return lexemes[0] if len(lexemes) == 1 else "( " + " <-> ".join(lexemes) + " )"


_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(plain)


def _phrase(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'
