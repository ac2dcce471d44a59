"""Canonical-speaker accuracy on PolNeAR: is the person who speaks named right?

The span scores of EVAL.md say whether a source span was found; they cannot say whether the
statement's canonical ``speaker`` names the right person ("Jerry Nadler" for "Rep. Jerry
Nadler, a Democrat ... a Clinton ally", not "Clinton"). Here a TSV of hand-made labels gives,
for gold Source spans that name a person, the full name of the person speaking::

    article<TAB>start_char<TAB>end_char<TAB>speaker

``start_char``/``end_char`` are character offsets of the gold source span in the split's
``text/<article>.txt`` (for a discontinuous span, the first fragment's start and the last
fragment's end). ``speaker`` is ``-`` where the source is not a person ("Clinton's campaign")
and ``?`` where the article leaves it unclear; both are left out of the figures. Two or more
speakers ("Mr. Grassley and Mr. Leahy") are joined by `` + ``.

For each person label, the statements whose source overlaps the gold span (a non-space
character in common, after the EVAL.md strip rule) are taken: the label is *found* when there
is one, and *right* when the speaker of the most-overlapping one is the same person
(``same_person``). These figures are sayso's own, beside EVAL.md's.

    report = evaluate_speakers(Path("shared/data/polnear/dev"), LABELS, Extractor())
    print(format_speaker_report(report))
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sayso.errors import EvalDataError
from sayso.eval.polnear import GoldArticle, StatementExtractor, article_for, load_split
from sayso.eval.spans import CharSpan, NonSpaceIndex, normalise_span
from sayso.model import Statement

HEADER = ("article", "start_char", "end_char", "speaker")
NOT_A_PERSON = "-"
UNSURE = "?"
JOINER = " + "
# How sayso writes a stated group of named speakers ("Mr. Clyburn and Mr. Butterfield").
GROUP_JOINER = " and "

# Words that are not part of a name when they open it ("Mr. Obama", "Sen. Ted Cruz") or close
# it ("John G. Roberts Jr."): without them the last word is the surname and the first word,
# if any other is left, the first name.
TITLES = frozenset(
    "mr mrs ms miss dr prof rev sir rep reps sen sens gov del gen lt col president senator "
    "governor representative mayor judge justice chief secretary".split()
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Particles that open a surname: "De Blasio" and "bin Laden" have no first name, so they can be
# "Bill de Blasio" and "Osama bin Laden".
PARTICLES = frozenset("de da di du del der den van von bin ibn la le st".split())
# A word of a name: a letter first, then letters, digits, apostrophes, hyphens, a final stop.
NAME_WORD = re.compile(r"[^\W\d_][\w'-]*\.?")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class SpeakerLabel:
    """One hand-made label: the gold source span and who is speaking."""

    article: str
    start_char: int
    end_char: int
    speaker: str

    @property
    def is_person(self) -> bool:
        return self.speaker not in (NOT_A_PERSON, UNSURE)

    @property
    def is_coordinated(self) -> bool:
        return JOINER in self.speaker


@dataclass(frozen=True)
class SpeakerError:
    """A labelled span whose speaker came out wrong, or that no statement's source overlaps."""

    kind: str  # "wrong" or "missed"
    article: str
    start_char: int
    end_char: int
    gold: str
    gold_source: str
    predicted: str | None = None
    predicted_source: str | None = None


@dataclass
class Counts:
    """How many person labels there were, how many were found, how many named right."""

    labelled: int = 0
    found: int = 0
    right: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "labelled": self.labelled,
            "found": self.found,
            "right": self.right,
            "found_over_labelled": _ratio(self.found, self.labelled),
            "right_over_found": _ratio(self.right, self.found),
        }


@dataclass
class SpeakerReport:
    """Canonical-speaker accuracy over a set of labels, and the errors behind it."""

    articles: int = 0
    seconds: float = 0.0
    total: Counts = field(default_factory=Counts)
    coordinated: Counts = field(default_factory=Counts)
    not_a_person: int = 0
    unsure: int = 0
    errors: list[SpeakerError] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the figures at the top level, then the parts and the errors."""
        return {
            "articles": self.articles,
            "seconds": self.seconds,
            **self.total.as_json(),
            "coordinated": self.coordinated.as_json(),
            "excluded": {"not_a_person": self.not_a_person, "unsure": self.unsure},
            "errors": [asdict(error) for error in self.errors],
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# 1. Labels


def read_speaker_labels(path: Path) -> list[SpeakerLabel]:
    """The labels of a TSV file with the header ``article start_char end_char speaker``."""
    try:
        lines = Path(path).read_bytes().decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise EvalDataError(f"{path}: cannot be read as UTF-8 text ({error})") from error
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise EvalDataError(f"{path}:1: the header must be {chr(9).join(HEADER)!r}")
    return [
        _label(path, number, line) for number, line in enumerate(lines[1:], start=2) if line.strip()
    ]


def _label(path: Path, number: int, line: str) -> SpeakerLabel:
    parts = line.split("\t")
    if len(parts) != len(HEADER) or not parts[3].strip():
        raise EvalDataError(f"{path}:{number}: expected 4 tab-separated fields, got {line!r}")
    article, start, end, speaker = parts
    if not (start.isdigit() and end.isdigit()) or int(start) >= int(end):
        raise EvalDataError(f"{path}:{number}: offsets {start!r} {end!r} are not a span")
    return SpeakerLabel(article, int(start), int(end), speaker.strip())


# 2. Names


def name_parts(name: str) -> tuple[str | None, str] | None:
    """``(first name or None, surname)`` of a name, folded for comparison; None if no name.

    Accents are folded, case ignored, titles dropped from the front, Jr./II from the end and a
    possessive from the surname; a name that opens with a particle ("de", "bin") has no first
    name.

    >>> name_parts("Sen. Ted Cruz's")
    ('ted', 'cruz')
    >>> name_parts("MS. CLINTON"), name_parts("De Blasio")
    ((None, 'clinton'), (None, 'blasio'))
    """
    words = [word.rstrip(".") for word in NAME_WORD.findall(_folded(name))]
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    if not words:
        return None
    surname = re.sub(r"'s?$", "", words[-1])
    has_first = len(words) > 1 and words[0] not in PARTICLES
    return (words[0] if has_first else None), surname


def _folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.translate(APOSTROPHES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def same_person(gold: str, predicted: str | None) -> bool:
    """Whether two names can be the same person: the surname is the same, and the first
    names, where both have one, are equal or one is an initial or prefix of the other.

    >>> same_person("Jerry Nadler", "Nadler"), same_person("Joseph R. Biden Jr.", "J. Biden")
    (True, True)
    >>> same_person("Bill Clinton", "Hillary Clinton")
    False
    """
    gold_parts = name_parts(gold)
    predicted_parts = name_parts(predicted or "")
    if gold_parts is None or predicted_parts is None:
        return False
    (gold_first, gold_surname), (predicted_first, predicted_surname) = gold_parts, predicted_parts
    if gold_surname != predicted_surname:
        return False
    if gold_first is None or predicted_first is None:
        return True
    shorter, longer = sorted((gold_first, predicted_first), key=len)
    return longer.startswith(shorter)


def speaker_matches(label: str, predicted: str | None) -> bool:
    """``same_person`` for a label that may join several speakers with `` + `` (any counts);
    such a label is also met by a stated group naming one of them ("Jeff Merkley and Sherrod
    Brown", as sayso gives coordinated speakers)."""
    parts = label.split(JOINER)
    members = predicted.split(GROUP_JOINER) if predicted and len(parts) > 1 else [predicted]
    return any(same_person(part, member) for part in parts for member in members)


# 3. Scores


def best_statement(
    text: str, span: CharSpan, statements: Iterable[Statement], index: NonSpaceIndex
) -> Statement | None:
    """The statement whose source shares the most non-space characters with ``span``
    (the first in text order on a tie), or None when no source overlaps it."""
    gold = normalise_span(text, span)
    if gold is None:
        return None
    best: Statement | None = None
    most = 0
    for statement in statements:
        shared = sum(
            index.shared(gold, normalised)
            for source in statement.source
            if (normalised := normalise_span(text, (source.start_char, source.end_char)))
        )
        if shared > most:
            best, most = statement, shared
    return best


def score_speakers(
    labels: Sequence[SpeakerLabel],
    gold: Mapping[str, GoldArticle],
    statements: Mapping[str, Sequence[Statement]],
) -> SpeakerReport:
    """Found and right counts for ``labels`` over the statements extracted per article name."""
    report = SpeakerReport(articles=len({label.article for label in labels}))
    indexes: dict[str, NonSpaceIndex] = {}
    for label in labels:
        if not label.is_person:
            report.not_a_person += label.speaker == NOT_A_PERSON
            report.unsure += label.speaker == UNSURE
            continue
        text = gold[label.article].text
        index = indexes.setdefault(label.article, NonSpaceIndex(text))
        span = (label.start_char, label.end_char)
        best = best_statement(text, span, statements.get(label.article, ()), index)
        right = best is not None and speaker_matches(label.speaker, best.speaker)
        for counts in (report.total, *((report.coordinated,) if label.is_coordinated else ())):
            counts.labelled += 1
            counts.found += best is not None
            counts.right += right
        if not right:
            report.errors.append(_error(label, text, best))
    return report


def _error(label: SpeakerLabel, text: str, best: Statement | None) -> SpeakerError:
    missed = SpeakerError(
        "missed",
        label.article,
        label.start_char,
        label.end_char,
        label.speaker,
        gold_source=text[label.start_char : label.end_char],
    )
    if best is None:
        return missed
    predicted_source = " ... ".join(span.text for span in best.source)
    return replace(missed, kind="wrong", predicted=best.speaker, predicted_source=predicted_source)


# 4. The whole evaluation


def evaluate_speakers(
    folder: Path, labels_path: Path, extractor: StatementExtractor
) -> SpeakerReport:
    """Extract from every labelled article of a PolNeAR split and score its speakers.

    Articles are read and built as ``sayso eval polnear`` does (``load_split``,
    ``article_for``), so the labels' offsets index the text sayso extracts from.
    """
    labels = read_speaker_labels(labels_path)
    gold = {article.name: article for article in load_split(Path(folder))}
    _check_labels(labels, gold, labels_path)
    started = time.perf_counter()
    names = sorted({label.article for label in labels if label.is_person})
    articles = [article_for(gold[name]) for name in names]
    extracted = {
        name: statements
        for name, (_, statements) in zip(names, extractor.extract_many(articles), strict=True)
    }
    report = score_speakers(labels, gold, extracted)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _check_labels(
    labels: Iterable[SpeakerLabel], gold: Mapping[str, GoldArticle], path: Path
) -> None:
    for label in labels:
        if label.article not in gold:
            raise EvalDataError(f"{path}: article {label.article!r} is not in the split")
        if label.end_char > len(gold[label.article].text):
            raise EvalDataError(
                f"{path}: {label.article} {label.start_char}-{label.end_char} lies outside "
                f"the text ({len(gold[label.article].text)} characters)"
            )


def format_speaker_report(report: SpeakerReport) -> str:
    """The figures, then one tab-separated line per error: wrong speakers, then missed spans.

    ::

        speakers: 429 person labels over 73 articles in 32.4 s
        found 0.879 (377/429), right 0.897 (338/377); coordinated: found 9/10, right 7/9
        excluded: 21 not a person, 0 unsure
        wrong   nyt_...   1201 1230   Jerry Nadler   Hillary Clinton   Clinton
    """
    total, both = report.total, report.coordinated
    lines = [
        f"speakers: {total.labelled} person labels over {report.articles} articles "
        f"in {report.seconds:.1f} s",
        f"found {_ratio(total.found, total.labelled):.3f} ({total.found}/{total.labelled}), "
        f"right {_ratio(total.right, total.found):.3f} ({total.right}/{total.found}); "
        f"coordinated: found {both.found}/{both.labelled}, right {both.right}/{both.found}",
        f"excluded: {report.not_a_person} not a person, {report.unsure} unsure",
    ]
    for error in sorted(report.errors, key=lambda error: error.kind != "wrong"):
        fields = (
            error.kind,
            error.article,
            str(error.start_char),
            str(error.end_char),
            error.gold,
            error.predicted or "-",
            error.predicted_source or "-",
        )
        lines.append("\t".join(part.replace("\n", " ") for part in fields))
    return "\n".join(lines)
