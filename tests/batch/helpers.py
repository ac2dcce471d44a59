"""A generated corpus for batch tests, and a canonical dump of a store to compare stores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

SPEAKERS = (
    ("Mayor Jane Doe", "she"), ("Tom Reed, the union leader", "he"),
    ("Selin Aydin, a nurse", "she"), ("The ministry", "it"), ("Pavel Lindqvist", "he"),
)
CLAIMS = (
    "the bridge will reopen in May", "nothing is ready at the plant",
    "the ferry left on time", "wages will rise next year", "the hospital needs more staff",
    "the fire doors failed", "the road was closed for repairs",
)
# Every column of each table, in a canonical order; the ledger's errors without their times.
TABLES = {
    "articles": "SELECT * FROM articles ORDER BY seq",
    "statements": "SELECT * FROM statements ORDER BY seq",
    "errors": "SELECT job_id, shard, ordinal, source, line, error, reason, skipped FROM errors "
    "ORDER BY job_id, shard, ordinal",
}


def article_text(number: int) -> str:
    """A short article with a few attributed statements, different for every ``number``."""
    lines = []
    for turn in range(3):
        speaker, pronoun = SPEAKERS[(number + turn) % len(SPEAKERS)]
        claim = CLAIMS[(number * 3 + turn) % len(CLAIMS)]
        lines.append(f'"{claim.capitalize()} in district {number}," {speaker} said on Monday.')
        lines.append(f"{pronoun.capitalize()} told reporters that {claim} after the vote.")
    return " ".join(lines)


def write_corpus(path: Path, count: int, *, bad_lines: tuple[int, ...] = ()) -> Path:
    """A JSONL corpus of ``count`` articles; the records numbered in ``bad_lines`` are not JSON."""
    lines = []
    for number in range(count):
        if number in bad_lines:
            lines.append("{not json")
            continue
        record = {"title": f"Story {number}", "text": article_text(number),
                  "outlet": "The Courier", "date": "2026-05-04"}
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump_store(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the articles and statements tables (all columns, in ``seq`` order) and of
    the ledger's errors, so that two stores compare equal only when they hold the same."""
    connection = sqlite3.connect(db)
    try:
        return {table: connection.execute(sql).fetchall() for table, sql in TABLES.items()}
    finally:
        connection.close()


def running_workers(db: Path) -> list[tuple[int, int]]:
    """``(shard, pid)`` of the shards that the ledger says worker processes hold now."""
    connection = sqlite3.connect(db, timeout=5)
    try:
        rows = connection.execute(
            "SELECT ordinal, worker FROM shards WHERE state = 'running'"
        ).fetchall()
    except sqlite3.OperationalError:  # not created yet
        return []
    finally:
        connection.close()
    return [(int(ordinal), int(worker)) for ordinal, worker in rows if str(worker).isdigit()]


def shard_counts(db: Path) -> dict[str, int]:
    """How many shards of the ledger are in each state."""
    connection = sqlite3.connect(db, timeout=5)
    try:
        rows = connection.execute("SELECT state, count(*) FROM shards GROUP BY state").fetchall()
    except sqlite3.OperationalError:
        return {}
    finally:
        connection.close()
    return {state: int(count) for state, count in rows}
