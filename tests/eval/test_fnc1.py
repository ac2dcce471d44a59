"""FNC-1 scorer on tiny hand-written CSVs with hand-computed figures, and the stance gate."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sayso.errors import EvalDataError
from sayso.eval.fnc1 import (
    StancePair,
    evaluate_fnc1,
    format_report,
    load_pairs,
    score,
    split_by_body,
    write_predictions,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"
BODIES = 'Body ID,articleBody\n1,"The mayor said the bridge is safe.\nIt reopens Monday."\n2,Cats\n'
STANCES = (
    "Headline,Body ID,Stance\n"
    "Bridge is safe,1,agree\n"
    "Bridge will fall,1,disagree\n"
    '"Bridge, again",1,discuss\n'
    "Cats rule,2,unrelated\n"
)


def write(folder: Path, bodies: str = BODIES, stances: str = STANCES) -> tuple[Path, Path]:
    (folder / "bodies.csv").write_text(bodies, encoding="utf-8")
    (folder / "stances.csv").write_text(stances, encoding="utf-8")
    return folder / "bodies.csv", folder / "stances.csv"


@dataclass(frozen=True)
class Label:
    label: str


class Fixed:
    """A classifier that answers from a list, and remembers what it was asked."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = list(labels)
        self.asked: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[Label]:
        self.asked = list(pairs)
        return [Label(label) for label in self.labels]


# Loading


def test_pairs_load_in_file_order_with_body_text(tmp_path: Path) -> None:
    pairs = load_pairs(*write(tmp_path))
    assert [p.stance for p in pairs] == ["agree", "disagree", "discuss", "unrelated"]
    assert pairs[0] == StancePair(
        "Bridge is safe", 1, "The mayor said the bridge is safe.\nIt reopens Monday.", "agree"
    )
    assert pairs[2].headline == "Bridge, again"


def test_stances_without_gold_load_with_none(tmp_path: Path) -> None:
    pairs = load_pairs(*write(tmp_path, stances="Headline,Body ID\nBridge is safe,1\n"))
    assert pairs == [StancePair("Bridge is safe", 1, pairs[0].body, None)]


@pytest.mark.parametrize(
    ("bodies", "stances", "message"),
    [
        (
            BODIES,
            "Headline,Body ID,Stance\nA,1,agree\nB,7,agree\n",
            "stances.csv, row 3: Body ID 7",
        ),
        (
            BODIES,
            "Headline,Body ID,Stance\nA,1,agree\nB,1,maybe\n",
            "row 3: unknown stance 'maybe'",
        ),
        (BODIES, "Headline,Stance\nA,agree\n", "stances.csv, row 1: no 'Body ID' column"),
        ("Body ID,text\n1,x\n", STANCES, "bodies.csv, row 1: no 'articleBody' column"),
        ("Body ID,articleBody\none,x\n", STANCES, "bodies.csv, row 2: Body ID 'one'"),
        ("Body ID,articleBody\n1,x\n1,y\n", STANCES, "bodies.csv, row 3: Body ID 1 appears twice"),
    ],
)
def test_malformed_files_name_file_and_row(
    tmp_path: Path, bodies: str, stances: str, message: str
) -> None:
    with pytest.raises(EvalDataError, match=message):
        load_pairs(*write(tmp_path, bodies, stances))


def test_a_missing_file_is_an_eval_data_error(tmp_path: Path) -> None:
    bodies, _ = write(tmp_path)
    with pytest.raises(EvalDataError, match="nowhere.csv: cannot be read"):
        load_pairs(bodies, tmp_path / "nowhere.csv")


def test_the_dev_split_is_by_body_and_repeatable() -> None:
    pairs = [StancePair(f"h{i}", i % 10, "b", "unrelated") for i in range(50)]
    train, dev = split_by_body(pairs, fraction=0.2, seed=3)
    assert len({p.body_id for p in dev}) == 2
    assert not {p.body_id for p in train} & {p.body_id for p in dev}
    assert len(train) + len(dev) == 50
    assert (train, dev) == split_by_body(pairs, fraction=0.2, seed=3)
    assert dev == sorted(dev, key=lambda p: int(p.headline[1:]))  # input order kept


# Scoring


def test_weighted_score_by_hand() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    predicted = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # earned: 1.0 (agree exact) + 0.25 (related, wrong stance) + 0 + 0.25 + 0 = 1.5
    # best:   1.0 + 1.0 + 1.0 + 0.25 + 0.25 = 3.5
    report = score(gold, predicted)
    assert report["score"] == round(1.5 / 3.5, 4) == 0.4286
    # agree: 1 hit, 1 gold, 2 predicted -> 2/3; disagree: 0; discuss: 0 hits;
    # unrelated: 1 hit, 2 gold, 2 predicted -> 0.5
    assert report["f1"] == {"agree": 0.6667, "disagree": 0.0, "discuss": 0.0, "unrelated": 0.5}
    assert report["macro_f1"] == round((2 / 3 + 0.5) / 4, 4) == 0.2917


def test_perfect_and_all_unrelated_predictions() -> None:
    gold = ["agree", "disagree", "unrelated", "unrelated"]
    assert score(gold, gold)["score"] == 1.0
    # only the two unrelated pairs earn 0.25 each, of 0.25 * 2 + 1.0 * 2 = 2.5
    assert score(gold, ["unrelated"] * 4)["score"] == 0.2


def test_score_refuses_mismatched_or_unknown_labels() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        score(["agree", "agree"], ["agree"])
    with pytest.raises(ValueError, match="unknown stance 'maybe'"):
        score(["agree"], ["maybe"])


# The whole evaluation


def test_evaluate_reports_the_json_shape_and_writes_predictions(tmp_path: Path) -> None:
    bodies, stances = write(tmp_path)
    classifier = Fixed(["agree", "agree", "discuss", "discuss"])
    out = tmp_path / "out" / "predictions.csv"
    report = evaluate_fnc1(bodies, stances, predictions=out, classifier=classifier)
    assert set(report) == {"pairs", "seconds", "score", "f1", "macro_f1"}
    assert report["pairs"] == 4
    # earned 1.0 + 0.25 + 1.0 + 0 of 3.25
    assert report["score"] == round(2.25 / 3.25, 4)
    assert classifier.asked[3] == ("Cats rule", "Cats")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["Headline", "Body ID", "Stance"],
        ["Bridge is safe", "1", "agree"],
        ["Bridge will fall", "1", "agree"],
        ["Bridge, again", "1", "discuss"],
        ["Cats rule", "2", "discuss"],
    ]
    assert [p.name for p in out.parent.iterdir()] == ["predictions.csv"]
    assert "weighted score" in format_report(report)


def test_evaluate_needs_gold(tmp_path: Path) -> None:
    bodies, stances = write(tmp_path, stances="Headline,Body ID\nA,1\n")
    with pytest.raises(EvalDataError, match="no 'Stance' column"):
        evaluate_fnc1(bodies, stances, classifier=Fixed(["agree"]))


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    pairs = load_pairs(*write(tmp_path))
    out = tmp_path / "predictions.csv"
    with pytest.raises(ValueError):
        write_predictions(out, pairs, ["agree"])  # too few labels: zip(strict=True) fails
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bodies.csv", "stances.csv"]


# The quality gate: the shipped model on the first pairs of its own FNC-1 dev split


# 2,000 pairs hold 30 gold disagree pairs: one label flipping between CPUs moves disagree F1 by
# about 0.01 (at 400 pairs, 7 disagree, by 0.02-0.03: more than the margin a floor can keep).
GATE_PAIRS = 2000


@pytest.mark.slow
def test_shipped_model_meets_the_fnc1_dev_floors(quality_floors: dict[str, Any]) -> None:
    from sayso.link.stance import MODEL_DIR, StanceClassifier

    data = SHARED / "data" / "fnc1"
    if not data.exists():
        pytest.skip(f"shared data not found: {data}")
    split = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["split"]
    pairs = load_pairs(data / "train_bodies.csv", data / "train_stances.csv")
    _, dev = split_by_body(pairs, split["fraction"], split["seed"])
    dev = dev[:GATE_PAIRS]
    predicted = [
        p.label for p in StanceClassifier.load().predict([(p.headline, p.body) for p in dev])
    ]
    report = score([p.stance or "" for p in dev], predicted)
    floors = quality_floors["fnc1_dev"]
    assert report["score"] >= floors["score"], report
    assert report["f1"]["disagree"] >= floors["disagree_f1"], report
