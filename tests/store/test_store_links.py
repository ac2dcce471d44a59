"""The linking tables: speakers, claims, statement links and relations, through the store API."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sayso.errors import StoreError
from sayso.model import Claim, Link, RoleSeen, Speaker
from sayso.store import SQLiteStore
from sayso.store.linked import ClaimRow

from .builders import azovstal_statements, make_article

PALAMAR = Speaker(
    id="sp-palamar",
    name="Sviatoslav Palamar",
    kind="person",
    aliases=("Palamar",),
    roles=(RoleSeen("Deputy Commander of Azov regiment", date(2022, 5, 5), date(2022, 5, 6), 3),),
    affiliation="Ukraine",
)
RUSSIA = Speaker(id="sp-russia", name="Russia", kind="country", aliases=("Kremlin", "Moscow"))


def _stored(store: SQLiteStore) -> list[str]:
    article = make_article()
    statements = azovstal_statements(article)
    store.save(article, statements)
    return [s.id for s in statements]


def _claim(claim_id: str, size: int) -> ClaimRow:
    claim = Claim(claim_id, "troops entered the plant", size, date(2022, 5, 5), date(2022, 5, 5))
    return ClaimRow(claim, bytes(range(16)), {"azovstal": size})


def test_speakers_round_trip_with_aliases_and_dated_roles(store: SQLiteStore) -> None:
    ids = _stored(store)
    store.replace_speakers(
        [PALAMAR, RUSSIA], {ids[0]: PALAMAR.id, ids[1]: PALAMAR.id, ids[2]: RUSSIA.id}
    )

    assert store.speakers() == [PALAMAR, RUSSIA]  # most quoted first
    assert store.speakers("moscow") == [RUSSIA]  # an alias finds it, any case
    assert store.speaker_ids("palamar") == [PALAMAR.id]
    assert store.link_counts()["speakers"] == 2


def test_replacing_speakers_drops_the_old_ones(store: SQLiteStore) -> None:
    ids = _stored(store)
    store.replace_speakers([PALAMAR, RUSSIA], {ids[0]: PALAMAR.id, ids[2]: RUSSIA.id})
    store.replace_speakers([RUSSIA], {ids[2]: RUSSIA.id})

    assert store.speakers() == [RUSSIA]


def test_statements_read_back_under_their_canonical_speaker(store: SQLiteStore) -> None:
    ids = _stored(store)
    store.replace_speakers([PALAMAR, RUSSIA], {ids[0]: PALAMAR.id, ids[2]: RUSSIA.id})
    unclaimed = {linked.statement.id: linked for linked in store.unclaimed()}

    kremlin = unclaimed[ids[2]]
    assert (kremlin.statement.speaker, kremlin.statement.speaker_kind) == ("Russia", "country")
    assert kremlin.speaker_id == RUSSIA.id and kremlin.published == date(2022, 5, 5)
    assert unclaimed[ids[1]].speaker_id is None  # no speaker given for it: as extracted


def test_placed_statements_leave_the_unclaimed_and_join_their_claim(store: SQLiteStore) -> None:
    ids = _stored(store)
    vector = b"\x00\x3c" * 4
    store.save_claims([_claim("c1", 2)], [(ids[0], "c1", vector), (ids[2], "c1", vector)])

    assert [linked.statement.id for linked in store.unclaimed()] == [ids[1]]
    members = store.claim_members(["c1"])
    assert [m.statement.id for m in members] == [ids[0], ids[2]]
    assert members[0].vector == vector and members[0].claim_id == "c1"
    assert store.claim_rows() == [_claim("c1", 2)]
    assert store.claims() == [_claim("c1", 2).claim]


def test_conflicts_come_strongest_first_and_filter_by_speaker(store: SQLiteStore) -> None:
    ids = _stored(store)
    store.replace_speakers(
        [PALAMAR, RUSSIA], {ids[0]: PALAMAR.id, ids[1]: PALAMAR.id, ids[2]: RUSSIA.id}
    )
    weak = Link(ids[0], ids[2], "denies", 0.6, "Russia denies ...", "c1")
    strong = Link(ids[1], ids[2], "denies", 0.9, "Russia denies ... but ...", "c1")
    support = Link(ids[0], ids[1], "supports", 0.95, "agree", "c1")
    store.save_links([weak, strong, support])

    views = store.links()
    assert [view.link for view in views] == [strong, weak]  # supports is not a conflict
    assert views[0].b.speaker == "Russia"  # canonical name, not "Kremlin"
    assert [v.link for v in store.links(speaker_ids=store.speaker_ids("Moscow"), limit=1)] == [
        strong
    ]
    assert store.links(speaker_ids=[]) == []
    assert store.link_counts()["conflicts"] == 2


def test_re_extracted_statements_lose_their_links(store: SQLiteStore) -> None:
    ids = _stored(store)
    store.save_claims([_claim("c1", 1)], [(ids[0], "c1", b"")])
    store.save_links([Link(ids[0], ids[2], "denies", 0.9, "why", "c1")])
    article = make_article()
    kept = azovstal_statements(article)[1:]
    store.save(article, [replace(s, confidence=0.5) for s in kept])

    assert store.forget_removed_statements() == 1
    assert store.links() == []


def test_a_link_of_unknown_relation_is_refused_and_nothing_written(store: SQLiteStore) -> None:
    ids = _stored(store)
    good = Link(ids[0], ids[2], "denies", 0.9, "why", None)
    bad = Link(ids[1], ids[2], "refutes", 0.9, "why", None)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="saving links"):
        store.save_links([good, bad])
    assert store.link_counts()["links"] == 0
