"""Learned spans -> frames: each source and content span joins the nearest cue.

The tagger marks spans but not which belong together. A source or content span joins the
nearest cue of its paragraph, a cue in another sentence counting ``SENTENCE_PENALTY`` characters
further away; a content span in a paragraph without a cue continues the last speaker (a floating
quote). Quotations overlapping a content are attached, so a direct quote keeps its exact marks.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sayso.extract.learned.windows import Interval
from sayso.extract.s1_quotes import Quote, paragraphs
from sayso.extract.s2_cues import Cue, CueEntry, Lexicon
from sayso.extract.s5_frames import Frame

# How much further a cue in another sentence counts: one sentence of typical news length
# (PolNeAR train: a median sentence of about 130 characters), so a same-sentence cue wins.
SENTENCE_PENALTY = 150
LEARNED = frozenset({"learned"})


def learned_frames(
    doc: Doc, spans: dict[str, list[Interval]], quotes: list[Quote], lexicon: Lexicon
) -> list[Frame]:
    """Frames from tagged spans, in text order; a cue left without content is dropped."""
    paras = paragraphs(doc.text)
    frames = [f for f in (_cue_frame(doc, s, e, lexicon) for s, e in spans["cue"]) if f]
    for start, end in spans["source"]:
        frame = _nearest(frames, start, end, paras)
        tokens = _tokens(doc, start, end)
        if frame is not None and tokens and _closer_source(frame, start, end):
            frame.source = tokens
    floating: list[Frame] = []
    for start, end in spans["content"]:
        frame = _nearest(frames, start, end, paras)
        if frame is not None:
            frame.content.append((start, end))
        else:
            floating.append(_floating(doc, frames, start, end))
    found = [f for f in frames if f.content] + [f for f in floating if f.continues]
    for frame in found:
        frame.quotes = [q for q in quotes if not q.scare and _overlaps_content(frame, q)]
    return sorted(found, key=lambda f: f.start)


def _cue_frame(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Frame | None:
    tokens = _tokens(doc, start, end)
    if not tokens:
        return None
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    head = verbs[-1] if verbs else tokens[-1]
    entry = lexicon.single.get(head.lemma_.lower()) or CueEntry(head.lemma_.lower(), None, LEARNED)
    return Frame(Cue(head, tuple(tokens), entry), [], [], head.sent)


def _nearest(frames: list[Frame], start: int, end: int, paras: list[Interval]) -> Frame | None:
    para = _paragraph(start, paras)
    best, best_distance = None, None
    for frame in frames:
        assert frame.cue is not None
        cue_start, cue_end = frame.cue.start_char, frame.cue.end_char
        if _paragraph(cue_start, paras) != para:
            continue
        distance = cue_start - end if end <= cue_start else max(0, start - cue_end)
        sentence = frame.sentence
        if not (sentence.start_char <= start < sentence.end_char):
            distance += SENTENCE_PENALTY
        if best_distance is None or distance < best_distance:
            best, best_distance = frame, distance
    return best


def _closer_source(frame: Frame, start: int, end: int) -> bool:
    """Whether this source is nearer the cue than the one the frame already has."""
    if not frame.source or frame.cue is None:
        return True
    cue = frame.cue.start_char

    def gap(s: int, e: int) -> int:
        return abs(cue - e) if e <= cue else abs(s - cue)

    old = frame.source
    return gap(start, end) < gap(old[0].idx, old[-1].idx + len(old[-1]))


def _floating(doc: Doc, frames: list[Frame], start: int, end: int) -> Frame:
    earlier = [f for f in frames if f.cue is not None and f.cue.end_char <= start]
    last = max(earlier, key=lambda f: f.cue.end_char if f.cue else 0) if earlier else None
    sentence = doc.char_span(start, end, alignment_mode="expand")
    anchor = sentence.sent if sentence is not None and len(sentence) else doc[0].sent
    return Frame(None, [], [(start, end)], anchor, continues=last)


def _overlaps_content(frame: Frame, quote: Quote) -> bool:
    return any(s < quote.end and quote.start < e for s, e in frame.content)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if not t.is_space] if span is not None else []


def _paragraph(offset: int, paras: list[Interval]) -> int:
    for index, (start, end) in enumerate(paras):
        if start <= offset < end:
            return index
    return -1
