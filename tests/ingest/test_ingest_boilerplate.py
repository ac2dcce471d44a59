"""Each boilerplate pattern: what it must remove and what it must keep."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.ingest import remove_boilerplate
from sayso.ingest.boilerplate import boilerplate_patterns, is_boilerplate

STORY = "The battle goes on, the commander said."

PROMOS = [
    "NEW You can now listen to Fox News articles!",
    "You can now listen to Fox News articles!",
    "Click here to subscribe to the Fox News Go Live newsletter.",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "CLICK HERE FOR MORE FOX NEWS COVERAGE OF THE WAR",
    "Read the rest here.",
    "Read the full story here.",
    "Sign up for our newsletter",
    "Sign up for the Morning Briefing newsletter.",
    "Follow us on Twitter",
    "Follow us on Facebook and Instagram.",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below",
    "Story continues below advertisement",
    "Continue reading the main story",
]

KEPT = [
    "You can now listen to the minister, who said the plant was lost.",
    "Readers who click here to subscribe are not part of this story, he joked, and left.",
    "Read the rest of the statement, Peskov said, and you will see.",
    "The campaign urged people to sign up for our newsletter, the group said in a post.",
    "He said Russia would follow us on Twitter and everywhere else, Zelenskyy warned.",
    "Advertisements for the rally were banned, police said.",
    "The story continues below the surface, an analyst said.",
    "No advertisement was shown, the broadcaster said.",
]


def test_patterns_load_and_compile_once() -> None:
    assert boilerplate_patterns() is boilerplate_patterns()
    assert len(boilerplate_patterns()) >= 10
    assert all(isinstance(p, re.Pattern) for p in boilerplate_patterns())


@pytest.mark.parametrize("promo", PROMOS)
def test_promo_is_boilerplate(promo: str) -> None:
    assert is_boilerplate(promo)


@pytest.mark.parametrize("promo", PROMOS)
def test_promo_line_is_removed(promo: str) -> None:
    assert remove_boilerplate(f"{STORY}\n\n{promo}\n\n{STORY}") == f"{STORY}\n\n{STORY}"


@pytest.mark.parametrize("promo", PROMOS)
def test_promo_sentence_before_story_on_one_line_is_removed(promo: str) -> None:
    ending = "" if promo[-1] in ".!?" else "."
    assert remove_boilerplate(f"{promo}{ending} {STORY}") == STORY


@pytest.mark.parametrize("promo", PROMOS)
def test_promo_sentence_after_story_on_one_line_is_removed(promo: str) -> None:
    assert remove_boilerplate(f"{STORY} {promo}") == STORY


@pytest.mark.parametrize("sentence", KEPT)
def test_story_sentences_are_kept(sentence: str) -> None:
    assert not is_boilerplate(sentence)
    text = f"{STORY}\n\n{sentence} {STORY}\n{sentence}"
    assert remove_boilerplate(text) == text


def test_unchanged_text_is_identical() -> None:
    text = "  Odd   spacing.  \n\n\n\tTabs too!  "
    assert remove_boilerplate(text) == text


def test_single_newlines_between_lines_are_kept() -> None:
    assert remove_boilerplate(f"{STORY}\nAdvertisement\n{STORY}") == f"{STORY}\n{STORY}"


def test_only_boilerplate_leaves_nothing() -> None:
    assert remove_boilerplate("Advertisement\n\nRead the rest here.\n").strip() == ""


@given(
    st.lists(
        st.one_of(st.sampled_from(PROMOS), st.sampled_from(KEPT), st.just(STORY)),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=12, max_size=12),
)
def test_removed_promos_never_remain(pieces: list[str], separators: list[str]) -> None:
    text = "".join(
        piece + ("" if piece[-1] in ".!?" else ".") + separator
        for piece, separator in zip(pieces, separators, strict=False)
    )
    cleaned = remove_boilerplate(text)
    for sentence in KEPT:
        assert cleaned.count(sentence) == text.count(sentence)
    assert cleaned.count(STORY) == text.count(STORY)
    left_over = cleaned
    for sentence in [*KEPT, STORY]:
        left_over = left_over.replace(sentence, "")
    for promo in PROMOS:
        assert promo.lower() not in left_over.lower()
