"""Results that arrive in any order, released in plan order, with a bound on how far ahead
workers may run (so that one slow shard cannot make the parent hold the whole corpus)."""

from __future__ import annotations

from typing import Generic, TypeVar

Result = TypeVar("Result")


class InOrder(Generic[Result]):
    """Buffers results by task index and releases them 0, 1, 2, ... as they become whole.

    >>> order: InOrder[str] = InOrder(window=4)
    >>> order.add(1, "b"), order.add(0, "a")
    ([], [(0, 'a'), (1, 'b')])
    """

    def __init__(self, window: int) -> None:
        self.window = max(1, window)
        self.released = 0
        self._early: dict[int, Result] = {}

    def may_start(self, index: int) -> bool:
        """Whether task ``index`` may begin without running too far ahead of the saving."""
        return index < self.released + self.window

    def add(self, index: int, result: Result) -> list[tuple[int, Result]]:
        """Take the result of task ``index``; the results now due, in order."""
        self._early[index] = result
        due: list[tuple[int, Result]] = []
        while self.released in self._early:
            due.append((self.released, self._early.pop(self.released)))
            self.released += 1
        return due
