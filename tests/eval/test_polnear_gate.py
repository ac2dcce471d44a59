"""Quality gate: the Extractor's PolNeAR dev F1 never falls below the floors in the JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sayso.eval import evaluate_polnear, format_report
from sayso.extract import Extractor

pytestmark = pytest.mark.slow

ROLES = ("source", "cue", "content")
RULES = ("exact", "overlap")


@pytest.fixture(scope="module")
def dev_report(extractor: Extractor, polnear_dev_dir: Path) -> dict[str, Any]:
    report = evaluate_polnear(polnear_dev_dir, extractor)
    print(f"\n{format_report(report)}")
    return report


def test_whole_dev_split_is_scored(dev_report: dict[str, Any]) -> None:
    assert dev_report["articles"] == 84


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("role", ROLES)
def test_f1_meets_floor(
    dev_report: dict[str, Any], quality_floors: dict[str, Any], role: str, rule: str
) -> None:
    floor = quality_floors["polnear_dev"][role][f"{rule}_f1"]
    measured = dev_report[role][rule]["f1"]
    assert measured >= floor, f"PolNeAR dev {role} {rule} F1 {measured:.4f} < floor {floor}"
