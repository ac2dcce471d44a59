"""Claims: statements from any articles and speakers about the same proposition or event.

Statements arrive in batches, as articles do, and each joins the most similar existing claim or
starts a new one. A claim is kept as a running state (centroid, size, key counts, date range,
label), so the index can be rebuilt from what the store persists and extended later.

Stages, for each arriving item:

1. **block** — candidate claims come from two capped inverted indexes: one over keys (names,
   places, numbers from :func:`claim_keys`), one over random-hyperplane codes of the claim
   centroids (multi-probe LSH). Each posting list keeps only its most recent claims, so the
   comparisons per item are bounded however large the index grows.
2. **window** — a candidate must lie within :data:`DATE_WINDOW_DAYS` of the item's day, and
   the item within :data:`CLAIM_SPAN_DAYS` of the candidate's first and last day.
3. **score** — cosine to the candidate's centroid plus :data:`KEY_BONUS` per shared key (at most
   :data:`KEY_BONUS_CAP` keys); the best candidate is joined if its score reaches
   :data:`JOIN_THRESHOLD`, else the item starts a claim.

Contradicting statements ("they were driven out" / "they are still inside") are about the same
event, so they belong in one claim: the thresholds favour recall on topic over paraphrase.

    index = ClaimIndex(store_states)
    claim_ids = index.add(items)
    store.save_claims(index.changed())
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from sayso.model import stable_id

DIMENSIONS = 384

# 3. Scoring — calibrated by bench/claims_calibration.py on FNC-1 headlines grouped into events
# (bodies joined by shared related headlines; 191 events, 1,648 headlines), a seeded half of the
# events for choosing, the other half held out: of the grid points whose incremental clustering
# keeps B-cubed recall >= 0.90 on the choosing half, the most precise. Held out: B-cubed
# P 0.83 R 0.90; pair decisions P 0.70 R 0.91. (Best F1 would be 0.575: a contradiction shares
# less wording than a paraphrase, so recall on topic comes first.)
JOIN_THRESHOLD = 0.475
KEY_BONUS = 0.05
KEY_BONUS_CAP = 3

# 2. Date window — not calibrated on data (FNC-1 carries no dates): coverage of one event and the
# statements about it (denials, follow-ups) mostly fall within a week or two of it, and a claim's
# range grows with each member, so a running story stays one claim.
DATE_WINDOW_DAYS = 14
# ... and no member more than this many days from the claim's first or last day, so that a claim
# about a common kind of event (a fire, a strike) cannot absorb the next one of its kind for ever;
# a story that runs longer goes on in a new claim. Not calibrated on real data either; on the
# synthetic corpus of bench/link_scale.py (100k statements over 333 days) a month lifted B-cubed
# precision from 0.12 to 0.27 and recall from 0.75 to 0.80, and changed nothing at 10k (33 days).
CLAIM_SPAN_DAYS = 31

# 1. Blocking. LSH: LSH_TABLES tables of LSH_BITS hyperplanes, probed at the item's code and at
# every code one bit away; a claim whose centroid is at cosine 0.5 from the item is then found
# with probability ~0.93 (0.97 at cosine 0.6). Posting caps bound the work per item to
# LSH_TABLES * (LSH_BITS + 1) * BUCKET_CAP + ITEM_KEYS_USED * KEY_POSTING_CAP comparisons.
# Checked by bench/claims_calibration.py against an exhaustive search (every claim a
# candidate): held-out B-cubed recall 0.898 with blocking, 0.904 without (0.889 with 8 tables).
LSH_TABLES = 12
LSH_BITS = 8
LSH_SEED = 20220505
BUCKET_CAP = 16
KEY_POSTING_CAP = 32
ITEM_KEYS_USED = 8
# Keys kept per claim: the most frequent among its members.
CLAIM_KEYS_KEPT = 32

_NO_DAY = -1  # ordinal stand-in for an undated claim


@dataclass(frozen=True)
class ClaimItem:
    """One statement to place in a claim."""

    statement_id: str
    article_id: str
    text: str  # the statement's content text
    vector: np.ndarray  # its embedding (384 float32, unit norm)
    keys: frozenset[str]  # entity/place/number keys, from claim_keys(text)
    day: date | None  # the statement date, else the article's publication date


@dataclass
class ClaimState:
    """What the store keeps per claim; enough to rebuild a :class:`ClaimIndex`."""

    id: str  # stable: stable_id("claim", first member's statement_id)
    centroid: np.ndarray  # mean of member vectors, float32 (not necessarily unit norm)
    size: int
    keys: dict[str, int]  # key -> member count, the CLAIM_KEYS_KEPT most frequent
    first_day: date | None
    last_day: date | None
    label: str  # the member text closest to the centroid, for display


def claim_day(statement_date: str | None, published: date | None) -> date | None:
    """The day a statement counts for in the date window (``ClaimItem.day``).

    A full ``YYYY-MM-DD`` date is itself; a month (``YYYY-MM``) is the publication date when
    that falls in the month, else the month's 15th; no date is the publication date.

    >>> claim_day("2022-04", date(2022, 5, 5))
    datetime.date(2022, 4, 15)
    """
    if statement_date and len(statement_date) == 10:
        return date.fromisoformat(statement_date)
    if statement_date and len(statement_date) == 7:
        year, month = int(statement_date[:4]), int(statement_date[5:])
        if published is not None and (published.year, published.month) == (year, month):
            return published
        return date(year, month, 15)
    return published


# Keys ---------------------------------------------------------------------------------------

# Capitalised words that are not names: function words, pronouns, sentence adverbs, titles of
# office
# and calendar words (dates are handled by the date window, not by keys).
_NOT_NAMES = frozenset(
    """
    a an the and or but nor so yet for of in on at by to from with without into onto over under
    after before during since until about above below between against among through as than
    if when while where whether because although though unless once then there here
    i me my we us our you your he him his she her it its they them their this that these those
    who whom whose which what why how all any some no not none every each both either neither
    is are was were be been being am do does did have has had will would shall should can could
    may might must also however meanwhile moreover still yes oh ok well now today yesterday
    tomorrow tonight last next first second third one two three many much more most other
    another such only even just very mr mrs ms dr sir madam st
    president vice prime minister secretary senator sen rep governor gov mayor chief deputy
    commander spokesman spokeswoman spokesperson king queen prince pope
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    """.split()
)
_WORD = re.compile(r"[A-Za-z][\w'’&.-]*|\d[\d,.]*\d|\d")
_OPENERS = " \t\n\"“‘'(["
# A text whose only lowercase words are these, with three capitalised words or more after the
# first, is in title case ("Bale In Talks To Play Jobs"): capitals say nothing about names there,
# and only acronyms, mixed-case words and numbers count.
_TITLE_LOWER = frozenset(
    "a an the and or but nor for of in on at by to as via vs with from into over than per".split()
)
_TITLE_CASE_WORDS = 3


def claim_keys(text: str) -> frozenset[str]:
    """Names, places and numbers in ``text``, normalised, for blocking and the shared-key bonus.

    Cheap (no parse): a run of capitalised words is a name (kept whole, and its last word
    alone); a lone capitalised word opening a sentence is not, nor are capitalised function
    words; numbers count from two digits up.

    >>> sorted(claim_keys("Troops entered Azovstal in Mariupol, Sviatoslav Palamar said."))
    ['azovstal', 'mariupol', 'palamar', 'sviatoslav palamar']
    """
    tokens = [(m.group(), m.start()) for m in _WORD.finditer(text)]
    title_case = _is_title_case([token for token, _ in tokens])
    keys: set[str] = set()
    run: list[str] = []
    run_initial = False
    end = 0
    for token, start in tokens:
        if text[end:start].strip():  # punctuation between words ends a name
            _close_run(run, run_initial, keys)
            run = []
        end = start + len(token)
        if not token[0].isdigit() and _is_name_like(token, title_case):
            if not run:
                run_initial = _opens_sentence(text, start)
            run.append(token)
            if token.endswith(("'s", "’s")):  # "Ukraine's President": two names
                _close_run(run, run_initial, keys)
                run = []
            continue
        _close_run(run, run_initial, keys)
        run = []
        number = token.replace(",", "").rstrip(".")
        if token[0].isdigit() and len(number) >= 2:
            keys.add(number)
    _close_run(run, run_initial, keys)
    return frozenset(keys)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in ".!?:"


def _is_title_case(words: list[str]) -> bool:
    capitalised = 0
    for word in words[1:]:
        if word.islower() and word not in _TITLE_LOWER:  # iPhone is no evidence either way
            return False
        capitalised += word[0].isupper()
    return capitalised >= _TITLE_CASE_WORDS


def _is_name_like(token: str, title_case: bool) -> bool:
    if not token[0].isupper():
        return any(c.isupper() for c in token[1:])  # iPhone, eBay
    if title_case:
        letters = [c for c in token if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)
    return True


def _close_run(run: list[str], initial: bool, keys: set[str]) -> None:
    words = [_normalise(w, last=i == len(run) - 1) for i, w in enumerate(run)]
    words = [w for w in words if w]
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
        initial = False
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    if not words:
        return
    if initial and len(words) == 1 and run[0][0].isupper() and not _is_acronym(run[0]):
        return  # a lone capitalised word opening a sentence: most often not a name
    keys.add(" ".join(words))
    if len(words) > 1:
        keys.add(words[-1])  # "Vladimir Putin" also meets a later "Putin"


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _normalise(word: str, last: bool) -> str:
    word = word.casefold().strip(".-'’&")
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if last and word.endswith(("ns", "is")) and len(word) >= 6:
        word = word[:-1]  # Russians -> russian, Israelis -> israeli
    return word


# The index ------------------------------------------------------------------------------------


@dataclass
class _Posting:
    """The most recent claims under one key or LSH code (a claim appears once per touch)."""

    claims: list[int] = field(default_factory=list)

    def touch(self, claim: int, cap: int) -> None:
        if self.claims and self.claims[-1] == claim:
            return
        self.claims.append(claim)
        if len(self.claims) > 2 * cap:
            del self.claims[:-cap]


class ClaimIndex:
    """Groups statements into claims incrementally; rebuildable from persisted states.

    ``comparisons`` counts the candidate claims scored so far (cosine computed), so callers and
    tests can check that the work per item stays bounded. The keyword arguments exist for
    calibration (bench/claims_calibration.py); the defaults are the calibrated values.
    """

    def __init__(
        self,
        states: Iterable[ClaimState] = (),
        *,
        threshold: float = JOIN_THRESHOLD,
        key_bonus: float = KEY_BONUS,
        key_bonus_cap: int = KEY_BONUS_CAP,
    ) -> None:
        self.threshold, self.key_bonus, self.key_bonus_cap = threshold, key_bonus, key_bonus_cap
        planes = np.random.default_rng(LSH_SEED).standard_normal(
            (LSH_TABLES * LSH_BITS, DIMENSIONS)
        )
        self._planes = planes.astype(np.float32)
        self._weights = (1 << np.arange(LSH_BITS)).astype(np.int64)
        self._states: list[ClaimState] = []
        self._sums = np.zeros((64, DIMENSIONS), dtype=np.float32)
        self._units = np.zeros((64, DIMENSIONS), dtype=np.float32)
        self._first = np.full(64, _NO_DAY, dtype=np.int64)
        self._last = np.full(64, _NO_DAY, dtype=np.int64)
        self._codes: list[np.ndarray] = []
        self._label_vectors: list[np.ndarray | None] = []
        self._by_key: dict[str, _Posting] = {}
        self._by_code: dict[tuple[int, int], _Posting] = {}
        self._key_claims: Counter[str] = Counter()
        self._changed: set[int] = set()
        self.comparisons = 0
        undated = date.min
        for state in sorted(states, key=lambda s: s.last_day or undated):
            self._restore(state)
        self._changed.clear()

    def states(self) -> list[ClaimState]:
        """Every claim, in the order they were created or restored."""
        return list(self._states)

    def changed(self) -> list[ClaimState]:
        """The claims created or updated since construction or the previous call."""
        touched = [self._states[i] for i in sorted(self._changed)]
        self._changed.clear()
        return touched

    def add(self, items: Sequence[ClaimItem]) -> list[str]:
        """Place each item in a claim, in order; the claim id of each item."""
        if not items:
            return []
        vectors = np.stack([np.asarray(item.vector, dtype=np.float32) for item in items])
        codes = self._code(vectors)
        placed: list[str] = []
        for item, vector, code in zip(items, vectors, codes, strict=True):
            claim = self._best_claim(item, vector, code)
            if claim is None:
                claim = self._start(item, vector)
            else:
                self._join(claim, item, vector)
            placed.append(self._states[claim].id)
        return placed

    # 1. block

    def _code(self, vectors: np.ndarray) -> np.ndarray:
        bits = (vectors @ self._planes.T > 0).reshape(len(vectors), LSH_TABLES, LSH_BITS)
        codes: np.ndarray = bits.astype(np.int64) @ self._weights
        return codes

    def _candidates(self, item: ClaimItem, code: np.ndarray) -> np.ndarray:
        found: list[int] = []
        for key in sorted(item.keys, key=lambda k: (self._key_claims[k], k))[:ITEM_KEYS_USED]:
            posting = self._by_key.get(key)
            if posting is not None:
                found.extend(posting.claims[-KEY_POSTING_CAP:])
        for table, exact in enumerate(code.tolist()):
            for flip in range(-1, LSH_BITS):
                probe = exact if flip < 0 else exact ^ (1 << flip)
                posting = self._by_code.get((table, probe))
                if posting is not None:
                    found.extend(posting.claims[-BUCKET_CAP:])
        return np.unique(np.asarray(found, dtype=np.int64))

    # 2. window, 3. score

    def _best_claim(self, item: ClaimItem, vector: np.ndarray, code: np.ndarray) -> int | None:
        candidates = self._candidates(item, code)
        if item.day is not None and len(candidates):
            day = item.day.toordinal()
            first, last = self._first[candidates], self._last[candidates]
            near = (first - DATE_WINDOW_DAYS <= day) & (day <= last + DATE_WINDOW_DAYS)
            short = (day - first <= CLAIM_SPAN_DAYS) & (last - day <= CLAIM_SPAN_DAYS)
            inside = (first == _NO_DAY) | (near & short)
            candidates = candidates[inside]
        if not len(candidates):
            return None
        self.comparisons += len(candidates)
        scores = self._units[candidates] @ vector
        # Only candidates that the largest key bonus could lift over the threshold are worth the
        # (Python-level) count of shared keys.
        hopeful = np.flatnonzero(scores >= self.threshold - self.key_bonus * self.key_bonus_cap)
        best, best_score = None, self.threshold
        for at in hopeful.tolist():
            claim = int(candidates[at])
            score = float(scores[at]) + self._key_score(item.keys, self._states[claim].keys)
            if score >= best_score:
                best, best_score = claim, score
        return best

    def _key_score(self, keys: frozenset[str], claim_keys: dict[str, int]) -> float:
        shared = sum(1 for key in keys if key in claim_keys)
        return self.key_bonus * min(shared, self.key_bonus_cap)

    # updating the claims

    def _start(self, item: ClaimItem, vector: np.ndarray) -> int:
        state = ClaimState(
            id=stable_id("claim", item.statement_id),
            centroid=vector.copy(),
            size=1,
            keys=dict.fromkeys(sorted(item.keys)[:CLAIM_KEYS_KEPT], 1),
            first_day=item.day,
            last_day=item.day,
            label=item.text,
        )
        claim = self._restore(state)
        self._label_vectors[claim] = vector
        return claim

    def _restore(self, state: ClaimState) -> int:
        claim = len(self._states)
        if claim == len(self._sums):
            self._grow()
        self._states.append(state)
        self._codes.append(np.full(LSH_TABLES, -1, dtype=np.int64))
        self._label_vectors.append(None)
        self._sums[claim] = np.asarray(state.centroid, dtype=np.float32) * state.size
        self._key_claims.update(state.keys.keys())  # claims per key, not members
        self._refresh(claim, state.keys)
        return claim

    def _join(self, claim: int, item: ClaimItem, vector: np.ndarray) -> None:
        state = self._states[claim]
        self._sums[claim] += vector
        state.size += 1
        state.centroid = self._sums[claim] / np.float32(state.size)
        for key in item.keys:
            if key not in state.keys:
                self._key_claims[key] += 1
            state.keys[key] = state.keys.get(key, 0) + 1
        if len(state.keys) > CLAIM_KEYS_KEPT:
            kept = sorted(state.keys.items(), key=lambda kv: (-kv[1], kv[0]))[:CLAIM_KEYS_KEPT]
            for key in state.keys.keys() - {k for k, _ in kept}:
                self._key_claims[key] -= 1
            state.keys = dict(kept)
        if item.day is not None:
            state.first_day = min(state.first_day or item.day, item.day)
            state.last_day = max(state.last_day or item.day, item.day)
        self._refresh(claim, item.keys)
        self._relabel(claim, item, vector)

    def _refresh(self, claim: int, touched_keys: Iterable[str]) -> None:
        """Re-derive the unit centroid, days and postings of a claim after a change."""
        state = self._states[claim]
        norm = float(np.linalg.norm(self._sums[claim]))
        self._units[claim] = self._sums[claim] / norm if norm > 0 else 0.0
        self._first[claim] = state.first_day.toordinal() if state.first_day else _NO_DAY
        self._last[claim] = state.last_day.toordinal() if state.last_day else _NO_DAY
        self._codes[claim] = self._code(self._units[claim][None, :])[0]
        for table, code in enumerate(self._codes[claim].tolist()):
            self._by_code.setdefault((table, code), _Posting()).touch(claim, BUCKET_CAP)
        for key in touched_keys:
            if key in state.keys:
                self._by_key.setdefault(key, _Posting()).touch(claim, KEY_POSTING_CAP)
        self._changed.add(claim)

    def _relabel(self, claim: int, item: ClaimItem, vector: np.ndarray) -> None:
        """Keep as label the member closest to the centroid among those seen.

        A restored claim's label has no vector here; its closeness is taken as that of an
        average member, which for unit vectors is the length of the centroid.
        """
        unit = self._units[claim]
        held = self._label_vectors[claim]
        if held is None:
            held_cosine = float(np.linalg.norm(self._states[claim].centroid))
        else:
            held_cosine = float(held @ unit)
        if float(vector @ unit) > held_cosine:
            self._states[claim].label = item.text
            self._label_vectors[claim] = vector

    def _grow(self) -> None:
        held = len(self._sums)
        for name in ("_sums", "_units"):
            grown = np.zeros((2 * held, DIMENSIONS), dtype=np.float32)
            grown[:held] = getattr(self, name)
            setattr(self, name, grown)
        for name in ("_first", "_last"):
            days = np.full(2 * held, _NO_DAY, dtype=np.int64)
            days[:held] = getattr(self, name)
            setattr(self, name, days)
