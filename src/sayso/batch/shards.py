"""A batch ingest's plan: the inputs of one ``sayso ingest`` call cut into shards, in order.

A shard is a small picklable value that a worker process (or a dask worker) reads by itself:

- ``files``: up to N plain article files of a folder, in walk order;
- ``records``: records ``start`` to ``stop`` of a JSONL or CSV corpus (compressed too);
- ``row_group``: one row group of a Parquet file;
- ``input``: anything else (standard input, a URL, a feed, a WARC archive, a missing path),
  read whole.

The plan follows the order ``read_inputs`` reads in, so the articles of the shards, one shard
after another, are the articles a one-process ingest sees. A job is known by a digest of the
plan, the files' sizes and times, and the options: the same command over the same files is
the same job, so running it again resumes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO

from sayso.errors import BadEncoding, InputError
from sayso.ingest import DEFAULT_MAX_BYTES, CorpusFields, read_inputs
from sayso.ingest.corpus import read_jsonl
from sayso.ingest.paths import (
    CSV_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN_PATH,
    TEXT_SUFFIXES,
    _walk,
    is_url,
)
from sayso.model import DEFAULT_EXTRACTION_MODEL, Article

ShardKind = Literal["files", "records", "row_group", "input"]

# Articles per shard: big enough that saving a shard (one transaction) costs little next to
# extracting it, small enough that a stopped run loses little and workers share out evenly.
DEFAULT_SHARD_SIZE = 64
COMPRESSED_SUFFIXES = frozenset({".gz", ".zst"})
# Files of one article each, grouped shard_size to a shard; other kinds are shards of their own.
PLAIN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
PARQUET_SUFFIX = ".parquet"


@dataclass(frozen=True)
class BatchOptions:
    """What every shard of a job is read and extracted with."""

    model: str = DEFAULT_EXTRACTION_MODEL
    fields: CorpusFields = field(default_factory=CorpusFields)
    max_bytes: int = DEFAULT_MAX_BYTES
    shard_size: int = DEFAULT_SHARD_SIZE

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "fields": asdict(self.fields)}


@dataclass(frozen=True)
class Shard:
    """One piece of a job: which inputs, and which records of them."""

    ordinal: int  # position in the plan
    kind: ShardKind
    paths: tuple[str, ...]
    start: int = 0  # first record (records) or the row group (row_group)
    stop: int | None = None  # records: one past the last; None reads to the end
    # A plain JSONL corpus: where record ``start`` begins, in bytes and in lines before it,
    # so that a worker seeks there instead of reading every record before it.
    seek: tuple[int, int] | None = None

    @property
    def spec(self) -> str:
        """The shard as JSON text, as the ledger keeps it."""
        spec = {"paths": list(self.paths), "start": self.start, "stop": self.stop}
        return json.dumps(spec if self.seek is None else {**spec, "seek": list(self.seek)})

    def __str__(self) -> str:
        if self.kind == "records":
            end = "end" if self.stop is None else self.stop
            return f"{self.paths[0]} records {self.start}-{end}"
        if self.kind == "row_group":
            return f"{self.paths[0]} row group {self.start}"
        if len(self.paths) > 1:
            return f"{self.paths[0]} and {len(self.paths) - 1} more files"
        return self.paths[0]


# A shard as handed to a worker, with standard input's items where it is that shard.
ShardTask = tuple[Shard, tuple[Article | InputError, ...]]


@dataclass(frozen=True)
class JobPlan:
    """The shards of a job and its key; ``stdin`` holds standard input, read at planning."""

    id: str
    inputs: tuple[str, ...]
    options: BatchOptions
    shards: tuple[Shard, ...]
    stdin: tuple[Article | InputError, ...] = ()


def plan_job(
    paths: Sequence[str | Path], options: BatchOptions, *, stdin: TextIO | None = None
) -> JobPlan:
    """Cut ``paths`` into shards and name the job.

    >>> plan = plan_job(["examples/"], BatchOptions(shard_size=2))  # doctest: +SKIP
    >>> [str(shard) for shard in plan.shards]                        # doctest: +SKIP
    ['examples/a.txt and 1 more files', 'examples/c.txt and 1 more files', ...]
    """
    if options.shard_size < 1:
        raise ValueError(f"shard size must be 1 or more, not {options.shard_size}")
    pieces: list[Shard] = []
    read_stdin: tuple[Article | InputError, ...] = ()
    for given in paths:
        if str(given) == STDIN_PATH:
            # Read here, once: a worker has no standard input, and the job key needs its text.
            read_stdin = tuple(read_inputs([STDIN_PATH], stdin=stdin, max_bytes=options.max_bytes))
            pieces.append(_whole(STDIN_PATH))
        elif is_url(given):  # a page or a feed, fetched by the worker that reads it
            pieces.append(_whole(str(given)))
        else:
            pieces.extend(_pieces(Path(given), options))
    shards = tuple(replace(piece, ordinal=ordinal) for ordinal, piece in enumerate(pieces))
    key = _job_key(shards, options, read_stdin)
    return JobPlan(key, tuple(map(str, paths)), options, shards, read_stdin)


def read_shard(
    shard: Shard, options: BatchOptions, stdin: Iterable[Article | InputError] = ()
) -> Iterator[Article | InputError]:
    """The articles (and input errors) of one shard, in input order."""
    fields, max_bytes = options.fields, options.max_bytes
    if shard.paths == (STDIN_PATH,):
        return iter(stdin)
    if shard.kind == "records" and shard.seek is not None:
        return iter(_jsonl_range(shard, options))
    if shard.kind == "records":
        return islice(read_inputs(shard.paths, fields=fields, max_bytes=max_bytes),
                      shard.start, shard.stop)
    if shard.kind == "row_group":
        from sayso.ingest.parquet import read_parquet

        found: Iterator[Article | InputError] = read_parquet(
            Path(shard.paths[0]), fields, max_bytes, row_groups=[shard.start]
        )
        return found
    return read_inputs(shard.paths, fields=fields, max_bytes=max_bytes)


def _jsonl_range(shard: Shard, options: BatchOptions) -> list[Article | InputError]:
    """The records of a plain JSONL shard, read from where it begins and numbered as
    ``read_inputs`` numbers them (a bad-encoding error names a byte offset in the whole
    file, so a shard with one is read the long way, from the start)."""
    assert shard.seek is not None
    offset, lines_before = shard.seek
    source = shard.paths[0]
    wanted = None if shard.stop is None else shard.stop - shard.start
    try:
        with open(source, "rb") as handle:
            handle.seek(offset)
            found = list(read_jsonl(_records(handle, wanted), source, options.fields,
                                    options.max_bytes))
    except OSError:  # gone since it was planned: the long way says what is wrong
        return list(read_shard(replace(shard, seek=None), options))
    if any(isinstance(item, BadEncoding) for item in found):
        return list(read_shard(replace(shard, seek=None), options))
    return [_renumbered(item, lines_before) for item in found]


def _records(handle: BinaryIO, wanted: int | None) -> Iterator[bytes]:
    """The lines of ``handle`` up to and with its ``wanted``-th non-blank one."""
    for line in handle:
        yield line
        if line.strip() and wanted is not None:
            wanted -= 1
            if not wanted:
                return


def _renumbered(item: Article | InputError, lines_before: int) -> Article | InputError:
    if isinstance(item, InputError):
        line = None if item.line is None else item.line + lines_before
        return type(item)(item.source, item.reason, line=line)
    assert item.path is not None  # read_jsonl names the record: source:line
    source, number = item.path.rsplit(":", 1)
    return replace(item, path=f"{source}:{int(number) + lines_before}")


def _pieces(path: Path, options: BatchOptions) -> Iterator[Shard]:
    if not path.is_dir():
        yield from _file_pieces(path, options)
        return
    found = list(_walk(path))
    if not found:  # read whole, it says the folder has no article files
        yield _whole(str(path))
        return
    plain: list[str] = []
    for item in found:
        if isinstance(item, Path) and item.suffix.lower() in PLAIN_SUFFIXES:
            plain.append(str(item))
            if len(plain) == options.shard_size:
                yield Shard(-1, "files", tuple(plain))
                plain = []
            continue
        if plain:  # a corpus or an unreadable folder between files keeps its place
            yield Shard(-1, "files", tuple(plain))
            plain = []
        if isinstance(item, InputError):
            yield _whole(item.source)
        elif _is_corpus(item) or item.suffix.lower() == PARQUET_SUFFIX:
            yield from _file_pieces(item, options)
        else:  # an archive or any other kind with many articles in one file
            yield _whole(str(item))
    if plain:
        yield Shard(-1, "files", tuple(plain))


def _file_pieces(path: Path, options: BatchOptions) -> Iterator[Shard]:
    name = str(path)
    if not path.is_file():
        yield _whole(name)
    elif path.suffix.lower() == PARQUET_SUFFIX and (groups := _row_groups(path)) is not None:
        for group in range(groups):
            yield Shard(-1, "row_group", (name,), group)
    elif path.suffix.lower() in JSONL_SUFFIXES and (starts := _jsonl_starts(path, options)):
        records, seeks = starts
        for number, seek in enumerate(seeks):
            start, size = number * options.shard_size, options.shard_size
            # The last range reads to the end: a count that fell short loses nothing.
            stop = start + size if start + size < records else None
            yield Shard(-1, "records", (name,), start, stop, seek)
    elif _is_corpus(path) or path.suffix.lower() == PARQUET_SUFFIX:
        size = options.shard_size
        records = _record_count(path, options)
        for start in range(0, max(records, 1), size):
            stop = start + size if start + size < records else None
            yield Shard(-1, "records", (name,), start, stop)
    else:
        yield Shard(-1, "files", (name,))


def _whole(name: str) -> Shard:
    return Shard(-1, "input", (name,))


def _is_corpus(path: Path) -> bool:
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] in COMPRESSED_SUFFIXES:
        suffixes.pop()
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES | CSV_SUFFIXES


def _row_groups(path: Path) -> int | None:
    """How many row groups a Parquet file has, or ``None`` while sayso cannot read Parquet
    by row group (then it is cut into record ranges like any corpus)."""
    try:
        from sayso.ingest.parquet import row_group_count
    except ImportError:
        return None
    try:
        count: int = row_group_count(path)
    except (InputError, OSError):
        return None  # read as records: reading it reports what is wrong
    return count


def _record_count(path: Path, options: BatchOptions) -> int:
    """How many items ``read_inputs`` gives for a corpus file: its records and their errors."""
    items = read_inputs([path], fields=options.fields, max_bytes=options.max_bytes)
    return sum(1 for _ in items)


def _jsonl_starts(path: Path, options: BatchOptions) -> tuple[int, list[tuple[int, int]]] | None:
    """How many records a JSONL corpus has (one per non-blank line, as ``read_jsonl`` reads
    them), and where every ``shard_size``-th begins: (byte offset, lines before it). Counted
    without parsing; ``None`` when the file cannot be read (reading it says why)."""
    records, offset, seeks = 0, 0, [(0, 0)]
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle):
                if line.strip():
                    if records and records % options.shard_size == 0:
                        seeks.append((offset, number))
                    records += 1
                offset += len(line)
    except OSError:
        return None
    return records, seeks


def _job_key(
    shards: Sequence[Shard], options: BatchOptions, stdin: Sequence[Article | InputError]
) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(options.as_dict(), sort_keys=True).encode())
    for shard in shards:
        digest.update(f"{shard.kind} {shard.spec}\n".encode())
        for name in shard.paths:
            digest.update(_file_stamp(name).encode())
    for item in stdin:
        digest.update((item.id if isinstance(item, Article) else str(item)).encode())
    return digest.hexdigest()[:16]


def _file_stamp(name: str) -> str:
    """Size and modification time: a file changed since is a new job."""
    try:
        status = Path(name).stat()
    except OSError:
        return "-"
    return f"{status.st_size}:{status.st_mtime_ns}"
