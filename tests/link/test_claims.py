"""Claims: incremental grouping of statements about one event, through the public API."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import numpy as np
import pytest

from sayso.link.claims import (
    BUCKET_CAP,
    CLAIM_KEYS_KEPT,
    CLAIM_SPAN_DAYS,
    DATE_WINDOW_DAYS,
    ITEM_KEYS_USED,
    KEY_POSTING_CAP,
    LSH_BITS,
    LSH_TABLES,
    ClaimIndex,
    ClaimItem,
    ClaimState,
    claim_day,
    claim_keys,
)
from sayso.link.embed import SentenceEncoder
from sayso.model import stable_id

THURSDAY = date(2022, 5, 5)

# A made-up article, its statements' contents as sayso's extractor gives them: an adviser says
# the troops were driven out, a commander that they are still inside, Russia denies (what it
# denies is the content) any ground fighting; then an unrelated item from the same page.
MADE_UP_ARTICLE = {
    "adviser": "The troops were driven out of the plant,",
    "commander": "the troops are still inside the plant",
    "russia": "any ground fighting at the plant",
}
UNRELATED = "it would raise interest rates by half a point next month"


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder.load()


def item(
    encoder: SentenceEncoder,
    statement_id: str,
    text: str,
    day: date | None = THURSDAY,
    article_id: str = "made-up",
) -> ClaimItem:
    vector = encoder.encode([text])[0]
    return ClaimItem(statement_id, article_id, text, vector, claim_keys(text), day)


# claim_keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (
            "Troops entered the Azovstal plant in Mariupol, Sviatoslav Palamar said.",
            {"azovstal", "mariupol", "sviatoslav palamar", "palamar"},
        ),
        ("Russia denied any ground fighting at the plant.", set()),  # a lone opening word
        (
            "The Russians said Ukraine's President Zelenskyy was in Kyiv",
            {"russian", "ukraine", "zelenskyy", "kyiv"},
        ),
        ("About 1,000 people and 200 soldiers, 3 of them hurt, left on May 5", {"1000", "200"}),
        ("Christian Bale In Talks To Play Steve Jobs In Sony's Next Biopic", set()),  # title case
        ("NASA Says New iOS Bug Deletes iCloud Files", {"nasa", "ios", "icloud"}),
        ("He met the Israelis and the Americans on Monday", {"israeli", "american"}),
    ],
)
def test_claim_keys_are_names_places_and_numbers(text: str, keys: set[str]) -> None:
    assert claim_keys(text) == keys


def test_claim_day_prefers_the_statement_date() -> None:
    assert claim_day("2022-05-04", THURSDAY) == date(2022, 5, 4)
    assert claim_day("2022-05", THURSDAY) == THURSDAY
    assert claim_day("2022-04", THURSDAY) == date(2022, 4, 15)
    assert claim_day(None, THURSDAY) == THURSDAY
    assert claim_day(None, None) is None


# joining


@pytest.mark.parametrize("order", list(itertools.permutations(MADE_UP_ARTICLE)))
def test_contradicting_statements_share_a_claim_and_an_unrelated_one_does_not(
    encoder: SentenceEncoder, order: tuple[str, ...]
) -> None:
    items = [item(encoder, name, MADE_UP_ARTICLE[name]) for name in order]
    items.append(item(encoder, "bank", UNRELATED))
    claim_ids = ClaimIndex().add(items)
    assert len(set(claim_ids[:3])) == 1
    assert claim_ids[3] != claim_ids[0]


def test_claim_ids_are_stable_and_named_after_the_first_member(encoder: SentenceEncoder) -> None:
    items = [item(encoder, name, text) for name, text in MADE_UP_ARTICLE.items()]
    first = ClaimIndex().add(items)
    again = ClaimIndex().add(items)
    assert first == again == [stable_id("claim", "adviser")] * 3


def test_the_date_window_keeps_a_late_repeat_apart(encoder: SentenceEncoder) -> None:
    text = MADE_UP_ARTICLE["commander"]
    late = THURSDAY + timedelta(days=DATE_WINDOW_DAYS + 1)
    thursday, later, undated = ClaimIndex().add(
        [item(encoder, "a", text), item(encoder, "b", text, late), item(encoder, "c", text, None)]
    )
    assert later != thursday
    assert undated in (thursday, later)
    within = THURSDAY - timedelta(days=DATE_WINDOW_DAYS)
    first, near = ClaimIndex().add([item(encoder, "a", text), item(encoder, "d", text, within)])
    assert near == first


def test_a_running_story_moves_to_a_new_claim_after_the_span(encoder: SentenceEncoder) -> None:
    text = MADE_UP_ARTICLE["commander"]
    days = [THURSDAY + timedelta(days=n) for n in range(0, CLAIM_SPAN_DAYS + 8, 7)]
    claim_ids = ClaimIndex().add([item(encoder, f"s{n}", text, day) for n, day in enumerate(days)])
    inside = sum(day - THURSDAY <= timedelta(days=CLAIM_SPAN_DAYS) for day in days)
    assert set(claim_ids[:inside]) == {claim_ids[0]}
    assert claim_ids[inside] != claim_ids[0]


def test_states_track_size_days_keys_and_label(encoder: SentenceEncoder) -> None:
    index = ClaimIndex()
    index.add(
        [
            item(encoder, "a", "Russian troops are still inside the Azovstal plant", THURSDAY),
            item(encoder, "b", "the Azovstal plant is still held by Russian troops", THURSDAY),
            item(
                encoder,
                "c",
                "Russian troops were driven out of the Azovstal plant",
                THURSDAY - timedelta(days=1),
            ),
        ]
    )
    (state,) = index.states()
    assert state.size == 3
    assert state.first_day == THURSDAY - timedelta(days=1) and state.last_day == THURSDAY
    assert state.keys == {"azovstal": 3, "russian": 1}  # an opening "Russian" is no key
    assert state.centroid.dtype == np.float32 and state.centroid.shape == (384,)
    assert state.label in {
        "Russian troops are still inside the Azovstal plant",
        "the Azovstal plant is still held by Russian troops",
        "Russian troops were driven out of the Azovstal plant",
    }


def test_a_claim_keeps_only_its_most_frequent_keys(encoder: SentenceEncoder) -> None:
    vector = encoder.encode(["fighting at the plant"])[0]
    items = [
        ClaimItem(
            f"s{n}",
            "a",
            "fighting at the plant",
            vector,
            frozenset({"azovstal", f"name{n}"}),
            THURSDAY,
        )
        for n in range(CLAIM_KEYS_KEPT + 10)
    ]
    index = ClaimIndex()
    index.add(items)
    (state,) = index.states()
    assert len(state.keys) == CLAIM_KEYS_KEPT
    assert state.keys["azovstal"] == CLAIM_KEYS_KEPT + 10


# persistence


def test_an_index_rebuilt_from_states_goes_on_where_it_stopped(encoder: SentenceEncoder) -> None:
    first = ClaimIndex()
    claim_ids = first.add(
        [item(encoder, name, text) for name, text in MADE_UP_ARTICLE.items()]
        + [item(encoder, "bank", UNRELATED)]
    )
    persisted = [
        ClaimState(s.id, s.centroid.copy(), s.size, dict(s.keys), s.first_day, s.last_day, s.label)
        for s in first.changed()
    ]
    rebuilt = ClaimIndex(persisted)
    assert rebuilt.changed() == []
    (joined,) = rebuilt.add(
        [item(encoder, "later", "Russian forces are still inside the plant", THURSDAY, "other")]
    )
    assert joined == claim_ids[0]
    (touched,) = rebuilt.changed()
    assert touched.id == claim_ids[0] and touched.size == 4
    assert rebuilt.changed() == []
    assert {s.id for s in rebuilt.states()} == set(claim_ids)


def test_changed_lists_new_and_updated_claims_once(encoder: SentenceEncoder) -> None:
    index = ClaimIndex()
    index.add([item(encoder, "a", MADE_UP_ARTICLE["adviser"])])
    assert len(index.changed()) == 1
    assert index.changed() == []
    index.add([item(encoder, "b", MADE_UP_ARTICLE["commander"])])
    assert [s.size for s in index.changed()] == [2]


# cost


def synthetic_items(count: int, events: int, seed: int = 7) -> tuple[list[ClaimItem], list[int]]:
    """Items around ``events`` random topics, arriving in date order; and each one's event."""
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((events, 384)).astype(np.float32)
    topics /= np.linalg.norm(topics, axis=1, keepdims=True)
    event_of = np.sort(rng.integers(0, events, count))
    items = []
    for n, event in enumerate(event_of.tolist()):
        vector = topics[event] + 0.9 * rng.standard_normal(384).astype(np.float32) / np.sqrt(384)
        vector /= np.linalg.norm(vector)
        keys = frozenset({f"place{event % 97}", f"person{event}", f"org{rng.integers(20)}"})
        day = date(2022, 1, 1) + timedelta(days=event // 20)
        items.append(ClaimItem(f"s{n}", f"a{n // 5}", "", vector, keys, day))
    return items, event_of.tolist()


def test_comparisons_per_item_stay_bounded_as_the_index_grows() -> None:
    bound = LSH_TABLES * (LSH_BITS + 1) * BUCKET_CAP + ITEM_KEYS_USED * KEY_POSTING_CAP
    items, _ = synthetic_items(12_000, events=3_000)
    index = ClaimIndex()
    per_item = []
    for found in items:
        before = index.comparisons
        index.add([found])
        per_item.append(index.comparisons - before)
    assert max(per_item) <= bound
    early, late = np.mean(per_item[1_000:2_000]), np.mean(per_item[-1_000:])
    assert late < 2 * early  # saturated postings: the work no longer grows with the index
    assert len(index.states()) > 2_000  # and it grew: thousands of claims


def test_synthetic_events_are_recovered() -> None:
    items, events = synthetic_items(2_000, events=200)
    claim_ids = ClaimIndex().add(items)
    events_of: dict[str, set[int]] = {}
    for claim, event in zip(claim_ids, events, strict=True):
        events_of.setdefault(claim, set()).add(event)
    assert sum(len(found) == 1 for found in events_of.values()) / len(events_of) > 0.95
    assert len(set(claim_ids)) < 1.2 * len(set(events))
