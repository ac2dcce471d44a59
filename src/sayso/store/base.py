"""The one small interface every store implements (SQLite now, PostgreSQL later)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from sayso.model import Article, Statement

DEFAULT_DB = "sayso.db"

SaveOutcome = Literal["added", "replaced", "unchanged"]


class Store(Protocol):
    """Articles and their statements, saved idempotently and read back unchanged."""

    @property
    def schema_version(self) -> int: ...

    def has_article(self, article_id: str) -> bool: ...

    def save(self, article: Article, statements: Sequence[Statement]) -> SaveOutcome: ...

    def article(self, article_id: str) -> Article | None: ...

    def articles(self) -> list[Article]: ...

    def statements(
        self,
        *,
        speaker: str | None = None,
        search: str | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> list[Statement]: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...
