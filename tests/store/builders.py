"""Hand-built articles and statements for store tests (no NLP involved)."""

from __future__ import annotations

from datetime import date

from sayso.model import Article, Statement, article_id

AZOVSTAL_TEXT = (
    "Palamar said Russian troops had entered the plant. "
    "\"They are inside,\" he said in a Telegram post. "
    "The Kremlin denied any storming of Azovstal, according to Interfax."
)


def make_article(text: str = AZOVSTAL_TEXT, url: str = "https://example.org/azovstal") -> Article:
    return Article(
        id=article_id(text, "Example News", url),
        text=text,
        title="Fighting at Azovstal",
        outlet="Example News",
        url=url,
        author="A. Reporter",
        published=date(2022, 5, 5),
        language="en",
        path="examples/azovstal.txt",
        raw="date 2022-05-05\n" + text,
    )


def make_statement(
    article: Article,
    content: str,
    *,
    speaker: str | None = "Sviatoslav Palamar",
    cue: str | None = "said",
    number: int = 0,
    confidence: float = 0.9,
) -> Statement:
    """A statement whose cue and content are the first occurrences of those words in the text."""
    start = article.text.index(content)
    cue_span = None
    if cue is not None:
        cue_start = article.text.index(cue)
        cue_span = article.span(cue_start, cue_start + len(cue))
    return Statement(
        id=f"{article.id}-{number}",
        article_id=article.id,
        speaker=speaker,
        speaker_kind="person" if speaker else "unnamed",
        role="Deputy Commander of Azov regiment" if speaker else None,
        source=(article.span(0, 7),),
        cue=cue_span,
        content=(article.span(start, start + len(content)),),
        kind="indirect",
        polarity="asserts",
        date="2022-05-05",
        channel=None,
        relayed_by=None,
        confidence=confidence,
    )


def azovstal_statements(article: Article) -> list[Statement]:
    return [
        make_statement(article, "Russian troops had entered the plant", number=0),
        make_statement(article, "They are inside", number=1, confidence=0.75),
        make_statement(
            article, "any storming of Azovstal", speaker="Kremlin", cue="denied", number=2
        ),
    ]
