"""Stage 5: frames — a cue with its source and content, quotations attached.

A frame is a statement before its speaker is known. Cues inside a quotation are the speaker's
own words, not attributions. A quotation joins the frame whose content it overlaps, else the cue
right beside it (`"…," he said` / `he said: "…"`), else the statement just before it in the same
paragraph (`"…," he said. "…"`); a paragraph that opens with an unattributed quotation continues
the last speaker (a floating quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sayso.extract.s1_quotes import Quote, paragraph_of, paragraphs
from sayso.extract.s2_cues import Cue, CueEntry, Lexicon, find_cues
from sayso.extract.s3_content import Interval, content_spans
from sayso.extract.s4_sources import source_head, source_tokens

# What may stand between a quotation and the cue that attributes it.
# Never across a paragraph break: a quotation there belongs to its own paragraph.
GAP_BEFORE_CUE = re.compile(r"^[ \t,—–-]*$")
GAP_AFTER_CUE = re.compile(r"^[ \t,:—–-]*\n?[ \t]*$")


# A colon attribution: a short phrase at the start of a line or sentence, a colon, a quotation.
COLON_SOURCE = re.compile(r"(?:^|\n|[.!?]\s+)([A-Z][^\n.!?:\"“”]{0,60}?)\s*(:)\s*$")
COLON_SOURCE_MAX_TOKENS = 8
# A headline attribution: "Graham: Trump's rhetoric is destroying the party" on its own line.
HEADLINE_COLON = re.compile(r"([A-Z][^\n:\"“”]{0,50}?)\s*(:)[ \t]+(\S[^\n]*?)[ \t.]*$", re.M)
COLON = CueEntry(":", None, frozenset())
# A transcript line whose speaker label follows an opening quotation mark, as transcripts
# quoted paragraph by paragraph print it: `"WALLACE: If I may, sir, …`.
QUOTED_LABEL = re.compile(r"[\"“]([A-Z][A-Z.'’ -]{0,40}?)\s*(:)[ \t]+(\S[^\n]*?)[ \t]*$", re.M)
# A quotation signed after a dash at the end of its line: `“…” ― Pamela Padilla`.
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][^\n―—–.!?\"“”]{0,60}?)[ \t\u00a0]*(?:\n|$)"
)
DASH = CueEntry("―", None, frozenset())
# Words in a transcript's speaker label: a name with an honorific or a title ("MS. CLINTON",
# "SEN. TIM KAINE").
SPEAKER_LABEL_MAX_WORDS = 4


# What joins a content to the next attribution of its sentence: ", and", " but", "–".
JOINT_TAIL = re.compile(r"(?:[\s,;:–—-]|\b(?:and|but|while|as|or)\b)*$")


@dataclass
class Frame:
    """A cue (None for a floating quote), its source tokens and content intervals."""

    cue: Cue | None
    source: list[Token]
    content: list[Interval]
    sentence: Span
    quotes: list[Quote] = field(default_factory=list)
    relayed_by: str | None = None
    continues: Frame | None = None  # a floating quote continues this frame's speaker

    @property
    def start(self) -> int:
        starts = [s for s, _ in self.content] + [t.idx for t in self.source]
        starts += [q.start for q in self.quotes]
        if self.cue is not None:
            starts.append(self.cue.start_char)
        return min(starts)

    @property
    def end(self) -> int:
        ends = [e for _, e in self.content] + [t.idx + len(t) for t in self.source]
        ends += [q.end for q in self.quotes]
        if self.cue is not None:
            ends.append(self.cue.end_char)
        return max(ends)

    @property
    def frame_start(self) -> int:
        """Where the source and cue begin (the attributing words, not the content)."""
        points = [t.idx for t in self.source] + ([self.cue.start_char] if self.cue else [])
        return min(points) if points else self.start

    @property
    def frame_end(self) -> int:
        points = [t.idx + len(t) for t in self.source]
        points += [self.cue.end_char] if self.cue else []
        return max(points) if points else self.end


def find_frames(doc: Doc, quotes: list[Quote], lexicon: Lexicon) -> list[Frame]:
    """Every frame of the document, in text order."""
    spoken = [q for q in quotes if not q.scare]
    frames: list[Frame] = []
    for sentence in doc.sents:
        frames.extend(_sentence_frames(sentence, spoken, lexicon))
    _attach_quotes(doc, frames, spoken)
    frames.extend(_headline_frames(doc, frames))
    frames = [f for f in frames if f.content or f.quotes]
    frames.sort(key=lambda f: f.start)
    return frames


def _sentence_frames(sentence: Span, quotes: list[Quote], lexicon: Lexicon) -> list[Frame]:
    frames: list[Frame] = []
    relays: list[tuple[Cue, list[Token]]] = []
    for cue in find_cues(list(sentence), lexicon):
        if any(q.contains(cue.start_char) for q in quotes):
            continue
        head = source_head(cue, lexicon.is_cue_verb)
        source = source_tokens(head) if head is not None else []
        if cue.is_according_to:
            relays.append((cue, source))
            continue
        content = [c for c in content_spans(cue) if c[1] > c[0]]
        if source and (content or _quote_beside(sentence.doc.text, cue, source, quotes)):
            frames.append(Frame(cue, source, content, sentence))
    for cue, source in relays:
        _add_according_to(frames, cue, source, sentence)
    _cut_nested(sentence.doc.text, frames)
    return frames


def _cut_nested(text: str, frames: list[Frame]) -> None:
    """A content ends where a coordinated cue begins ("said X and claimed Y"); an attribution
    nested in the content ("said Y claimed Z") stays part of it."""
    joined = [(f, f.cue.start_char) for f in frames if f.cue and f.cue.head.dep_ == "conj"]
    for frame in frames:
        cut = []
        for start, end in frame.content:
            inner = [at for f, at in joined if f is not frame and start < at < end]
            if inner and min(inner) > start:
                end = _trim_joint(text, start, min(inner))
            cut.append((start, end))
        frame.content = [c for c in cut if c[1] > c[0]]


def _trim_joint(text: str, start: int, end: int) -> int:
    """Drop the conjunction and punctuation that joined two attributions."""
    piece = JOINT_TAIL.sub("", text[start:end])
    return start + len(piece)


def _add_according_to(frames: list[Frame], cue: Cue, source: list[Token], sentence: Span) -> None:
    """ "according to X" relays another frame's statement, or is a statement of its own."""
    text = sentence.doc.text
    host = cue.head.head
    for frame in frames:
        if frame.cue is not None and (frame.cue.head == host or _overlaps_any(frame, cue)):
            frame.relayed_by = _text(source)
            relay_start = cue.start_char
            frame.content = [
                (s, _trim_joint(text, s, relay_start) if s < relay_start < e else e)
                for s, e in frame.content
            ]
            return
    content = [c for c in content_spans(cue) if c[1] > c[0]]
    if source and content:
        frames.append(Frame(cue, source, content, sentence))


def _overlaps_any(frame: Frame, cue: Cue) -> bool:
    return any(s <= cue.start_char < e for s, e in frame.content)


def _quote_beside(text: str, cue: Cue, source: list[Token], quotes: list[Quote]) -> bool:
    start = min([cue.start_char] + [t.idx for t in source])
    end = max([cue.end_char] + [t.idx + len(t) for t in source])
    return any(_adjacent(text, q, start, end) for q in quotes)


def _adjacent(text: str, quote: Quote, start: int, end: int) -> bool:
    if quote.end <= start:
        return bool(GAP_BEFORE_CUE.match(text[quote.end : start]))
    if quote.start >= end:
        return bool(GAP_AFTER_CUE.match(text[end : quote.start]))
    return False


def _attach_quotes(doc: Doc, frames: list[Frame], quotes: list[Quote]) -> None:
    text = doc.text
    paras = paragraphs(text)
    for quote in quotes:
        signed = _signed_frame(doc, quote)
        if signed is not None:
            frames.append(signed)
            continue
        frame = _overlapping(frames, quote) or _beside(text, frames, quote)
        if frame is not None:
            frame.quotes.append(quote)
            continue
        colon = _colon_frame(doc, quote)
        if colon is not None:
            frames.append(colon)
            continue
        previous = _previous_in_paragraph(frames, quote, paras)
        if previous is not None and previous.quotes:
            previous.quotes.append(quote)
        elif _opens_paragraph(quote, paras):
            floating = _floating(frames, quote)
            if floating is not None:
                frames.append(floating)


def _colon_frame(doc: Doc, quote: Quote) -> Frame | None:
    """A colon attribution: `Palamar: "…"` — a short noun phrase, a colon, the quotation."""
    match = COLON_SOURCE.search(doc.text, 0, quote.start)
    if match is None:
        return None
    parts = _colon_parts(doc, match)
    if parts is None:
        return None
    cue, source = parts
    return Frame(cue, source, [], cue.head.sent, [quote])


def _signed_frame(doc: Doc, quote: Quote) -> Frame | None:
    """A quotation signed after a dash: `“…” ― Pamela Padilla` at the end of its line."""
    match = DASH_SIGNATURE.match(doc.text, quote.end)
    if match is None:
        return None
    source = doc.char_span(match.start(2), match.end(2), alignment_mode="contract")
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if source is None or dash is None or not _names_someone(list(source)):
        return None
    cue = Cue(dash[0], (dash[0],), DASH)
    return Frame(cue, list(source), [], dash[0].sent, [quote])


def _headline_frames(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """Headline attributions: `Palamar: Russians are inside the plant` on a line of its own."""
    found = []
    for start, end in paragraphs(doc.text):
        match = HEADLINE_COLON.match(doc.text, start, end)
        if match is None:
            label = QUOTED_LABEL.match(doc.text, start, end)
            match = label if label is not None and _speaker_label(label.group(1)) else None
        if match is None:
            continue
        taken = any(start <= f.start < end for f in frames)
        if taken and not _speaker_label(match.group(1)):
            continue
        if taken:  # the labelled line is its speaker's, not a quotation floating on its own
            frames[:] = [f for f in frames if f.cue is not None or not start <= f.start < end]
        parts = _colon_parts(doc, match)
        if parts is None:
            continue
        cue, source = parts
        found.append(Frame(cue, source, [(match.start(3), match.end(3))], cue.head.sent))
    return found


def _speaker_label(label: str) -> bool:
    """A transcript's speaker label ("WALLACE", "MS. CLINTON"): the line is that speaker's,
    whatever attributions it holds itself ("I think …")."""
    return label.isupper() and 0 < len(label.split()) <= SPEAKER_LABEL_MAX_WORDS


def _colon_parts(doc: Doc, match: re.Match[str]) -> tuple[Cue, list[Token]] | None:
    """The colon cue (group 2) and the source before it (group 1), if that names someone."""
    source = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
    colon = doc.char_span(match.start(2), match.end(2), alignment_mode="expand")
    if source is None or colon is None or not _names_someone(list(source)):
        return None
    return Cue(colon[0], (colon[0],), COLON), list(source)


def _names_someone(tokens: list[Token]) -> bool:
    return (
        0 < len(tokens) <= COLON_SOURCE_MAX_TOKENS
        and not any(t.pos_ in ("VERB", "AUX") for t in tokens)
        and any(t.pos_ in ("PROPN", "NOUN") for t in tokens)
    )


def _overlapping(frames: list[Frame], quote: Quote) -> Frame | None:
    for frame in frames:
        if any(s < quote.end and quote.start < e for s, e in frame.content):
            if not (quote.start < frame.frame_start < quote.end):
                return frame
    return None


def _beside(text: str, frames: list[Frame], quote: Quote) -> Frame | None:
    for frame in frames:
        if frame.cue is not None and _adjacent(text, quote, frame.frame_start, frame.frame_end):
            return frame
    return None


def _previous_in_paragraph(
    frames: list[Frame], quote: Quote, paras: list[tuple[int, int]]
) -> Frame | None:
    para = paragraph_of(quote.start, paras)
    before = [f for f in frames if f.end <= quote.start and paragraph_of(f.start, paras) == para]
    return max(before, key=lambda f: f.end) if before else None


def _opens_paragraph(quote: Quote, paras: list[tuple[int, int]]) -> bool:
    return any(start == quote.start for start, _ in paras)


def _floating(frames: list[Frame], quote: Quote) -> Frame | None:
    """A frame continuing the last speaker before ``quote``; None when nobody spoke yet."""
    earlier = [f for f in frames if f.end <= quote.start and f.cue is not None]
    if not earlier:
        return None
    last = max(earlier, key=lambda f: f.end)
    return Frame(None, [], [], last.sentence, [quote], continues=last)


def _text(tokens: list[Token]) -> str:
    return tokens[0].doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
