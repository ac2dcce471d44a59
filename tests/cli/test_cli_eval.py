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
    assert set(report) == {"articles", "seconds", "source", "cue", "content", "all"}
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
