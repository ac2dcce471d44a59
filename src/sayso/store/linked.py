"""What ``sayso link`` keeps in the store: canonical speakers, claims, and relations.

Part of every SQL store (``sayso.store.sql``). Vectors cross this boundary as bytes (float16
per statement, float32 per claim centroid) so that the store needs no numerical library;
``sayso.link`` turns them into arrays.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sayso.model import (
    CONFLICTS,
    Claim,
    Link,
    Relation,
    RoleSeen,
    Speaker,
    SpeakerKind,
    Statement,
)
from sayso.store.rows import STATEMENT_COLUMNS, speaker_key, statement_from_row

_STATEMENT_FIELDS = ", ".join("s." + column for column in STATEMENT_COLUMNS)


@dataclass(frozen=True)
class Mentioned:
    """A stored statement's speaker as extracted, with the dates linking needs."""

    statement_id: str
    article_id: str
    speaker: str
    kind: str
    role: str | None
    said_on: str | None  # the statement's own date, YYYY-MM-DD or YYYY-MM
    published: date | None  # the article's


@dataclass(frozen=True)
class ClaimRow:
    """A claim as stored: the model's Claim plus what clustering needs to go on."""

    claim: Claim
    centroid: bytes
    keys: Mapping[str, int]


@dataclass(frozen=True)
class LinkedStatement:
    """A stored statement with its linking: canonical speaker, claim, embedding."""

    statement: Statement
    published: date | None
    speaker_id: str | None
    claim_id: str | None
    vector: bytes | None


@dataclass(frozen=True)
class LinkView:
    """A relation with both statements, for showing (``sayso conflicts``)."""

    link: Link
    a: Statement
    b: Statement


def day_of(text: str | None) -> date | None:
    """The date stored as ISO text, or ``None``."""
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class LinkTables:
    """The linking half of every SQL store (see ``migrations/0002_links.sql``)."""

    def _transaction(self, doing: str) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _all(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    # -- writing, in the order `sayso link` does it

    def forget_removed_statements(self) -> int:
        """Drop link rows of statements no longer stored; return how many statements."""
        with self._transaction("clearing links of removed statements") as cursor:
            gone = cursor.execute(
                "DELETE FROM statement_links WHERE statement_id NOT IN (SELECT id FROM statements)"
            ).rowcount
            cursor.execute(
                "DELETE FROM links WHERE a NOT IN (SELECT id FROM statements) "
                "OR b NOT IN (SELECT id FROM statements)"
            )
        return int(gone)

    def mentions(self) -> Iterator[Mentioned]:
        """Every stored statement that has a speaker, in saving order."""
        rows = self._all(
            "SELECT s.id, s.article_id, s.speaker, s.speaker_kind, s.role, s.date, a.published "
            "FROM statements AS s JOIN articles AS a ON a.id = s.article_id "
            "WHERE s.speaker IS NOT NULL ORDER BY a.seq, s.ordinal"
        )
        for row in rows:
            statement_id, article_id, speaker, kind, role, said_on, published = row
            published_on = day_of(published)
            yield Mentioned(statement_id, article_id, speaker, kind, role, said_on, published_on)

    def replace_speakers(self, speakers: Sequence[Speaker], speaker_of: Mapping[str, str]) -> None:
        """Store the canonical speakers (all of them, replacing the old) and who said what."""
        with self._transaction("saving speakers") as cursor:
            for table in ("speaker_roles", "speaker_aliases", "speakers"):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            cursor.executemany(
                "INSERT INTO speakers (id, name, name_key, kind, affiliation) VALUES (?,?,?,?,?)",
                [(s.id, s.name, speaker_key(s.name), s.kind, s.affiliation) for s in speakers],
            )
            cursor.executemany(
                "INSERT INTO speaker_aliases (speaker_id, alias, alias_key) VALUES (?,?,?)",
                [(s.id, a, speaker_key(a)) for s in speakers for a in s.aliases],
            )
            cursor.executemany(
                "INSERT INTO speaker_roles (speaker_id, role, first_seen, last_seen, mentions) "
                "VALUES (?,?,?,?,?)",
                [
                    (s.id, r.role, _iso(r.first_seen), _iso(r.last_seen), r.mentions)
                    for s in speakers
                    for r in s.roles
                ],
            )
            cursor.execute("UPDATE statement_links SET speaker_id = NULL")
            cursor.executemany(
                "INSERT INTO statement_links (statement_id, speaker_id) VALUES (?, ?) "
                "ON CONFLICT (statement_id) DO UPDATE SET speaker_id = excluded.speaker_id",
                list(speaker_of.items()),
            )

    def unclaimed(self) -> list[LinkedStatement]:
        """Statements not yet placed in a claim, in saving order."""
        return self._linked("WHERE l.claim_id IS NULL ORDER BY a.seq, s.ordinal")

    def claim_rows(self) -> list[ClaimRow]:
        """Every stored claim with its centroid and keys."""
        rows = self._all(
            "SELECT id, label, size, first_day, last_day, centroid, keys FROM claims ORDER BY id"
        )
        return [
            ClaimRow(
                Claim(row[0], row[1], row[2], day_of(row[3]), day_of(row[4])),
                row[5],
                json.loads(row[6]),
            )
            for row in rows
        ]

    def save_claims(
        self, claims: Sequence[ClaimRow], placed: Sequence[tuple[str, str, bytes]]
    ) -> None:
        """Store changed claims and, per statement, (statement id, claim id, vector)."""
        with self._transaction("saving claims") as cursor:
            cursor.executemany(
                "INSERT INTO claims "
                "(id, label, size, first_day, last_day, centroid, keys) VALUES (?,?,?,?,?,?,?) "
                "ON CONFLICT (id) DO UPDATE SET label = excluded.label, size = excluded.size, "
                "first_day = excluded.first_day, last_day = excluded.last_day, "
                "centroid = excluded.centroid, keys = excluded.keys",
                [
                    (
                        row.claim.id,
                        row.claim.label,
                        row.claim.size,
                        _iso(row.claim.first_day),
                        _iso(row.claim.last_day),
                        row.centroid,
                        json.dumps(dict(row.keys), ensure_ascii=False, sort_keys=True),
                    )
                    for row in claims
                ],
            )
            cursor.executemany(
                "INSERT INTO statement_links (statement_id, claim_id, vector) VALUES (?, ?, ?) "
                "ON CONFLICT (statement_id) DO UPDATE SET "
                "claim_id = excluded.claim_id, vector = excluded.vector",
                placed,
            )

    def claim_members(self, claim_ids: Collection[str]) -> list[LinkedStatement]:
        """The statements of these claims, in saving order."""
        if not claim_ids:
            return []
        marks = ", ".join("?" for _ in claim_ids)
        return self._linked(
            f"WHERE l.claim_id IN ({marks}) ORDER BY a.seq, s.ordinal", list(claim_ids)
        )

    def article_members(self, article_ids: Collection[str]) -> list[LinkedStatement]:
        """The statements of these articles, with their linking, in saving order."""
        if not article_ids:
            return []
        marks = ", ".join("?" for _ in article_ids)
        return self._linked(
            f"WHERE s.article_id IN ({marks}) ORDER BY a.seq, s.ordinal", list(article_ids)
        )

    def event_neighbours(self, article_id: str, shared: int, limit: int) -> list[str]:
        """Articles sharing at least ``shared`` claims with ``article_id`` (most first, at most
        ``limit``): other accounts of the same event."""
        rows = self._all(
            "SELECT o.article_id, count(DISTINCT ol.claim_id) AS n "
            "FROM statements AS s JOIN statement_links AS sl ON sl.statement_id = s.id "
            "JOIN statement_links AS ol ON ol.claim_id = sl.claim_id "
            "JOIN statements AS o ON o.id = ol.statement_id "
            "WHERE s.article_id = ? AND o.article_id != ? "
            "GROUP BY o.article_id HAVING count(DISTINCT ol.claim_id) >= ? "
            "ORDER BY n DESC, o.article_id LIMIT ?",
            [article_id, article_id, shared, limit],
        )
        return [row[0] for row in rows]

    def save_links(self, links: Sequence[Link]) -> None:
        """Store relations between statements (replacing those of the same pair)."""
        with self._transaction("saving links") as cursor:
            cursor.executemany(
                "INSERT INTO links (a, b, relation, score, reason, claim_id, arose) "
                f"VALUES (?,?,?,?,?,?, ({_LATER_ARTICLE.format(a='?', b='?')})) "
                "ON CONFLICT (a, b) DO UPDATE SET relation = excluded.relation, "
                "score = excluded.score, reason = excluded.reason, "
                "claim_id = excluded.claim_id, arose = excluded.arose",
                [(k.a, k.b, k.relation, k.score, k.reason, k.claim_id, k.a, k.b) for k in links],
            )

    # -- reading

    def speakers(self, name: str | None = None) -> list[Speaker]:
        """Canonical speakers, most quoted first; ``name`` matches a name or alias (any case)."""
        sql = (
            "SELECT p.id, p.name, p.kind, p.affiliation, "
            "(SELECT count(*) FROM statement_links AS l WHERE l.speaker_id = p.id) AS said "
            "FROM speakers AS p"
        )
        parameters: list[Any] = []
        if name is not None:
            sql += (
                " WHERE instr(p.name_key, ?) > 0 OR p.id IN "
                "(SELECT speaker_id FROM speaker_aliases WHERE instr(alias_key, ?) > 0)"
            )
            parameters = [speaker_key(name)] * 2
        rows = self._all(sql + " ORDER BY said DESC, p.name", parameters)
        return [self._speaker(row) for row in rows]

    def speaker_ids(self, name: str) -> list[str]:
        """Ids of the canonical speakers whose name or an alias contains ``name``."""
        return [speaker.id for speaker in self.speakers(name)]

    def claims(self, limit: int | None = None) -> list[Claim]:
        """Claims, largest first."""
        sql = "SELECT id, label, size, first_day, last_day FROM claims ORDER BY size DESC, id"
        parameters: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        rows = self._all(sql, parameters)
        return [Claim(r[0], r[1], r[2], day_of(r[3]), day_of(r[4])) for r in rows]

    def links(
        self,
        relations: Collection[Relation] = CONFLICTS,
        speaker_ids: Collection[str] | None = None,
        limit: int | None = None,
        *,
        claim_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
        offset: int = 0,
    ) -> list[LinkView]:
        """Relations of the given kinds, strongest first (then newest), both statements
        spoken by the canonical speaker (their ``speaker`` is the canonical name when linked).

        ``speaker_ids`` keeps relations where one side is said by one of them; ``claim_id``
        those of one claim; ``since`` / ``until`` those that arose in that window (inclusive):
        a relation arises when the later of its two articles is published. ``limit`` and
        ``offset`` page through them.
        """
        where, parameters = _link_filter(relations, speaker_ids, claim_id, since, until)
        sql = (
            "SELECT k.a, k.b, k.relation, k.score, k.reason, k.claim_id FROM links AS k "
            f"WHERE {where} ORDER BY k.score DESC, k.arose DESC, k.a, k.b"
        )
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            parameters += [-1 if limit is None else limit, offset]
        found = [Link(*row) for row in self._all(sql, parameters)]
        said = self._canonical_statements({i for link in found for i in (link.a, link.b)})
        return [LinkView(link, said[link.a], said[link.b]) for link in found]

    def count_links(
        self,
        relations: Collection[Relation] = CONFLICTS,
        speaker_ids: Collection[str] | None = None,
        *,
        claim_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> int:
        """How many relations ``links`` would give with these filters and no limit."""
        where, parameters = _link_filter(relations, speaker_ids, claim_id, since, until)
        return int(self._all(f"SELECT count(*) FROM links AS k WHERE {where}", parameters)[0][0])

    # -- helpers

    def _linked(self, where: str, parameters: Sequence[Any] = ()) -> list[LinkedStatement]:
        rows = self._all(
            f"SELECT {_STATEMENT_FIELDS}, a.published, l.speaker_id, l.claim_id, l.vector, "
            "p.name, p.kind FROM statements AS s JOIN articles AS a ON a.id = s.article_id "
            "LEFT JOIN statement_links AS l ON l.statement_id = s.id "
            f"LEFT JOIN speakers AS p ON p.id = l.speaker_id {where}",
            parameters,
        )
        width = len(STATEMENT_COLUMNS)
        return [
            LinkedStatement(
                canonical(statement_from_row(row[:width]), row[width + 4], row[width + 5]),
                day_of(row[width]),
                row[width + 1],
                row[width + 2],
                row[width + 3],
            )
            for row in rows
        ]

    def _canonical_statements(self, ids: Collection[str]) -> dict[str, Statement]:
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        return {
            linked.statement.id: linked.statement
            for linked in self._linked(f"WHERE s.id IN ({marks})", list(ids))
        }

    def _speaker(self, row: Sequence[Any]) -> Speaker:
        speaker_id = row[0]
        aliases = tuple(
            r[0]
            for r in self._all(
                "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias",
                (speaker_id,),
            )
        )
        roles = tuple(
            RoleSeen(r[0], day_of(r[1]), day_of(r[2]), r[3])
            for r in self._all(
                "SELECT role, first_seen, last_seen, mentions FROM speaker_roles "
                "WHERE speaker_id = ? ORDER BY first_seen, role",
                (speaker_id,),
            )
        )
        return Speaker(speaker_id, row[1], row[2], aliases, roles, row[3])


# The later publication date of the articles of two statements: the day a relation arose.
_LATER_ARTICLE = (
    "SELECT max(a2.published) FROM statements AS s2 JOIN articles AS a2 "
    "ON a2.id = s2.article_id WHERE s2.id IN ({a}, {b})"
)


def _link_filter(
    relations: Collection[Relation],
    speaker_ids: Collection[str] | None,
    claim_id: str | None,
    since: date | None,
    until: date | None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``links AS k``) and its parameters for ``links`` filters."""
    conditions = [f"k.relation IN ({', '.join('?' for _ in relations)})"]
    parameters: list[Any] = list(relations)
    if speaker_ids is not None:
        marks = ", ".join("?" for _ in speaker_ids)
        conditions.append(
            "EXISTS (SELECT 1 FROM statement_links AS l WHERE l.statement_id IN "
            f"(k.a, k.b) AND l.speaker_id IN ({marks}))"
        )
        parameters += list(speaker_ids)
    if claim_id is not None:
        conditions.append("k.claim_id = ?")
        parameters.append(claim_id)
    for bound, compare in ((since, ">="), (until, "<=")):
        if bound is not None:
            conditions.append(f"k.arose {compare} ?")
            parameters.append(bound.isoformat())
    return " AND ".join(conditions), parameters


def canonical(statement: Statement, name: str | None, kind: SpeakerKind | None) -> Statement:
    """The statement with its speaker's canonical name across articles, when linked."""
    if name is None or kind is None:
        return statement
    return replace(statement, speaker=name, speaker_kind=kind)
