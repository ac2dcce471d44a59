"""Speech speed: the real-time factor of each installed speech engine, on the same article.

    .venv/bin/python bench/listen_speed.py [--engines piper espeak-ng] [--json]

The text is the story of the biggest article in ``examples/`` (read with
``sayso.ingest.read_inputs``), cut into sentences as ``sayso listen`` cuts it
(``sayso.listen.script.article_script`` with no statements: no quotation voice, no extraction).
Each engine in turn loads (timed apart: piper reads its voice model, espeak-ng has nothing to
load) and renders the whole script to a WAV in a temporary folder, without the cache, with the
same ``render`` that ``sayso listen`` calls.

Prints per engine: voice, sentences, seconds of audio, seconds of compute, the real-time factor
(seconds of audio per second of compute: above 1 is faster than real time) and the load
seconds; an engine that is not installed is listed with the reason. Prints figures; never
asserts.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from sayso.errors import InputError, NoSpeechEngine
from sayso.ingest import read_inputs
from sayso.listen.engines import ENGINES, PiperEngine, find_engine
from sayso.listen.render import Script, render
from sayso.listen.script import article_script
from sayso.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def biggest_article(folder: Path) -> Article:
    articles = [item for item in read_inputs([folder]) if not isinstance(item, InputError)]
    return max(articles, key=lambda article: len(article.text))


def measure(name: str, script: Script) -> dict[str, Any]:
    """One engine's load and render of ``script``, or why it could not run."""
    began = time.perf_counter()
    try:
        engine = find_engine(name)
    except NoSpeechEngine as error:
        return {"engine": name, "error": str(error)}
    if isinstance(engine, PiperEngine):
        engine.load()
    loaded = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        sidecar = render(script, engine, Path(folder) / "listen-speed.wav")
    compute = time.perf_counter() - loaded
    return {
        "engine": name,
        "voice": engine.voice,
        "sentences": len(sidecar["sentences"]),
        "audio_seconds": sidecar["duration"],
        "compute_seconds": round(compute, 3),
        "real_time_factor": round(sidecar["duration"] / compute, 2),
        "load_seconds": round(loaded - began, 3),
    }


def table(report: dict[str, Any]) -> str:
    text = report["text"]
    lines = [
        f"{text['article']}: {text['chars']:,} characters, {text['sentences']} sentences",
        "",
        f"{'engine':<10} {'voice':<18} {'sentences':>9} {'audio s':>8} {'compute s':>9} "
        f"{'RTF':>7} {'load s':>7}",
    ]
    for row in report["engines"]:
        if "error" in row:
            lines.append(f"{row['engine']:<10} not run: {row['error']}")
            continue
        lines.append(
            f"{row['engine']:<10} {row['voice']:<18} {row['sentences']:>9} "
            f"{row['audio_seconds']:>8.1f} {row['compute_seconds']:>9.2f} "
            f"{row['real_time_factor']:>7.1f} {row['load_seconds']:>7.2f}"
        )
    lines.append("")
    lines.append("RTF: seconds of audio per second of compute (above 1: faster than real time)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    article = biggest_article(EXAMPLES)
    script = article_script(article, [])
    report = {
        "text": {
            "article": article.title or Path(article.path or article.id).name,
            "chars": len(article.text),
            "sentences": len(script.utterances),
        },
        "engines": [measure(name, script) for name in args.engines],
    }
    print(json.dumps(report, indent=1) if args.json else table(report))


if __name__ == "__main__":
    main()
