"""Claim linking at scale: embedding and clustering 10k and 100k synthetic statements.

    .venv/bin/python bench/link_scale.py [--sizes 10000 100000] [--seed S] [--json]

For each size N a generator makes N statements about N/30 events (about ten new events a day,
so the corpus grows in time as a real one does; each event an actor, an action, an object, a
place, often a number, two circumstances, and its day). Every event has a pool of paraphrased
contents, denials among them, which many speakers repeat in articles over the following days
(as wire copy repeats a quote), so about a quarter of the statements are distinct texts. The
statements arrive in date order, one article (a batch of statements of one or two events) at a
time.

Each size runs in a fresh subprocess, so peak memory is that size's alone. Per size it prints:

- ``embed s``: SentenceEncoder.encode over the distinct texts (model loading excluded);
- ``cluster s``: ClaimIndex.add over all statements, article by article (claim_keys included);
- ``peak RSS MiB``: the process's peak resident memory (``ru_maxrss``), and ``work MiB``, that
  peak less the memory held before the statements were generated (interpreter and model);
- comparisons per item (blocking caps them) and claims made;
- pairwise and B-cubed precision/recall of the claims against the generator's event ids.

Then the growth from the smallest to the largest size: time and memory ratios, against the
ratio of sizes (near-linear cost means a time ratio close to the size ratio, 10 for 10k->100k).
Prints figures; never asserts.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sayso.link.claims import ClaimIndex, ClaimItem, claim_keys
from sayso.link.embed import SentenceEncoder

SIZES = (10_000, 100_000)
SEED = 5
STATEMENTS_PER_EVENT = 30
EVENTS_PER_DAY = 10
CONTENTS_PER_EVENT = 8
MIB = 2**20
START = date(2023, 1, 2)

# 1. The generator: made-up word lists, no corpus text.

COUNTRIES = (
    "Russia Ukraine France Germany Poland Turkey Egypt Brazil India China Japan Kenya Nigeria "
    "Mexico Canada Spain Italy Greece Sweden Norway Chile Peru Iran Iraq Israel Jordan Sudan "
    "Ethiopia Vietnam Indonesia"
).split()
ORGANISATIONS = (
    "the health ministry",
    "the interior ministry",
    "the army",
    "the coast guard",
    "the central bank",
    "the electoral commission",
    "the rail operator",
    "the state energy company",
    "the airport authority",
    "the police",
    "the city council",
    "the teachers' union",
    "the dockworkers' union",
    "the Red Cross",
    "the United Nations",
    "the World Bank",
    "Northwind Airlines",
    "Baltic Steel",
    "Helios Energy",
    "Meridian Bank",
    "Apex Mining",
    "Orion Telecom",
    "Crescent Foods",
    "Vantage Motors",
)
FIRST = (
    "Anna Boris Carla David Elena Farid Grace Hugo Irina Jonas Kemal Lena Marco Nadia Omar Petra "
    "Rafael Sofia Tomas Ursula Viktor Wanda Yusuf Zara Ahmed Beatriz Chen Dmitri Esther Felix"
).split()
LAST = (
    "Kovalenko Schmidt Moreau Rossi Novak Haddad Okafor Silva Tanaka Larsen Petrov Nguyen Garcia "
    "Fischer Dubois Romano Wojcik Yilmaz Mensah Costa Sato Berg Ivanova Tran Lopez Weber Laurent "
    "Greco Kowalski Demir Asante Pereira Mori Holm Sokolov Pham Ruiz Wagner Girard Bruno Mazur"
).split()
PLACES = (
    "Mariupol Kharkiv Odesa Lviv Gdansk Izmir Aswan Recife Pune Wuhan Osaka Mombasa Kano Puebla "
    "Halifax Bilbao Turin Patras Malmo Bergen Valparaiso Cusco Tabriz Mosul Haifa Aqaba Kassala "
    "Gondar Hue Surabaya Marseille Dresden Krakow Antalya Luxor Manaus Nagpur Chengdu Sapporo "
    "Kisumu Ibadan Oaxaca Calgary Seville Genoa Larissa Uppsala Tromso Arica Trujillo Shiraz "
    "Basra Nazareth Irbid Gedaref Bahir Danang Medan Lyon Leipzig Poznan Bursa Minya Belem Surat "
    "Kunming Sendai Nakuru Enugu Merida Regina Malaga Bari Volos Lund Bodo Iquique Arequipa "
    "Mashhad Erbil Eilat Zarqa Atbara Hawassa Haiphong Makassar Nantes Bremen Lodz Konya Tanta"
).split()
OBJECTS = (
    "steel plant",
    "main hospital",
    "border crossing",
    "power station",
    "airport",
    "container port",
    "river bridge",
    "central station",
    "grain terminal",
    "water treatment works",
    "oil refinery",
    "car factory",
    "coal mine",
    "university campus",
    "football stadium",
    "shopping centre",
    "military base",
    "prison",
    "parliament building",
    "television tower",
    "chemical plant",
    "dam",
    "ferry terminal",
    "cement works",
)
# Each action: paraphrases that assert it, and statements that deny or contradict it.
ACTIONS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "{actor} closed the {object} in {place}",
            "the {object} in {place} was shut down by {actor}",
            "{actor} has shut the {place} {object} until further notice",
        ),
        ("the {object} in {place} remains open", "nobody has closed the {place} {object}"),
    ),
    (
        (
            "{number} workers at the {object} in {place} went on strike",
            "staff at the {place} {object} walked out over pay",
            "a strike has halted work at the {object} in {place}",
        ),
        ("there is no strike at the {place} {object}", "work at the {object} goes on as normal"),
    ),
    (
        (
            "a fire broke out at the {object} in {place}",
            "flames engulfed part of the {place} {object}",
            "{number} firefighters fought a blaze at the {object} in {place}",
        ),
        ("the fire at the {place} {object} was small and quickly put out",),
    ),
    (
        (
            "{actor} troops captured the {object} in {place}",
            "forces of {actor} have taken control of the {place} {object}",
            "the {object} in {place} fell to {actor}",
        ),
        (
            "the troops were driven out of the {object} in {place}",
            "{actor} denied any fighting at the {place} {object}",
        ),
    ),
    (
        (
            "{actor} will invest {number} million in the {object} in {place}",
            "a {number} million upgrade of the {place} {object} was announced by {actor}",
            "{actor} plans to spend {number} million modernising the {object}",
        ),
        ("no money has been promised for the {place} {object}",),
    ),
    (
        (
            "{number} people were evacuated from the {object} in {place}",
            "the {place} {object} was emptied after a bomb threat",
            "police cleared the {object} in {place} on Tuesday",
        ),
        ("there was never any threat to the {place} {object}",),
    ),
    (
        (
            "{actor} sold the {object} in {place} to a foreign buyer",
            "the {place} {object} has a new owner after a deal with {actor}",
            "{actor} agreed the sale of the {object} for {number} million",
        ),
        ("the {place} {object} is not for sale", "{actor} is still the owner of the {object}"),
    ),
    (
        (
            "floods damaged the {object} in {place}",
            "water poured into the {place} {object} after heavy rain",
            "the {object} in {place} was hit by flooding overnight",
        ),
        ("the {place} {object} escaped the floods undamaged",),
    ),
    (
        (
            "inspectors found safety failures at the {object} in {place}",
            "a report by {actor} criticised safety at the {place} {object}",
            "the {object} in {place} failed its safety inspection",
        ),
        ("the {place} {object} is perfectly safe",),
    ),
    (
        (
            "protesters blocked the entrance to the {object} in {place}",
            "{number} demonstrators gathered outside the {place} {object}",
            "a protest against {actor} shut the road to the {object} in {place}",
        ),
        ("only a handful of people turned up at the {place} {object}",),
    ),
    (
        (
            "{actor} arrested {number} suspects over thefts from the {object} in {place}",
            "police detained a gang stealing copper from the {place} {object}",
            "thieves at the {object} in {place} were caught by {actor}",
        ),
        ("nobody has been arrested over the {place} {object} thefts",),
    ),
    (
        (
            "the {object} in {place} lost power for {number} hours",
            "a blackout hit the {place} {object}",
            "electricity to the {object} in {place} was cut overnight",
        ),
        ("the lights never went out at the {place} {object}",),
    ),
    (
        (
            "{actor} named a new director for the {object} in {place}",
            "the head of the {place} {object} was replaced by {actor}",
            "{actor} sacked the manager of the {object} in {place}",
        ),
        ("the director of the {place} {object} keeps her job",),
    ),
    (
        (
            "an explosion damaged the {object} in {place}",
            "a blast shook the {place} {object}, injuring {number} people",
            "{actor} blamed saboteurs for the explosion at the {object} in {place}",
        ),
        ("there was no explosion at the {place} {object}, only a loud noise",),
    ),
    (
        (
            "the {object} in {place} will reopen next month after repairs",
            "repairs to the {place} {object} are nearly finished, {actor} said",
            "the {object} in {place} opens its doors again on Friday",
        ),
        ("the {place} {object} will stay closed for years",),
    ),
    (
        (
            "a cholera case was confirmed among workers at the {object} in {place}",
            "health officials quarantined the {place} {object} after {number} fell ill",
            "{number} people at the {object} in {place} caught a stomach virus",
        ),
        ("the illness at the {place} {object} was food poisoning, not cholera",),
    ),
)
# Circumstances: each event has two, which its statements mention, so that two events of one
# kind differ in more than their place, as real ones do.
DETAILS = (
    "after a gas leak",
    "during the night shift",
    "over unpaid wages",
    "after the mayor resigned",
    "amid a heatwave",
    "while a ceasefire was in force",
    "ahead of the election",
    "after months of delays",
    "during a visit by foreign ministers",
    "after a court ruling",
    "despite a curfew",
    "as the river rose",
    "after a power cut",
    "during the holiday weekend",
    "after a contract dispute",
    "while talks on a loan went on",
    "after a cyber attack",
    "amid a fuel shortage",
    "after the governor's warning",
    "during a snowstorm",
    "after a bus crash nearby",
    "following a tip from a whistleblower",
    "after an earthquake",
    "amid rumours of a takeover",
    "during a state visit",
    "after a chemical spill",
    "following student protests",
    "after the port was blockaded",
    "amid shelling of the suburbs",
    "after a landslide",
    "as prices of bread doubled",
    "after an outbreak of cholera",
)
PREFIXES = ("", "", "", "on Monday ", "late last night ", "earlier this week ")
SUFFIXES = ("", "", "", ", officials said", ", according to residents", " despite warnings")


def _actor(draw: random.Random) -> str:
    pick = draw.random()
    if pick < 0.4:
        return draw.choice(COUNTRIES)
    if pick < 0.8:
        return draw.choice(ORGANISATIONS)
    return f"{draw.choice(FIRST)} {draw.choice(LAST)}"


def _contents(draw: random.Random) -> list[str]:
    """The pool of contents of one new event: paraphrases and denials with its slots filled."""
    asserts, denies = draw.choice(ACTIONS)
    slots = {
        "actor": _actor(draw),
        "object": draw.choice(OBJECTS),
        "place": draw.choice(PLACES),
        "number": str(draw.choice((12, 40, 75, 120, 300, 450, 800, 1200, 2500))),
    }
    details = draw.sample(DETAILS, 2)
    pool = []
    for _ in range(CONTENTS_PER_EVENT):
        template = draw.choice(denies if draw.random() < 0.25 else asserts)
        detail = " " + draw.choice(details) if draw.random() < 0.7 else ""
        text = draw.choice(PREFIXES) + template.format(**slots) + detail + draw.choice(SUFFIXES)
        pool.append(text[0].upper() + text[1:])
    return pool


def generate(size: int, seed: int) -> list[dict[str, Any]]:
    """``size`` statements in arrival order: event, article, speaker, day and content text."""
    draw = random.Random(seed)
    events = max(1, size // STATEMENTS_PER_EVENT)
    pools = [_contents(draw) for _ in range(events)]
    statements = []
    for n in range(size):
        event = n % events
        day = START + timedelta(days=event // EVENTS_PER_DAY + min(int(draw.expovariate(0.5)), 10))
        statements.append(
            {
                "id": f"s{n}",
                "event": event,
                "speaker": f"{draw.choice(FIRST)} {draw.choice(LAST)}",
                "day": day,
                "text": draw.choice(pools[event]),
            }
        )
    statements.sort(key=lambda s: (s["day"], s["event"]))
    article, in_article = 0, 0
    for statement in statements:  # articles of one to eight statements, mostly one event
        statement["article"] = f"a{article}"
        in_article += 1
        if in_article >= draw.randint(1, 8):
            article, in_article = article + 1, 0
    return statements


# 2. One size, in its own process


def run_size(size: int, seed: int) -> dict[str, Any]:
    encoder = SentenceEncoder.load()
    encoder.encode(["warm up"])
    baseline = _current_rss()
    statements = generate(size, seed)
    texts = sorted({s["text"] for s in statements})

    started = time.perf_counter()
    vectors = encoder.encode(texts)
    embed_seconds = time.perf_counter() - started
    row_of = {text: row for row, text in enumerate(texts)}

    started = time.perf_counter()
    index = ClaimIndex()
    claim_ids: list[str] = []
    keys_of: dict[str, frozenset[str]] = {}
    batch: list[ClaimItem] = []
    for n, statement in enumerate(statements):
        text = statement["text"]
        keys = keys_of.get(text)
        if keys is None:
            keys = keys_of[text] = claim_keys(text)
        batch.append(
            ClaimItem(
                statement["id"],
                statement["article"],
                text,
                vectors[row_of[text]],
                keys,
                statement["day"],
            )
        )
        if n + 1 == len(statements) or statements[n + 1]["article"] != statement["article"]:
            claim_ids.extend(index.add(batch))
            batch = []
    cluster_seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "statements": size,
        "events": len({s["event"] for s in statements}),
        "distinct_texts": len(texts),
        "days": (statements[-1]["day"] - statements[0]["day"]).days + 1,
        "embed_seconds": round(embed_seconds, 2),
        "cluster_seconds": round(cluster_seconds, 2),
        "peak_rss_mib": round(peak / MIB, 1),
        "work_mib": round((peak - baseline) / MIB, 1),
        "comparisons_per_item": round(index.comparisons / size, 1),
        "claims": len(index.states()),
        **_quality(claim_ids, [s["event"] for s in statements]),
    }


def _current_rss() -> int:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize()


def _quality(found: list[str], gold: list[int]) -> dict[str, float]:
    both = Counter(zip(found, gold, strict=True))
    found_sizes, gold_sizes = Counter(found), Counter(gold)

    def pairs(sizes: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in sizes.values())

    shared = pairs(both)
    return {
        "pair_p": round(shared / max(pairs(found_sizes), 1), 3),
        "pair_r": round(shared / max(pairs(gold_sizes), 1), 3),
        "b3_p": round(sum(n * n / found_sizes[f] for (f, _), n in both.items()) / len(found), 3),
        "b3_r": round(sum(n * n / gold_sizes[g] for (_, g), n in both.items()) / len(found), 3),
    }


# 3. The report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_size(args.one, args.seed)))
        return 0
    results = [_in_child(size, args.seed) for size in sorted(args.sizes)]
    report: dict[str, Any] = {"sizes": results}
    if len(results) > 1:
        small, large = results[0], results[-1]
        report["growth"] = {
            "size": round(large["statements"] / small["statements"], 2),
            "embed_seconds": _ratio(large["embed_seconds"], small["embed_seconds"]),
            "cluster_seconds": _ratio(large["cluster_seconds"], small["cluster_seconds"]),
            "peak_rss": _ratio(large["peak_rss_mib"], small["peak_rss_mib"]),
            "work_mib": _ratio(large["work_mib"], small["work_mib"]),
            "comparisons_per_item": _ratio(
                large["comparisons_per_item"], small["comparisons_per_item"]
            ),
        }
    print(json.dumps(report, indent=1) if args.json else _table(report))
    return 0


def _in_child(size: int, seed: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", str(size), "--seed", str(seed)]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        return {"statements": size, "error": finished.stderr.strip().splitlines()[-1]}
    result: dict[str, Any] = json.loads(finished.stdout)
    return result


def _ratio(large: float, small: float) -> float | None:
    return round(large / small, 2) if small else None


def _table(report: dict[str, Any]) -> str:
    columns = (
        ("statements", "statements"),
        ("distinct_texts", "texts"),
        ("events", "events"),
        ("claims", "claims"),
        ("embed_seconds", "embed s"),
        ("cluster_seconds", "cluster s"),
        ("peak_rss_mib", "peak RSS MiB"),
        ("work_mib", "work MiB"),
        ("comparisons_per_item", "cmp/item"),
        ("pair_p", "pair P"),
        ("pair_r", "pair R"),
        ("b3_p", "B3 P"),
        ("b3_r", "B3 R"),
    )
    lines = ["  ".join(f"{title:>12}" for _, title in columns)]
    for row in report["sizes"]:
        if "error" in row:
            lines.append(f"{row['statements']:>12}  error: {row['error']}")
            continue
        lines.append("  ".join(f"{row[key]:>12}" for key, _ in columns))
    if "growth" in report:
        growth = report["growth"]
        lines.append(
            f"growth for {growth['size']}x the statements: embed {growth['embed_seconds']}x, "
            f"cluster {growth['cluster_seconds']}x, peak RSS {growth['peak_rss']}x, "
            f"work memory {growth['work_mib']}x, comparisons per item "
            f"{growth['comparisons_per_item']}x"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
