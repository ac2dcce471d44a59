"""Stage 7: statements — frames become Statements with speaker, kind, polarity, date, channel.

Content that lies inside quotation marks is direct; a clause with a quoted part is mixed;
anything else is indirect. A denial cue (deny, reject, dismiss…) makes the polarity "denies";
"No one knocked out anyone" is an assertion, whatever its words. The date comes from the words
around the cue ("said Thursday"), else it is the publication date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from sayso.extract.channel import find_channel
from sayso.extract.dates import statement_date
from sayso.extract.s1_quotes import Quote
from sayso.extract.s3_content import Interval
from sayso.extract.s5_frames import Frame
from sayso.extract.s6_lexicon import ORG_NOUNS
from sayso.extract.s6_speakers import Resolution, SpeakerBook
from sayso.model import Article, Kind, Polarity, Span, Statement, stable_id

# Confidence by how the statement was found; ranked by hand on the golden example and the
# PolNeAR train split (direct quotes with a named cue are the surest, floating quotes the least).
CONFIDENCE_DIRECT = 0.9
CONFIDENCE_INDIRECT = 0.75
CONFIDENCE_WEAK_CUE = 0.6
CONFIDENCE_FLOATING = 0.5
# The pronouns by which a speaker's own words name the speaker.
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Participles of saying that, set off by a comma after a reported clause, are the writer's
# framing and not the speaker's words ("said the sensors recorded a leak, contradicting the
# company"). Chosen on the PolNeAR train split: its gold contents end before ", saying" 75 times
# and run through it 5; ", arguing" 12 / 0, ", noting" 8 / 1, ", citing" 5 / 1.
ADJUNCT_PARTICIPLES = frozenset(
    "say argue note cite contrast add suggest echo reiterate contradict".split()
)


def build_statements(article: Article, doc: Doc, frames: list[Frame]) -> list[Statement]:
    """Statements for ``frames`` (in text order), speakers resolved as the text unfolds."""
    book = SpeakerBook(doc)
    resolved: dict[int, Resolution] = {}
    statements = []
    speaking: list[tuple[Frame, Resolution]] = []  # frames resolved so far, with their speakers
    for found in frames:
        frame = _with_appositive(found, doc)
        resolution = _speaker_of_first_person(frame, speaking) or _resolve(book, frame, resolved)
        resolved[id(found)] = resolution  # a floating quotation's ``continues`` is ``found``
        speaking.append((frame, resolution))
        statements.append(_statement(article, doc, frame, resolution))
    return _one_per_content(statements)


def _speaker_of_first_person(
    frame: Frame, speaking: list[tuple[Frame, Resolution]]
) -> Resolution | None:
    """"I" and "we" inside someone's words are that someone: the "I think" of a transcript
    line labelled "PENCE:", or of a quotation given to a named speaker."""
    if len(frame.source) != 1 or frame.source[0].lower_ not in FIRST_PERSON:
        return None
    at = frame.source[0].idx
    for outer, resolution in reversed(speaking):
        inside = any(s <= at < e for s, e in outer.content) or any(
            q.start <= at < q.end for q in outer.quotes
        )
        if inside and resolution.speaker and outer is not frame:
            return resolution
    return None



def _with_appositive(frame: Frame, doc: Doc) -> Frame:
    """The frame with the name set in apposition right after its source taken into the source
    and out of the content: "According to the harbour master, Jonas Brandt, the ship left"."""
    if frame.cue is None or not frame.source:
        return frame
    last = frame.source[-1]
    inside = {t.i for t in frame.source if t.text != ","}
    comma = last if last.text == "," else doc[last.i + 1] if last.i + 1 < len(doc) else None
    if comma is None or comma.text != ",":
        return frame
    name = _appositive_after(doc, comma.i, inside)
    if name is None:
        return frame
    end = name.idx + len(name)
    after = doc[name.i + 1] if name.i + 1 < len(doc) else None
    resume = after.idx + len(after) if after is not None and after.text == "," else end
    while resume < len(doc.text) and doc.text[resume].isspace():
        resume += 1
    # Content the name was read into starts after it; content elsewhere (a quotation before
    # the source) stays as it is.
    trimmed = [(max(s, resume), e) if s < resume and e > comma.idx else (s, e)
               for s, e in frame.content]
    content = [(s, e) for s, e in trimmed if e > s]
    source = [*frame.source, *doc[last.i + 1 : name.i + 1]]
    return replace(frame, source=source, content=content or frame.content)


def _appositive_after(doc: Doc, comma: int, source: set[int]) -> Token | None:
    """The last token of a person's name in apposition to the source, starting after ``comma``."""
    i = comma + 1
    while i < len(doc) and doc[i].ent_type_ == "PERSON" and doc[i].pos_ == "PROPN":
        i += 1
    if i == comma + 1:
        return None
    name = doc[i - 1]
    if name.dep_ == "appos" and name.head.i in source:
        return name
    # The parser often takes the name for the next clause's subject ("According to the trust's
    # chief executive, Helen Marsh, the alarm sounded"): a name set off by commas after a
    # source that ends in a common noun is that noun's appositive all the same.
    last = doc[max(source)]
    set_off = i < len(doc) and doc[i].text == ","
    if set_off and last.pos_ == "NOUN" and last.lower_ not in ORG_NOUNS:
        return name
    return None


def _one_per_content(statements: list[Statement]) -> list[Statement]:
    """Statements with unique ids (an id is the hash of the content). A content taken by a cue
    drops its cue-less twin (a floating quotation the cue also took); two cues with the same
    content (two speakers saying one thing) stay two statements, the later one's id keyed by
    its cue as well."""
    cued = {statement.id for statement in statements if statement.cue is not None}
    seen: set[str] = set()
    unique = []
    for statement in statements:
        if statement.cue is None and statement.id in cued:
            continue
        if statement.id in seen and statement.cue is not None:
            cue = statement.cue
            statement = replace(
                statement, id=stable_id(statement.id, f"cue {cue.start_char}:{cue.end_char}")
            )
        if statement.id in seen:
            continue
        seen.add(statement.id)
        unique.append(statement)
    return unique


def _resolve(book: SpeakerBook, frame: Frame, resolved: dict[int, Resolution]) -> Resolution:
    if frame.cue is None:
        previous = resolved.get(id(frame.continues)) if frame.continues is not None else None
        return previous or Resolution(None, "unnamed")
    _note_subjects_before(book, frame)
    return book.resolve(frame.source)


def _note_subjects_before(book: SpeakerBook, frame: Frame) -> None:
    """Sentence subjects that are not sources still move "he" ("The deputy commander issued…")."""
    sentence = frame.sentence
    previous = sentence.doc[sentence.start - 1].sent if sentence.start > 0 else None
    if previous is None:
        return
    root = previous.root
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if subjects and subjects[0].pos_ != "PRON":
        resolution = book.peek(list(subjects[0].subtree))
        if resolution.kind == "person" or resolution.members:
            book.note(resolution)


def _statement(article: Article, doc: Doc, frame: Frame, who: Resolution) -> Statement:
    content = _content(frame, doc)
    kind = _kind(frame, content)
    cue = article.span(frame.cue.start_char, frame.cue.end_char) if frame.cue else None
    source = (_source_span(article, frame),) if frame.source else ()
    around = _frame_text(article.text, frame, content)
    channel, relayed_by = find_channel(around) if frame.cue else (None, None)
    date = statement_date(around, article.published) if frame.cue else None
    if date is None and article.published is not None:
        date = article.published.isoformat()
    spans = tuple(article.span(s, e) for s, e in content)
    return Statement(
        id=stable_id(article.id, *(f"{s}:{e}" for s, e in content), length=16),
        article_id=article.id,
        speaker=who.speaker,
        speaker_kind=who.kind,
        role=who.role,
        source=source,
        cue=cue,
        content=spans,
        kind=kind,
        polarity=_polarity(frame),
        date=date,
        channel=channel,
        relayed_by=frame.relayed_by or relayed_by,
        confidence=_confidence(frame, kind),
    )


def _content(frame: Frame, doc: Doc) -> list[Interval]:
    """Content intervals: a clause wholly inside one quotation becomes the quotation; a
    reported clause ends before a participle the writer adds (", saying …", ", contradicting
    …")."""
    quotes = sorted(frame.quotes, key=lambda q: q.start)
    pieces: list[Interval] = []
    for start, end in frame.content:
        inside = [q for q in quotes if q.start <= start and end <= q.end]
        if not inside:
            pieces.append((start, _before_adjunct(doc, start, end, quotes)))
    for quote in quotes:
        pieces.extend(quote.fragments)
    return _merge(pieces)


def _before_adjunct(doc: Doc, start: int, end: int, quotes: Sequence[Quote]) -> int:
    """``end``, or where a comma-set participle of saying starts a writer's adjunct inside
    ``start..end`` and outside any quotation."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    for token in span[1:]:
        before = token.nbor(-1)
        if (
            token.tag_ == "VBG"
            and token.lemma_.lower() in ADJUNCT_PARTICIPLES
            and before.text in (",", "—", "–")
            and not any(q.start <= token.idx < q.end for q in quotes)
        ):
            return before.idx
    return end


def _merge(pieces: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(p for p in pieces if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _kind(frame: Frame, content: list[Interval]) -> Kind:
    quoted = [_inside_quote(frame.quotes, s, e) for s, e in content]
    if quoted and all(quoted):
        return "direct"
    text = frame.sentence.doc.text
    if any(q for q in quoted) or any(_has_quote_mark(text[s:e]) for s, e in content):
        return "mixed"
    return "indirect"


def _inside_quote(quotes: list[Quote], start: int, end: int) -> bool:
    return any(q.start <= start and end <= q.end for q in quotes)


def _has_quote_mark(text: str) -> bool:
    return any(mark in text for mark in ('"', "“", "”", "«", "»"))


def _polarity(frame: Frame) -> Polarity:
    if frame.cue is None:
        return "asserts"
    negated = any(t.dep_ == "neg" for t in frame.cue.tokens)
    denies = frame.cue.has("denial") != negated
    return "denies" if denies else "asserts"


def _confidence(frame: Frame, kind: Kind) -> float:
    if frame.cue is None:
        return CONFIDENCE_FLOATING
    if frame.cue.has("weak"):
        return CONFIDENCE_WEAK_CUE
    return CONFIDENCE_DIRECT if kind == "direct" else CONFIDENCE_INDIRECT


def _source_span(article: Article, frame: Frame) -> Span:
    first, last = frame.source[0], frame.source[-1]
    return article.span(first.idx, last.idx + len(last))


def _source_clauses(frame: Frame) -> list[Interval]:
    clauses = [c for t in frame.source for c in t.children if c.dep_ in ("relcl", "acl")]
    return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in clauses]


def _frame_text(text: str, frame: Frame, content: list[Interval]) -> str:
    """The cue's sentence with the content, and clauses describing the source ("who arrived on
    Monday"), blanked out: what is left is where dates and channels are said."""
    start, end = frame.sentence.start_char, frame.sentence.end_char
    chars = list(text[start:end])
    for s, e in content + _source_clauses(frame):
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return " ".join("".join(chars).split())
