"""Kill -9 a batch ingest's workers, or the ingest itself, and check that the store ends up
exactly as a clean run leaves it (real processes, a real SQLite file)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import MODEL, SHARD_SIZE
from .helpers import dump_store, running_workers, shard_counts

# Generous: two workers load spaCy on two shared cores before the first shard is done.
RUN_SECONDS = 120
POLL_SECONDS = 0.01


def start_ingest(corpus: Path, db: Path, workers: int = 2) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "sayso", "ingest", str(corpus), "--db", str(db), "--model", MODEL,
        "--workers", str(workers), "--shard-size", str(SHARD_SIZE),
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(
    process: subprocess.Popen[str], db: Path, ready: Callable[[dict[str, int], int], bool]
) -> list[tuple[int, int]]:
    """Poll the ledger until ``ready(shard counts, running workers)``; the workers then."""
    deadline = time.monotonic() + RUN_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the ingest ended before it could be interrupted: {process.stdout}")
        held = running_workers(db)
        if ready(shard_counts(db), len({pid for _, pid in held})):
            return held
        time.sleep(POLL_SECONDS)
    process.kill()
    pytest.fail("the ingest never got to where the test interrupts it")


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=RUN_SECONDS)
    return process.returncode, stdout, stderr


def test_killed_workers_are_replaced_and_their_shards_redone(
    corpus: Path, clean_db: Path, store_target: Callable[[str], Path]
) -> None:
    db = store_target("killed-workers")
    process = start_ingest(corpus, db)
    held = wait_for(process, db, lambda counts, workers: counts.get("done", 0) >= 2 and workers > 1)
    for pid in {pid for _, pid in held}:
        os.kill(pid, signal.SIGKILL)
    code, stdout, stderr = finish(process)

    assert code == 1, stderr  # the one bad record
    assert "2 workers replaced" in stdout
    assert "Traceback" not in stderr
    assert dump_store(db) == dump_store(clean_db)


def test_a_killed_ingest_resumes_and_ends_as_a_clean_run(
    corpus: Path, clean_db: Path, store_target: Callable[[str], Path]
) -> None:
    db = store_target("killed-parent")
    process = start_ingest(corpus, db)
    held = wait_for(process, db, lambda counts, workers: counts.get("done", 0) >= 5 and workers)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for pid in {pid for _, pid in held}:  # orphans would stop at their next message anyway
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    counts = shard_counts(db)
    assert counts.get("running", 0) >= 1 and counts.get("pending", 0) >= 1

    code, stdout, stderr = finish(start_ingest(corpus, db))

    assert code in (0, 1), stderr  # 1 when the bad record's shard was among those redone
    assert f"{counts['done']} of " in stdout and "resumed job" in stdout
    assert dump_store(db) == dump_store(clean_db)
    assert shard_counts(db) == {"done": sum(counts.values())}
