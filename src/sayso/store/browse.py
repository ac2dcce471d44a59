"""What the web pages read from the store: pages of articles, statements with their article,
a speaker's record, and the filtered full-text search.

Part of every SQL store (``sayso.store.sql``), beside ``LinkTables``. Every statement comes
back with its canonical speaker's name when ``sayso link`` has linked it, and with the ids of
its speaker and claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sayso.model import Claim, Kind, Polarity, Speaker, Statement
from sayso.store.linked import LinkTables, canonical, day_of
from sayso.store.rows import STATEMENT_COLUMNS, speaker_key, statement_from_row

_STATEMENT_FIELDS = ", ".join("s." + column for column in STATEMENT_COLUMNS)
_FOUND_SELECT = (
    f"SELECT {_STATEMENT_FIELDS}, l.speaker_id, l.claim_id, p.name, p.kind, "
    "a.title, a.outlet, a.url, a.published "
    "FROM statements AS s JOIN articles AS a ON a.id = s.article_id "
    "LEFT JOIN statement_links AS l ON l.statement_id = s.id "
    "LEFT JOIN speakers AS p ON p.id = l.speaker_id"
)
_FOUND_FROM = _FOUND_SELECT[_FOUND_SELECT.index(" FROM ") :]
SEARCH_ORDERS = ("newest", "relevance")
# The day a statement is placed on: its own date when the text gives one, else its article's.
_STATEMENT_DAY = "coalesce(s.date, a.published)"


@dataclass(frozen=True)
class ArticleHead:
    """An article without its text: what a list or a statement's byline shows."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    statements: int = 0


@dataclass(frozen=True)
class Found:
    """A stored statement (canonical speaker when linked) with its speaker, claim and article."""

    statement: Statement
    speaker_id: str | None
    claim_id: str | None
    article: ArticleHead


@dataclass(frozen=True)
class SearchFilters:
    """A search: full text (the ``sayso.store.search`` query language) and the filters beside
    it."""

    text: str | None = None
    speaker: str | None = None  # a name or alias, any part, any case; canonical or as written
    speaker_id: str | None = None
    outlet: str | None = None  # any part of the outlet's name, any case
    since: date | None = None  # the statement's day (its own date, else its article's)
    until: date | None = None
    kind: Kind | None = None
    polarity: Polarity | None = None
    sort: str = "newest"  # or "relevance" (FTS5's bm25 rank of the text; newest without text)


@dataclass(frozen=True)
class Page:
    """One page of results and how many there are in all."""

    total: int
    found: list[Found]


class BrowseQueries(LinkTables):
    """Reading for the web app (``sayso.web``)."""

    def article_heads(self, *, limit: int, offset: int = 0) -> tuple[int, list[ArticleHead]]:
        """Articles newest first (by publication date, then saving order), with statement
        counts; and how many articles there are."""
        total = int(self._all("SELECT count(*) FROM articles")[0][0])
        rows = self._all(
            "SELECT a.id, a.title, a.outlet, a.url, a.published, "
            "(SELECT count(*) FROM statements AS s WHERE s.article_id = a.id) "
            "FROM articles AS a ORDER BY a.published IS NULL, a.published DESC, a.seq DESC "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return total, [ArticleHead(r[0], r[1], r[2], r[3], day_of(r[4]), r[5]) for r in rows]

    def article_statements(self, article_id: str) -> list[Found]:
        """The statements of one article in their order in it."""
        return self._found("WHERE s.article_id = ? ORDER BY s.ordinal", (article_id,))

    def speaker(self, speaker_id: str) -> Speaker | None:
        """The canonical speaker with this id, or ``None``."""
        row = self._one_row(
            "SELECT id, name, kind, affiliation FROM speakers WHERE id = ?", (speaker_id,)
        )
        return self._speaker(row) if row is not None else None

    def speaker_statements(self, speaker_id: str) -> list[Found]:
        """A canonical speaker's statements, oldest first."""
        return self._found(
            f"WHERE l.speaker_id = ? ORDER BY {_STATEMENT_DAY}, a.seq, s.ordinal", (speaker_id,)
        )

    def speaker_outlets(self, speaker_id: str) -> list[tuple[str, int]]:
        """The outlets that quote a speaker, with how many statements each, most first."""
        rows = self._all(
            "SELECT coalesce(a.outlet, ''), count(*) FROM statement_links AS l "
            "JOIN statements AS s ON s.id = l.statement_id JOIN articles AS a "
            "ON a.id = s.article_id WHERE l.speaker_id = ? GROUP BY 1 ORDER BY 2 DESC, 1",
            (speaker_id,),
        )
        return [(row[0], row[1]) for row in rows]

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or ``None``."""
        row = self._one_row(
            "SELECT id, label, size, first_day, last_day FROM claims WHERE id = ?", (claim_id,)
        )
        return Claim(row[0], row[1], row[2], day_of(row[3]), day_of(row[4])) if row else None

    def claim_statements(self, claim_id: str) -> list[Found]:
        """The statements of one claim, oldest first."""
        return self._found(
            f"WHERE l.claim_id = ? ORDER BY {_STATEMENT_DAY}, a.seq, s.ordinal", (claim_id,)
        )

    def claims_page(self, *, limit: int, offset: int = 0) -> tuple[int, list[Claim]]:
        """Claims, largest first, one page; and how many there are."""
        total = int(self._all("SELECT count(*) FROM claims")[0][0])
        rows = self._all(
            "SELECT id, label, size, first_day, last_day FROM claims "
            "ORDER BY size DESC, last_day DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return total, [Claim(r[0], r[1], r[2], day_of(r[3]), day_of(r[4])) for r in rows]

    def speakers_page(
        self, *, limit: int, offset: int = 0
    ) -> tuple[int, list[tuple[Speaker, int]]]:
        """Canonical speakers, most quoted first, with their statement counts; and how many."""
        total = int(self._all("SELECT count(*) FROM speakers")[0][0])
        rows = self._all(
            "SELECT p.id, p.name, p.kind, p.affiliation, "
            "(SELECT count(*) FROM statement_links AS l WHERE l.speaker_id = p.id) AS said "
            "FROM speakers AS p ORDER BY said DESC, p.name LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return total, [(self._speaker(row), row[4]) for row in rows]

    def search(self, filters: SearchFilters, *, limit: int, offset: int = 0) -> Page:
        """Statements matching ``filters``, newest first, one page of them.

        Raises ``QueryError`` when the text cannot be read as a query.
        """
        if filters.sort not in SEARCH_ORDERS:
            raise ValueError(
                f"sort must be one of {', '.join(SEARCH_ORDERS)}, not {filters.sort!r}"
            )
        hits, parameters = self._text_hits(filters.text)
        where, conditions = _search_filter(filters)
        parameters += conditions
        total = int(self._all(f"SELECT count(*) {_FOUND_FROM}{hits} {where}", parameters)[0][0])
        newest = f"{_STATEMENT_DAY} IS NULL, {_STATEMENT_DAY} DESC, a.seq DESC, s.ordinal"
        order = f"f.rank, {newest}" if hits and filters.sort == "relevance" else newest
        found = self._found(
            f"{hits} {where} ORDER BY {order} LIMIT ? OFFSET ?", [*parameters, limit, offset]
        )
        return Page(total, found)

    def _text_hits(self, text: str | None) -> tuple[str, list[Any]]:
        """The join of the statements (``s``) matching a search's text, as ``f`` with its
        ``rank`` (lower is better), and its parameters; ``""`` when the text has no words.
        Each engine has its own full-text index. Raises ``QueryError``."""
        raise NotImplementedError

    def _one_row(self, sql: str, parameters: Sequence[Any]) -> Any:
        rows = self._all(sql, parameters)
        return rows[0] if rows else None

    def _found(self, where: str, parameters: Sequence[Any] = ()) -> list[Found]:
        width = len(STATEMENT_COLUMNS)
        found = []
        for row in self._all(f"{_FOUND_SELECT} {where}", parameters):
            statement = statement_from_row(row[:width])
            speaker_id, claim_id, name, kind, title, outlet, url, published = row[width:]
            head = ArticleHead(statement.article_id, title, outlet, url, day_of(published))
            found.append(Found(canonical(statement, name, kind), speaker_id, claim_id, head))
        return found


def _search_filter(filters: SearchFilters) -> tuple[str, list[Any]]:
    """The WHERE clause of a search's filters beside its text, and its parameters."""
    conditions: list[str] = []
    parameters: list[Any] = []
    if filters.speaker:
        key = speaker_key(filters.speaker.strip())
        conditions.append(
            "(instr(s.speaker_key, ?) > 0 OR l.speaker_id IN (SELECT id FROM speakers WHERE "
            "instr(name_key, ?) > 0 UNION SELECT speaker_id FROM speaker_aliases WHERE "
            "instr(alias_key, ?) > 0))"
        )
        parameters += [key, key, key]
    if filters.speaker_id:
        conditions.append("l.speaker_id = ?")
        parameters.append(filters.speaker_id)
    if filters.outlet:
        conditions.append("instr(lower(a.outlet), ?) > 0")
        parameters.append(filters.outlet.strip().lower())
    if filters.since is not None:
        conditions.append(f"{_STATEMENT_DAY} >= ?")
        parameters.append(filters.since.isoformat())
    if filters.until is not None:
        # A month-only date ("2022-05") sorts before the month's first day; pad the bound so
        # that statements dated by month stay inside a window ending in that month.
        conditions.append(f"{_STATEMENT_DAY} <= ?")
        parameters.append(filters.until.isoformat() + "~")
    for column, value in (("kind", filters.kind), ("polarity", filters.polarity)):
        if value is not None:
            conditions.append(f"s.{column} = ?")
            parameters.append(value)
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), parameters
