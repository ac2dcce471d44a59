"""sayso.pipeline with a fake extractor: input order kept, over-long articles refused alone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from click.testing import CliRunner

from sayso.cli import main
from sayso.errors import InputError, InputTooLarge, MalformedRecord, ModelNotInstalled
from sayso.extract.extractor import MAX_ARTICLE_CHARS
from sayso.model import Article, Statement
from sayso.pipeline import IngestReport, extract_inputs, ingest_paths
from sayso.store import open_store


class ReadAheadExtractor:
    """Reads its whole input before answering, as nlp.pipe does within a batch."""

    def extract(self, article: Article) -> list[Statement]:
        if len(article.text) > MAX_ARTICLE_CHARS:
            raise InputTooLarge(article.id, "too long")
        return []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list]]:
        for article in list(articles):
            yield article, self.extract(article)


def article(name: str, text: str = "Some text.") -> Article:
    return Article(id=name, text=text, path=name)


def label(item: tuple[Article, list] | InputError) -> str:
    return item.source if isinstance(item, InputError) else item[0].id


def test_extract_inputs_keeps_input_order_across_errors() -> None:
    items = [
        MalformedRecord("first-error", "broken"),
        article("a"),
        MalformedRecord("middle-error", "broken"),
        article("long", "x" * (MAX_ARTICLE_CHARS + 1)),
        article("b"),
        MalformedRecord("last-error", "broken"),
    ]
    results = list(extract_inputs(items, ReadAheadExtractor()))

    assert [label(item) for item in results] == [
        "first-error",
        "a",
        "middle-error",
        "long",
        "b",
        "last-error",
    ]
    assert isinstance(results[3], InputTooLarge)


def test_ingest_paths_reports_progress_after_each_input(tmp_path) -> None:
    (tmp_path / "one.txt").write_text("The mayor said the bridge would reopen.", "utf-8")
    seen: list[int] = []

    def on_progress(report: IngestReport) -> None:
        seen.append(report.added + len(report.failed))

    with open_store(":memory:") as store:
        report = ingest_paths(
            [tmp_path / "one.txt", tmp_path / "missing.txt"],
            store,
            ReadAheadExtractor(),
            on_progress=on_progress,
        )
    assert seen == [1, 2]
    assert report.summary() == "ingested 1 article (0 statements); 1 failed"
    assert not report.ok


def test_missing_model_is_one_line_that_says_how_to_install(monkeypatch, tmp_path) -> None:
    def no_model(model: str) -> None:
        raise ModelNotInstalled("no spaCy English pipeline installed; run `make install`")

    monkeypatch.setattr("sayso.cli._extractor", no_model)
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])

    assert result.exit_code == 1
    assert result.stderr == ("error: no spaCy English pipeline installed; run `make install`\n")


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["eval", "--help"]])
def test_help_and_version(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert result.stdout
