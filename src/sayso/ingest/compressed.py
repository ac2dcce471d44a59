"""Compressed corpora (``.jsonl.gz``, ``.csv.zst``, ...): decompressed as a stream, line by line.

Nothing is decompressed whole: the corpus readers get the lines one at a time, so memory
stays that of one record. A truncated or corrupt stream ends the file with one error
naming the line it reached; the records before it are kept.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import zstandard

from sayso.errors import InputError, MalformedRecord
from sayso.ingest.corpus import CorpusFields
from sayso.model import Article

GZIP_SUFFIX = ".gz"
ZSTD_SUFFIX = ".zst"
COMPRESSION_SUFFIXES = (GZIP_SUFFIX, ZSTD_SUFFIX)

# How much compressed data to hand the zstd decompressor at a time. Its output cannot be
# capped, so this bounds memory at this many bytes times the compression ratio: about 40 kB
# for news text (10x), 600 kB for bench/ingest_sources.py's repetitive text (150x). A call
# costs microseconds, lost beside reading a record.
ZSTD_CHUNK_BYTES = 4 * 1024

CorpusReader = Callable[[Iterable[bytes], str, CorpusFields, int], Iterator[Article | InputError]]

# What a broken stream raises while it is read: gzip's EOFError and zlib.error, gzip's
# BadGzipFile (an OSError), and zstd's own error.
STREAM_ERRORS = (EOFError, OSError, zlib.error, zstandard.ZstdError)


def read_compressed(
    path: Path, read_corpus: CorpusReader, fields: CorpusFields, max_bytes: int
) -> Iterator[Article | InputError]:
    """The articles of a compressed corpus, decompressed as they are read.

    ``read_corpus`` is :func:`sayso.ingest.corpus.read_jsonl` or ``read_csv``; the
    compression is told by the last suffix (``.gz`` or ``.zst``). Raises ``OSError``
    when the file cannot be opened.
    """
    source = str(path)
    with path.open("rb") as compressed:
        lines = _Lines(_decompressed(compressed, path.suffix.lower()))
        yield from read_corpus(lines, source, fields, max_bytes)
    if lines.error is not None:
        reached = lines.count + 1
        reason = f"compressed stream is truncated or corrupt: {lines.error}"
        yield MalformedRecord(source, reason, line=reached)


def _decompressed(compressed: BinaryIO, suffix: str) -> Iterable[bytes]:
    if suffix == GZIP_SUFFIX:
        return gzip.GzipFile(fileobj=compressed, mode="rb")
    return io.BufferedReader(_ZstdStream(compressed))


class _Lines:
    """The lines of a decompressing stream; a stream error ends them and is kept, not raised.

    The corpus readers iterate their handle; an error raised from inside that loop would
    lose the records after it in flight and the line number, so it is held here instead.
    """

    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self.error: str | None = None

    def __iter__(self) -> Iterator[bytes]:
        try:
            for line in self._stream:
                self.count += 1
                yield line
        except STREAM_ERRORS as error:
            self.error = str(error) or type(error).__name__


class _ZstdStream(io.RawIOBase):
    """A zstd stream decompressed chunk by chunk, frame after frame.

    ``zstandard``'s own stream reader returns a truncated frame's bytes as if the file had
    ended there; this one raises ``ZstdError`` when the file ends inside a frame.
    """

    def __init__(self, compressed: BinaryIO) -> None:
        self._compressed = compressed
        self._decompressor = zstandard.ZstdDecompressor()
        self._frame = self._decompressor.decompressobj()
        self._pending = b""
        self._taken = 0  # how much of _pending was already read: slicing it each time is O(n^2)
        self._in_frame = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._taken == len(self._pending):
            chunk = self._compressed.read(ZSTD_CHUNK_BYTES)
            if not chunk:
                if self._in_frame:
                    raise zstandard.ZstdError("file ends inside a zstd frame")
                return 0
            self._pending, self._taken = self._decompress(chunk), 0
        size = min(len(buffer), len(self._pending) - self._taken)
        buffer[:size] = self._pending[self._taken : self._taken + size]
        self._taken += size
        return size

    def _decompress(self, chunk: bytes) -> bytes:
        out = []
        while chunk:
            self._in_frame = True
            out.append(self._frame.decompress(chunk))
            if not self._frame.eof:
                break
            self._in_frame = False
            chunk = self._frame.unused_data  # the next frame of a multi-frame file
            self._frame = self._decompressor.decompressobj()
        return b"".join(out)
