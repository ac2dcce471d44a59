"""Evaluation against annotated corpora: scorers that turn predictions into P/R/F1 reports."""

from __future__ import annotations

from sayso.eval.polnear import (
    GoldArticle,
    evaluate_polnear,
    format_report,
    load_split,
    score,
    spans_from_statements,
)

__all__ = [
    "GoldArticle",
    "evaluate_polnear",
    "format_report",
    "load_split",
    "score",
    "spans_from_statements",
]
