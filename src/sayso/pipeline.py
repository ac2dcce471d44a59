"""From paths to statements, and on into the store: the library calls behind the CLI.

    with open_store("sayso.db") as store:
        report = ingest_paths(["examples/"], store, Extractor())
    print(report.summary())   # ingested 5 articles (23 statements)

A bad input never stops a batch: it is reported with its reason and the rest goes on.
Only a store that cannot be written (``StoreError``) stops it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from sayso.errors import InputError, InputTooLarge
from sayso.extract.extractor import MAX_ARTICLE_CHARS
from sayso.ingest import DEFAULT_MAX_BYTES, CorpusFields, article_from_bytes, read_inputs
from sayso.model import Article, Statement
from sayso.store import SaveOutcome, Store

Extraction = tuple[Article, list[Statement]]


class StatementExtractor(Protocol):
    """What the pipeline needs of ``sayso.extract.Extractor``."""

    def extract(self, article: Article) -> list[Statement]: ...

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]: ...


@dataclass
class IngestReport:
    """What an ingest did: counts of articles and the inputs skipped or failed, with reasons."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0  # already in the store exactly as extracted now
    statements: int = 0  # of the articles added or replaced
    skipped: list[InputError] = field(default_factory=list)  # passed over: not English
    failed: list[InputError] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        """Articles written to the store: new ones and changed ones."""
        return self.added + self.replaced

    @property
    def ok(self) -> bool:
        """True when every input was ingested or already in the store."""
        return not self.skipped and not self.failed

    def saved(self, outcome: SaveOutcome, statements: int) -> None:
        """Count one article that ``Store.save`` answered with ``outcome``."""
        if outcome == "unchanged":
            self.unchanged += 1
            return
        if outcome == "added":
            self.added += 1
        else:
            self.replaced += 1
        self.statements += statements

    def summary(self) -> str:
        """One line: ``ingested 5 articles (23 statements); 2 already in the store; 1 failed``."""
        parts = [
            f"ingested {_count(self.ingested, 'article')} ({_count(self.statements, 'statement')})"
        ]
        if self.unchanged:
            parts.append(f"{self.unchanged} already in the store")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return "; ".join(parts)


def extract_paths(
    paths: Iterable[str | Path],
    extractor: StatementExtractor,
    *,
    fields: CorpusFields | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Extraction | InputError]:
    """``(article, statements)`` for every article in ``paths`` and the error of every bad
    input, all in input order (``"-"`` is standard input). Nothing is stored."""
    items = read_inputs(paths, fields=fields or CorpusFields(), max_bytes=max_bytes, stdin=stdin)
    return extract_inputs(items, extractor)


def extract_inputs(
    items: Iterable[Article | InputError], extractor: StatementExtractor
) -> Iterator[Extraction | InputError]:
    """Extract from the articles among ``items`` in batches, passing errors through in order.

    An article too long to parse becomes its ``InputTooLarge`` error instead of ending the
    batch: such articles are sent to the extractor one by one, where it refuses them.
    """
    # Results in input order; None holds the place of an article that is in the batch.
    waiting: deque[Extraction | InputError | None] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                waiting.append(item)
            elif len(item.text) > MAX_ARTICLE_CHARS:
                waiting.append(_alone(extractor, item))
            else:
                waiting.append(None)
                yield item

    for extraction in extractor.extract_many(articles()):
        # nlp.pipe reads ahead, so results of later inputs may be waiting before this one's.
        while (earlier := waiting.popleft()) is not None:
            yield earlier
        yield extraction
    yield from (rest for rest in waiting if rest is not None)


def _alone(extractor: StatementExtractor, article: Article) -> Extraction | InputError:
    """One article extracted outside the batch, or the ``InputTooLarge`` that refused it."""
    try:
        return article, extractor.extract(article)
    except InputTooLarge as error:
        return error


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    extractor: StatementExtractor,
    *,
    fields: CorpusFields | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Read, extract and store every article in ``paths``; report what happened to each.

    Each article is saved with its statements in one transaction, so a stop halfway leaves
    no article half-written; saving the same article again changes nothing. ``on_progress``
    is called with the running report after each input. Raises ``StoreError`` only.
    """
    report = IngestReport()
    for result in extract_paths(paths, extractor, fields=fields, max_bytes=max_bytes, stdin=stdin):
        if isinstance(result, InputError):
            (report.skipped if result.skipped else report.failed).append(result)
        else:
            article, statements = result
            report.saved(store.save(article, statements), len(statements))
        if on_progress is not None:
            on_progress(report)
    return report


def ingest_bytes(
    data: bytes,
    source: str,
    store: Store,
    extractor: StatementExtractor,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Article, SaveOutcome, int]:
    """Read, extract and store one article received as bytes (the web app's ingest form):
    the article, what saving it did and how many statements it has.

    Raises the ``InputError`` of a bad input (nothing is stored) or ``StoreError``.
    """
    article = article_from_bytes(data, source=source, max_bytes=max_bytes)
    statements = extractor.extract(article)
    return article, store.save(article, statements), len(statements)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
