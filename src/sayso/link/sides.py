"""The sides of a claim: its statements split into the accounts that contradict each other.

Relations are edges: ``contradicts`` and ``denies`` put two statements on opposite sides,
``supports`` and ``repeats`` on the same one. Sides are found by walking those edges from the
most contested statement; a relation that would put a statement on both sides (a cycle of odd
length) is left out. Statements no relation sets against another are on neither side.

>>> sides(["a", "b", "c"], [Link("a", "b", "contradicts", 0.9, "")])
{'a': 'A', 'b': 'B'}
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Sequence

from sayso.model import CONFLICTS, Link

Side = str  # "A" or "B"
OPPOSITE: dict[Side, Side] = {"A": "B", "B": "A"}


def sides(statement_ids: Sequence[str], links: Iterable[Link]) -> dict[str, Side]:
    """For each statement of the claim that a conflict reaches, its side ("A" or "B")."""
    members = set(statement_ids)
    edges: dict[str, list[tuple[str, bool]]] = {}
    contested: Counter[str] = Counter()
    for link in links:
        if link.a not in members or link.b not in members or link.a == link.b:
            continue
        opposed = link.relation in CONFLICTS
        edges.setdefault(link.a, []).append((link.b, opposed))
        edges.setdefault(link.b, []).append((link.a, opposed))
        if opposed:
            contested.update((link.a, link.b))
    side_of: dict[str, Side] = {}
    # Most contested first, then claim order, so the same claim always splits the same way.
    order = {statement_id: at for at, statement_id in enumerate(statement_ids)}
    for start in sorted(contested, key=lambda s: (-contested[s], order[s])):
        if start not in side_of:
            _walk(start, edges, side_of)
    return side_of


def _walk(start: str, edges: dict[str, list[tuple[str, bool]]], side_of: dict[str, Side]) -> None:
    side_of[start] = "A"
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for there, opposed in edges.get(here, ()):
            if there in side_of:
                continue
            side_of[there] = OPPOSITE[side_of[here]] if opposed else side_of[here]
            queue.append(there)
