"""The whole of ``sayso link`` at scale: speakers, embedding, claims and relations, through a real
SQLite file, on generated statements.

    .venv/bin/python bench/link_store_scale.py [--sizes 10000 100000] [--workers 1 2] [--seed S]
                                               [--json]

The statements come from ``bench/link_scale.py``'s generator (made-up events, paraphrased and
repeated contents, contrary accounts among them, many speakers, dates); each becomes a sentence
``<Speaker> said <content>.`` of a generated article, saved with the store's own ``save``. Then
``link_store`` runs once over the whole store with the packaged models (sentence encoder and
stance classifier), then a second time with nothing new (the incremental path). Each size runs
in a fresh subprocess so that peak memory is that size's alone. With ``--workers 1 2`` each
size runs once per worker count (``link_store(workers=N)``), side by side, and the speed-up of
each count over the first is printed.

Per size: seconds of the first link run (and of each stage's share where the report gives
it), seconds of the second run, peak RSS, claims, links and conflicts made; then the growth
from the smallest to the largest size. Prints figures; never asserts.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import link_scale  # the generator beside this script (bench/ is on sys.path when run)
from sayso.link import link_store
from sayso.model import Article, Span, Statement, stable_id
from sayso.store import open_store

SIZES = (10_000, 100_000)
SEED = 5
MIB = 2**20


def articles(size: int, seed: int) -> list[tuple[Article, list[Statement]]]:
    """The generated statements as stored articles, one sentence per statement."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for statement in link_scale.generate(size, seed):
        by_article[statement["article"]].append(statement)
    made = []
    for name, said in by_article.items():
        text, spans = "", []
        for item in said:
            content = item["text"]  # the generator's denials are in the content's words
            start = len(text) + len(item["speaker"]) + len(" said ")
            text += f"{item['speaker']} said {content}. "
            spans.append((item, start, start + len(content)))
        article = Article(id=stable_id("bench", name), text=text, published=said[0]["day"])
        statements = [_statement(article, item, start, end) for item, start, end in spans]
        made.append((article, statements))
    return made


def _statement(article: Article, item: dict[str, Any], start: int, end: int) -> Statement:
    speaker_start = start - len(" said ") - len(item["speaker"])
    cue_start = speaker_start + len(item["speaker"]) + 1
    return Statement(
        id=stable_id(article.id, str(start)),
        article_id=article.id,
        speaker=item["speaker"],
        speaker_kind="person",
        role=None,
        source=(article.span(speaker_start, speaker_start + len(item["speaker"])),),
        cue=article.span(cue_start, cue_start + len("said")),
        content=(Span(start, end, article.text[start:end]),),
        kind="indirect",
        polarity="asserts",
        date=item["day"].isoformat(),
    )


def run_size(size: int, seed: int, workers: int = 1) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
        for article, statements in articles(size, seed):
            store.save(article, statements)
        started = time.perf_counter()
        first = link_store(store, workers=workers)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        link_store(store, workers=workers)
        again_seconds = time.perf_counter() - started
        counts = store.link_counts()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "statements": size,
        "workers": workers,
        "link_seconds": round(first_seconds, 1),
        "again_seconds": round(again_seconds, 1),
        "peak_rss_mib": round(peak / MIB),
        "speakers": counts["speakers"],
        "claims": counts["claims"],
        "links": counts["links"],
        "conflicts": counts["conflicts"],
        "placed": first.placed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_size(args.one, args.seed, args.workers[0])))
        return 0
    results = [
        _in_child(size, args.seed, workers)
        for size in sorted(args.sizes)
        for workers in args.workers
    ]
    report: dict[str, Any] = {"sizes": results}
    report["speedup"] = _speedup(results)
    ok = [r for r in results if "error" not in r and r["workers"] == args.workers[0]]
    if len(ok) > 1:
        small, large = ok[0], ok[-1]
        report["growth"] = {
            key: round(large[key] / small[key], 2) if small[key] else None
            for key in ("statements", "link_seconds", "peak_rss_mib")
        }
    print(json.dumps(report, indent=1) if args.json else _table(report))
    return 0


def _speedup(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per size, the first worker count's link seconds over each other count's."""
    found = []
    ok = [r for r in results if "error" not in r]
    for size in sorted({r["statements"] for r in ok}):
        runs = [r for r in ok if r["statements"] == size]
        for run in runs[1:]:
            found.append(
                {
                    "statements": size,
                    "workers": f"{runs[0]['workers']} -> {run['workers']}",
                    "speedup": round(runs[0]["link_seconds"] / run["link_seconds"], 2),
                    "same_store": all(
                        run[key] == runs[0][key] for key in ("claims", "links", "conflicts")
                    ),
                }
            )
    return found


def _in_child(size: int, seed: int, workers: int) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--one",
        str(size),
        "--seed",
        str(seed),
        "--workers",
        str(workers),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        return {"statements": size, "error": finished.stderr.strip().splitlines()[-1]}
    result: dict[str, Any] = json.loads(finished.stdout)
    return result


def _table(report: dict[str, Any]) -> str:
    keys = (
        "statements",
        "workers",
        "link_seconds",
        "again_seconds",
        "peak_rss_mib",
        "speakers",
        "claims",
        "links",
        "conflicts",
    )
    lines = ["  ".join(f"{key:>13}" for key in keys)]
    for row in report["sizes"]:
        if "error" in row:
            lines.append(f"{row['statements']:>13}  error: {row['error']}")
        else:
            lines.append("  ".join(f"{row[key]:>13}" for key in keys))
    if "growth" in report:
        growth = report["growth"]
        lines.append(
            f"growth for {growth['statements']}x the statements: time "
            f"{growth['link_seconds']}x, peak RSS {growth['peak_rss_mib']}x"
        )
    for row in report["speedup"]:
        lines.append(
            f"{row['statements']} statements, workers {row['workers']}: {row['speedup']}x faster"
            f" (same claims, links and conflicts: {row['same_store']})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
