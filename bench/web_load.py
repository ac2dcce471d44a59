"""The web app under load: its pages against a static file, on loopback, over a large store.

    .venv/bin/python bench/web_load.py [--statements 100000] [--requests 300] [--concurrency 8]
                                       [--seed S] [--time-limit SECONDS] [--json]

1. Generates a store of N statements in a temporary SQLite file, fast: the contents of
   ``bench/link_scale.py``'s generator (made-up events, paraphrased and contrary accounts), about
   twenty statements an article, a few hundred speakers, saved with the store's own ``save``;
   then canonical speakers, one claim per event and relations between its statements written
   directly with the store's linking API (zero vectors: no model runs), so that the conflicts
   board has thousands of conflicts.
2. Starts ``sayso serve`` on that file, on a free port of 127.0.0.1, in a subprocess (killed at
   the end whatever happens), and waits until ``GET /`` answers.
3. After a warm-up, sends the same number of requests to each route, interleaved round-robin,
   ``--concurrency`` at a time: an article page (random stored articles), a search (random words
   of the generated texts), the conflicts board, and ``/static/sayso.css``, the baseline that
   measures the server and the machine rather than sayso.

Prints per route: requests, errors (any answer but 200), p50 / p95 / max latency in ms, req/s,
and p50 divided by the baseline's p50; ``--json`` prints one JSON object instead. Absolute times
are noisy on shared machines, hence the ratio. Prints figures; never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import math
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

import link_scale  # the generator beside this script (bench/ is on sys.path when run)
from sayso.model import (
    CONFLICTS,
    Article,
    Claim,
    Link,
    Relation,
    Speaker,
    SpeakerKind,
    Statement,
    stable_id,
)
from sayso.store import SQLiteStore, open_store
from sayso.store.linked import ClaimRow

STATEMENTS = 100_000
REQUESTS = 300
CONCURRENCY = 8
WARM_UP = 10  # requests per route before measuring: imports, caches, SQLite pages
SEED = 5
# About as many statements as a long news story attributes; makes 5,000 articles of 100k.
STATEMENTS_PER_ARTICLE = 20
SPEAKERS = 300
# Conflicts drawn per claim (one per event, about 30 statements): ~10k conflicts at 100k.
CONFLICTS_PER_CLAIM = 3
REPEATS_PER_CLAIM = 2  # "repeats" links, which the conflicts board must leave out
VECTOR_DIM = 384  # the sentence encoder's (MiniLM)
READY_TIMEOUT_S = 60.0
REQUEST_TIMEOUT_S = 120.0
# The longest the measured run may take; requests not sent by then are reported as skipped.
TIME_LIMIT_S = 900.0
HOST = "127.0.0.1"
BASELINE = "static"
ROUTES = ("article", "search", "conflicts", BASELINE)
OUTLETS = ("Daily Ledger", "Harbour Times", "Evening Post", "Wire Service", "Metro Courier")
MIN_SEARCH_WORD = 5  # shorter words are mostly "said", "the", "and"


# 1. The store


@dataclass
class Generated:
    """What the generated store holds, and what the requests draw from."""

    statements: int = 0
    article_ids: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    speakers: int = 0
    claims: int = 0
    conflicts: int = 0
    seconds: float = 0.0


def generate_store(path: Path, size: int, seed: int) -> Generated:
    """Fill a new store at ``path`` with ``size`` statements, their speakers, claims and links."""
    started = time.perf_counter()
    draw = random.Random(seed)
    kinds = _speaker_kinds(link_scale, draw)
    names = sorted(kinds)
    items = link_scale.generate(size, seed)
    for item in items:
        item["speaker"] = draw.choice(names)
        item["speaker_kind"] = kinds[item["speaker"]]
    generated = Generated(statements=len(items))
    by_event: dict[int, list[tuple[Statement, dict[str, Any]]]] = defaultdict(list)
    with open_store(path) as store:
        for number, start in enumerate(range(0, len(items), STATEMENTS_PER_ARTICLE)):
            said = items[start : start + STATEMENTS_PER_ARTICLE]
            article, statements = _article(number, said)
            store.save(article, statements)
            generated.article_ids.append(article.id)
            for statement, item in zip(statements, said, strict=True):
                by_event[item["event"]].append((statement, item))
        generated.speakers = _save_speakers(store, by_event, kinds)
        generated.claims = _save_claims(store, by_event)
        generated.conflicts = _save_links(store, by_event, draw)
    generated.words = _vocabulary(items)
    generated.seconds = time.perf_counter() - started
    return generated


def _speaker_kinds(link_scale: Any, draw: random.Random) -> dict[str, SpeakerKind]:
    """``SPEAKERS`` names: the generator's organisations, and people to make up the number."""
    people = [f"{first} {last}" for first in link_scale.FIRST for last in link_scale.LAST]
    organisations = link_scale.ORGANISATIONS
    kinds: dict[str, SpeakerKind] = dict.fromkeys(organisations, "organisation")
    kinds.update(dict.fromkeys(draw.sample(people, SPEAKERS - len(organisations)), "person"))
    return kinds


def _article(number: int, said: list[dict[str, Any]]) -> tuple[Article, list[Statement]]:
    """One article: a sentence ``<speaker> said <content>.`` per statement."""
    text, placed = "", []
    for item in said:
        start = len(text)
        text += f"{item['speaker']} said {item['text']}. "
        placed.append((item, start))
    outlet = OUTLETS[number % len(OUTLETS)]
    article = Article(
        id=stable_id("web-load", str(number)),
        text=text,
        title=f"{said[0]['text'][:60].rstrip()} — and {len(said) - 1} more accounts",
        outlet=outlet,
        url=f"https://{outlet.lower().replace(' ', '-')}.example/news/{number}",
        published=said[0]["day"],
    )
    return article, [_statement(article, item, start) for item, start in placed]


def _statement(article: Article, item: dict[str, Any], start: int) -> Statement:
    speaker_end = start + len(item["speaker"])
    content_start = speaker_end + len(" said ")
    return Statement(
        id=stable_id(article.id, str(start)),
        article_id=article.id,
        speaker=item["speaker"],
        speaker_kind=item["speaker_kind"],
        role=None,
        source=(article.span(start, speaker_end),),
        cue=article.span(speaker_end + 1, speaker_end + 1 + len("said")),
        content=(article.span(content_start, content_start + len(item["text"])),),
        kind="indirect",
        polarity="asserts",
        date=item["day"].isoformat(),
    )


Members = dict[int, list[tuple[Statement, dict[str, Any]]]]


def _save_speakers(store: SQLiteStore, by_event: Members, kinds: dict[str, SpeakerKind]) -> int:
    speakers = [
        Speaker(
            id=stable_id("speaker", name),
            name=name,
            kind=kind,
            aliases=(name.split()[-1],) if kind == "person" else (),  # "Kovalenko"
        )
        for name, kind in sorted(kinds.items())
    ]
    speaker_of = {
        statement.id: stable_id("speaker", item["speaker"])
        for members in by_event.values()
        for statement, item in members
    }
    store.replace_speakers(speakers, speaker_of)
    return len(speakers)


def _save_claims(store: SQLiteStore, by_event: Members) -> int:
    centroid = bytes(4 * VECTOR_DIM)  # a zero float32 vector: all bits zero
    vector = bytes(2 * VECTOR_DIM)  # a zero float16 vector
    claims, placed = [], []
    for event, members in by_event.items():
        days = sorted(item["day"] for _, item in members)
        claim = Claim(
            id=_claim_id(event),
            label=members[0][1]["text"],
            size=len(members),
            first_day=days[0],
            last_day=days[-1],
        )
        claims.append(ClaimRow(claim, centroid, {}))
        placed += [(statement.id, claim.id, vector) for statement, _ in members]
    store.save_claims(claims, placed)
    return len(claims)


def _claim_id(event: int) -> str:
    return stable_id("claim", str(event))


def _save_links(store: SQLiteStore, by_event: Members, draw: random.Random) -> int:
    """Conflicts between different accounts of each claim, repeats between identical ones."""
    links: dict[tuple[str, str], Link] = {}
    for event, members in by_event.items():
        if len(members) < 2:
            continue
        for n in range(CONFLICTS_PER_CLAIM + REPEATS_PER_CLAIM):
            (a, a_item), (b, b_item) = draw.sample(members, 2)
            conflict = n < CONFLICTS_PER_CLAIM
            relation: Relation = CONFLICTS[n % len(CONFLICTS)] if conflict else "repeats"
            score = round(draw.uniform(0.5, 0.99), 3)
            reason = (
                f"{b_item['speaker']} {relation} {a_item['speaker']} about one claim "
                f"(stance score {score})"
                if conflict
                else f"{b_item['speaker']} repeats {a_item['speaker']}"
            )
            links[(a.id, b.id)] = Link(a.id, b.id, relation, score, reason, _claim_id(event))
    store.save_links(list(links.values()))
    return sum(link.relation in CONFLICTS for link in links.values())


def _vocabulary(items: list[dict[str, Any]]) -> list[str]:
    words = {
        word
        for item in items
        for word in item["text"].split()
        if len(word) >= MIN_SEARCH_WORD and word.isalpha()
    }
    return sorted(words)


# 2. The server


def serve_command(db: Path, port: int) -> list[str]:
    """``python -m sayso serve ...`` when sayso runs as a module, else its console script."""
    arguments = ["serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    if importlib.util.find_spec("sayso.__main__") is not None:
        return [sys.executable, "-m", "sayso", *arguments]
    return [str(Path(sys.executable).parent / "sayso"), *arguments]


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_ready(server: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    """Return once ``GET /`` answers at all; raise if the server exits or takes too long."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited ({server.returncode}): {_tail(log)}")
        try:
            httpx.get(base_url + "/", timeout=5.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {READY_TIMEOUT_S:.0f} s: {_tail(log)}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """End the server this benchmark started: politely, then by force after 10 s."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _tail(log: Path, lines: int = 5) -> str:
    text = log.read_text(errors="replace").strip() if log.exists() else ""
    return " | ".join(text.splitlines()[-lines:]) or "(no output)"


# 3. The load


@dataclass
class Outcome:
    """The requests of one route: latencies of the answered ones, and the failures."""

    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def route_urls(generated: Generated, rounds: int, draw: random.Random) -> Iterator[tuple[str, str]]:
    """``rounds`` requests per route, interleaved round-robin: (route, path)."""
    for _ in range(rounds):
        yield "article", f"/article/{draw.choice(generated.article_ids)}"
        yield "search", f"/search?q={draw.choice(generated.words)}"
        yield "conflicts", "/conflicts"
        yield BASELINE, "/static/sayso.css"


async def send(
    base_url: str, jobs: Iterator[tuple[str, str]], concurrency: int, time_limit: float
) -> tuple[dict[str, Outcome], float]:
    """Send every job, ``concurrency`` at a time; the outcomes by route and the wall time."""
    outcomes: dict[str, Outcome] = defaultdict(Outcome)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    started = time.perf_counter()
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits
    ) as client:

        async def worker() -> None:
            for route, path in jobs:  # one shared iterator: each job goes to one worker
                if time.perf_counter() - started > time_limit:
                    return
                await _one(client, path, outcomes[route])

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return outcomes, time.perf_counter() - started


async def _one(client: httpx.AsyncClient, path: str, outcome: Outcome) -> None:
    started = time.perf_counter()
    try:
        response = await client.get(path)
    except httpx.HTTPError as error:
        outcome.failures.append(f"{type(error).__name__} {path}")
        return
    elapsed_ms = (time.perf_counter() - started) * 1000
    if response.status_code == 200:
        outcome.latencies_ms.append(elapsed_ms)
    else:
        outcome.failures.append(f"{response.status_code} {path}")


# 4. The figures


def summary(outcomes: dict[str, Outcome], concurrency: int, wall: float) -> dict[str, Any]:
    """The figures of each route, its p50 against the baseline's, and the run's totals."""
    routes = {route: _route_figures(outcome, concurrency) for route, outcome in outcomes.items()}
    baseline = routes.get(BASELINE, {}).get("p50_ms")
    for figures in routes.values():
        p50 = figures["p50_ms"]
        figures["x_baseline_p50"] = round(p50 / baseline, 1) if p50 and baseline else None
    answered = sum(len(outcome.latencies_ms) for outcome in outcomes.values())
    failed = sum(len(outcome.failures) for outcome in outcomes.values())
    return {
        "routes": routes,
        "total": {
            "requests": answered + failed,
            "errors": failed,
            "wall_seconds": round(wall, 2),
            "req_per_s": round((answered + failed) / wall, 1) if wall else None,
        },
    }


def _route_figures(outcome: Outcome, concurrency: int) -> dict[str, Any]:
    latencies = sorted(outcome.latencies_ms)
    mean = sum(latencies) / len(latencies) if latencies else None
    return {
        "requests": len(latencies) + len(outcome.failures),
        "errors": len(outcome.failures),
        "p50_ms": _percentile(latencies, 0.50),
        "p95_ms": _percentile(latencies, 0.95),
        "max_ms": round(latencies[-1], 1) if latencies else None,
        # Little's law: what the route alone would serve with every worker asking for it.
        "req_per_s": round(concurrency * 1000 / mean, 1) if mean else None,
        "failures": sorted(set(outcome.failures))[:5],
    }


def _percentile(ordered: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile of sorted values, or ``None`` when there are none."""
    if not ordered:
        return None
    return round(ordered[max(0, math.ceil(fraction * len(ordered)) - 1)], 1)


def _table(report: dict[str, Any]) -> str:
    generated = report["store"]
    lines = [
        f"generated {generated['statements']} statements in {generated['articles']} articles "
        f"({generated['speakers']} speakers, {generated['claims']} claims, "
        f"{generated['conflicts']} conflicts) in {generated['generate_seconds']} s",
        f"server: {' '.join(report['server'])}",
        f"{report['concurrency']} at a time, {report['warm_up']} warm-up requests per route",
        "",
    ]
    keys = ("requests", "errors", "p50_ms", "p95_ms", "max_ms", "req_per_s", "x_baseline_p50")
    heads = ("requests", "errors", "p50 ms", "p95 ms", "max ms", "req/s", "p50 x static")
    lines.append(f"{'route':<10}" + "".join(f"{head:>13}" for head in heads))
    for route, figures in report["routes"].items():
        cells = ("-" if figures[key] is None else figures[key] for key in keys)
        lines.append(f"{route:<10}" + "".join(f"{cell:>13}" for cell in cells))
    total = report["total"]
    lines.append(
        f"all: {total['requests']} requests, {total['errors']} errors in "
        f"{total['wall_seconds']} s ({total['req_per_s']} req/s)"
    )
    if report["skipped"]:
        lines.append(f"not sent, past the {report['time_limit_s']} s limit: {report['skipped']}")
    for route, figures in report["routes"].items():
        for failure in figures["failures"]:
            lines.append(f"error on {route}: {failure}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Generate the store, serve it, load it, and return the report."""
    with tempfile.TemporaryDirectory() as folder:
        db, log = Path(folder) / "web_load.db", Path(folder) / "server.log"
        generated = generate_store(db, args.statements, args.seed)
        port = free_port()
        base_url = f"http://{HOST}:{port}"
        command = serve_command(db, port)
        with log.open("wb") as output:
            server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
            try:
                wait_until_ready(server, base_url, log)
                draw = random.Random(args.seed)
                asyncio.run(send(base_url, route_urls(generated, WARM_UP, draw), 1, math.inf))
                outcomes, wall = asyncio.run(
                    send(
                        base_url,
                        route_urls(generated, args.requests, draw),
                        args.concurrency,
                        args.time_limit,
                    )
                )
            finally:
                stop(server)
    report = summary(outcomes, args.concurrency, wall)
    sent = report["total"]["requests"]
    return {
        "store": {
            "statements": generated.statements,
            "articles": len(generated.article_ids),
            "speakers": generated.speakers,
            "claims": generated.claims,
            "conflicts": generated.conflicts,
            "generate_seconds": round(generated.seconds, 1),
        },
        "server": command,
        "requests_per_route": args.requests,
        "concurrency": args.concurrency,
        "warm_up": WARM_UP,
        "time_limit_s": args.time_limit,
        "skipped": args.requests * len(ROUTES) - sent,
        **report,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=STATEMENTS)
    parser.add_argument("--requests", type=int, default=REQUESTS, help="per route")
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT_S, help="seconds")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        report = run(args)
    except RuntimeError as error:  # the server would not start: say why, from its own output
        print(f"web_load: {error}", file=sys.stderr)
        return 1
    print(json.dumps(report, indent=1) if args.json else _table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
