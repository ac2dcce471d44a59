"""sayso eval polnear: exactly one JSON object with the keys of EVAL.md; bad folders exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import run

TEXT = (
    "The senator said on Monday that the bill would pass. "
    '"We have the votes," she told reporters.\n'
)
# Offsets into TEXT: "The senator" 0-11, "said" 12-16, "that the bill would pass" 27-51.
ANNOTATION = (
    "T1\tSource 0 11\tThe senator\n"
    "T2\tCue 12 16\tsaid\n"
    "T3\tContent 27 51\tthat the bill would pass\n"
)
RULES = {"exact", "overlap"}
MEASURES = {"p", "r", "f1"}


def make_split(folder: Path) -> Path:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "senate.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "senate_alice.ann").write_text(ANNOTATION, encoding="utf-8")
    return folder


def test_eval_polnear_json_is_one_object_with_the_contract_keys(tmp_path: Path) -> None:
    assert TEXT[0:11] == "The senator" and TEXT[27:51] == "that the bill would pass"
    result = run("eval", "polnear", make_split(tmp_path / "split"), "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # the whole of stdout is one JSON object
    # The keys of EVAL.md, and sayso's own grouping figures beside them.
    assert set(report) == {"articles", "seconds", "source", "cue", "content", "all", "pairs"}
    assert set(report["pairs"]) == {"source-cue", "cue-content"}
    assert report["articles"] == 1
    for role in ("source", "cue", "content", "all"):
        assert set(report[role]) == RULES
        for rule in RULES:
            assert set(report[role][rule]) == MEASURES
            assert all(0.0 <= value <= 1.0 for value in report[role][rule].values())


def test_eval_polnear_report_by_default(tmp_path: Path) -> None:
    result = run("eval", "polnear", make_split(tmp_path / "split"))

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("PolNeAR: 1 articles")


def test_eval_polnear_folder_without_text_exits_2(tmp_path: Path) -> None:
    result = run("eval", "polnear", tmp_path, "--json")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {tmp_path}: no text/ folder; a PolNeAR split holds "
        "text/<name>.txt and attributions/<name>_<annotator>.ann\n"
    )


BODIES = (
    "Body ID,articleBody\n"
    '1,"Engineers inspected the Vardenmoor bridge on Monday. They said it is safe and will '
    'reopen to traffic on Friday."\n'
    '2,"The city zoo welcomed two penguin chicks this spring, keepers said."\n'
)
STANCES = (
    "Headline,Body ID,Stance\n"
    "Vardenmoor bridge declared safe,1,agree\n"
    "Penguin chicks hatch at city zoo,2,agree\n"
    "Vardenmoor bridge declared safe,2,unrelated\n"
)


def test_eval_fnc1_json_and_predictions_in_input_order(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text(BODIES, encoding="utf-8")
    (tmp_path / "s.csv").write_text(STANCES, encoding="utf-8")
    out = tmp_path / "predicted.csv"
    result = run(
        "eval",
        "fnc1",
        "--bodies",
        tmp_path / "b.csv",
        "--stances",
        tmp_path / "s.csv",
        "--predictions",
        out,
        "--json",
    )

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"pairs", "seconds", "score", "f1", "macro_f1"}
    assert report["pairs"] == 3 and 0.0 <= report["score"] <= 1.0
    assert set(report["f1"]) == {"agree", "disagree", "discuss", "unrelated"}
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "Headline,Body ID,Stance"
    assert [row.rsplit(",", 1)[0] for row in rows[1:]] == [
        line.rsplit(",", 1)[0] for line in STANCES.splitlines()[1:]
    ]


def test_eval_fnc1_missing_column_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text(BODIES, encoding="utf-8")
    (tmp_path / "s.csv").write_text("Title,Body ID\nx,1\n", encoding="utf-8")
    result = run("eval", "fnc1", "--bodies", tmp_path / "b.csv", "--stances", tmp_path / "s.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "s.csv" in result.stderr
