"""The extraction pipeline: parse once, then the numbered stages, text in and statements out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from sayso.errors import InputTooLarge
from sayso.extract.learned.grouping import learned_frames, with_rule_frames
from sayso.extract.learned.tagger import SpanTagger
from sayso.extract.nlp import load_pipeline
from sayso.extract.s1_quotes import find_quotes
from sayso.extract.s2_cues import load_lexicon
from sayso.extract.s5_frames import find_frames
from sayso.extract.s7_statements import build_statements
from sayso.model import DEFAULT_EXTRACTION_MODEL, EXTRACTION_MODELS, Article, Statement

# spaCy's own guard against texts that would need tens of GB to parse; an article longer than
# this (a whole book, a dump) is refused with a clear error instead of exhausting memory.
MAX_ARTICLE_CHARS = 1_000_000
# Articles parsed per nlp.pipe batch: larger gains nothing on two cores (bench/extract_speed.py).
BATCH_SIZE = 16
MODELS = EXTRACTION_MODELS
DEFAULT_MODEL = DEFAULT_EXTRACTION_MODEL


class Extractor:
    """Loads the English pipeline once and extracts statements from articles.

    >>> extractor = Extractor()                               # doctest: +SKIP
    >>> [s.speaker for s in extractor.extract(article)]       # doctest: +SKIP
    ['Sviatoslav Palamar', ...]
    """

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = BATCH_SIZE,
        model: str = DEFAULT_MODEL,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
        self.nlp = nlp if nlp is not None else load_pipeline()
        self.batch_size = batch_size
        self.lexicon = load_lexicon()
        self.model = model
        self.tagger = SpanTagger.load() if model == "accurate" else None

    def extract(self, article: Article) -> list[Statement]:
        """Every statement of one article, in text order."""
        return self._statements(article, self.nlp(_checked(article).text))

    def extract_many(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, list[Statement]]]:
        """``(article, statements)`` for each article, in order, parsing in batches."""
        pairs = ((_checked(a).text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield article, self._statements(article, doc)

    def _statements(self, article: Article, doc: Doc) -> list[Statement]:
        quotes = find_quotes(article.text)
        frames = find_frames(doc, quotes, self.lexicon)
        if self.tagger is not None:
            learned = learned_frames(doc, self.tagger.tag(article.text), quotes, self.lexicon)
            frames = with_rule_frames(learned, frames)
        return build_statements(article, doc, frames)


def _checked(article: Article) -> Article:
    """``article``, unless it is too long to parse."""
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise InputTooLarge(
            article.path or article.id,
            f"article is {len(article.text):,} characters, over the "
            f"{MAX_ARTICLE_CHARS:,} that can be parsed; split it into articles",
        )
    return article
