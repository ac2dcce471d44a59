"""Inputs and helpers shared by the CLI tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from sayso.cli import main

# ``shared/`` lies beside the repository: <root>/../shared.
SHARED = Path(__file__).resolve().parents[3] / "shared"

GOOD_TEXT = """title: Bridge to reopen next week
outlet: The Valley Courier

The mayor of Riverton, Jane Doe, said on Monday that the Old Mill bridge would reopen next
week after three months of repairs. "We are confident the repairs are sound and the bridge is
safe," Doe told reporters outside city hall. The city's chief engineer, Tom Brandt, said the
new steel supports had passed every load test. Residents have complained for months about the
long detour through the industrial district.
"""

GOOD_HTML = """<!DOCTYPE html>
<html><head><title>Council approves library budget</title></head>
<body><nav><a href="/">Home</a></nav>
<article>
<h1>Council approves library budget</h1>
<p>The Riverton city council approved a new budget for the public library on Tuesday,
ending a dispute that had lasted most of the year.</p>
<p>"This is a good day for every reader in this city," council member Ana Lopez said after
the vote. She added that the library would extend its opening hours from next month.</p>
<p>Opponents of the plan said the money would have been better spent on repairing roads,
and they warned that the city could not afford the extra staff in the long run.</p>
</article>
<footer>Copyright 2026</footer>
</body></html>
"""

JSONL_RECORDS = [
    {
        "title": "Factory to hire 200 workers",
        "outlet": "Riverton Daily",
        "url": "https://example.org/factory",
        "date": "2026-03-02",
        "text": "The owner of the Riverton textile factory, Paul Meier, said on Friday that "
        'the company would hire 200 new workers this spring. "Demand has never been this '
        'strong," Meier told the Riverton Daily.',
    },
    {
        "title": "Police deny reports of a break-in",
        "outlet": "Riverton Daily",
        "url": "https://example.org/break-in",
        "date": "2026-03-03",
        "text": "A police spokesman, Carl Weiss, denied on Saturday that anyone had broken into "
        'the town museum. "Nothing was taken and no door was forced," Weiss said.',
    },
]

FRENCH_TEXT = """Le maire de la ville a annoncé lundi que le pont serait rouvert la semaine
prochaine, après trois mois de travaux. « Nous sommes convaincus que les réparations sont
solides et que le pont est sûr », a déclaré le maire devant la mairie. Les habitants se
plaignent depuis des mois du long détour par la zone industrielle, et les commerçants du
centre-ville disent avoir perdu une grande partie de leur clientèle pendant les travaux.
"""

NO_ARTICLE_HTML = "<html><head><title>Menu</title></head><body><nav></nav></body></html>"


def run(*args: str | Path, input: str | None = None) -> Result:
    """``sayso ARGS`` in process, with stdout and stderr kept apart."""
    return CliRunner().invoke(main, [str(arg) for arg in args], input=input)


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]
