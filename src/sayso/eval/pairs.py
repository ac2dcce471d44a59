"""How well spans are grouped into statements: PolNeAR's attributions as pairs of spans.

The span scores of EVAL.md judge each source, cue and content on its own; they cannot tell a
content given to the wrong cue. Here every gold attribution (a brat ``E`` line joining a Source,
a Cue and a Content) gives its (source, cue) and (cue, content) pairs, one per fragment; every
statement gives the same pairs. A predicted pair matches a gold pair when both of its spans
overlap the gold ones (one-to-one, most shared characters first). These figures are sayso's own,
reported beside EVAL.md's; they are not part of the EVAL.md definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from sayso.eval.spans import CharSpan, NonSpaceIndex, Tally, greedy_pairs, normalise_span
from sayso.model import Statement

PAIRS: tuple[str, ...] = ("source-cue", "cue-content")
ROLE_KEYS = ("Source", "Cue", "Content")  # the argument names of an attribution event

Pair = tuple[CharSpan, CharSpan]
RolePairs = dict[str, list[Pair]]

_TEXT_BOUND = re.compile(r"^(?P<id>T\d+)\t(?P<type>\S+) (?P<offsets>\d+ \d+(?:;\d+ \d+)*)")
_EVENT = re.compile(r"^E\d+\t(?P<arguments>.*)$")


def read_gold_pairs(annotation_text: str, text: str) -> RolePairs:
    """The (source, cue) and (cue, content) pairs of every attribution in a brat file."""
    fragments: dict[str, list[CharSpan]] = {}
    events: list[dict[str, str]] = []
    for line in annotation_text.split("\n"):
        if match := _TEXT_BOUND.match(line):
            offsets = (fragment.split() for fragment in match["offsets"].split(";"))
            fragments[match["id"]] = _normalised(text, [(int(a), int(b)) for a, b in offsets])
        elif match := _EVENT.match(line):
            roles = dict(part.split(":", 1) for part in match["arguments"].split() if ":" in part)
            events.append(roles)
    pairs: RolePairs = {name: [] for name in PAIRS}
    for roles in events:
        source, cue, content = (fragments.get(roles.get(r, ""), []) for r in ROLE_KEYS)
        pairs["source-cue"] += [(s, c) for s in source for c in cue]
        pairs["cue-content"] += [(c, t) for c in cue for t in content]
    return pairs


def pairs_from_statements(text: str, statements: Iterable[Statement]) -> RolePairs:
    """The same pairs for sayso's statements (a statement without a cue gives none)."""
    pairs: RolePairs = {name: [] for name in PAIRS}
    for statement in statements:
        if statement.cue is None:
            continue
        cue = normalise_span(text, (statement.cue.start_char, statement.cue.end_char))
        if cue is None:
            continue
        sources = _normalised(text, [(s.start_char, s.end_char) for s in statement.source])
        contents = _normalised(text, [(s.start_char, s.end_char) for s in statement.content])
        pairs["source-cue"] += [(s, cue) for s in sources]
        pairs["cue-content"] += [(cue, c) for c in contents]
    return pairs


def tally_pairs(
    gold: Mapping[str, Sequence[Pair]], predicted: Mapping[str, Sequence[Pair]], text: str
) -> dict[str, Tally]:
    """Overlap matches of predicted against gold pairs, for each kind of pair."""
    index = NonSpaceIndex(text)
    tallies = {}
    for name in PAIRS:
        gold_pairs = sorted(set(gold.get(name, ())))
        predicted_pairs = sorted(set(predicted.get(name, ())))
        matched = _pair_matches(gold_pairs, predicted_pairs, index)
        tallies[name] = Tally(matched, len(gold_pairs), len(predicted_pairs))
    return tallies


def _pair_matches(gold: Sequence[Pair], predicted: Sequence[Pair], index: NonSpaceIndex) -> int:
    candidates = []
    for g, (gold_a, gold_b) in enumerate(gold):
        for p, (predicted_a, predicted_b) in enumerate(predicted):
            first = index.shared(gold_a, predicted_a)
            second = index.shared(gold_b, predicted_b) if first else 0
            if first and second:
                candidates.append((-(first + second), g, p))
    return greedy_pairs(candidates)


def _normalised(text: str, spans: Iterable[CharSpan]) -> list[CharSpan]:
    found = (normalise_span(text, span) for span in spans)
    return [span for span in found if span is not None]
