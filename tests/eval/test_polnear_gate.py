"""Quality gate: each model's PolNeAR dev F1 never falls below its floors in the JSON file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sayso.eval import evaluate_polnear, format_report
from sayso.extract import Extractor
from sayso.model import EXTRACTION_MODELS

pytestmark = pytest.mark.slow

ROLES = ("source", "cue", "content")
# Models are gated once they have floors (a model gets floors when it is first measured).
FLOORS = json.loads(Path(__file__).with_name("quality_floors.json").read_text(encoding="utf-8"))
GATED = [model for model in EXTRACTION_MODELS if model in FLOORS["polnear_dev"]]
RULES = ("exact", "overlap")


@pytest.fixture(scope="module", params=GATED)
def model(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def dev_report(
    model: str, extractor_for: Callable[[str], Extractor], polnear_dev_dir: Path
) -> dict[str, Any]:
    report = evaluate_polnear(polnear_dev_dir, extractor_for(model))
    print(f"\nmodel {model}\n{format_report(report)}")
    return report


def test_whole_dev_split_is_scored(dev_report: dict[str, Any]) -> None:
    assert dev_report["articles"] == 84


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("role", ROLES)
def test_f1_meets_floor(
    model: str,
    dev_report: dict[str, Any],
    quality_floors: dict[str, Any],
    role: str,
    rule: str,
) -> None:
    floor = quality_floors["polnear_dev"][model][role][f"{rule}_f1"]
    measured = dev_report[role][rule]["f1"]
    assert measured >= floor, (
        f"PolNeAR dev, model {model}: {role} {rule} F1 {measured:.4f} < floor {floor}"
    )
