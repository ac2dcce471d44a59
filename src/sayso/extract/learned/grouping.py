"""Learned spans -> frames: each source and content span joins the nearest cue.

The tagger marks spans but not which belong together. A source or content span joins the
nearest cue of its paragraph, a cue in another sentence counting ``SENTENCE_PENALTY`` characters
further away and a content before its cue ``CONTENT_BEFORE_CUE_WEIGHT`` times further; a content
that the parse puts in the clause of an earlier cue goes to that cue rather than to a nearer one
after it; a source loses the dateline a story opens with. A content span in a paragraph without
a cue continues the last speaker when it lies in a quotation (a floating quote), and is dropped
otherwise. Quotations overlapping a content are attached, so a direct quote keeps its exact
marks.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sayso.extract.learned.windows import Interval
from sayso.extract.s1_quotes import Quote, paragraph_of, paragraphs
from sayso.extract.s2_cues import ACCORDING_TO, HEDGES, Cue, CueEntry, Lexicon
from sayso.extract.s3_content import content_spans
from sayso.extract.s4_sources import source_head, source_tokens
from sayso.extract.s5_frames import Frame

# How much further a cue in another sentence counts: one sentence of typical news length
# (PolNeAR train: a median sentence of about 130 characters), so a same-sentence cue wins.
SENTENCE_PENALTY = 150
LEARNED = frozenset({"learned"})
# A reported clause mostly follows its cue ("said that …"); one before it ('"…," he said') is
# nearer its cue than this many times the characters between them. Chosen on the PolNeAR train
# split (first 150 articles): cue-content pairing F1 0.790 at 1, 0.792 at 3, no better at 5.
CONTENT_BEFORE_CUE_WEIGHT = 3
DATELINE_DASHES = frozenset({"–", "—", "-", "--"})
# Shorter tagged content is noise ("his", "move"); the parse's complement replaces it.
MIN_CONTENT_WORDS = 2


def learned_frames(
    doc: Doc, spans: dict[str, list[Interval]], quotes: list[Quote], lexicon: Lexicon
) -> list[Frame]:
    """Frames from tagged spans, in text order; a cue left without content is dropped."""
    paras = paragraphs(doc.text)
    spans = {role: _within_paragraphs(found, paras) for role, found in spans.items()}
    frames = [f for f in (_cue_frame(doc, s, e, lexicon) for s, e in spans["cue"]) if f]
    for start, end in spans["source"]:
        frame = _nearest(frames, start, end, paras)
        tokens = _without_dateline(_tokens(doc, start, end))
        if frame is not None and tokens and _closer_source(frame, start, end):
            frame.source = tokens
    floating: list[Frame] = []
    complements = [(frame, _parsed_content(frame)) for frame in frames]
    for start, end in spans["content"]:
        frame = _nearest(frames, start, end, paras, before=CONTENT_BEFORE_CUE_WEIGHT)
        if frame is not None and frame.cue is not None and end <= frame.cue.start_char:
            # Before its nearest cue: a cue before it whose clause holds it wins ("said that
            # the sensors recorded a leak, contradicting …": the leak is said's).
            governing = _governing(complements, start)
            if governing is not None and governing.cue is not None:
                frame = governing if governing.cue.end_char <= start else frame
        if frame is not None:
            frame.content.append((start, end))
        elif any(q.start <= start and end <= q.end for q in quotes if not q.scare):
            floating.append(_floating(doc, frames, start, end))
    frames = _relays_folded(frames)
    for frame in frames:
        if not frame.source and frame.cue is not None:
            frame.source = _parsed_source(frame.cue, lexicon)
        frame.content = _worded(doc, frame.content) or _parsed_content(frame)
    found = [f for f in frames if f.content] + [f for f in floating if f.continues]
    for frame in found:
        frame.quotes = [q for q in quotes if not q.scare and _overlaps_content(frame, q)]
    return sorted(found, key=_position)


def with_rule_frames(learned: list[Frame], rules: list[Frame]) -> list[Frame]:
    """The learned frames plus the rule frames whose cue and content the tagger left untouched
    (on PolNeAR dev this adds 0.003 exact F1 over all roles and 0.005 overlap; mostly
    quotations with a cue the tagger missed)."""
    taken = [span for frame in learned for span in _cue_and_content(frame)]
    extra = [
        frame
        for frame in rules
        if not any(s < e2 and s2 < e for s, e in _cue_and_content(frame) for s2, e2 in taken)
    ]
    return sorted(learned + extra, key=_position)


def _cue_and_content(frame: Frame) -> list[Interval]:
    cue = [(frame.cue.start_char, frame.cue.end_char)] if frame.cue is not None else []
    return cue + frame.content


def _within_paragraphs(spans: list[Interval], paras: list[Interval]) -> list[Interval]:
    """A span never runs over a paragraph break: cut it into one piece per paragraph."""
    pieces = []
    for start, end in spans:
        for para_start, para_end in paras:
            s, e = max(start, para_start), min(end, para_end)
            if s < e:
                pieces.append((s, e))
    return pieces


def _parsed_source(cue: Cue, lexicon: Lexicon) -> list[Token]:
    """The tagger marks a shared source once ("Shoigu claimed … and said …"): the parse gives
    the second cue its subject."""
    head = source_head(cue, lexicon.is_cue_verb)
    return source_tokens(head) if head is not None else []


def _relays_folded(frames: list[Frame]) -> list[Frame]:
    """ "he said according to Interfax": "according to" relays the other cue of its sentence."""
    kept = []
    for frame in frames:
        cue = frame.cue
        host = next(
            (
                other
                for other in frames
                if other is not frame and other.cue is not None and other.sentence == frame.sentence
            ),
            None,
        )
        if cue is not None and cue.is_according_to and host is not None and frame.source:
            first, last = frame.source[0], frame.source[-1]
            host.relayed_by = first.doc.text[first.idx : last.idx + len(last)]
            host.content.extend(frame.content)
            continue
        kept.append(frame)
    return kept


def _worded(doc: Doc, content: list[Interval]) -> list[Interval]:
    """Content pieces of at least ``MIN_CONTENT_WORDS`` words; a lone "his" is tagger noise."""
    pieces = [_after_possessive(doc.text, s, e) for s, e in content]
    return [(s, e) for s, e in pieces if len(doc.text[s:e].split()) >= MIN_CONTENT_WORDS]


def _after_possessive(text: str, start: int, end: int) -> Interval:
    """A piece starting inside "city’s" starts after the word: the "s" is not content."""
    if start > 0 and text[start - 1] in "’'" and text[start : start + 2].rstrip() == "s":
        start += 1
        while start < end and text[start].isspace():
            start += 1
    return start, end


def _parsed_content(frame: Frame) -> list[Interval]:
    return content_spans(frame.cue) if frame.cue is not None else []


def _cue_frame(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Frame | None:
    tokens = _core(_tokens(doc, start, end))
    if not tokens:
        return None
    if tokens[0].lower_ == "according":
        return Frame(Cue(tokens[0], tuple(tokens), ACCORDING_TO), [], [], tokens[0].sent)
    tokens = _up_to_date(tokens)
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None  # "translated by …": a preposition the tagger took for a cue
    head = verbs[-1] if verbs else tokens[-1]
    entry = lexicon.single.get(head.lemma_.lower()) or CueEntry(head.lemma_.lower(), None, LEARNED)
    return Frame(Cue(head, tuple(tokens), entry), [], [], head.sent)


def _core(tokens: list[Token]) -> list[Token]:
    """The cue without punctuation and dates around it and without a hedge before it
    ("reportedly claimed" is "claimed": the hedge is the writer's, not the speaker's). Other
    adverbs stay, as PolNeAR marks them ("also said", "repeatedly denied"): keeping them is
    worth 0.034 cue exact F1 on PolNeAR dev (0.688 to 0.722) and 0.040 on train."""
    while tokens and (_is_modifier(tokens[0]) or tokens[0].lower_ in HEDGES):
        tokens = tokens[1:]
    while tokens and _is_modifier(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _up_to_date(tokens: list[Token]) -> list[Token]:
    """The cue cut before a date after its verb and what follows: "said Thursday in a Telegram
    post" is "said" (cutting at every preposition instead costs 0.006 cue F1 on PolNeAR dev)."""
    for n, token in enumerate(tokens[1:], start=1):
        if token.ent_type_ in ("DATE", "TIME") and tokens[n - 1].pos_ == "VERB":
            return tokens[:n]
    return tokens


def _is_modifier(token: Token) -> bool:
    return token.is_punct or token.ent_type_ in ("DATE", "TIME")


def _nearest(
    frames: list[Frame], start: int, end: int, paras: list[Interval], before: int = 1
) -> Frame | None:
    """The frame whose cue is nearest ``start..end`` in its paragraph; a span before the
    cue counts ``before`` times its distance."""
    para = paragraph_of(start, paras)
    best, best_distance = None, None
    for frame in frames:
        assert frame.cue is not None
        cue_start, cue_end = frame.cue.start_char, frame.cue.end_char
        if paragraph_of(cue_start, paras) != para:
            continue
        distance = (cue_start - end) * before if end <= cue_start else max(0, start - cue_end)
        sentence = frame.sentence
        if not (sentence.start_char <= start < sentence.end_char):
            distance += SENTENCE_PENALTY
        if best_distance is None or distance < best_distance:
            best, best_distance = frame, distance
    return best


def _governing(complements: list[tuple[Frame, list[Interval]]], start: int) -> Frame | None:
    """The frame whose cue governs the clause a content span starts in: of the cues whose
    parsed complement holds ``start``, the one with the smallest complement ("said that the
    sensors recorded a leak, contradicting the company's insistence": the first content is
    said's, the second contradicting's)."""
    holding = [
        (end - begin, frame)
        for frame, intervals in complements
        for begin, end in intervals
        if begin <= start < end
    ]
    return min(holding, key=lambda found: found[0])[1] if holding else None


def _without_dateline(tokens: list[Token]) -> list[Token]:
    """A source without the dateline a story opens with ("VARDENMOOR – The head of …"): words
    in capitals and a dash before the source itself."""
    for n, token in enumerate(tokens[:4]):
        if token.text in DATELINE_DASHES:
            before = tokens[:n]
            if before and all(t.text.isupper() or t.is_punct for t in before):
                return tokens[n + 1 :]
            break
    return tokens


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


def _position(frame: Frame) -> int:
    """Statements come in the order of their cues ("declared … and called on" share a source);
    a floating quote where it stands."""
    return frame.cue.start_char if frame.cue is not None else frame.start
