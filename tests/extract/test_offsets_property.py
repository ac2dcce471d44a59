"""Every span ever produced indexes ``article.text``: ``text[start_char:end_char] == span.text``.

Checked on the example articles, on PolNeAR dev texts (when ``shared/`` is there) and on texts
generated from a small grammar of attributed sentences.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.errors import InputError
from sayso.extract import Extractor
from sayso.ingest import read_inputs
from sayso.model import Article, Statement

REPO = Path(__file__).resolve().parents[2]
POLNEAR_DEV_TEXT = Path(__file__).resolve().parents[3] / "shared/data/polnear/dev/text"
POLNEAR_TEXTS = 20


def check_spans(article: Article, statements: list[Statement]) -> None:
    """Each source, cue and content span is a non-empty, in-bounds slice of the text, and the
    content spans of one statement do not overlap; no two statements share an id."""
    ids = [statement.id for statement in statements]
    assert len(ids) == len(set(ids)), ids
    for statement in statements:
        spans = list(statement.source) + list(statement.content)
        spans += [statement.cue] if statement.cue is not None else []
        for span in spans:
            assert 0 <= span.start_char < span.end_char <= len(article.text), span
            assert article.text[span.start_char : span.end_char] == span.text, span
        content = sorted((s.start_char, s.end_char) for s in statement.content)
        for (_, end), (start, _) in zip(content, content[1:], strict=False):
            assert end <= start, content


def example_articles() -> list[Article]:
    return [a for a in read_inputs([REPO / "examples"]) if not isinstance(a, InputError)]


def polnear_articles() -> list[Article]:
    if not POLNEAR_DEV_TEXT.is_dir():
        return []
    paths = sorted(POLNEAR_DEV_TEXT.glob("*.txt"))[:POLNEAR_TEXTS]
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]


def test_example_articles_spans_index_the_text(extractor: Extractor) -> None:
    articles = example_articles()
    assert articles, "examples/ has no readable articles"
    found = 0
    for article in articles:
        statements = extractor.extract(article)
        check_spans(article, statements)
        found += len(statements)
    assert found > 0


def test_the_accurate_model_gives_one_statement_per_content() -> None:
    """A floating quotation that a cue also took once came out twice, under one id."""
    accurate = Extractor(model="accurate")
    hostile = REPO / "tests/web/hostile"
    articles = example_articles() + [
        a for a in read_inputs([hostile]) if not isinstance(a, InputError)
    ]
    for article, statements in accurate.extract_many(articles):
        check_spans(article, statements)


def test_polnear_dev_spans_index_the_text(extractor: Extractor) -> None:
    articles = polnear_articles()
    if not articles:
        pytest.skip(f"PolNeAR dev texts not found: {POLNEAR_DEV_TEXT}")
    for article, statements in extractor.extract_many(articles):
        check_spans(article, statements)


# --- generated texts ---------------------------------------------------------------------------

NAMES = ["Anna Kovalenko", "Palamar", "the mayor", "she", "he", "Russia", "The Kremlin",
         "Deputy commander Petro Bondar", "Hugh Hill, a doctor,", "officials", "It"]
CUES = ["said", "claimed", "denied", "insisted", "warned", "told reporters", "added",
        "rejected claims", "did not deny", "said Thursday", "on Wednesday said", "wrote"]
WORDS = ["we", "will", "not", "leave", "the", "plant", "It’s", "soldiers’", "rock 'n' roll",
         "no", "one", "bridge", "was", "closed", "so-called", "water", "«safe»", "‘stay’", "—",
         "\u00e9t\u00e9", "\U0001f600", "100%", "Mr.", "U.S.", "can't"]
QUOTES = [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ('"', ""), ("“", "")]
TAILS = ["", " according to Interfax", ", according to the ministry", " in a Telegram post"]

phrase = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
name = st.sampled_from(NAMES)
cue = st.sampled_from(CUES)
tail = st.sampled_from(TAILS)


@st.composite
def quoted(draw: st.DrawFn) -> str:
    opening, closing = draw(st.sampled_from(QUOTES))
    end = draw(st.sampled_from(["", ",", ".", "?"]))
    return f"{opening}{draw(phrase)}{end}{closing}"


sentence = st.one_of(
    st.builds(lambda q, n, c, t: f"{q} {n} {c}{t}.", quoted(), name, cue, tail),
    st.builds(lambda n, c, p, t: f"{n} {c} that {p}{t}.", name, cue, phrase, tail),
    st.builds(lambda n, c, q: f"{n} {c}: {q}", name, cue, quoted()),
    st.builds(lambda n, q: f"{n}: {q}", name, quoted()),
    st.builds(lambda p, t: f"{p.capitalize()}{t}.", phrase, tail),
    st.builds(lambda p, n, c, q: f"{p}, {n} {c}, {q}", phrase, name, cue, quoted()),
    quoted(),
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
separator = st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n"])


@st.composite
def article_text(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(paragraph, min_size=1, max_size=5))
    sep = draw(separator)
    lead = draw(st.sampled_from(["", " ", "\n"]))
    return lead + sep.join(paragraphs)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=article_text(), published=st.sampled_from([None, date(2022, 5, 5)]))
def test_generated_texts_spans_index_the_text(
    extractor: Extractor, text: str, published: date | None
) -> None:
    article = Article(id="generated", text=text, published=published)
    check_spans(article, extractor.extract(article))
