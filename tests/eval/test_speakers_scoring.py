"""Canonical-speaker scoring: name matching, scoring on a tiny hand-written split, the dev gate."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sayso.cli import main
from sayso.errors import EvalDataError
from sayso.eval.speakers import (
    SpeakerReport,
    evaluate_speakers,
    format_speaker_report,
    name_parts,
    read_speaker_labels,
    same_person,
    speaker_matches,
)
from sayso.extract import Extractor
from sayso.model import Article, Span, Statement

LABELS = Path(__file__).with_name("data") / "polnear_dev_speakers.tsv"
HEADER = "article\tstart_char\tend_char\tspeaker\n"

TEXT = "Rep. Jerry Nadler, a Clinton ally, said no. Mr. Grassley and Mr. Leahy said yes. Bo ran."
#       0    5    10   15   20   25   30   35   40   45   50   55   60   65   70   75   80   85
# Spans of TEXT: 0-33 "Rep. Jerry Nadler, a Clinton ally", 5-17 "Jerry Nadler", 21-28 "Clinton",
# 44-70 "Mr. Grassley and Mr. Leahy", 48-56 "Grassley", 81-83 "Bo".


# Name matching


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Jerry Nadler", ("jerry", "nadler")),
        ("Nadler", (None, "nadler")),
        ("MS. CLINTON", (None, "clinton")),
        ("Trump’s", (None, "trump")),
        ("Davis'", (None, "davis")),
        ("Joseph R. Biden Jr.", ("joseph", "biden")),
        ("Azucena Gonzàlez", ("azucena", "gonzalez")),
        ("James O’Neill", ("james", "o'neill")),
        ("De Blasio", (None, "blasio")),
        ("", None),
    ],
)
def test_name_parts(name: str, parts: tuple[str | None, str] | None) -> None:
    assert name_parts(name) == parts


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Jerry Nadler", "Nadler"),
        ("Nadler", "Jerry Nadler"),
        ("Hillary Clinton", "MS. CLINTON"),
        ("Joseph R. Biden Jr.", "J. Biden"),
        ("Leonard E. Burman", "Leonard Burman"),
        ("Bill de Blasio", "De Blasio"),
        ("James O’Neill", "James O'Neill"),
        ("Azucena Gonzàlez", "azucena gonzalez"),
    ],
)
def test_same_person(gold: str, predicted: str) -> None:
    assert same_person(gold, predicted)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [
        ("Bill Clinton", "Hillary Clinton"),
        ("Jerry Nadler", "Clinton"),
        ("Jerry Nadler", None),
        ("Jerry Nadler", ""),
        ("Douglas Holtz-Eakin", "Douglas Holtz Eakin"),  # the surname is the last word
        ("Vann R. Newkirk II", "Vann R. Newkirk II, a writer for The Atlantic"),
    ],
)
def test_not_same_person(gold: str, predicted: str | None) -> None:
    assert not same_person(gold, predicted)


def test_a_coordinated_label_is_matched_by_any_of_its_speakers() -> None:
    label = "Charles E. Grassley + Patrick J. Leahy"
    assert speaker_matches(label, "Patrick Leahy") and speaker_matches(label, "Grassley")
    assert not speaker_matches(label, "Dianne Feinstein")


# Scoring on a tiny split


def statement(text: str, source: tuple[int, int], speaker: str | None) -> Statement:
    start, end = source
    return Statement(
        id=f"s{start}",
        article_id="a",
        speaker=speaker,
        speaker_kind="person",
        role=None,
        source=(Span(start, end, text[start:end]),),
        cue=None,
        content=(),
        kind="indirect",
        polarity="asserts",
        date=None,
        channel=None,
        relayed_by=None,
        confidence=1.0,
    )


class FakeExtractor:
    """Returns the given statements for every article (all articles here share one text)."""

    def __init__(self, found: list[tuple[tuple[int, int], str | None]]) -> None:
        self.found = found
        self.seen: list[str] = []

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Statement]]]:
        for article in articles:
            self.seen.append(article.text)
            yield article, [statement(article.text, span, who) for span, who in self.found]


def split_with_labels(tmp_path: Path, rows: list[str]) -> tuple[Path, Path]:
    split = tmp_path / "split"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    for name in ("a", "b"):
        (split / "text" / f"{name}.txt").write_bytes(TEXT.encode("utf-8"))
        (split / "attributions" / f"{name}_ef2d.ann").write_text(
            "T1\tSource 0 33\tRep. Jerry Nadler, a Clinton ally\n", encoding="utf-8"
        )
    labels = tmp_path / "labels.tsv"
    labels.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return split, labels


def test_found_right_wrong_and_missed(tmp_path: Path) -> None:
    split, labels = split_with_labels(
        tmp_path,
        [
            "a\t0\t33\tJerry Nadler",
            "a\t44\t70\tCharles E. Grassley + Patrick J. Leahy",
            "a\t81\t83\tBo Diddley",
            "a\t21\t28\t-",
            "b\t0\t33\t?",
        ],
    )
    # Nadler's span is overlapped by two statements; the larger overlap ("Jerry Nadler") decides.
    extractor = FakeExtractor(
        [((21, 28), "Hillary Clinton"), ((5, 17), "Jerry Nadler"), ((48, 56), "Grassley")]
    )
    report = evaluate_speakers(split, labels, extractor)
    assert (report.total.labelled, report.total.found, report.total.right) == (3, 2, 2)
    assert (report.coordinated.labelled, report.coordinated.right) == (1, 1)
    assert (report.not_a_person, report.unsure) == (1, 1)
    assert extractor.seen == [TEXT]  # only articles with a person label are extracted
    [missed] = report.errors
    assert (missed.kind, missed.gold, missed.gold_source, missed.predicted) == (
        "missed",
        "Bo Diddley",
        "Bo",
        None,
    )
    figures = report.as_json()
    assert figures["found_over_labelled"] == 0.6667 and figures["right_over_found"] == 1.0


def test_a_wrong_speaker_is_reported_with_the_predicted_source(tmp_path: Path) -> None:
    split, labels = split_with_labels(tmp_path, ["a\t0\t33\tJerry Nadler"])
    report = evaluate_speakers(split, labels, FakeExtractor([((0, 33), "Clinton")]))
    assert report.total.found == 1 and report.total.right == 0
    [error] = report.errors
    assert (error.kind, error.predicted, error.predicted_source) == (
        "wrong",
        "Clinton",
        "Rep. Jerry Nadler, a Clinton ally",
    )
    lines = format_speaker_report(report).splitlines()
    assert lines[1].startswith("found 1.000 (1/1), right 0.000 (0/1)")
    assert lines[-1].split("\t")[4:6] == ["Jerry Nadler", "Clinton"]


def test_overlap_needs_a_shared_non_space_character(tmp_path: Path) -> None:
    split, labels = split_with_labels(tmp_path, ["a\t81\t83\tBo Diddley"])
    # 79-81 is ". " before "Bo", and 83-84 the space after: no character in common.
    report = evaluate_speakers(split, labels, FakeExtractor([((79, 81), "X"), ((83, 84), "Y")]))
    assert report.total.found == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("article\tstart\tend\tspeaker\n", "header"),
        (HEADER + "a\t0\tBo\n", "4 tab-separated fields"),
        (HEADER + "a\t9\t3\tBo\n", "not a span"),
        (HEADER + "zz\t0\t2\tBo\n", "not in the split"),
        (HEADER + "a\t0\t999\tBo\n", "outside the text"),
    ],
)
def test_bad_labels_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    split, labels = split_with_labels(tmp_path, [])
    labels.write_text(content, encoding="utf-8")
    with pytest.raises(EvalDataError, match=message):
        evaluate_speakers(split, labels, FakeExtractor([]))


def test_cli_without_labels_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "speakers", str(tmp_path)])
    assert result.exit_code == 2 and "--labels" in result.output


def test_cli_bad_labels_file_exits_2(tmp_path: Path) -> None:
    split, _ = split_with_labels(tmp_path, [])
    missing = tmp_path / "nope.tsv"
    result = CliRunner().invoke(
        main, ["eval", "speakers", str(split), "--labels", str(missing), "--model", "fast"]
    )
    assert result.exit_code == 2 and "nope.tsv" in result.output


# The labels shipped with the tests


def test_shipped_labels_are_readable_and_hold_no_article_text() -> None:
    labels = read_speaker_labels(LABELS)
    assert len(labels) == 450
    assert len({(label.article, label.start_char, label.end_char) for label in labels}) == 450
    assert all(len(label.speaker) < 60 for label in labels)


# The gate: PolNeAR dev with the default model


@pytest.fixture(scope="module")
def dev_speakers(extractor: Extractor, polnear_dev_dir: Path) -> SpeakerReport:
    report = evaluate_speakers(polnear_dev_dir, LABELS, extractor)
    print(f"\n{format_speaker_report(report)}")
    return report


@pytest.mark.slow
@pytest.mark.parametrize("figure", ["found_over_labelled", "right_over_found"])
def test_speaker_figures_meet_floors(
    dev_speakers: SpeakerReport, quality_floors: dict[str, Any], figure: str
) -> None:
    floor = quality_floors["polnear_dev_speakers"][figure]
    measured = dev_speakers.as_json()[figure]
    assert measured >= floor, f"PolNeAR dev speakers: {figure} {measured:.4f} < floor {floor}"


def test_report_json_is_serialisable() -> None:
    assert json.loads(json.dumps(SpeakerReport().as_json()))["labelled"] == 0
