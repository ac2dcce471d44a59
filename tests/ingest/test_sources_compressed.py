"""Compressed corpora: .jsonl/.ndjson/.csv as .gz and .zst, streamed, broken streams."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from pathlib import Path

import pytest
import zstandard

from sayso.errors import MalformedRecord
from sayso.ingest import read_inputs
from sayso.model import Article

STORY = "Kyiv said the plant still held. Moscow denied it."


def jsonl(count: int, padding: int = 0) -> bytes:
    return b"".join(
        json.dumps(
            {"text": f"{STORY} Report {n}.", "title": f"T{n}", "pad": noise(n, padding)}
        ).encode()
        + b"\n"
        for n in range(1, count + 1)
    )


def noise(seed: int, size: int) -> str:
    """Text that does not compress, so that a cut falls among many compressed blocks."""
    return random.Random(seed).randbytes(size // 2).hex()


def csv_bytes(count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "text"])
    for n in range(1, count + 1):
        writer.writerow([f"T{n}", f"{STORY} Report {n}."])
    return out.getvalue().encode()


def compress(data: bytes, suffix: str) -> bytes:
    return gzip.compress(data) if suffix == ".gz" else zstandard.ZstdCompressor().compress(data)


@pytest.mark.parametrize("compression", [".gz", ".zst"])
@pytest.mark.parametrize("corpus", [".jsonl", ".ndjson", ".csv"])
def test_compressed_corpus_reads_like_plain(tmp_path: Path, corpus: str, compression: str) -> None:
    data = csv_bytes(3) if corpus == ".csv" else jsonl(3)
    path = tmp_path / f"news{corpus}{compression}"
    path.write_bytes(compress(data, compression))
    items = list(read_inputs([path]))
    assert all(isinstance(item, Article) for item in items)
    assert [item.title for item in items if isinstance(item, Article)] == ["T1", "T2", "T3"]
    first_line = 2 if corpus == ".csv" else 1  # the CSV header is line 1
    assert [item.path for item in items if isinstance(item, Article)] == [
        f"{path}:{n}" for n in range(first_line, first_line + 3)
    ]


@pytest.mark.parametrize("compression", [".gz", ".zst"])
def test_truncated_stream_keeps_the_records_before_it(tmp_path: Path, compression: str) -> None:
    data = jsonl(400, padding=2000)
    whole = compress(data, compression)
    path = tmp_path / f"cut.jsonl{compression}"
    path.write_bytes(whole[: len(whole) // 2])
    items = list(read_inputs([path]))
    *articles, error = items
    assert articles and all(isinstance(item, Article) for item in articles)
    assert [item.title for item in articles if isinstance(item, Article)] == [
        f"T{n}" for n in range(1, len(articles) + 1)
    ]
    assert isinstance(error, MalformedRecord)
    assert error.source == str(path)
    assert error.line == len(articles) + 1
    assert "truncated or corrupt" in str(error)
    assert len(articles) < 400


def test_corrupt_gzip_is_one_error(tmp_path: Path) -> None:
    whole = gzip.compress(jsonl(50))
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(whole[:20] + b"\xff" * 40 + whole[60:])
    [error] = list(read_inputs([path]))
    assert isinstance(error, MalformedRecord)
    assert str(error).startswith(f"{path}:1: compressed stream is truncated or corrupt")


def test_multi_frame_zstd(tmp_path: Path) -> None:
    compressor = zstandard.ZstdCompressor()
    path = tmp_path / "frames.jsonl.zst"
    path.write_bytes(compressor.compress(jsonl(2)) + compressor.compress(jsonl(1)))
    assert [getattr(item, "title", item) for item in read_inputs([path])] == ["T1", "T2", "T1"]


def test_folder_walk_picks_up_compressed_corpora(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(jsonl(1)))
    (tmp_path / "b.csv.zst").write_bytes(compress(csv_bytes(1), ".zst"))
    (tmp_path / "c.tar.gz").write_bytes(gzip.compress(b"not a corpus"))
    paths = [getattr(item, "path", item) for item in read_inputs([tmp_path])]
    assert paths == [f"{tmp_path / 'a.jsonl.gz'}:1", f"{tmp_path / 'b.csv.zst'}:2"]


@pytest.mark.parametrize("compression", [".gz", ".zst"])
def test_streams_in_constant_memory(tmp_path: Path, compression: str) -> None:
    """The first article comes before the file is read far: lines are decompressed lazily."""
    path = tmp_path / f"big.jsonl{compression}"
    # Random padding, so that the file stays several MB compressed.
    records = (
        json.dumps({"text": f"{STORY} {n}", "pad": noise(n, 8000)}).encode() + b"\n"
        for n in range(800)
    )
    path.write_bytes(compress(b"".join(records), compression))
    size = path.stat().st_size
    assert size > 2_000_000
    opened: list[io.BufferedReader] = []
    real_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        handle = real_open(self, *args, **kwargs)  # type: ignore[call-overload]
        opened.append(handle)
        return handle  # type: ignore[no-any-return]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "open", spy_open)
        items = read_inputs([path])
        first = next(items)
        assert isinstance(first, Article)
        [handle] = opened
        assert handle.tell() < size / 10
        rest = list(items)
    assert len(rest) == 799
    assert handle.closed
