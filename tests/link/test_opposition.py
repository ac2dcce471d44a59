"""Opposed accounts in words: the opposites file, negation, and the words shown in reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.link.opposition import (
    clash,
    clauses,
    load_opposites,
    meeting,
    quote_pair,
)

BOOK = load_opposites()


@pytest.mark.parametrize(
    ("a", "b", "words", "how"),
    [
        (
            "The rebels were driven out by the army",
            "The rebels remain inside the compound",
            ("were driven out by the army", "remain inside the compound"),
            "opposed",
        ),
        (
            "The rebels withdrew from the town",
            "The rebels never withdrew",
            ("withdrew from the town", "never withdrew"),
            "negated",
        ),
        (
            "The rebels captured the airport",
            "The army still holds the airport",
            ("captured the airport", "still holds the airport"),
            "opposed",
        ),
        (
            "Prices rose in March",
            "Prices have not risen at all",
            ("rose in March", "not risen at all"),
            "negated",
        ),
        (
            "The hostages are alive",
            "All the hostages were killed",
            ("alive", "were killed"),
            "opposed",
        ),
    ],
)
def test_clashing_accounts_are_found_with_their_words(
    a: str, b: str, words: tuple[str, str], how: str
) -> None:
    found = clash(a, b, BOOK)
    assert found is not None and (found.words, found.how) == (words, how)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("They were driven out", "They were pushed out by the defenders"),  # same account
        ("The talks were postponed", "The weather was cold"),  # nothing in the file
        ("They are not alive", "They were killed"),  # both say they are dead
    ],
)
def test_agreeing_or_unrelated_accounts_do_not_clash(a: str, b: str) -> None:
    assert clash(a, b, BOOK) is None


def test_the_same_group_in_both_is_a_meeting_but_not_a_clash() -> None:
    a, b = "the troops withdrew from the town", "they were pushed out of the town"
    found = meeting(a, b, BOOK)
    assert found is not None and found.how == "same"
    assert found.words == ("withdrew from the town", "pushed out of the town")
    assert clash(a, b, BOOK) is None


def test_the_shipped_file_holds_no_phrase_taken_from_the_examples() -> None:
    """The shipped pairs are general English; the examples' own words are found by reading
    (presence and departure, negation, numbers), not by listing them."""
    phrases = {" ".join(p) for group in BOOK.groups for p in group}
    for copied in ("are at", "are at the plant", "ground conflict", "fighting is going on",
                   "leak", "no leak", "delay", "no delay", "knocked out", "within forty minutes"):
        assert copied not in phrases


def test_negation_reaches_only_a_few_words_back() -> None:
    far = "No one doubts that after a long night the soldiers were finally driven out"
    assert clash(far, "They were driven out", BOOK) is None


def test_a_user_file_adds_pairs(tmp_path: Path) -> None:
    extra = tmp_path / "mine.txt"
    extra.write_text("# mine\nextended the mandate | let the mandate lapse\n", encoding="utf-8")
    book = load_opposites(extra)
    found = clash("They extended the mandate", "They let the mandate lapse", book)
    assert found is not None and found.how == "opposed"
    assert clash("They extended the mandate", "They let the mandate lapse", BOOK) is None


@pytest.mark.parametrize("line", ["just one group", "a | b | c"])
def test_a_bad_user_file_names_file_and_line(tmp_path: Path, line: str) -> None:
    extra = tmp_path / "bad.txt"
    extra.write_text(f"# fine\n{line}\n", encoding="utf-8")
    with pytest.raises(match=r"bad\.txt, line 2: expected two groups"):
        load_opposites(extra)


def test_an_unreadable_user_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(match="cannot read"):
        load_opposites(tmp_path / "missing.txt")


def test_clauses_and_quoted_pairs_keep_the_words_as_written() -> None:
    text = (
        "We can say that yesterday Russian troops entered the territory of Azovstal. "
        "They were driven out by our defenders"
    )
    assert clauses(text) == [
        "We can say that yesterday Russian troops entered the territory of Azovstal",
        "They were driven out by our defenders",
    ]
    quoted = quote_pair(text, "Russian troops are inside the territory of the plant")
    assert quoted[0] in text and "territory" in quoted[0]
