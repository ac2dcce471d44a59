"""The ``sayso`` command line. Thin: each command parses its arguments, makes one library
call and prints the result; every ``SaysoError`` becomes one line ``error: ...`` on stderr.

Heavy modules (spaCy, trafilatura) are imported inside the commands that need them, so that
``sayso --help`` and ``sayso statements`` start quickly. docs/cli.md documents every command
and option (tests/test_docs.py checks it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sayso import __version__
from sayso.errors import EvalDataError, SaysoError
from sayso.export import (
    claim_dict,
    extraction_dict,
    link_dict,
    speaker_dict,
    statement_dict,
)
from sayso.model import DEFAULT_EXTRACTION_MODEL as DEFAULT_MODEL
from sayso.model import EXTRACTION_MODELS as MODELS
from sayso.model import Article, Claim, Speaker, Statement
from sayso.store import DEFAULT_DB, open_store

DEFAULT_SHARD_SIZE = 64  # sayso.batch.DEFAULT_SHARD_SIZE, not imported to keep start-up light

if TYPE_CHECKING:
    from sayso.extract import Extractor
    from sayso.ingest import CorpusFields
    from sayso.pipeline import IngestReport
    from sayso.store.ledger import ErrorRow, JobRow
    from sayso.store.linked import LinkView

# Exit codes (docs/cli.md, "Exit codes").
EXIT_BAD_INPUT = 1  # some input failed or was skipped; the others were processed
EXIT_ERROR = 1  # a SaysoError stopped the command (database, model, ...)
EXIT_EVAL_DATA = 2  # an evaluation folder is not laid out as expected

DB_ENVVAR = "SAYSO_DB"
MODEL_ENVVAR = "SAYSO_MODEL"
TOKEN_ENVVAR = "SAYSO_TOKEN"
CACHE_ENVVAR = "SAYSO_AUDIO_CACHE"
# The speech engines of `sayso listen` (sayso.listen.engines.ENGINES, not imported here to keep
# start-up light).
SPEECH_ENGINES = ("piper", "espeak-ng")
MEMORY_DB = ":memory:"
# Table cells show this much of a statement's content; --json has all of it.
CONTENT_CHARS = 160
# Width of tables written to a pipe or file, where no terminal says how wide to be.
PIPED_WIDTH = 160
FIELD_PARTS = ("text", "title", "url", "date", "outlet")


class Failure(click.ClickException):
    """A domain error as the CLI shows it: ``error: <message>`` on stderr, no traceback."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True, file=file)


class EvalDataFailure(Failure):
    exit_code = EXIT_EVAL_DATA


class SaysoGroup(click.Group):
    """A command group that turns the SaysoErrors of its commands into ``Failure``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EvalDataError as error:
            raise EvalDataFailure(str(error)) from error
        except SaysoError as error:
            raise Failure(str(error)) from error


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        metavar="PATH",
        default=DEFAULT_DB,
        show_default=True,
        envvar=DB_ENVVAR,
        show_envvar=True,
        help="The SQLite database file.",
    )(command)


def field_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--text-field`` ... ``--outlet-field``: the JSONL keys / CSV columns of a corpus."""
    for part in reversed(FIELD_PARTS):
        command = click.option(
            f"--{part}-field",
            metavar="NAME",
            default=part,
            show_default=True,
            help=f"The JSONL key or CSV column that holds the article's {part}.",
        )(command)
    return command


def model_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        type=click.Choice(MODELS),
        default=DEFAULT_MODEL,
        show_default=True,
        envvar=MODEL_ENVVAR,
        show_envvar=True,
        help="fast: rules only; accurate: the learned tagger, grouped by the rules.",
    )(command)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")(command)


paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


@click.group(cls=SaysoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sayso")
def main() -> None:
    """Who said what, when, through which channel: attributed statements from news."""


@main.command()
@paths_argument
@db_option
@model_option
@field_options
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
    help="Extract in N worker processes (the database is written by this one, in order).",
)
@click.option(
    "--article-timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
    help="Kill and replace a worker stuck longer than this on one article; it becomes an error.",
)
@click.option(
    "--dask", "dask_address", metavar="ADDRESS",
    help="Extract on the dask.distributed scheduler at ADDRESS (tcp://host:8786) instead.",
)
@click.option(
    "--shard-size", type=click.IntRange(min=1), default=DEFAULT_SHARD_SIZE, show_default=True,
    metavar="N", help="Articles (or corpus records) per shard of the job.",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    model: str,
    workers: int,
    article_timeout: float | None,
    dask_address: str | None,
    shard_size: int,
    **field_names: str,
) -> None:
    """Extract statements from articles and store both.

    PATH is a file (.txt, .html, .jsonl, .csv), a folder (walked) or - for standard input.
    Articles already stored unchanged are not written again. The inputs are a job of
    shards kept in the database: the same command after a stop goes on where it stopped
    (see `sayso jobs`).
    """
    from sayso.batch import run_ingest

    if dask_address is not None and article_timeout is not None:
        raise click.UsageError("--article-timeout works with --workers, not with --dask")
    with open_store(db) as store, _progress_bar() as on_progress:  # a bad --db fails fast
        report = run_ingest(
            paths, store, workers=workers, dask_address=dask_address,
            article_timeout=article_timeout, model=model, fields=_fields(field_names),
            shard_size=shard_size, on_progress=on_progress,
        )
    for error in [*report.skipped, *report.failed]:
        click.echo(str(error), err=True)
    click.echo(report.summary())
    if not report.ok:
        click.get_current_context().exit(EXIT_BAD_INPUT)


@main.command()
@db_option
@click.argument("job", required=False, metavar="[JOB]")
@click.option("--errors", "show_errors", is_flag=True, help="List the inputs that failed.")
@json_option
def jobs(db: str, job: str | None, show_errors: bool, as_json: bool) -> None:
    """List ingest jobs: shards done, failed and pending, articles, errors, rate, ETA.

    JOB (an id or its start) shows that job only; with --errors, the inputs of the job (of
    every job without JOB) that failed or were skipped: source, line, reason.
    """
    _require_database(db)
    with open_store(db) as store:
        found = store.jobs()
        if job is not None:
            one = store.job(job)
            if one is None:
                raise Failure(f"{job}: no such job in {db}; `sayso jobs --db {db}` lists them")
            found = [one]
        errors = store.job_errors(found[0].id if job is not None else None) if show_errors else []
    if show_errors:
        _print_job_errors(errors, as_json)
    elif as_json:
        for row in found:
            click.echo(json.dumps(_job_dict(row), ensure_ascii=False))
    elif found:
        _console().print(_jobs_table(found))
    else:
        click.echo("no jobs yet: `sayso ingest` records one", err=True)


@main.command()
@paths_argument
@json_option
@model_option
@field_options
def extract(paths: tuple[str, ...], as_json: bool, model: str, **field_names: str) -> None:
    """Print the statements of articles, storing nothing.

    A table per article by default; with --json one JSON object per article per line,
    in input order.
    """
    from sayso.errors import InputError
    from sayso.pipeline import extract_paths

    console = _console()
    failed = False
    for result in extract_paths(paths, _extractor(model), fields=_fields(field_names)):
        if isinstance(result, InputError):
            click.echo(str(result), err=True)
            failed = True
        elif as_json:
            click.echo(json.dumps(extraction_dict(*result), ensure_ascii=False))
        else:
            console.print(_article_table(*result))
    if failed:
        click.get_current_context().exit(EXIT_BAD_INPUT)


@main.command()
@db_option
@click.option("--speaker", metavar="NAME", help="Only speakers whose name contains NAME.")
@click.option("--search", metavar="TEXT", help="Only statements containing every word of TEXT.")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N statements.")
@json_option
def statements(
    db: str, speaker: str | None, search: str | None, limit: int | None, as_json: bool
) -> None:
    """List stored statements.

    They come by article (in the order stored), then by position in the article.
    """
    _require_database(db)
    with open_store(db) as store:
        found = store.statements(speaker=speaker, search=search, limit=limit)
        if as_json:
            for statement in found:
                click.echo(
                    json.dumps(statement_dict(statement, with_article_id=True), ensure_ascii=False)
                )
        elif found:
            articles = {key: store.article(key) for key in {s.article_id for s in found}}
            _console().print(_statements_table(found, articles))
        else:
            click.echo("no statements found", err=True)


@main.command()
@db_option
@click.option(
    "--aliases",
    metavar="FILE",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="An alias file (TOML) that adds to or overrides the shipped one.",
)
@click.option(
    "--opposites",
    metavar="FILE",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="An opposites file whose phrase pairs add to the shipped ones.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Judge statement pairs on N processes and embed on N threads (same result).",
)
def link(db: str, aliases: Path | None, opposites: Path | None, workers: int) -> None:
    """Build or refresh speakers, claims and links across the stored articles.

    Only statements not yet linked are embedded and judged, so running it after each
    ingest costs what the new articles cost.
    """
    from sayso.link import link_store

    _require_database(db)
    with open_store(db) as store, _stage_bar() as on_progress:
        report = link_store(
            store,
            aliases=aliases,
            opposites=opposites,
            workers=workers,
            on_progress=on_progress,
        )
    click.echo(
        f"{report.speakers} speakers, {report.claims} claims; placed {report.placed} new "
        f"statements, found {report.links} links ({report.conflicts} conflicts) "
        f"in {report.seconds:.1f} s"
    )


@main.command()
@db_option
@click.option("--name", metavar="NAME", help="Only speakers whose name or an alias contains NAME.")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N speakers.")
@json_option
def speakers(db: str, name: str | None, limit: int | None, as_json: bool) -> None:
    """List canonical speakers (after `sayso link`), most quoted first."""
    _require_database(db)
    with open_store(db) as store:
        found = store.speakers(name)[:limit]
    if as_json:
        for speaker in found:
            click.echo(json.dumps(speaker_dict(speaker), ensure_ascii=False))
    elif found:
        _console().print(_speakers_table(found))
    else:
        click.echo("no speakers found; run `sayso link` first", err=True)


@main.command()
@db_option
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N claims.")
@json_option
def claims(db: str, limit: int | None, as_json: bool) -> None:
    """List claims (after `sayso link`), largest first."""
    _require_database(db)
    with open_store(db) as store:
        found = store.claims(limit)
    if as_json:
        for claim in found:
            click.echo(json.dumps(claim_dict(claim), ensure_ascii=False))
    elif found:
        _console().print(_claims_table(found))
    else:
        click.echo("no claims found; run `sayso link` first", err=True)


@main.command()
@db_option
@click.option(
    "--speaker", metavar="NAME", help="Only conflicts in which NAME (or an alias) speaks."
)
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N conflicts.")
@click.option("--json", "as_json", is_flag=True, help='Print one JSON object {"links": [...]}.')
def conflicts(db: str, speaker: str | None, limit: int | None, as_json: bool) -> None:
    """List contradictions and denials between statements, strongest first."""
    _require_database(db)
    with open_store(db) as store:
        speaker_ids = store.speaker_ids(speaker) if speaker is not None else None
        found = store.links(speaker_ids=speaker_ids, limit=limit)
    if as_json:
        links = [link_dict(view.link, view.a, view.b) for view in found]
        click.echo(json.dumps({"links": links}, ensure_ascii=False))
    elif found:
        _console().print(_conflicts_table(found))
    else:
        click.echo("no conflicts found (run `sayso link` after ingesting)", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port."
)
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Turn on the ingest form (/ingest), protected by a token; otherwise read-only.",
)
@click.option(
    "--token",
    envvar=TOKEN_ENVVAR,
    show_envvar=True,
    metavar="TOKEN",
    help="The ingest token (default: a new random one, printed at start).",
)
@click.option(
    "--engine",
    type=click.Choice(SPEECH_ENGINES),
    help="The speech engine of the Listen player (default: piper when installed, else espeak-ng).",
)
def serve(
    db: str, host: str, port: int, allow_ingest: bool, token: str | None, engine: str | None
) -> None:
    """Serve the web app and JSON API over the store (read-only unless --allow-ingest)."""
    import uvicorn

    from sayso.web import create_app

    app = create_app(db, allow_ingest=allow_ingest, token=token, speech_engine=engine)
    mode = "ingest on" if allow_ingest else "read-only"
    click.echo(f"sayso: serving {db} ({mode}) at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    if allow_ingest and not token:
        click.echo(f"sayso: ingest token {app.state.settings.token}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@click.argument("path", required=False, metavar="[PATH]")
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The audio file: .wav, or .mp3 / .opus with ffmpeg, lame or opusenc; the timings "
    "go beside it as .json.",
)
@click.option("--article", "article_id", metavar="ID", help="A stored article instead of a file.")
@click.option("--speaker", metavar="NAME", help="The digest of a speaker's statements.")
@click.option("--claim", "claim_id", metavar="ID", help="The digest of a claim's statements.")
@click.option("--digest", is_flag=True, help="Read who said what instead of the whole story.")
@click.option(
    "--engine",
    type=click.Choice(SPEECH_ENGINES),
    help="piper (when installed, the default) or espeak-ng.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=CACHE_ENVVAR,
    show_envvar=True,
    help="Where rendered speech is kept (default: ~/.cache/sayso/audio).",
)
@db_option
@model_option
def listen(
    path: str | None,
    out: Path,
    article_id: str | None,
    speaker: str | None,
    claim_id: str | None,
    digest: bool,
    engine: str | None,
    cache_dir: Path | None,
    db: str,
    model: str,
) -> None:
    """Render an article, or a who-said-what digest, as speech with sentence timings."""
    from sayso.listen import find_engine, render, targets

    chosen = [
        name
        for name, value in (
            ("PATH", path),
            ("--article", article_id),
            ("--speaker", speaker),
            ("--claim", claim_id),
        )
        if value
    ]
    if len(chosen) != 1:
        raise click.UsageError("give one thing to read: PATH, --article, --speaker or --claim")
    voice = find_engine(engine)
    if path is not None:
        script = targets.file_script(path, _extractor(model), digest=digest)
    else:
        _require_database(db)
        with open_store(db, read_only=True) as store:
            if article_id is not None:
                script = targets.article_target(store, article_id, digest=digest)
            elif speaker is not None:
                script = targets.speaker_target(store, speaker)
            else:
                script = targets.claim_target(store, claim_id or "")
    with _stage_bar() as on_stage:
        on_progress = (lambda done, total: on_stage("speaking", done, total)) if on_stage else None
        sidecar = render(
            script,
            voice,
            out,
            cache_dir=cache_dir or targets.default_cache_dir(),
            on_progress=on_progress,
        )
    click.echo(
        f"wrote {out} ({sidecar['duration']:.1f} s, {len(sidecar['sentences'])} sentences, "
        f"{sidecar['engine']} {sidecar['voice']}) and {out.with_suffix('.json')}",
        err=True,
    )


@main.group(name="eval", cls=SaysoGroup)
def eval_group() -> None:
    """Score extraction against annotated corpora (see EVAL.md)."""


@eval_group.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@model_option
def polnear(folder: Path, as_json: bool, model: str) -> None:
    """Score extraction against a PolNeAR split.

    Source, cue and content spans are scored as in EVAL.md.
    DIR holds text/<name>.txt and attributions/<name>_<annotator>.ann.
    """
    from sayso.eval import evaluate_polnear, format_report

    report = evaluate_polnear(folder, _extractor(model))
    click.echo(json.dumps(report) if as_json else format_report(report))


@eval_group.command()
@click.option(
    "--bodies",
    metavar="B.csv",
    required=True,
    type=click.Path(path_type=Path),
    help="Bodies CSV: Body ID,articleBody.",
)
@click.option(
    "--stances",
    metavar="S.csv",
    required=True,
    type=click.Path(path_type=Path),
    help="Stances CSV: Headline,Body ID,Stance.",
)
@click.option(
    "--predictions",
    metavar="OUT.csv",
    type=click.Path(path_type=Path),
    help="Also write the predicted stances as CSV (Headline,Body ID,Stance), in input order.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def fnc1(bodies: Path, stances: Path, predictions: Path | None, as_json: bool) -> None:
    """Score the stance classifier on FNC-1-style pairs (weighted score, F1 per class)."""
    from sayso.eval.fnc1 import evaluate_fnc1
    from sayso.eval.fnc1 import format_report as format_fnc1

    report = evaluate_fnc1(bodies, stances, predictions)
    click.echo(json.dumps(report) if as_json else format_fnc1(report))


@eval_group.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@model_option
def crossfire(folder: Path, as_json: bool, model: str) -> None:
    """Score speakers, claims and contradictions on a crossfire set of events.

    DIR holds one folder per event: its articles (*.txt) and a gold.json. All are ingested
    into one fresh temporary store and linked, as `sayso ingest` and `sayso link` do.
    """
    from sayso.eval.crossfire import evaluate_crossfire
    from sayso.eval.crossfire import format_report as format_crossfire

    report = evaluate_crossfire(folder, _extractor(model))
    click.echo(json.dumps(report.as_json()) if as_json else format_crossfire(report))


@eval_group.command(name="speakers")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option(
    "--labels",
    metavar="TSV",
    required=True,
    type=click.Path(path_type=Path),
    help="Hand-made speaker labels: article, start_char, end_char, speaker.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@model_option
def eval_speakers(folder: Path, labels: Path, as_json: bool, model: str) -> None:
    """Score canonical speakers against hand-made labels of a PolNeAR split.

    For each labelled source span: is a statement found there, and does its speaker name
    the labelled person? Prints the figures and every error.
    """
    from sayso.eval.speakers import evaluate_speakers, format_speaker_report

    report = evaluate_speakers(folder, labels, _extractor(model))
    click.echo(json.dumps(report.as_json()) if as_json else format_speaker_report(report))


def _extractor(model: str) -> Extractor:
    from sayso.extract import Extractor

    return Extractor(model=model)


def _fields(names: dict[str, str]) -> CorpusFields:
    from sayso.ingest import CorpusFields

    return CorpusFields(**{part: names[f"{part}_field"] for part in FIELD_PARTS})


def _require_database(db: str) -> None:
    """Reading commands do not create an empty database where the user mistyped a path."""
    if db != MEMORY_DB and not Path(db).exists():
        raise Failure(f"{db}: no such database; run `sayso ingest PATH... --db {db}` first")


@contextmanager
def _progress_bar() -> Iterator[Callable[[IngestReport], None] | None]:
    """A progress bar on stderr when it is a terminal; nothing at all otherwise."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)

        def show(report: IngestReport) -> None:
            done = report.ingested + report.unchanged
            missed = len(report.skipped) + len(report.failed)
            description = f"ingesting: {done} articles, {missed} skipped or failed"
            if shards := getattr(report, "shards", 0):  # a batch ingest's BatchReport
                finished = report.shards_before + report.shards_done + report.shards_failed  # type: ignore[attr-defined]
                description += f", shard {finished} of {shards}"
                progress.update(task, total=shards, completed=finished)
            progress.update(task, description=description)

        yield show


def _job_dict(job: JobRow) -> dict[str, Any]:
    return {
        "id": job.id, "inputs": job.inputs, "shards": job.shards, "done": job.done,
        "failed": job.failed, "pending": job.pending, "running": job.running,
        "articles": job.articles, "statements": job.statements, "errors": job.errors,
        "inputs_per_second": job.inputs_per_second, "eta_seconds": job.eta_seconds,
        "started": job.started, "updated": job.updated,
    }


def _jobs_table(found: list[JobRow]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    for column in ("job", "inputs", "done", "failed", "pending", "articles", "errors"):
        table.add_column(column, justify="right" if column not in ("job", "inputs") else "left")
    table.add_column("rate", justify="right")
    table.add_column("ETA", justify="right")
    for job in found:
        rate, eta = job.inputs_per_second, job.eta_seconds
        table.add_row(
            job.id, ", ".join(job.inputs), str(job.done), str(job.failed), str(job.pending),
            str(job.articles), str(job.errors),
            "-" if rate is None else f"{rate:.1f}/s",
            "-" if eta is None else ("done" if eta == 0 else f"{eta:.0f} s"),
        )
    return table


def _print_job_errors(errors: list[ErrorRow], as_json: bool) -> None:
    if not errors:
        click.echo("no errors recorded", err=True)
    for error in errors:
        if as_json:
            record = {
                "job": error.job_id, "shard": error.shard, "source": error.source,
                "line": error.line, "error": error.error, "reason": error.reason,
                "skipped": error.skipped,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            where = error.source if error.line is None else f"{error.source}:{error.line}"
            click.echo(f"{where}: {error.reason} ({error.error}, job {error.job_id})")


def _console() -> Console:
    """Standard output; when it is not a terminal, as wide as a table needs to stay readable."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


def _article_table(article: Article, found: list[Statement]) -> Table:
    table = Table(title=Text(_article_title(article)), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("speaker", max_width=24)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", max_width=16)
    table.add_column("polarity", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("content", min_width=20, ratio=1)
    for statement in found:
        table.add_row(
            *_plain(
                statement.speaker or "?",
                statement.kind,
                statement.cue.text if statement.cue else "",
                statement.polarity,
                statement.date or "",
                _shortened(statement),
            )
        )
    if not found:
        table.caption = "no statements found"
    return table


def _statements_table(found: list[Statement], articles: dict[str, Article | None]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("speaker", max_width=20)
    table.add_column("role", max_width=16)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", max_width=12)
    table.add_column("date", no_wrap=True)
    table.add_column("content", min_width=20, ratio=2)
    table.add_column("article", min_width=12, ratio=1)
    for statement in found:
        article = articles.get(statement.article_id)
        table.add_row(
            *_plain(
                statement.speaker or "?",
                statement.role or "",
                statement.kind,
                statement.cue.text if statement.cue else "",
                statement.date or "",
                _shortened(statement),
                _article_title(article) if article else statement.article_id,
            )
        )
    return table


def _plain(*cells: str) -> list[Text]:
    """Cells as plain text: article words like "[the Russians]" are not rich markup."""
    return [Text(cell) for cell in cells]


def _article_title(article: Article) -> str:
    title = article.title or article.path or article.id
    return f"{article.outlet}: {title}" if article.outlet else title


def _shortened(statement: Statement) -> str:
    content = " … ".join(span.text for span in statement.content)
    content = " ".join(content.split())
    if len(content) <= CONTENT_CHARS:
        return content
    return content[: CONTENT_CHARS - 1].rstrip() + "…"


@contextmanager
def _stage_bar() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar per stage on stderr when it is a terminal; nothing otherwise."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        tasks: dict[str, Any] = {}

        def show(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done)

        yield show


def _speakers_table(found: list[Speaker]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("speaker", max_width=28)
    table.add_column("kind", no_wrap=True)
    table.add_column("also written", max_width=30)
    table.add_column("roles (first seen)", ratio=1)
    for speaker in found:
        roles = "; ".join(
            f"{role.role} ({role.first_seen.isoformat() if role.first_seen else '?'})"
            for role in speaker.roles
        )
        table.add_row(*_plain(speaker.name, speaker.kind, ", ".join(speaker.aliases), roles))
    return table


def _claims_table(found: list[Claim]) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("claim", no_wrap=True)
    table.add_column("statements", justify="right")
    table.add_column("days", no_wrap=True)
    table.add_column("about", ratio=1)
    for claim in found:
        days = " to ".join(
            sorted({d.isoformat() for d in (claim.first_day, claim.last_day) if d is not None})
        )
        table.add_row(*_plain(claim.id, str(claim.size), days, _clipped(claim.label)))
    return table


def _conflicts_table(found: list[LinkView]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("relation", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("one says", ratio=1)
    table.add_column("another says", ratio=1)
    table.add_column("why", ratio=1)
    for view in found:
        table.add_row(
            *_plain(
                view.link.relation,
                f"{view.link.score:.2f}",
                f"{view.a.speaker or '?'}: {_shortened(view.a)}",
                f"{view.b.speaker or '?'}: {_shortened(view.b)}",
                view.link.reason,
            )
        )
    return table


def _clipped(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CONTENT_CHARS else text[: CONTENT_CHARS - 1].rstrip() + "…"
