"""Stage 2: the cue lexicon shipped with the package (cues.txt)."""

from __future__ import annotations

import pytest

from sayso.extract.s2_cues import Lexicon, load_lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def test_lexicon_has_a_few_hundred_entries(lexicon: Lexicon) -> None:
    assert 200 <= len(lexicon) <= 1000


@pytest.mark.parametrize(
    "lemma",
    [
        "say",
        "claim",
        "deny",
        "reject",
        "refute",
        "dismiss",
        "insist",
        "contradict",
        "warn",
        "appeal",
        "urge",
        "declare",
    ],
)
def test_lexicon_has_single_word_cue(lexicon: Lexicon, lemma: str) -> None:
    assert lemma in lexicon.single
    assert lexicon.single[lemma].lemma == lemma
    assert lexicon.single[lemma].particle is None


def test_call_on_is_a_phrasal_cue(lexicon: Lexicon) -> None:
    entry = lexicon.phrasal[("call", "on")]
    assert (entry.lemma, entry.particle) == ("call", "on")


@pytest.mark.parametrize("lemma", ["deny", "reject", "refute", "dismiss", "contradict"])
def test_denials_are_tagged_denial(lexicon: Lexicon, lemma: str) -> None:
    assert "denial" in lexicon.single[lemma].tags


@pytest.mark.parametrize("lemma", ["say", "claim", "insist", "declare", "warn", "urge"])
def test_other_cues_are_not_denials(lexicon: Lexicon, lemma: str) -> None:
    assert "denial" not in lexicon.single[lemma].tags


def test_entries_are_lowercase_lemmas_without_comments(lexicon: Lexicon) -> None:
    for lemma, entry in lexicon.single.items():
        assert lemma == entry.lemma == lemma.lower().strip()
        assert "#" not in lemma and " " not in lemma
    for (lemma, particle), entry in lexicon.phrasal.items():
        assert (entry.lemma, entry.particle) == (lemma, particle)


def test_lexicon_is_loaded_once() -> None:
    assert load_lexicon() is load_lexicon()
