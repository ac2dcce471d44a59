"""What every SQL store shares: saving and reading articles and statements, written once.

``SQLStore`` holds the queries; an engine (``SQLiteStore``, ``PostgresStore``) supplies the
connection, transactions, error messages and its full-text search. The SQL here is the
common dialect of both: ``?`` placeholders (rewritten for psycopg), ``ON CONFLICT`` upserts,
``coalesce`` and ``instr`` (PostgreSQL gets an ``instr`` function in its first migration).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Self

from sayso.errors import StoreError
from sayso.model import Article, Statement
from sayso.store.base import SaveOutcome
from sayso.store.browse import BrowseQueries
from sayso.store.ledger import LedgerQueries
from sayso.store.rows import (
    ARTICLE_COLUMNS,
    STATEMENT_COLUMNS,
    article_from_row,
    article_row,
    speaker_key,
    statement_from_row,
    statement_row,
)

ARTICLE_SELECT = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles"
STATEMENT_SELECT = (
    f"SELECT {', '.join('s.' + column for column in STATEMENT_COLUMNS)} "
    "FROM statements AS s JOIN articles AS a ON a.id = s.article_id"
)
INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in ARTICLE_COLUMNS)})"
)
_UPDATE_ARTICLE = (
    f"UPDATE articles SET {', '.join(column + ' = ?' for column in ARTICLE_COLUMNS)} "
    "WHERE id = ?"
)


class SQLStore(BrowseQueries, LedgerQueries):
    """Articles and statements in a SQL database; see ``sayso.store.open_store``."""

    where: str

    # -- what an engine supplies

    def close(self) -> None:
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        raise NotImplementedError

    def _transaction(self, doing: str) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _one(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _all(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def _insert_statements(self, cursor: Any, statements: Sequence[Statement]) -> None:
        raise NotImplementedError

    # -- shared

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def save(self, article: Article, statements: Sequence[Statement]) -> SaveOutcome:
        """Store ``article`` with ``statements`` (all of the article's, in order).

        Saving the same article again stores it once: ``"unchanged"`` when nothing differs
        (and nothing is written); ``"replaced"`` when it was re-extracted, in which case the
        article row is updated and its statements replaced in one transaction; ``"added"``
        for a new article. On failure nothing is written and ``StoreError`` is raised.
        """
        with self._transaction(f"saving article {article.id}") as cursor:
            return self.save_with(cursor, article, statements)

    def save_many(
        self, extractions: Iterable[tuple[Article, Sequence[Statement]]]
    ) -> list[SaveOutcome]:
        """Store several articles with their statements in one transaction (all or none),
        each as ``save`` would; what saving did to each, in order."""
        with self._transaction("saving articles") as cursor:
            return [self.save_with(cursor, a, s) for a, s in extractions]

    def save_with(
        self, cursor: Any, article: Article, statements: Sequence[Statement]
    ) -> SaveOutcome:
        """``save`` inside a transaction the caller holds (``cursor`` is from it)."""
        statements = tuple(statements)
        self._check_belongs(article, statements)
        stored = cursor.execute(f"{ARTICLE_SELECT} WHERE id = ?", (article.id,)).fetchone()
        if stored is None:
            cursor.execute(INSERT_ARTICLE, article_row(article))
            self._insert_statements(cursor, statements)
            return "added"
        if tuple(stored) == article_row(article) and (
            tuple(self._statements_of(cursor, article.id)) == statements
        ):
            return "unchanged"
        cursor.execute(_UPDATE_ARTICLE, (*article_row(article), article.id))
        cursor.execute("DELETE FROM statements WHERE article_id = ?", (article.id,))
        self._insert_statements(cursor, statements)
        return "replaced"

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or ``None``."""
        row = self._one(f"{ARTICLE_SELECT} WHERE id = ?", (article_id,))
        return article_from_row(row) if row is not None else None

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were first saved."""
        return [article_from_row(row) for row in self._all(f"{ARTICLE_SELECT} ORDER BY seq")]

    def statements(
        self,
        *,
        speaker: str | None = None,
        search: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> list[Statement]:
        """Stored statements, by article (in saving order) then by position in the article.

        ``speaker`` keeps statements whose speaker name contains it, ignoring case
        (``"palamar"`` finds ``"Sviatoslav Palamar"``). ``search`` keeps statements that
        match it in the query language of the web search (``sayso.store.search``: words all
        present, ``"phrases"``, ``OR``, ``NOT``, ``prefix*``; diacritics ignored; a search with
        no words filters nothing). ``limit`` caps the number returned. Raises ``QueryError``
        for a query that cannot be read.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        hits, parameters = self._text_hits(search) if search is not None else ("", [])
        conditions: list[str] = []
        if speaker is not None:
            conditions.append("instr(s.speaker_key, ?) > 0")
            parameters.append(speaker_key(speaker))
        if article_id is not None:
            conditions.append("s.article_id = ?")
            parameters.append(article_id)
        sql = STATEMENT_SELECT + hits
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        sql += " ORDER BY a.seq, s.ordinal"
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        return [statement_from_row(row) for row in self._all(sql, parameters)]

    def counts(self) -> dict[str, int]:
        """How many articles and statements are stored."""
        articles, statements = self._one(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements)"
        )
        return {"articles": int(articles), "statements": int(statements)}

    def link_counts(self) -> dict[str, int]:
        """How many speakers, claims and relations ``sayso link`` has stored."""
        row = self._one(
            "SELECT (SELECT count(*) FROM speakers), (SELECT count(*) FROM claims), "
            "(SELECT count(*) FROM links), "
            "(SELECT count(*) FROM links WHERE relation IN ('contradicts', 'denies'))"
        )
        return dict(zip(("speakers", "claims", "links", "conflicts"), map(int, row), strict=True))

    def _check_belongs(self, article: Article, statements: Sequence[Statement]) -> None:
        for statement in statements:
            if statement.article_id != article.id:
                raise StoreError(
                    f"{self.where}: statement {statement.id} belongs to article "
                    f"{statement.article_id}, not to {article.id}"
                )

    def _statements_of(self, cursor: Any, article_id: str) -> list[Statement]:
        rows = cursor.execute(
            f"{STATEMENT_SELECT} WHERE s.article_id = ? ORDER BY s.ordinal", (article_id,)
        ).fetchall()
        return [statement_from_row(row) for row in rows]

    @staticmethod
    def _statement_rows(statements: Sequence[Statement]) -> list[tuple[Any, ...]]:
        return [statement_row(statement, ordinal) for ordinal, statement in enumerate(statements)]
