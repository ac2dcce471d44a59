"""Crossfire scoring: speakers, claims and contradictions across outlets, against gold.

A crossfire folder holds one subfolder per event, each with its articles (``*.txt``) and a
``gold.json`` (``tests/eval/crossfire/README.md`` describes it). Every event is ingested into
one fresh store, as a reader following several stories would have them, and linked as
``sayso link`` does; then the stored statements and links are held against the gold.

    report = evaluate_crossfire(Path("tests/eval/crossfire"))
    print(format_report(report))

1. Gold: the statements, contradictions and consistent pairs of every event.
2. Observation: what the store holds after ingest and link (statements, claims, links).
3. Scores: a gold statement is *found* when a stored statement of its article has content
   containing ``content_contains`` (one span, or the spans joined by spaces) and the same
   speaker, as extracted or as linked across articles (any case); *found by content* without
   the speaker.
   A gold contradiction is found when a contradicts / denies link joins statements found for
   both sides; a consistent pair so linked is an error. Claim grouping asks, for every pair
   about one point, whether statements found by content for both sides share a claim.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sayso.errors import EvalDataError
from sayso.model import CONFLICTS, Link, Relation
from sayso.store import SQLiteStore, open_store
from sayso.store.rows import CONTENT_JOINER

if TYPE_CHECKING:
    from sayso.pipeline import StatementExtractor

GOLD_FILE = "gold.json"
ARTICLE_GLOB = "*.txt"
RELATIONS: tuple[Relation, ...] = ("supports", "contradicts", "denies", "repeats")
# Stripped from both ends of a gold fragment before matching: EVAL.md's rule for spans.
FRAGMENT_STRIP = " \t\n\"“”‘’',.;:"
# Characters of a statement's content shown in an error; the gold fragment is shown whole.
SHOWN_CHARS = 140


# 1. Gold


@dataclass(frozen=True)
class GoldStatement:
    """A statement that must be found: its article (file name), speaker(s) and a fragment."""

    id: str
    event: str
    article: str
    speakers: tuple[str, ...]  # the canonical name first; coordinated speakers after it
    content_contains: str
    kind: str


@dataclass(frozen=True)
class GoldPair:
    """Two gold statements (ids) that contradict each other, or that a tool must not oppose."""

    event: str
    a: str
    b: str
    what: str
    contradicts: bool
    same_point: bool = True  # about one point, so the two belong in one claim


@dataclass(frozen=True)
class GoldEvent:
    """One event's folder: its articles and gold."""

    name: str
    folder: Path
    articles: tuple[Path, ...]
    statements: tuple[GoldStatement, ...]
    pairs: tuple[GoldPair, ...]


def load_crossfire(folder: Path) -> list[GoldEvent]:
    """Every event subfolder of ``folder`` (those with a ``gold.json``), by name.

    Raises ``EvalDataError`` when there is none, or a gold file is malformed or names an
    article, a statement or a fragment that is not there.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalDataError(f"{folder}: not a folder; a crossfire set holds EVENT/{GOLD_FILE}")
    events = [load_event(path.parent) for path in sorted(folder.glob(f"*/{GOLD_FILE}"))]
    if not events:
        raise EvalDataError(f"{folder}: no EVENT/{GOLD_FILE} found")
    return events


def load_event(folder: Path) -> GoldEvent:
    """One event folder: its ``*.txt`` articles and its checked ``gold.json``."""
    gold_path = folder / GOLD_FILE
    try:
        gold = json.loads(gold_path.read_text("utf-8"))
        statements = tuple(_gold_statement(folder.name, raw) for raw in gold["statements"])
        pairs = tuple(
            _gold_pair(folder.name, raw, contradicts)
            for key, contradicts in (("contradictions", True), ("consistent", False))
            for raw in gold.get(key, [])
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise EvalDataError(f"{gold_path}: cannot be read as crossfire gold ({error!r})") from error
    articles = tuple(sorted(folder.glob(ARTICLE_GLOB)))
    _check_event(gold_path, articles, statements, pairs)
    return GoldEvent(folder.name, folder, articles, statements, pairs)


def _gold_statement(event: str, raw: Mapping[str, Any]) -> GoldStatement:
    speakers = (str(raw["speaker"]), *(str(name) for name in raw.get("also_speakers", [])))
    return GoldStatement(
        id=str(raw["id"]),
        event=event,
        article=str(raw["article"]),
        speakers=speakers,
        content_contains=str(raw["content_contains"]),
        kind=str(raw["kind"]),
    )


def _gold_pair(event: str, raw: Mapping[str, Any], contradicts: bool) -> GoldPair:
    same_point = bool(raw.get("same_point", True))
    return GoldPair(event, str(raw["a"]), str(raw["b"]), str(raw["what"]), contradicts, same_point)


def _check_event(
    gold_path: Path,
    articles: Sequence[Path],
    statements: Sequence[GoldStatement],
    pairs: Sequence[GoldPair],
) -> None:
    texts = {path.name: path.read_text("utf-8") for path in articles}
    ids = {statement.id for statement in statements}
    for statement in statements:
        if statement.article not in texts:
            raise EvalDataError(f"{gold_path}: {statement.id} names no article {statement.article}")
        if statement.content_contains not in texts[statement.article]:
            raise EvalDataError(
                f"{gold_path}: {statement.id}: {statement.content_contains!r} is not in "
                f"{statement.article}"
            )
    for pair in pairs:
        if not {pair.a, pair.b} <= ids:
            raise EvalDataError(f"{gold_path}: pair {pair.a}-{pair.b} names an unknown statement")


# 2. Observation


@dataclass(frozen=True)
class Observed:
    """A stored statement as scoring sees it: where it is, who said it, what, and its claim."""

    id: str
    article: str  # the file name of its article
    speaker: str | None  # as extracted in its article
    canonical: str | None  # as linked across articles
    content: tuple[str, ...]  # the text of each content span
    claim_id: str | None

    @property
    def text(self) -> str:
        """The content spans joined as the store joins them."""
        return CONTENT_JOINER.join(self.content)


@dataclass(frozen=True)
class Observation:
    """Everything stored after ingest and link: statements and links (every relation)."""

    statements: tuple[Observed, ...]
    links: tuple[Link, ...]


def observe(store: SQLiteStore) -> Observation:
    """The statements (with extracted and canonical speaker and claim) and links of ``store``."""
    statements: list[Observed] = []
    for article in store.articles():
        name = Path(article.path or article.id).name
        extracted = {s.id: s.speaker for s in store.statements(article_id=article.id)}
        for found in store.article_statements(article.id):
            statement = found.statement
            statements.append(
                Observed(
                    id=statement.id,
                    article=name,
                    speaker=extracted.get(statement.id),
                    canonical=statement.speaker if found.speaker_id else None,
                    content=tuple(span.text for span in statement.content),
                    claim_id=found.claim_id,
                )
            )
    links = tuple(view.link for view in store.links(relations=RELATIONS))
    return Observation(tuple(statements), links)


def observe_folder(
    events: Sequence[GoldEvent],
    extractor: StatementExtractor | None = None,
    *,
    link_options: Mapping[str, Any] | None = None,
) -> tuple[Observation, float]:
    """Ingest every event's articles into one fresh temporary store, link it, observe it.

    Returns the observation and the seconds it took. ``link_options`` go to ``link_store``
    (an ``encoder`` or ``stance`` model, say). Raises ``EvalDataError`` when an article fails.
    """
    from sayso.link import link_store
    from sayso.pipeline import ingest_paths

    if extractor is None:
        from sayso.extract import Extractor

        extractor = Extractor()
    started = time.perf_counter()
    paths = [path for event in events for path in event.articles]
    with tempfile.TemporaryDirectory(prefix="sayso-crossfire-") as folder:
        with open_store(str(Path(folder) / "sayso.db")) as store:
            report = ingest_paths(paths, store, extractor)
            if not report.ok:
                failed = "; ".join(str(error) for error in [*report.failed, *report.skipped])
                raise EvalDataError(f"crossfire articles failed to ingest: {failed}")
            link_store(store, **dict(link_options or {}))
            observation = observe(store)
    return observation, round(time.perf_counter() - started, 3)


# 3. Scores


@dataclass(frozen=True)
class Problem:
    """One miss or error, with the texts a developer needs to see why."""

    kind: str  # statement / contradiction / consistent / link
    cause: str  # e.g. "not extracted", "wrong speaker", "not in one claim", "linked"
    gold: str  # the gold ids ("kalvik-hospital-fire/s4", or "a+b")
    detail: str


@dataclass
class CrossfireReport:
    """The figures of one crossfire run, and every problem behind them."""

    events: int = 0
    articles: int = 0
    stored_statements: int = 0
    statements: int = 0
    statements_found: int = 0  # right speaker and content
    statements_by_content: int = 0  # content, whoever the speaker
    contradictions: int = 0
    contradictions_found: int = 0  # linked contradicts / denies, right speakers
    contradictions_by_content: int = 0  # linked, whoever the speakers
    consistent: int = 0
    consistent_linked: int = 0  # consistent pairs linked as contradicts / denies
    same_point_pairs: int = 0
    claims_shared: int = 0
    links: int = 0  # every stored relation
    conflict_links: int = 0  # of which contradicts / denies
    conflicts_off_gold: int = 0  # conflicts with a side that is no gold statement
    conflicts_unlisted: int = 0  # conflicts between gold statements of no gold pair
    conflicts_across_events: int = 0  # conflicts between articles of different events
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        """The figures as fractions: the ones the quality floors hold."""
        return {
            "statements_right_speaker": _rate(self.statements_found, self.statements),
            "statements_by_content": _rate(self.statements_by_content, self.statements),
            "speakers_right_when_found": _rate(self.statements_found, self.statements_by_content),
            "contradictions_found": _rate(self.contradictions_found, self.contradictions),
            "contradictions_by_content": _rate(self.contradictions_by_content, self.contradictions),
            "consistent_linked": _rate(self.consistent_linked, self.consistent),
            "claims_shared": _rate(self.claims_shared, self.same_point_pairs),
        }

    def as_json(self) -> dict[str, Any]:
        """One JSON object: every count, ``rates`` and ``problems`` (a list of objects)."""
        document = asdict(self)
        document["rates"] = self.rates()
        return document


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def evaluate_crossfire(
    folder: Path,
    extractor: StatementExtractor | None = None,
    *,
    link_options: Mapping[str, Any] | None = None,
) -> CrossfireReport:
    """Ingest and link the crossfire set in ``folder`` in a fresh store and score it.

    ``extractor`` defaults to ``Extractor()``; ``link_options`` go to ``link_store``.
    """
    events = load_crossfire(folder)
    observation, seconds = observe_folder(events, extractor, link_options=link_options)
    report = score_crossfire(events, observation)
    report.seconds = seconds
    return report


def score_crossfire(events: Sequence[GoldEvent], observation: Observation) -> CrossfireReport:
    """Hold ``observation`` against the gold of ``events`` (no models run here)."""
    matcher = Matcher(observation.statements)
    report = CrossfireReport(
        events=len(events),
        articles=sum(len(event.articles) for event in events),
        stored_statements=len(observation.statements),
    )
    gold = [statement for event in events for statement in event.statements]
    _score_statements(report, matcher, gold)
    conflicts = [link for link in observation.links if link.relation in CONFLICTS]
    by_id = {(statement.event, statement.id): statement for statement in gold}
    for pair in (pair for event in events for pair in event.pairs):
        a, b = by_id[(pair.event, pair.a)], by_id[(pair.event, pair.b)]
        _score_pair(report, matcher, conflicts, observation.links, pair, a, b)
    _score_links(report, matcher, observation, events)
    return report


class Matcher:
    """Which stored statements match a gold statement, by content and by speaker too."""

    def __init__(self, statements: Iterable[Observed]) -> None:
        self.statements = {statement.id: statement for statement in statements}

    def by_content(self, gold: GoldStatement) -> list[Observed]:
        """Stored statements of the gold article whose content holds the gold fragment."""
        return [
            statement
            for statement in self.statements.values()
            if statement.article == gold.article and has_fragment(statement, gold.content_contains)
        ]

    def found(self, gold: GoldStatement) -> list[Observed]:
        """Those of ``by_content`` said by the gold speaker (or a coordinated one)."""
        return [statement for statement in self.by_content(gold) if same_speaker(statement, gold)]


def has_fragment(statement: Observed, fragment: str) -> bool:
    """The fragment lies in one content span, or in the content spans joined by spaces (as
    the golden test of the azovstal example joins them). Its ends are stripped as EVAL.md
    strips spans, so "at 6:58 p.m." is in a content that ends "at 6:58 p.m"."""
    fragment = fragment.strip(FRAGMENT_STRIP) or fragment
    return fragment in " ".join(statement.content) or any(
        fragment in span for span in statement.content
    )


def same_speaker(statement: Observed, gold: GoldStatement) -> bool:
    """The extracted or the linked speaker is one of the gold names, ignoring case."""
    names = {name.casefold() for name in gold.speakers}
    said_by = {name.casefold() for name in (statement.speaker, statement.canonical) if name}
    if len(gold.speakers) > 1:  # coordinated: a stated group naming one of them counts too
        said_by |= {member for name in set(said_by) for member in name.split(" and ")}
    return bool(names & said_by)


def _score_statements(
    report: CrossfireReport, matcher: Matcher, gold: Sequence[GoldStatement]
) -> None:
    report.statements = len(gold)
    for statement in gold:
        by_content = matcher.by_content(statement)
        found = matcher.found(statement)
        report.statements_by_content += bool(by_content)
        report.statements_found += bool(found)
        if found:
            continue
        if by_content:
            said = ", ".join(sorted({_said_by(observed) for observed in by_content}))
            detail = f"{_gold_text(statement)}; stored as said by {said}"
            report.problems.append(Problem("statement", "wrong speaker", _key(statement), detail))
        else:
            detail = f"{_gold_text(statement)}; {_nearest(matcher, statement)}"
            report.problems.append(Problem("statement", "not extracted", _key(statement), detail))


def _score_pair(
    report: CrossfireReport,
    matcher: Matcher,
    conflicts: Sequence[Link],
    links: Sequence[Link],
    pair: GoldPair,
    a: GoldStatement,
    b: GoldStatement,
) -> None:
    found_a, found_b = matcher.found(a), matcher.found(b)
    content_a, content_b = matcher.by_content(a), matcher.by_content(b)
    linked = _joining(conflicts, found_a, found_b)
    linked_by_content = _joining(conflicts, content_a, content_b)
    shared = _share_claim(content_a, content_b)
    if pair.same_point:
        report.same_point_pairs += 1
        report.claims_shared += shared
    key = f"{pair.event}/{pair.a}+{pair.b}"
    if pair.contradicts:
        report.contradictions += 1
        report.contradictions_found += bool(linked)
        report.contradictions_by_content += bool(linked_by_content)
        if not linked:
            cause = _contradiction_miss(
                found_a, found_b, content_a, content_b, linked_by_content, shared, links
            )
            detail = f"{pair.what}: {_gold_text(a)} / {_gold_text(b)}"
            report.problems.append(Problem("contradiction", cause, key, detail))
    else:
        report.consistent += 1
        report.consistent_linked += bool(linked_by_content)
        if linked_by_content:
            detail = f"{pair.what}: linked {linked_by_content[0].relation}: " + (
                linked_by_content[0].reason
            )
            report.problems.append(Problem("consistent", "linked as a conflict", key, detail))
    if pair.same_point and not shared and content_a and content_b:
        detail = f"{pair.what}: {_claims_of(content_a)} vs {_claims_of(content_b)}"
        report.problems.append(Problem("claim", "not in one claim", key, detail))


def _contradiction_miss(
    found_a: Sequence[Observed],
    found_b: Sequence[Observed],
    content_a: Sequence[Observed],
    content_b: Sequence[Observed],
    linked_by_content: Sequence[Link],
    shared: bool,
    links: Sequence[Link],
) -> str:
    """Why a gold contradiction was not found, earliest stage first."""
    if not found_a or not found_b:
        if linked_by_content:
            return "linked, but a speaker is wrong"
        return "a side not extracted" if not content_a or not content_b else "a speaker wrong"
    if not shared:
        return "not in one claim"
    other = _joining(links, found_a, found_b)
    return f"judged {other[0].relation}" if other else "same claim, not linked"


def _joining(
    links: Sequence[Link], side_a: Sequence[Observed], side_b: Sequence[Observed]
) -> list[Link]:
    ids_a, ids_b = {s.id for s in side_a}, {s.id for s in side_b}
    return [
        link
        for link in links
        if (link.a in ids_a and link.b in ids_b) or (link.a in ids_b and link.b in ids_a)
    ]


def _share_claim(side_a: Sequence[Observed], side_b: Sequence[Observed]) -> bool:
    claims_a = {s.claim_id for s in side_a if s.claim_id}
    return any(s.claim_id in claims_a for s in side_b if s.claim_id)


def _score_links(
    report: CrossfireReport, matcher: Matcher, observation: Observation, events: Sequence[GoldEvent]
) -> None:
    """Count every link and, among conflicts, those that no gold pair accounts for."""
    event_of = {article.name: event.name for event in events for article in event.articles}
    gold_of: dict[str, str] = {}  # stored statement id -> event/gold id (content match)
    for event in events:
        for statement in event.statements:
            for observed in matcher.by_content(statement):
                gold_of.setdefault(observed.id, f"{event.name}/{statement.id}")
    listed = {
        frozenset((f"{pair.event}/{pair.a}", f"{pair.event}/{pair.b}"))
        for event in events
        for pair in event.pairs
    }
    report.links = len(observation.links)
    for link in observation.links:
        if link.relation not in CONFLICTS:
            continue
        report.conflict_links += 1
        a, b = matcher.statements.get(link.a), matcher.statements.get(link.b)
        if a is None or b is None:
            continue
        if event_of.get(a.article) != event_of.get(b.article):
            report.conflicts_across_events += 1
            report.problems.append(Problem("link", "across events", "", _link_text(link, a, b)))
        if link.a not in gold_of or link.b not in gold_of:
            report.conflicts_off_gold += 1
            report.problems.append(Problem("link", "a side off gold", "", _link_text(link, a, b)))
        elif frozenset((gold_of[link.a], gold_of[link.b])) not in listed:
            report.conflicts_unlisted += 1
            detail = f"{gold_of[link.a]} / {gold_of[link.b]}: {_link_text(link, a, b)}"
            report.problems.append(
                Problem("link", "between gold statements of no pair", "", detail)
            )


# Texts for problems


def _key(statement: GoldStatement) -> str:
    return f"{statement.event}/{statement.id}"


def _gold_text(statement: GoldStatement) -> str:
    return f"{statement.speakers[0]}: {statement.content_contains!r} ({statement.article})"


def _said_by(statement: Observed) -> str:
    if statement.canonical and statement.canonical != statement.speaker:
        return f"{statement.speaker!r} (linked as {statement.canonical!r})"
    return repr(statement.speaker) if statement.speaker else "no speaker"


def _nearest(matcher: Matcher, gold: GoldStatement) -> str:
    """The stored statement of the article sharing most words with the fragment, if any."""
    words = set(gold.content_contains.casefold().split())
    candidates = [s for s in matcher.statements.values() if s.article == gold.article]
    scored = [(len(words & set(s.text.casefold().split())), s) for s in candidates]
    overlap, nearest = max(scored, key=lambda item: item[0], default=(0, None))
    if nearest is None or not overlap:
        return "no stored statement shares its words"
    return f"nearest stored: {_said_by(nearest)}: {_clip(nearest.text)!r}"


def _claims_of(statements: Sequence[Observed]) -> str:
    return "claim " + "/".join(sorted({s.claim_id or "none" for s in statements}))


def _link_text(link: Link, a: Observed, b: Observed) -> str:
    return (
        f"{link.relation} {link.score}: {a.canonical or a.speaker}: {_clip(a.text)!r} ({a.article})"
        f" vs {b.canonical or b.speaker}: {_clip(b.text)!r} ({b.article})"
    )


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def format_report(report: CrossfireReport) -> str:
    """A plain-text table of the figures, then the problems grouped by kind and cause."""
    rows = [
        ("statements found (right speaker)", report.statements_found, report.statements),
        ("statements found by content", report.statements_by_content, report.statements),
        ("contradictions found", report.contradictions_found, report.contradictions),
        ("contradictions by content", report.contradictions_by_content, report.contradictions),
        ("consistent pairs linked as conflicts", report.consistent_linked, report.consistent),
        ("pairs about one point in one claim", report.claims_shared, report.same_point_pairs),
    ]
    lines = [
        f"{report.events} events, {report.articles} articles, "
        f"{report.stored_statements} stored statements, {report.seconds:.1f} s",
        "",
        f"{'':<40}{'found':>7}{'of':>6}{'rate':>8}",
    ]
    lines += [
        f"{name:<40}{part:>7}{whole:>6}{_rate(part, whole):>8.3f}" for name, part, whole in rows
    ]
    lines += [
        "",
        f"links {report.links}, conflicts {report.conflict_links}: {report.conflicts_off_gold} "
        f"with a side off gold, {report.conflicts_unlisted} between gold statements of no pair, "
        f"{report.conflicts_across_events} across events",
    ]
    lines += _problem_lines(report.problems)
    return "\n".join(lines)


# Problems are listed in pipeline order: extraction, then relations, then claims and links.
_KIND_ORDER = {"statement": 0, "contradiction": 1, "consistent": 2, "claim": 3, "link": 4}


def _problem_lines(problems: Sequence[Problem]) -> list[str]:
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.kind, problem.cause), []).append(problem)
    lines: list[str] = []
    for (kind, cause), members in sorted(groups.items(), key=lambda item: _KIND_ORDER[item[0][0]]):
        lines += ["", f"{kind}: {cause} ({len(members)})"]
        lines += [f"  {p.gold + ': ' if p.gold else ''}{p.detail}" for p in members]
    return lines
