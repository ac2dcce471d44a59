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
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TextIO

from sayso.errors import InputError
from sayso.ingest import DEFAULT_MAX_BYTES, CorpusFields, read_inputs
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

    @property
    def spec(self) -> str:
        """The shard as JSON text, as the ledger keeps it."""
        return json.dumps({"paths": list(self.paths), "start": self.start, "stop": self.stop})

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
    pieces: list[tuple[ShardKind, tuple[str, ...], int, int | None]] = []
    read_stdin: tuple[Article | InputError, ...] = ()
    for given in paths:
        if str(given) == STDIN_PATH:
            # Read here, once: a worker has no standard input, and the job key needs its text.
            read_stdin = tuple(read_inputs([STDIN_PATH], stdin=stdin, max_bytes=options.max_bytes))
            pieces.append(("input", (STDIN_PATH,), 0, None))
        elif is_url(given):  # a page or a feed, fetched by the worker that reads it
            pieces.append(("input", (str(given),), 0, None))
        else:
            pieces.extend(_pieces(Path(given), options))
    shards = tuple(
        Shard(ordinal, kind, names, start, stop)
        for ordinal, (kind, names, start, stop) in enumerate(pieces)
    )
    key = _job_key(shards, options, read_stdin)
    return JobPlan(key, tuple(map(str, paths)), options, shards, read_stdin)


def read_shard(
    shard: Shard, options: BatchOptions, stdin: Iterable[Article | InputError] = ()
) -> Iterator[Article | InputError]:
    """The articles (and input errors) of one shard, in input order."""
    fields, max_bytes = options.fields, options.max_bytes
    if shard.paths == (STDIN_PATH,):
        return iter(stdin)
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


def _pieces(
    path: Path, options: BatchOptions
) -> Iterator[tuple[ShardKind, tuple[str, ...], int, int | None]]:
    if not path.is_dir():
        yield from _file_pieces(path, options)
        return
    found = list(_walk(path))
    if not found:  # read whole, it says the folder has no article files
        yield "input", (str(path),), 0, None
        return
    plain: list[str] = []
    for item in found:
        if isinstance(item, Path) and item.suffix.lower() in PLAIN_SUFFIXES:
            plain.append(str(item))
            if len(plain) == options.shard_size:
                yield "files", tuple(plain), 0, None
                plain = []
            continue
        if plain:  # a corpus or an unreadable folder between files keeps its place
            yield "files", tuple(plain), 0, None
            plain = []
        if isinstance(item, InputError):
            yield "input", (item.source,), 0, None
        elif _is_corpus(item) or item.suffix.lower() == PARQUET_SUFFIX:
            yield from _file_pieces(item, options)
        else:  # an archive or any other kind with many articles in one file
            yield "input", (str(item),), 0, None
    if plain:
        yield "files", tuple(plain), 0, None


def _file_pieces(
    path: Path, options: BatchOptions
) -> Iterator[tuple[ShardKind, tuple[str, ...], int, int | None]]:
    name = str(path)
    if not path.is_file():
        yield "input", (name,), 0, None
    elif path.suffix.lower() == PARQUET_SUFFIX and (groups := _row_groups(path)) is not None:
        for group in range(groups):
            yield "row_group", (name,), group, None
    elif _is_corpus(path) or path.suffix.lower() == PARQUET_SUFFIX:
        size = options.shard_size
        records = _record_count(path, options)
        for start in range(0, max(records, 1), size):
            # The last range reads to the end: a count that fell short loses nothing.
            stop = start + size if start + size < records else None
            yield "records", (name,), start, stop
    else:
        yield "files", (name,), 0, None


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
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:  # one item per non-blank line, counted without parsing
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        except OSError:
            return 1
    items = read_inputs([path], fields=options.fields, max_bytes=options.max_bytes)
    return sum(1 for _ in items)


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
