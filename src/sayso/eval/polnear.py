"""PolNeAR scoring (EVAL.md, "PolNeAR scoring"): source, cue and content spans against gold.

A split folder holds ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann`` (brat
standoff). Offsets in the ``.ann`` files are character offsets into the text file exactly as on
disk, so the text is read without newline translation and never cleaned.

    report = evaluate_polnear(Path("shared/data/polnear/dev"), Extractor())
    print(format_report(report))
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sayso.errors import EvalDataError
from sayso.eval.pairs import PAIRS, Pair, pairs_from_statements, read_gold_pairs, tally_pairs
from sayso.eval.spans import (
    CharSpan,
    NonSpaceIndex,
    Tally,
    exact_matches,
    normalise_spans,
    overlap_matches,
)
from sayso.model import Article, Statement, article_id

ROLES: tuple[str, ...] = ("source", "cue", "content")
ALL = "all"
MATCHING_RULES: tuple[str, ...] = ("exact", "overlap")

# brat entity types that are gold, and the role each stands for.
ROLE_OF_TYPE = {"Source": "source", "Cue": "cue", "Content": "content"}

# A text-bound annotation: ``T3<TAB>Content 10 20;25 40<TAB>surface``. Lines that do not start
# like this (relations, events, notes, and the continuation lines of a surface text that spans
# several lines) are not spans and are passed over.
TEXT_BOUND = re.compile(r"^T\d+\t(?P<type>\S+) (?P<offsets>\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")

RoleSpans = dict[str, list[CharSpan]]
Report = dict[str, Any]


@dataclass(frozen=True)
class GoldArticle:
    """One article of a split: its text as on disk and its gold spans per role."""

    name: str
    text: str
    path: Path
    annotation: Path | None
    spans: Mapping[str, tuple[CharSpan, ...]] = field(default_factory=dict)
    pairs: Mapping[str, Sequence[Pair]] = field(default_factory=dict)  # see sayso.eval.pairs


class StatementExtractor(Protocol):
    """What evaluation needs of ``sayso.extract.Extractor``."""

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Statement]]]: ...


# 1. Gold


def load_split(folder: Path, limit: int | None = None) -> list[GoldArticle]:
    """Every article of a PolNeAR-style split, in name order (the first ``limit`` if given)."""
    text_dir, annotation_dir = _split_dirs(Path(folder))
    text_paths = sorted(text_dir.glob("*.txt"))
    if not text_paths:
        raise EvalDataError(f"{text_dir}: no .txt files; expected text/<name>.txt")
    annotations = first_annotations(annotation_dir)
    return [load_article(path, annotations.get(path.stem)) for path in text_paths[:limit]]


def _split_dirs(folder: Path) -> tuple[Path, Path]:
    text_dir, annotation_dir = folder / "text", folder / "attributions"
    for needed in (text_dir, annotation_dir):
        if not needed.is_dir():
            raise EvalDataError(
                f"{folder}: no {needed.name}/ folder; a PolNeAR split holds "
                "text/<name>.txt and attributions/<name>_<annotator>.ann"
            )
    return text_dir, annotation_dir


def first_annotations(annotation_dir: Path) -> dict[str, Path]:
    """For each article name, its ``.ann`` file of the alphabetically first annotator."""
    chosen: dict[str, tuple[str, Path]] = {}
    for path in annotation_dir.glob("*.ann"):
        name, _, annotator = path.stem.rpartition("_")
        if not name:
            continue  # no annotator suffix: not a PolNeAR annotation file
        if name not in chosen or annotator < chosen[name][0]:
            chosen[name] = (annotator, path)
    return {name: path for name, (_, path) in chosen.items()}


def load_article(text_path: Path, annotation: Path | None) -> GoldArticle:
    """One article; without an annotation file it has no gold spans (but still counts)."""
    text = _read_utf8(text_path)
    spans = read_gold_spans(annotation, len(text)) if annotation else {}
    pairs = read_gold_pairs(_read_utf8(annotation), text) if annotation else {}
    return GoldArticle(
        name=text_path.stem,
        text=text,
        path=text_path,
        annotation=annotation,
        spans={role: tuple(spans.get(role, ())) for role in ROLES},
        pairs=pairs,
    )


def read_gold_spans(annotation: Path, text_length: int) -> RoleSpans:
    """The Source/Cue/Content spans of a brat file, one per fragment of a discontinuous span."""
    spans: RoleSpans = {role: [] for role in ROLES}
    for line_number, line in enumerate(_read_utf8(annotation).split("\n"), start=1):
        match = TEXT_BOUND.match(line)
        if not match or match["type"] not in ROLE_OF_TYPE:
            continue
        for fragment in match["offsets"].split(";"):
            start, end = (int(offset) for offset in fragment.split())
            if not 0 <= start <= end <= text_length:
                raise EvalDataError(
                    f"{annotation}:{line_number}: span {start}-{end} lies outside the "
                    f"text ({text_length} characters)"
                )
            spans[ROLE_OF_TYPE[match["type"]]].append((start, end))
    return spans


def _read_utf8(path: Path) -> str:
    # Bytes decoded as they are: open() would turn \r\n into \n and shift every offset.
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise EvalDataError(f"{path}: not valid UTF-8 ({error.reason})") from error
    except OSError as error:
        raise EvalDataError(f"{path}: cannot be read ({error.strerror})") from error


# 2. Predictions


def spans_from_statements(statements: Iterable[Statement]) -> RoleSpans:
    """Every source span, the cue and every content span of every statement, by role."""
    spans: RoleSpans = {role: [] for role in ROLES}
    for statement in statements:
        spans["source"].extend((s.start_char, s.end_char) for s in statement.source)
        if statement.cue is not None:
            spans["cue"].append((statement.cue.start_char, statement.cue.end_char))
        spans["content"].extend((s.start_char, s.end_char) for s in statement.content)
    return spans


# 3. Scores


def score(
    gold: Sequence[GoldArticle],
    predicted: Sequence[Mapping[str, Iterable[CharSpan]]],
    predicted_pairs: Sequence[Mapping[str, Sequence[Pair]]] | None = None,
) -> Report:
    """Precision, recall and F1 per role and over all roles, for exact and overlap matching.

    ``predicted[i]`` holds the predicted spans of ``gold[i]`` by role (missing roles: none).
    With ``predicted_pairs`` the report also has ``"pairs"``: overlap figures for the
    (source, cue) and (cue, content) pairs of statements (``sayso.eval.pairs``).
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold articles but {len(predicted)} predictions")
    tallies = {role: {rule: Tally() for rule in MATCHING_RULES} for role in (*ROLES, ALL)}
    for article, article_predictions in zip(gold, predicted, strict=True):
        for role, by_rule in tally_article(article, article_predictions).items():
            for rule, tally in by_rule.items():
                tallies[role][rule].add(tally)
                tallies[ALL][rule].add(tally)
    report: Report = {"articles": len(gold)}
    for role, by_rule in tallies.items():
        report[role] = {rule: tally.as_dict() for rule, tally in by_rule.items()}
    if predicted_pairs is not None:
        report["pairs"] = _score_pairs(gold, predicted_pairs)
    return report


def _score_pairs(
    gold: Sequence[GoldArticle], predicted: Sequence[Mapping[str, Sequence[Pair]]]
) -> dict[str, dict[str, dict[str, float]]]:
    totals = {name: Tally() for name in PAIRS}
    for article, article_pairs in zip(gold, predicted, strict=True):
        for name, tally in tally_pairs(article.pairs, article_pairs, article.text).items():
            totals[name].add(tally)
    return {name: {"overlap": tally.as_dict()} for name, tally in totals.items()}


def tally_article(
    article: GoldArticle, predicted: Mapping[str, Iterable[CharSpan]]
) -> dict[str, dict[str, Tally]]:
    """Exact and overlap counts for each role of one article."""
    index = NonSpaceIndex(article.text)
    tallies: dict[str, dict[str, Tally]] = {}
    for role in ROLES:
        gold_spans = normalise_spans(article.text, article.spans.get(role, ()))
        predicted_spans = normalise_spans(article.text, predicted.get(role, ()))
        counts = {"gold": len(gold_spans), "predicted": len(predicted_spans)}
        tallies[role] = {
            "exact": Tally(exact_matches(gold_spans, predicted_spans), **counts),
            "overlap": Tally(
                overlap_matches(sorted(gold_spans), sorted(predicted_spans), index), **counts
            ),
        }
    return tallies


# 4. The whole evaluation


def evaluate_polnear(
    folder: Path, extractor: StatementExtractor, limit: int | None = None
) -> Report:
    """Extract from every article of a split and score against its gold.

    Articles are built from the text files unchanged (no ingest cleaning), so predicted
    offsets index the same text as the gold offsets. ``seconds`` is the wall time of
    extraction and scoring, with the gold already loaded.
    """
    gold = load_split(Path(folder), limit)
    started = time.perf_counter()
    articles = [article_for(gold_article) for gold_article in gold]
    extracted = [statements for _, statements in extractor.extract_many(articles)]
    predicted = [spans_from_statements(statements) for statements in extracted]
    pairs = [
        pairs_from_statements(article.text, statements)
        for article, statements in zip(gold, extracted, strict=True)
    ]
    report = score(gold, predicted, pairs)
    seconds = round(time.perf_counter() - started, 3)
    return {"articles": report.pop("articles"), "seconds": seconds, **report}


def article_for(gold_article: GoldArticle) -> Article:
    """The Article sayso extracts from: the file text exactly, so offsets align with gold."""
    text = gold_article.text
    return Article(id=article_id(text), text=text, path=str(gold_article.path))


def format_report(report: Report) -> str:
    """A plain-text table of a PolNeAR report, one row per role.

    ::

        PolNeAR: 84 articles in 12.3 s
        role         exact P     exact R    exact F1   overlap P   overlap R  overlap F1
        source         0.512       0.401       0.450       0.801       0.627       0.703
    """
    header = f"{'role':<8}" + "".join(
        f"{f'{rule} {measure}':>12}" for rule in MATCHING_RULES for measure in ("P", "R", "F1")
    )
    rows = [
        f"{role:<8}"
        + "".join(
            f"{report[role][rule][key]:>12.3f}"
            for rule in MATCHING_RULES
            for key in ("p", "r", "f1")
        )
        for role in (*ROLES, ALL)
    ]
    title = f"PolNeAR: {report['articles']} articles in {report.get('seconds', 0.0):.1f} s"
    lines = [title, header, *rows]
    if "pairs" in report:
        lines.append("grouping (sayso's own figure): pairs of one statement, overlap P / R / F1")
        for name, by_rule in report["pairs"].items():
            figures = by_rule["overlap"]
            lines.append(
                f"{name:<12}" + "".join(f"{figures[key]:>12.3f}" for key in ("p", "r", "f1"))
            )
    return "\n".join(lines)
