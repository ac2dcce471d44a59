"""``sayso link``: speakers, claims and relations across every stored article.

    with open_store("sayso.db") as store:
        report = link_store(store)

1. Statements of articles removed or re-extracted since the last run lose their links.
2. Canonical speakers are rebuilt from every stored mention (cheap: grouped by name keys).
3. Statements not yet in a claim are embedded and placed, a chunk at a time, each chunk
   saved in one transaction with the claims it changed (a run that stops part-way resumes
   where it stopped).
4. Each newly placed statement is judged against the statements of its claim nearest to it
   (at most ``PARTNERS`` of them), so the cost grows with the new statements, not with pairs.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from sayso.link.claims import ClaimIndex, ClaimItem, ClaimState, claim_keys
from sayso.link.judging import Batch, Judging, PackagedStance
from sayso.link.neighbours import neighbours_of
from sayso.link.opposition import load_opposites
from sayso.link.relations import Judge, Side, StanceModel
from sayso.link.speakers import Mention, load_aliases, resolve_speakers
from sayso.model import CONFLICTS, Claim, Link
from sayso.store.linked import ClaimRow, LinkedStatement
from sayso.store.rows import CONTENT_JOINER

if TYPE_CHECKING:
    from sayso.link.embed import SentenceEncoder
    from sayso.store import SQLiteStore

# Statements embedded and placed per transaction: bounded memory, and a progress step.
CHUNK = 512
# Statements of its claim each new statement is judged against, nearest first. Bounds the
# pairs per statement, so linking grows linearly with the corpus.
PARTNERS = 12
VECTOR_SIZE = 384
# Across the claims of one event: two articles tell of one event when they share this many
# claims (one shared claim is often a generic one: "the investigation continues"); a statement
# is judged against at most ``EVENT_PARTNERS`` statements of other claims of its own and such
# articles (``EVENT_ARTICLES`` of them, the most shared first) that are at least
# ``EVENT_MIN_COSINE`` alike. Chosen on the crossfire dev set, where accounts of one point that
# clash ("every one of them is alive" / "three patients died") are often put in different
# claims (partners 4 / 8 / 12 found 18 / 19 / 19 of its 35 contradictions, none of its consistent
# pairs, at 1.4x / 1.6x / 1.7x the linking time of 1,000 synthetic statements without them); the
# bounds keep the cost per statement flat as the corpus grows.
EVENT_SHARED_CLAIMS = 2
EVENT_ARTICLES = 30
EVENT_PARTNERS = 8
EVENT_MIN_COSINE = 0.3

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class LinkReport:
    """What one ``sayso link`` run did."""

    removed: int  # statements whose links were dropped (article gone or re-extracted)
    speakers: int  # canonical speakers in the store now
    placed: int  # statements newly placed in claims
    claims: int  # claims in the store now
    links: int  # relations found in this run
    conflicts: int  # of which contradicts / denies
    seconds: float


def link_store(
    store: SQLiteStore,
    *,
    aliases: Path | None = None,
    opposites: Path | None = None,
    encoder: SentenceEncoder | None = None,
    stance: StanceModel | None = None,
    workers: int = 1,
    on_progress: Progress | None = None,
) -> LinkReport:
    """Build or refresh speakers, claims and links in ``store``; see the module docstring.

    ``aliases`` and ``opposites`` add a user's alias and opposites files to the shipped ones.
    ``encoder`` and ``stance`` default to the packaged models. ``workers`` above 1 judges the
    pairs on that many processes (each loading its own models; a given ``stance`` must pickle)
    and embeds on that many onnxruntime threads; the store comes out the same.
    """
    started = time.perf_counter()
    progress = on_progress or (lambda stage, done, total: None)
    removed = store.forget_removed_statements()
    speakers = _link_speakers(store, aliases)
    if encoder is None:
        from sayso.link.embed import THREADS, SentenceEncoder

        encoder = SentenceEncoder.load(threads=max(THREADS, workers))
    index = ClaimIndex(_claim_state(row) for row in store.claim_rows())
    placed = _place(store, index, encoder, progress)
    judge = None
    if workers == 1:
        judge = Judge(load_opposites(opposites), stance or _packaged_stance())
    with Judging(judge, workers=workers, opposites=opposites, stance=stance) as judging:
        links, articles = _relate(store, judging, placed, progress)
        links += _relate_across_claims(store, judging, placed, articles, progress)
    return LinkReport(
        removed=removed,
        speakers=speakers,
        placed=sum(len(ids) for ids in placed.values()),
        claims=store.link_counts()["claims"],
        links=len(links),
        conflicts=sum(link.relation in CONFLICTS for link in links),
        seconds=round(time.perf_counter() - started, 3),
    )


def _packaged_stance() -> StanceModel:
    from sayso.link.stance import StanceClassifier

    return PackagedStance(StanceClassifier.load())


# 2. Speakers


def _link_speakers(store: SQLiteStore, aliases: Path | None) -> int:
    mentions = [
        Mention(
            statement_id=m.statement_id,
            article_id=m.article_id,
            name=m.speaker,
            kind=m.kind,  # type: ignore[arg-type]
            role=m.role,
            seen=_day_of(m.said_on) or m.published,
        )
        for m in store.mentions()
    ]
    directory = resolve_speakers(mentions, load_aliases(aliases))
    store.replace_speakers(directory.speakers, directory.speaker_of)
    return len(directory.speakers)


def _day_of(text: str | None) -> date | None:
    """A statement date as a day: ``YYYY-MM`` counts as the first of the month."""
    if not text:
        return None
    try:
        return date.fromisoformat(text if len(text) == 10 else text + "-01")
    except ValueError:
        return None


# 3. Claims


def _claim_state(row: ClaimRow) -> ClaimState:
    return ClaimState(
        id=row.claim.id,
        centroid=np.frombuffer(row.centroid, dtype="<f4").copy(),
        size=row.claim.size,
        keys=dict(row.keys),
        first_day=row.claim.first_day,
        last_day=row.claim.last_day,
        label=row.claim.label,
    )


def _claim_row(state: ClaimState) -> ClaimRow:
    claim = Claim(state.id, state.label, state.size, state.first_day, state.last_day)
    return ClaimRow(claim, state.centroid.astype("<f4").tobytes(), state.keys)


def _place(
    store: SQLiteStore, index: ClaimIndex, encoder: SentenceEncoder, progress: Progress
) -> dict[str, list[str]]:
    """Place unclaimed statements in claims; return the new statement ids per claim."""
    unclaimed = store.unclaimed()
    placed: dict[str, list[str]] = defaultdict(list)
    for first in range(0, len(unclaimed), CHUNK):
        chunk = unclaimed[first : first + CHUNK]
        vectors = _encode_distinct(encoder, [_text(linked) for linked in chunk])
        items = [_item(linked, vector) for linked, vector in zip(chunk, vectors, strict=True)]
        claim_ids = index.add(items)
        rows = [
            (linked.statement.id, claim_id, vector.astype("<f2").tobytes())
            for linked, claim_id, vector in zip(chunk, claim_ids, vectors, strict=True)
        ]
        store.save_claims([_claim_row(state) for state in index.changed()], rows)
        for linked, claim_id in zip(chunk, claim_ids, strict=True):
            placed[claim_id].append(linked.statement.id)
        progress("placing statements in claims", first + len(chunk), len(unclaimed))
    return placed


def _encode_distinct(encoder: SentenceEncoder, texts: list[str]) -> np.ndarray:
    """Vectors of ``texts``, each distinct text encoded once (wire copy repeats quotes)."""
    distinct = sorted(set(texts))
    row = {text: n for n, text in enumerate(distinct)}
    return encoder.encode(distinct)[[row[text] for text in texts]]


def _text(linked: LinkedStatement) -> str:
    return CONTENT_JOINER.join(span.text for span in linked.statement.content)


def _item(linked: LinkedStatement, vector: np.ndarray) -> ClaimItem:
    text = _text(linked)
    return ClaimItem(
        statement_id=linked.statement.id,
        article_id=linked.statement.article_id,
        text=text,
        vector=vector,
        keys=claim_keys(text),
        day=_day_of(linked.statement.date) or linked.published,
    )


# 4. Relations


def _relate(
    store: SQLiteStore, judging: Judging, placed: dict[str, list[str]], progress: Progress
) -> tuple[list[Link], list[str]]:
    """Links within each claim that gained statements, and the articles of those statements."""
    found: list[Link] = []
    articles: set[str] = set()
    claim_ids = sorted(placed)

    def batches() -> Iterator[Batch]:
        for claim_id in claim_ids:
            new = set(placed[claim_id])
            members = [_side(linked) for linked in store.claim_members([claim_id])]
            articles.update(s.statement.article_id for s in members if s.statement.id in new)
            pairs = _pairs(members, new)
            yield pairs, [claim_id] * len(pairs)

    for done, links in enumerate(judging.relate(batches()), start=1):
        store.save_links(links)
        found += links
        progress("judging statements of a claim", done, len(claim_ids))
    return found, sorted(articles)


def _relate_across_claims(
    store: SQLiteStore,
    judging: Judging,
    placed: dict[str, list[str]],
    articles: list[str],
    progress: Progress,
) -> list[Link]:
    """Each new statement of ``articles`` judged against the nearest statements of other
    claims of its event (its article and the articles sharing claims with it)."""
    new = {statement_id for ids in placed.values() for statement_id in ids}
    found: list[Link] = []
    judged: set[tuple[str, str]] = set()

    def batches() -> Iterator[Batch]:
        for article_id in articles:
            neighbours = store.event_neighbours(article_id, EVENT_SHARED_CLAIMS, EVENT_ARTICLES)
            members = store.article_members([article_id, *neighbours])
            yield _event_pairs(members, new, article_id, judged)

    for done, links in enumerate(judging.relate(batches()), start=1):
        store.save_links(links)
        found += links
        progress("judging statements of an event", done, len(articles))
    return found


def _event_pairs(
    members: Sequence[LinkedStatement],
    new: set[str],
    article_id: str,
    judged: set[tuple[str, str]],
) -> tuple[list[tuple[Side, Side]], list[str]]:
    """The new statements of ``article_id`` with their nearest statements of other claims."""
    if len(members) < 2:
        return [], []
    sides = [_side(linked) for linked in members]
    matrix = np.stack([side.vector for side in sides])
    pairs: list[tuple[Side, Side]] = []
    claim_ids: list[str] = []
    for i, linked in enumerate(members):
        if linked.statement.id not in new or linked.statement.article_id != article_id:
            continue
        similarity = matrix @ sides[i].vector
        others = [
            j for j in np.argsort(-similarity)
            if members[j].claim_id != linked.claim_id and similarity[j] >= EVENT_MIN_COSINE
        ][:EVENT_PARTNERS]
        for j in others:
            a, b = sorted((linked.statement.id, members[j].statement.id))
            if (a, b) in judged:
                continue
            judged.add((a, b))
            first, second = sorted((i, int(j)))
            pairs.append((sides[first], sides[second]))
            claim_ids.append(linked.claim_id or "")
    return pairs, claim_ids


def _side(linked: LinkedStatement) -> Side:
    vector = (
        np.frombuffer(linked.vector, dtype="<f2").astype(np.float32)
        if linked.vector is not None
        else np.zeros(VECTOR_SIZE, dtype=np.float32)
    )
    return Side(linked.statement, linked.speaker_id, vector)


def _pairs(members: Sequence[Side], new: set[str]) -> list[tuple[Side, Side]]:
    """Each new statement with its nearest other members; every pair once, older first."""
    if len(members) < 2:
        return []
    order = {side.statement.id: i for i, side in enumerate(members)}
    index = neighbours_of(np.stack([side.vector for side in members]))
    seen: set[tuple[int, int]] = set()
    pairs = []
    for i, side in enumerate(members):
        if side.statement.id not in new:
            continue
        for j in index.nearest(side.vector, PARTNERS, exclude=i):
            key = (min(i, int(j)), max(i, int(j)))
            if key not in seen:
                seen.add(key)
                pairs.append((members[key[0]], members[key[1]]))
    pairs.sort(key=lambda pair: (order[pair[0].statement.id], order[pair[1].statement.id]))
    return pairs
