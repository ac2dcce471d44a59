"""What is read aloud: an article's story or a digest, cut into sentences, each sentence into
the parts spoken in the narrator's voice and those of a direct quotation.

Sentences come from spaCy's rule-based sentencizer over each paragraph (no model to load, so a
web page can show the same sentences the audio follows); a sentence that ends inside a
quotation runs on to the sentence that closes it, so a quotation is never cut in two. Offsets
are characters into the text read, which for an article is ``Article.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.language import Language

from sayso.extract.s1_quotes import Quote, find_quotes, paragraphs, trim_space
from sayso.listen.render import PARAGRAPH_PAUSE, SENTENCE_PAUSE, Part, Script, Utterance
from sayso.model import Article, Statement

# Statements whose content lies in quotation marks are direct quotations; the others are
# read in the narrator's voice even where a scare quote stands in them.
QUOTED_KINDS = ("direct", "mixed")
# Sentence-final punctuation.
ENDS = frozenset(".!?…")


@cache
def _sentencizer() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start_char, end_char) of each sentence of ``text``, paragraph by paragraph, with
    the surrounding whitespace left out.

    >>> sentences('Kyiv said no. "We stay," he added.')
    [(0, 13), (14, 34)]
    """
    quotes = [quote for quote in find_quotes(text) if not quote.scare]
    found: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs(text):
        doc = _sentencizer()(text[para_start:para_end])
        spans = [
            (para_start + s.start_char, para_start + s.end_char)
            for s in doc.sents
            if s.text.strip()
        ]
        found += _whole_quotations(_cut_before_quotations(text, spans, quotes), quotes)
    return [trim_space(text, start, end) for start, end in found]


def _cut_before_quotations(
    text: str, spans: list[tuple[int, int]], quotes: Sequence[Quote]
) -> list[tuple[int, int]]:
    """Sentences also end before a quotation that opens after a full stop: the sentencizer
    reads the opening mark of ``no. "We stay," he added`` as closing the sentence before."""
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        for quote in quotes:
            if start < quote.start < end and text[start : quote.start].rstrip()[-1:] in ENDS:
                cut.append((start, quote.start))
                start = quote.start
        cut.append((start, end))
    return cut


def _whole_quotations(
    spans: list[tuple[int, int]], quotes: Sequence[Quote]
) -> list[tuple[int, int]]:
    """Sentences joined where a boundary falls inside a quotation."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and any(q.start < start < q.end for q in quotes):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def article_script(article: Article, statements: Sequence[Statement]) -> Script:
    """The story of ``article`` as read aloud: every sentence, direct quotations flagged
    (the quotation marks of a direct or mixed statement's content), each sentence tied to the
    statement that covers most of it."""
    text = article.text
    quoted = _quoted_ranges(text, statements)
    paras = paragraphs(text)
    paragraph_ends = {end for _, end in paras}
    utterances = []
    for start, end in sentences(text):
        pause = PARAGRAPH_PAUSE if _ends_paragraph(text, end, paragraph_ends) else SENTENCE_PAUSE
        utterances.append(
            Utterance(
                start_char=start,
                end_char=end,
                text=text[start:end],
                parts=spoken_parts(text, start, end, quoted),
                statement_id=_statement_of(start, end, statements),
                pause_after=pause,
            )
        )
    return Script(text=text, utterances=tuple(utterances))


def _ends_paragraph(text: str, end: int, paragraph_ends: set[int]) -> bool:
    rest = end
    while rest < len(text) and text[rest] in " \t":
        rest += 1
    return rest in paragraph_ends or rest == len(text)


def _quoted_ranges(text: str, statements: Sequence[Statement]) -> list[tuple[int, int]]:
    """Inner text of the quotations that hold a direct or mixed statement's content."""
    contents = [
        span
        for statement in statements
        if statement.kind in QUOTED_KINDS
        for span in statement.content
    ]
    ranges = []
    for quote in find_quotes(text):
        if quote.scare:
            continue
        if any(quote.start <= span.start_char < quote.end for span in contents):
            ranges += list(quote.fragments)
    return sorted(ranges)


def spoken_parts(
    text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]
) -> tuple[Part, ...]:
    """``text[start:end]`` as parts, quotation insides flagged; the quotation marks
    themselves are not spoken."""
    parts: list[Part] = []
    at = start
    for q_start, q_end in quoted:
        inner_start, inner_end = max(q_start, start), min(q_end, end)
        if inner_start >= inner_end:
            continue
        _add(parts, text[at:inner_start], quoted=False)
        _add(parts, text[inner_start:inner_end], quoted=True)
        at = inner_end
    _add(parts, text[at:end], quoted=False)
    return tuple(parts)


def _add(parts: list[Part], words: str, *, quoted: bool) -> None:
    cleaned = " ".join(
        words.replace("\u201c", " ").replace("\u201d", " ").replace('"', " ").split()
    )
    if any(char.isalnum() for char in cleaned):
        parts.append(Part(cleaned, quoted))


def _statement_of(start: int, end: int, statements: Sequence[Statement]) -> str | None:
    """The statement whose spans cover most of the sentence, if any covers it."""
    best, best_cover = None, 0
    for statement in statements:
        spans = [*statement.source, *statement.content]
        if statement.cue is not None:
            spans.append(statement.cue)
        cover = sum(max(0, min(end, s.end_char) - max(start, s.start_char)) for s in spans)
        if cover > best_cover:
            best, best_cover = statement.id, cover
    return best


def text_script(lines: Sequence[tuple[str, Sequence[tuple[int, int]], str | None]]) -> Script:
    """A script of generated sentences (a digest): each line is (sentence, quoted ranges
    within it, statement id); the text read is the sentences joined by spaces."""
    text = ""
    utterances = []
    for sentence, quoted_in_line, statement_id in lines:
        if text:
            text += " "
        start = len(text)
        text += sentence
        ranges = [(start + a, start + b) for a, b in quoted_in_line]
        utterances.append(
            Utterance(
                start_char=start,
                end_char=len(text),
                text=sentence,
                parts=spoken_parts(text, start, len(text), ranges),
                statement_id=statement_id,
            )
        )
    return Script(text=text, utterances=tuple(utterances))
