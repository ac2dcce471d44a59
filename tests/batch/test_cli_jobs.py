"""`sayso jobs`: the ledger as a table, as JSON Lines, and the errors of a job."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sayso.cli import main

from .conftest import ARTICLES, BAD_LINES, SHARD_SIZE


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_jobs_as_json_counts_shards_articles_and_errors(clean_db: Path, corpus: Path) -> None:
    code, stdout, _ = run("jobs", "--db", str(clean_db), "--json")

    (job,) = [json.loads(line) for line in stdout.splitlines()]
    assert code == 0
    assert job["inputs"] == [str(corpus)]
    assert (job["shards"], job["done"], job["pending"], job["failed"]) == (
        ARTICLES // SHARD_SIZE, ARTICLES // SHARD_SIZE, 0, 0,
    )
    assert (job["articles"], job["errors"], job["eta_seconds"]) == (
        ARTICLES - len(BAD_LINES), len(BAD_LINES), 0,
    )


def test_jobs_table_and_one_job_by_the_start_of_its_id(clean_db: Path) -> None:
    _, stdout, _ = run("jobs", "--db", str(clean_db), "--json")
    job_id = json.loads(stdout)["id"]

    code, table, _ = run("jobs", "--db", str(clean_db), job_id[:6])

    assert code == 0
    assert job_id in table and "done" in table and str(ARTICLES - len(BAD_LINES)) in table


def test_jobs_errors_lists_each_bad_input_with_its_line(clean_db: Path, corpus: Path) -> None:
    code, stdout, _ = run("jobs", "--db", str(clean_db), "--errors")

    assert code == 0
    (line,) = stdout.splitlines()
    assert line.startswith(f"{corpus}:{BAD_LINES[0] + 1}: line is not JSON")
    assert "MalformedRecord" in line


def test_an_unknown_job_is_one_line_that_says_how_to_list_them(clean_db: Path) -> None:
    code, _, stderr = run("jobs", "--db", str(clean_db), "nosuchjob")

    assert code == 1
    assert stderr == (
        f"error: nosuchjob: no such job in {clean_db}; `sayso jobs --db {clean_db}` lists them\n"
    )


def test_article_timeout_and_dask_together_are_refused(tmp_path: Path) -> None:
    code, _, stderr = run(
        "ingest", str(tmp_path), "--db", str(tmp_path / "x.db"),
        "--dask", "tcp://127.0.0.1:8786", "--article-timeout", "5",
    )
    assert code == 2
    assert "--article-timeout works with --workers, not with --dask" in stderr
