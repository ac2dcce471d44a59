"""A speaker's statements on a time line: the geometry of a small SVG chart, drawn by the
template (no chart library, no script).

Each dated statement is a dot at its day; dots of the same day stack upwards; denials sit on
their own row below the assertions so a change of position shows at a glance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 720  # the SVG's coordinate width; the page scales it to the column
MARGIN = 64  # room on the left for the row labels
ROW_HEIGHT = 10  # vertical step between dots of the same day
ASSERTS_BASE = 66  # y of the first assertion dot of a day
DENIES_BASE = 86  # y of the first denial dot of a day
MAX_STACK = 5  # dots beyond this many on a day overlap the last one
HEIGHT = DENIES_BASE + ROW_HEIGHT * MAX_STACK + 20  # room for the tick labels below


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    day: str
    statement_id: str
    article_id: str
    polarity: str
    label: str  # shown as the dot's tooltip (escaped by the template)


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    anchor: str = "middle"  # SVG text-anchor: the first and last labels stay inside


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    margin: int
    dots: list[Dot]
    ticks: list[Tick]
    undated: int  # statements with no date at all, not drawn


def statement_day(said_on: str | None, published: date | None) -> date | None:
    """The day a statement is drawn at: its own date (a month-only date at the 15th), else
    its article's publication date."""
    if said_on:
        try:
            return date.fromisoformat(said_on if len(said_on) == 10 else said_on + "-15")
        except ValueError:
            return published
    return published


def timeline(points: list[tuple[date | None, str, str, str, str]]) -> Timeline:
    """The chart of ``points``: (day, statement id, article id, polarity, label) each."""
    dated = [
        (day, statement_id, article_id, polarity, label)
        for day, statement_id, article_id, polarity, label in points
        if day is not None
    ]
    if not dated:
        return Timeline(WIDTH, HEIGHT, MARGIN, [], [], len(points))
    first = min(point[0] for point in dated)
    last = max(point[0] for point in dated)
    span_days = max((last - first).days, 1)
    stacks: Counter[tuple[date, str]] = Counter()
    dots = []
    for day, statement_id, article_id, polarity, label in sorted(dated, key=lambda p: p[0]):
        step = ROW_HEIGHT * min(stacks[(day, polarity)], MAX_STACK)
        stacks[(day, polarity)] += 1
        # Assertions stack upwards from their row, denials downwards from theirs.
        y = DENIES_BASE + step if polarity == "denies" else ASSERTS_BASE - step
        x = _x(day, first, span_days)
        dots.append(Dot(x, y, day.isoformat(), statement_id, article_id, polarity, label))
    return Timeline(
        WIDTH, HEIGHT, MARGIN, dots, _ticks(first, last, span_days), len(points) - len(dated)
    )


def _x(day: date, first: date, span_days: int) -> float:
    return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - first).days / span_days, 1)


def _ticks(first: date, last: date, span_days: int) -> list[Tick]:
    if first == last:
        return [Tick(_x(first, first, span_days), first.isoformat())]
    middle = first + timedelta(days=span_days // 2)
    days = list(dict.fromkeys([first, middle, last]))
    anchors = ["start", *["middle"] * (len(days) - 2), "end"]
    return [
        Tick(_x(day, first, span_days), day.isoformat(), anchor)
        for day, anchor in zip(days, anchors, strict=True)
    ]
