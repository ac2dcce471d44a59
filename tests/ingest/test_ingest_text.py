"""Plain text stories: header lines, the real Fox News example, newlines, raw text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sayso.errors import EmptyArticle
from sayso.ingest import article_from_text, read_inputs
from sayso.model import Article, article_id

REPO = Path(__file__).resolve().parents[2]
AZOVSTAL = REPO.parent / "shared" / "examples" / "azovstal" / "article.txt"

STORY = "Kyiv said the plant still held. Moscow denied it."


def test_azovstal_example_gives_date_and_story_only() -> None:
    [article] = list(read_inputs([AZOVSTAL]))
    assert isinstance(article, Article)
    assert article.published == date(2022, 5, 5)
    assert article.text.startswith("The battle for the Azovstal steel plant")
    assert "listen to Fox News" not in article.text
    assert article.text.endswith("Dmitry Peskov told Russian reporters.")
    assert article.language == "en"
    assert article.path == str(AZOVSTAL)
    assert article.raw == AZOVSTAL.read_text("utf-8")
    assert article.id == article_id(article.text, None, None)


def test_azovstal_inner_text_is_kept_exactly() -> None:
    [article] = list(read_inputs([AZOVSTAL]))
    raw = AZOVSTAL.read_text("utf-8")
    start = raw.index("The battle for the Azovstal")
    assert article.text == raw[start:].strip()


def test_date_header_on_its_own_line() -> None:
    article = article_from_text(f"date 2022-05-05\n\n{STORY}\n", source="a.txt")
    assert article.published == date(2022, 5, 5)
    assert article.text == STORY


def test_date_header_with_colon() -> None:
    article = article_from_text(f"date: 2022-05-05\n{STORY}", source="a.txt")
    assert article.published == date(2022, 5, 5)
    assert article.text == STORY


def test_date_header_followed_by_story_on_the_same_line() -> None:
    article = article_from_text(f"date 2022-05-05 {STORY}", source="a.txt")
    assert article.published == date(2022, 5, 5)
    assert article.text == STORY


def test_all_header_lines() -> None:
    text = (
        "title: Battle rages\noutlet: Fox News\nurl: https://example.org/a\n"
        f"author: Jane Doe\ndate 2022-05-05\n\n{STORY}"
    )
    article = article_from_text(text, source="a.txt")
    assert (article.title, article.outlet, article.url, article.author) == (
        "Battle rages",
        "Fox News",
        "https://example.org/a",
        "Jane Doe",
    )
    assert article.published == date(2022, 5, 5)
    assert article.text == STORY
    assert article.id == article_id(STORY, "Fox News", "https://example.org/a")


def test_keyword_arguments_win_over_headers() -> None:
    article = article_from_text(
        f"title: From header\n{STORY}", source="a.txt", title="From caller", outlet="AP"
    )
    assert article.title == "From caller"
    assert article.outlet == "AP"
    assert article.text == STORY


@pytest.mark.parametrize(
    "first_line",
    [
        "Date night was cancelled, the minister said.",
        "date 2022-13-45 was the code name, officials said.",
        "Title: the minister refused to give one.",
        "url: not given, the spokesman said",
        "The date 2022-05-05 was chosen by Kyiv.",
    ],
)
def test_a_real_first_sentence_is_never_eaten(first_line: str) -> None:
    article = article_from_text(f"{first_line}\n{STORY}", source="a.txt")
    assert article.text == f"{first_line}\n{STORY}"
    assert article.published is None
    assert article.title is None


def test_windows_newlines_and_bom() -> None:
    text = "\ufeffdate 2022-05-05\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n"
    article = article_from_text(text, source="a.txt")
    assert article.text == "First paragraph.\n\nSecond paragraph."
    assert article.published == date(2022, 5, 5)
    assert article.raw == text


def test_whole_story_is_stripped_but_inner_spacing_kept() -> None:
    story = "  First  line.\n\n\n   Indented  second.\t\n"
    article = article_from_text(f"\n\n{story}\n\n", source="a.txt")
    assert article.text == "First  line.\n\n\n   Indented  second."


def test_header_only_text_is_empty() -> None:
    with pytest.raises(EmptyArticle, match=r"^a\.txt: empty article: no story text$"):
        article_from_text("date 2022-05-05\ntitle: Nothing here\n", source="a.txt")


def test_same_text_same_id() -> None:
    one = article_from_text(STORY, source="a.txt")
    two = article_from_text(f"\n{STORY}\n", source="b.txt")
    assert one.id == two.id
    assert one == two or one.path != two.path


def test_a_headline_and_byline_on_top_give_title_author_and_outlet() -> None:
    text = (
        "date 2026-03-10\n\nFire at Halvard plant forces night evacuation\n\n"
        "By Dana Okafor, The Vardenmoor Courier\n\nThe mayor said the road was closed."
    )
    article = article_from_text(text, source="a.txt")
    assert (article.title, article.author, article.outlet) == (
        "Fire at Halvard plant forces night evacuation",
        "Dana Okafor",
        "The Vardenmoor Courier",
    )
    assert article.text.startswith("Fire at Halvard plant")  # the story text is untouched


@pytest.mark.parametrize(
    "story",
    [
        "The mayor said the road was closed.\n\nIt reopened on Monday.",  # a sentence, not a title
        "Fire at the plant\nThe mayor said the road was closed.",  # no blank line after it
        "Only a headline",  # nothing after it
        "By the river, the mayor said\n\nthe road was closed.",  # not a name
    ],
)
def test_a_first_sentence_is_not_taken_for_a_headline(story: str) -> None:
    article = article_from_text(story, source="a.txt")
    assert article.title is None and article.author is None


def test_header_lines_win_over_the_headline() -> None:
    text = "title: From the header\n\nA headline\n\nBy Jane Doe\n\nThe mayor said no."
    article = article_from_text(text, source="a.txt")
    assert (article.title, article.author, article.outlet) == ("From the header", "Jane Doe", None)
