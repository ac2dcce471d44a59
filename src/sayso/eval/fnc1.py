"""FNC-1 scoring (EVAL.md, "FNC-1 scoring"): stance of a headline towards a body, against gold.

A corpus is two CSV files: bodies (``Body ID,articleBody``) and stances
(``Headline,Body ID,Stance``). ARC is laid out the same way. A stances file without a ``Stance``
column (the competition test input) loads with ``stance=None``; scoring needs gold.

    report = evaluate_fnc1(Path("fnc1/train_bodies.csv"), Path("fnc1/train_stances.csv"))
    print(format_report(report))
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sayso.errors import EvalDataError

STANCES: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
UNRELATED = "unrelated"

# The official FNC-1 weighting: a correct related/unrelated call earns 0.25, and a related pair
# labelled with its exact stance earns 0.75 more.
RELATEDNESS_CREDIT = 0.25
STANCE_CREDIT = 0.75

# Own dev split: this share of the body ids, drawn with the seed. Splitting by body keeps every
# body's pairs on one side, so a dev body has never been read in training.
DEV_FRACTION = 0.2
SPLIT_SEED = 13

BODY_COLUMNS = ("Body ID", "articleBody")
STANCE_COLUMNS = ("Headline", "Body ID")
GOLD_COLUMN = "Stance"
PREDICTION_COLUMNS = ("Headline", "Body ID", "Stance")

Report = dict[str, Any]


@dataclass(frozen=True)
class StancePair:
    """One row of a stances file with its body text; ``stance`` is None without gold."""

    headline: str
    body_id: int
    body: str
    stance: str | None


class Labelled(Protocol):
    """What scoring needs of a prediction (``sayso.link.stance.StancePrediction``)."""

    @property
    def label(self) -> str: ...


class StancePredictor(Protocol):
    """What evaluation needs of ``sayso.link.stance.StanceClassifier``."""

    def predict(self, pairs: Sequence[tuple[str, str]]) -> Sequence[Labelled]: ...


# 1. Gold


def load_pairs(bodies: Path, stances: Path) -> list[StancePair]:
    """Every row of ``stances`` in file order, with the text of its body.

    Rows are numbered as in a spreadsheet (the header is row 1) in error messages.
    """
    texts = load_bodies(Path(bodies))
    rows, has_gold = _read_rows(Path(stances), STANCE_COLUMNS)
    pairs = []
    for number, row in rows:
        where = f"{stances}, row {number}"
        body_id = _body_id(row["Body ID"], where)
        if body_id not in texts:
            raise EvalDataError(f"{where}: Body ID {body_id} is not in {bodies}")
        stance = row[GOLD_COLUMN].strip() if has_gold else None
        if stance is not None and stance not in STANCES:
            raise EvalDataError(
                f"{where}: unknown stance {stance!r}; expected one of {', '.join(STANCES)}"
            )
        pairs.append(StancePair(row["Headline"], body_id, texts[body_id], stance))
    return pairs


def load_bodies(path: Path) -> dict[int, str]:
    """Body id to article text, from a ``Body ID,articleBody`` file."""
    rows, _ = _read_rows(path, BODY_COLUMNS)
    texts: dict[int, str] = {}
    for number, row in rows:
        body_id = _body_id(row["Body ID"], f"{path}, row {number}")
        if body_id in texts:
            raise EvalDataError(f"{path}, row {number}: Body ID {body_id} appears twice")
        texts[body_id] = row["articleBody"]
    return texts


def _read_rows(path: Path, columns: Sequence[str]) -> tuple[list[tuple[int, dict[str, str]]], bool]:
    """The rows of a CSV file with their numbers, and whether it has a ``Stance`` column."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [column for column in columns if column not in header]
            if missing:
                raise EvalDataError(
                    f"{path}, row 1: no {', '.join(repr(c) for c in missing)} column; "
                    f"expected the header {','.join(columns)}"
                )
            rows = [(number, row) for number, row in enumerate(reader, start=2)]
    except UnicodeDecodeError as error:
        raise EvalDataError(f"{path}: not valid UTF-8 ({error.reason})") from error
    except OSError as error:
        raise EvalDataError(f"{path}: cannot be read ({error.strerror})") from error
    for number, row in rows:
        if None in row.values():
            raise EvalDataError(f"{path}, row {number}: fewer fields than the header")
    return rows, GOLD_COLUMN in header


def _body_id(value: str, where: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise EvalDataError(f"{where}: Body ID {value!r} is not a whole number") from None


def split_by_body(
    pairs: Sequence[StancePair], fraction: float = DEV_FRACTION, seed: int = SPLIT_SEED
) -> tuple[list[StancePair], list[StancePair]]:
    """``(train, dev)``: the pairs of a seeded ``fraction`` of the body ids go to dev.

    Both keep the input order. The same pairs, fraction and seed always give the same split.
    """
    body_ids = sorted({pair.body_id for pair in pairs})
    dev_ids = set(random.Random(seed).sample(body_ids, round(fraction * len(body_ids))))
    train = [pair for pair in pairs if pair.body_id not in dev_ids]
    dev = [pair for pair in pairs if pair.body_id in dev_ids]
    return train, dev


# 2. Scores


def score(gold: Sequence[str], predicted: Sequence[str]) -> Report:
    """The FNC-1 weighted score, F1 per class and their macro average (4 decimals).

    ``score`` is the credit earned as a share of the most that could be earned. A class that is
    neither in gold nor predicted has F1 0.

    >>> score(["agree", "unrelated"], ["discuss", "unrelated"])["score"]  # (0.25 + 0.25) / 1.25
    0.4
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    for label in (*gold, *predicted):
        if label not in STANCES:
            raise ValueError(f"unknown stance {label!r}; expected one of {', '.join(STANCES)}")
    earned = sum(_credit(g, p) for g, p in zip(gold, predicted, strict=True))
    best = sum(_credit(g, g) for g in gold)
    f1 = {label: round(_f1(gold, predicted, label), 4) for label in STANCES}
    return {
        "score": round(earned / best, 4) if best else 0.0,
        "f1": f1,
        "macro_f1": round(sum(f1.values()) / len(f1), 4),
    }


def _credit(gold: str, predicted: str) -> float:
    if gold == UNRELATED:
        return RELATEDNESS_CREDIT if predicted == UNRELATED else 0.0
    if predicted == UNRELATED:
        return 0.0
    return RELATEDNESS_CREDIT + (STANCE_CREDIT if predicted == gold else 0.0)


def _f1(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    hits = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
    found = sum(1 for g in gold if g == label) + sum(1 for p in predicted if p == label)
    return 2 * hits / found if found else 0.0


# 3. The whole evaluation


def evaluate_fnc1(
    bodies: Path,
    stances: Path,
    predictions: Path | None = None,
    classifier: StancePredictor | None = None,
) -> Report:
    """Classify every pair of a stances file and score it against its gold.

    ``classifier`` defaults to the shipped ``StanceClassifier``. ``predictions``, if given, gets
    the predicted labels as ``Headline,Body ID,Stance`` in the input's row order. ``seconds`` is
    the wall time of classification and scoring, with the data already loaded.
    """
    pairs = load_pairs(Path(bodies), Path(stances))
    gold = [pair.stance for pair in pairs]
    if any(label is None for label in gold):
        raise EvalDataError(f"{stances}: no {GOLD_COLUMN!r} column; scoring needs gold stances")
    if classifier is None:
        from sayso.link.stance import StanceClassifier

        classifier = StanceClassifier.load()
    started = time.perf_counter()
    labels = [p.label for p in classifier.predict([(p.headline, p.body) for p in pairs])]
    report = score([label for label in gold if label is not None], labels)
    seconds = round(time.perf_counter() - started, 3)
    if predictions is not None:
        write_predictions(Path(predictions), pairs, labels)
    return {"pairs": len(pairs), "seconds": seconds, **report}


def write_predictions(path: Path, pairs: Sequence[StancePair], labels: Sequence[str]) -> None:
    """``Headline,Body ID,Stance`` rows in the pairs' order, written whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
    )
    try:
        with handle:
            writer = csv.writer(handle)
            writer.writerow(PREDICTION_COLUMNS)
            for pair, label in zip(pairs, labels, strict=True):
                writer.writerow((pair.headline, pair.body_id, label))
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def format_report(report: Report) -> str:
    """A plain-text table of an FNC-1 report.

    ::

        FNC-1: 25413 pairs in 812.3 s
        weighted score   0.8202
        agree F1         0.5400
        ...
        macro F1         0.5800
    """
    title = f"FNC-1: {report['pairs']} pairs in {report.get('seconds', 0.0):.1f} s"
    rows = [f"{'weighted score':<16}{report['score']:>8.4f}"]
    rows += [f"{f'{label} F1':<16}{report['f1'][label]:>8.4f}" for label in STANCES]
    rows.append(f"{'macro F1':<16}{report['macro_f1']:>8.4f}")
    return "\n".join([title, *rows])
