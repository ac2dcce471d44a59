"""Reading speed and memory of the corpus and archive formats, side by side.

    .venv/bin/python bench/ingest_sources.py [--records N] [--repeat R] [--json]

The same ``N`` articles (default 2,000; English, about 1,600 characters each) are written to a
temporary folder as ``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, ``.csv.gz``, ``.parquet`` (row
groups of 500) and, as HTML pages, to a ``.warc.gz`` and to a folder of ``.html`` files. Each
is read whole with ``sayso.ingest.read_inputs``; the formats are interleaved over ``--repeat``
rounds (default 3) and the fastest round counts. Then each is read once more under
``tracemalloc``, and again with 4x the records, to show whether memory grows with the file.

Prints per format: file MB, records/s, ``x jsonl`` (its records/s over plain JSONL's, or for
``warc.gz`` over the ``.html`` folder's: the same pages), traced peak MiB at N and at 4N.
Prints figures; never asserts.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sayso.errors import InputError
from sayso.ingest import read_inputs

PARAGRAPH = (
    "The battle for the steel plant continued on {n} as forces tried to take one of the last "
    'strongholds of the city. "It is three days now since troops broke into the territory," '
    "deputy commander {n} said in a video. The ministry denied that its forces had engaged in "
    "any ground fighting at the plant, and officials said talks on an evacuation would go on. "
)
ROW_GROUP_ROWS = 500


def story(n: int) -> str:
    return "".join(PARAGRAPH.format(n=f"day {n + k}") for k in range(4))


def page(n: int) -> bytes:
    paragraphs = "".join(f"<p>{PARAGRAPH.format(n=f'day {n + k}')}</p>" for k in range(4))
    return (
        f"<html lang='en'><head><title>Report {n}</title></head>"
        f"<body><article><h1>Report {n}</h1>{paragraphs}</article></body></html>"
    ).encode()


def write_all(folder: Path, count: int) -> dict[str, Path]:
    records = [
        {"text": story(n), "title": f"Report {n}", "date": "2022-05-05"} for n in range(count)
    ]
    lines = "".join(json.dumps(record) + "\n" for record in records).encode()
    paths = {name: folder / f"news.{name}" for name in ("jsonl", "jsonl.gz", "jsonl.zst", "csv.gz")}
    paths["jsonl"].write_bytes(lines)
    paths["jsonl.gz"].write_bytes(gzip.compress(lines))
    paths["jsonl.zst"].write_bytes(zstandard.ZstdCompressor().compress(lines))
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=["text", "title", "date"])
    writer.writeheader()
    writer.writerows(records)
    paths["csv.gz"].write_bytes(gzip.compress(table.getvalue().encode()))
    paths["parquet"] = folder / "news.parquet"
    pq.write_table(pa.Table.from_pylist(records), paths["parquet"], row_group_size=ROW_GROUP_ROWS)
    paths["warc.gz"] = folder / "crawl.warc.gz"
    pages = folder / "pages"
    pages.mkdir()
    with paths["warc.gz"].open("wb") as handle:
        archive = WARCWriter(handle, gzip=True)
        for n in range(count):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            archive.write_record(
                archive.create_warc_record(
                    f"https://e.org/{n}",
                    "response",
                    payload=io.BytesIO(page(n)),
                    http_headers=headers,
                )
            )
            (pages / f"{n:06}.html").write_bytes(page(n))
    paths["html folder"] = pages
    return paths


def read(path: Path) -> tuple[int, int]:
    articles = errors = 0
    for item in read_inputs([path]):
        if isinstance(item, InputError):
            errors += 1
        else:
            articles += 1
    return articles, errors


def traced_peak(path: Path) -> float:
    tracemalloc.start()
    read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def size(path: Path) -> float:
    files = [path] if path.is_file() else list(path.iterdir())
    return sum(file.stat().st_size for file in files) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as large:
        paths = write_all(Path(small), options.records)
        larger = write_all(Path(large), options.records * 4)
        read(paths["jsonl"])  # warm-up: the language model and trafilatura load on first use
        best: dict[str, float] = {}
        found: dict[str, tuple[int, int]] = {}
        for _ in range(options.repeat):
            for name, path in paths.items():
                began = time.perf_counter()
                found[name] = read(path)
                seconds = time.perf_counter() - began
                best[name] = min(best.get(name, seconds), seconds)
        rows = []
        for name, path in paths.items():
            base = "html folder" if name == "warc.gz" else "jsonl"
            rows.append(
                {
                    "format": name,
                    "MB": round(size(path), 2),
                    "articles": found[name][0],
                    "errors": found[name][1],
                    "records/s": round(options.records / best[name]),
                    "ratio": round(best[base] / best[name], 2),
                    "ratio of": base,
                    "peak MiB": round(traced_peak(path), 1),
                    "peak MiB 4x": round(traced_peak(larger[name]), 1),
                }
            )
    if options.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{options.records} records, best of {options.repeat} rounds")
    header = ("format", "MB", "records/s", "ratio", "of", "peak MiB", "at 4x")
    print("{:<12} {:>7} {:>10} {:>6} {:<12} {:>9} {:>7}".format(*header))
    for row in rows:
        print(
            f"{row['format']:<12} {row['MB']:>7} {row['records/s']:>10} {row['ratio']:>6} "
            f"{row['ratio of']:<12} {row['peak MiB']:>9} {row['peak MiB 4x']:>7}"
        )


if __name__ == "__main__":
    main()
