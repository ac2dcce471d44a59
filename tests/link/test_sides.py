"""Splitting a claim's statements into the accounts that contradict each other."""

from __future__ import annotations

from sayso.link.sides import sides
from sayso.model import Link


def link(a: str, b: str, relation: str) -> Link:
    return Link(a, b, relation, 0.9, "")  # type: ignore[arg-type]


def test_conflicts_split_and_support_joins() -> None:
    found = sides(
        ["palamar", "arestovych", "russia", "wire"],
        [
            link("arestovych", "palamar", "contradicts"),
            link("russia", "palamar", "denies"),
            link("wire", "palamar", "repeats"),
        ],
    )
    assert found["palamar"] == found["wire"]
    assert found["arestovych"] == found["russia"] != found["palamar"]


def test_statements_no_conflict_reaches_are_on_neither_side() -> None:
    found = sides(["a", "b", "c", "d"], [link("a", "b", "contradicts"), link("c", "d", "supports")])
    assert set(found) == {"a", "b"}


def test_an_odd_cycle_does_not_flip_a_side_already_given() -> None:
    found = sides(
        ["a", "b", "c"],
        [
            link("a", "b", "contradicts"),
            link("b", "c", "contradicts"),
            link("a", "c", "contradicts"),
        ],
    )
    assert found["a"] != found["b"] and set(found.values()) <= {"A", "B"}


def test_relations_to_statements_outside_the_claim_are_ignored() -> None:
    assert sides(["a"], [link("a", "elsewhere", "contradicts")]) == {}
