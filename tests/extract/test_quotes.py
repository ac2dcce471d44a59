"""Stage 1: quotation marks found on the raw characters, before any parse."""

from __future__ import annotations

import pytest

from sayso.extract.s1_quotes import Quote, find_quotes


def inner(text: str, quote: Quote) -> list[str]:
    """The text of each fragment of ``quote``."""
    return [text[start:end] for start, end in quote.fragments]


def only_quote(text: str) -> Quote:
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("“", "”"), ("«", "»")],
    ids=["straight", "curly", "guillemets"],
)
def test_double_quote_styles(opening: str, closing: str) -> None:
    text = f"The mayor said {opening}we will rebuild the bridge,{closing} and left."
    quote = only_quote(text)
    assert text[quote.start : quote.end] == f"{opening}we will rebuild the bridge,{closing}"
    assert inner(text, quote) == ["we will rebuild the bridge,"]
    assert quote.scare is False


def test_start_and_end_include_the_marks() -> None:
    text = '"We stay here," she said.'
    quote = only_quote(text)
    assert (quote.start, quote.end) == (0, 15)
    assert quote.fragments == ((1, 14),)


@pytest.mark.parametrize(
    "text",
    [
        "“They told us ‘stay inside’ and we did,” she said.",
        "\"They told us 'stay inside' and we did,\" she said.",
    ],
    ids=["curly", "straight"],
)
def test_single_quotes_nested_in_double_stay_inside_one_quotation(text: str) -> None:
    quote = only_quote(text)
    assert inner(text, quote) == [text[1 : text.index(",") + 1]]
    assert "stay inside" in inner(text, quote)[0]


def test_multi_paragraph_quote_is_one_quote_with_a_fragment_per_paragraph() -> None:
    text = (
        "“We held the bridge for three weeks and nobody came to help us\n\n"
        "“Now we are asking the whole world to act,” the commander said."
    )
    quote = only_quote(text)
    assert inner(text, quote) == [
        "We held the bridge for three weeks and nobody came to help us",
        "Now we are asking the whole world to act,",
    ]
    assert quote.start == 0
    assert text[quote.end - 1] == "”"
    assert quote.scare is False


def test_multi_paragraph_quote_with_a_closed_sentence_in_the_first_paragraph() -> None:
    text = "“We held the bridge for three weeks.\n\n“Now we ask the world to act,” she said."
    quote = only_quote(text)
    assert inner(text, quote) == [
        "We held the bridge for three weeks.",
        "Now we ask the world to act,",
    ]


def test_paragraph_not_reopened_ends_an_unclosed_quote() -> None:
    text = "“We held the bridge for three weeks.\n\nThe commander left the next day."
    quote = only_quote(text)
    assert inner(text, quote) == ["We held the bridge for three weeks."]


@pytest.mark.parametrize(
    "text",
    [
        "It’s the soldiers’ choice now, the mayor said.",
        "It's the soldiers' choice now, the mayor said.",
        "The band played rock 'n' roll all night.",
        "The band played rock ’n’ roll all night.",
        "The 1990s' music and the workers' union.",
    ],
)
def test_apostrophes_are_not_quote_marks(text: str) -> None:
    assert find_quotes(text) == []


def test_apostrophes_inside_a_quotation_do_not_end_it() -> None:
    text = "“It’s the soldiers’ choice and we can’t stop them,” she said."
    quote = only_quote(text)
    assert inner(text, quote) == ["It’s the soldiers’ choice and we can’t stop them,"]


@pytest.mark.parametrize(
    "text",
    [
        'Residents fled the so-called "special operation" in the east.',
        "Residents fled the so-called “special operation” in the east.",
        "The ministry called it «a misunderstanding» again.",
    ],
)
def test_short_quotation_that_is_not_a_sentence_is_a_scare_quote(text: str) -> None:
    assert only_quote(text).scare is True


@pytest.mark.parametrize(
    "text",
    [
        '"We will never give up the city," the mayor said.',
        "The mayor said: “We will never give up the city.”",
        '"We will win," he said.',
    ],
)
def test_quoted_sentence_is_not_a_scare_quote(text: str) -> None:
    assert only_quote(text).scare is False


def test_several_quotations_in_order() -> None:
    text = '"We are still here," he said. "Nobody has given up."'
    quotes = find_quotes(text)
    assert [inner(text, q) for q in quotes] == [["We are still here,"], ["Nobody has given up."]]
    assert quotes[0].end <= quotes[1].start


@pytest.mark.parametrize("text", ["", "No quotes at all here.", '"', "\n\n\n", "“"])
def test_texts_without_quotations(text: str) -> None:
    assert find_quotes(text) == []


def test_fragments_lie_within_the_quote_and_the_text() -> None:
    text = 'He said "we stay" and "we will fight to the very end of this," and left "'
    for quote in find_quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
        for start, end in quote.fragments:
            assert quote.start <= start <= end <= quote.end
