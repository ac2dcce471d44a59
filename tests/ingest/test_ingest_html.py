"""HTML pages through trafilatura: main text and metadata; pages without an article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sayso.errors import NoArticleFound
from sayso.ingest import article_from_html, read_inputs
from sayso.model import Article

PARAGRAPHS = [
    "The battle for the Azovstal steel plant in Mariupol continues to rage Thursday as "
    "Russian forces look to capture one of the city's last strongholds.",
    '"It\'s three days now since Russian troops broke into the territory of Azovstal," '
    "Deputy Commander Sviatoslav Palamar said in a video on Telegram.",
    "Russia on Thursday denied that its forces have engaged in any ground conflict at the plant.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Battle rages at Azovstal | Fox News</title>
<meta property="og:title" content="Battle rages at Azovstal">
<meta property="og:site_name" content="Fox News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2022-05-05T10:00:00Z">
<link rel="canonical" href="https://www.foxnews.com/world/azovstal">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Battle rages at Azovstal</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
<p>Advertisement</p>
</article>
<footer>Copyright 2022 FOX News Network. All rights reserved.</footer>
</body></html>
"""


def test_html_article_text_and_metadata() -> None:
    article = article_from_html(PAGE, source="page.html")
    assert article.text == "\n".join(PARAGRAPHS)
    assert article.title == "Battle rages at Azovstal"
    assert article.outlet == "Fox News"
    assert article.author == "Jane Doe"
    assert article.published == date(2022, 5, 5)
    assert article.url == "https://www.foxnews.com/world/azovstal"
    assert article.language == "en"
    assert article.raw == PAGE
    assert article.path == "page.html"


def test_html_file_through_read_inputs(tmp_path: Path) -> None:
    for name in ("a.html", "b.htm"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    articles = list(read_inputs([tmp_path]))
    assert [a.path for a in articles if isinstance(a, Article)] == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b.htm"),
    ]


@pytest.mark.parametrize("name", ["page.php", "page", "saved.asp"])
def test_html_under_another_name_is_sniffed(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(PAGE, encoding="utf-8")
    [article] = list(read_inputs([tmp_path / name]))
    assert isinstance(article, Article)
    assert article.title == "Battle rages at Azovstal"


def test_text_under_another_name_is_plain_text(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("date 2022-05-05\nKyiv said no.\n", encoding="utf-8")
    [article] = list(read_inputs([tmp_path / "story.md"]))
    assert isinstance(article, Article)
    assert article.text == "Kyiv said no."
    assert article.published == date(2022, 5, 5)


def test_page_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Home</title></head><body></body></html>")
    [error] = list(read_inputs([path]))
    assert isinstance(error, NoArticleFound)
    assert str(error) == f"{path}: no article text found in the HTML"


@pytest.mark.parametrize(
    "html",
    ["<<<>>> <p <div", "<html><body><p>unclosed <b>bold <i>", "<", "<html>\ufffd\ufffd</html>"],
)
def test_broken_html_does_not_crash(tmp_path: Path, html: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(html, encoding="utf-8")
    [item] = list(read_inputs([path]))
    assert isinstance(item, Article | NoArticleFound)


def test_unparseable_html_is_no_article() -> None:
    with pytest.raises(NoArticleFound, match=r"^broken\.html: no article text found in the HTML$"):
        article_from_html("<<<>>> <p <div", source="broken.html")


def test_broken_but_readable_html_still_gives_text() -> None:
    html = "<html><body><div><p>" + " ".join(PARAGRAPHS) + "<div></span></body>"
    article = article_from_html(html, source="broken.html")
    assert article.text.startswith("The battle for the Azovstal steel plant")
