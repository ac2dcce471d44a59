"""The routes. Each page is a view dict (``sayso.web.views``) rendered by a template; its JSON
twin at the same path plus ``.json`` returns the dict itself. Handlers are plain functions,
so FastAPI runs them on worker threads, each with its own read-only store."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from sayso.errors import InputError, QueryError
from sayso.export import EXPORT_MEDIA_TYPES, encode_table, export_table
from sayso.listen import targets
from sayso.listen.engines import find_engine
from sayso.listen.render import Script, render_cached
from sayso.model import KINDS, POLARITIES, Article, Kind, Polarity
from sayso.store import SQLiteStore, open_store
from sayso.store.browse import SEARCH_ORDERS, Found, SearchFilters
from sayso.web import views
from sayso.web.app import TOKEN_HEADER, error_response, wants_json
from sayso.web.views import MAX_PER_PAGE, PER_PAGE, Paging

router = APIRouter()

ExportFormat = Literal["csv", "jsonl", "parquet"]
# An export holds at most this many statements; narrow the search for more.
MAX_EXPORT_ROWS = 100_000

PageNumber = Query(1, ge=1, description="Page number, from 1.")
PerPage = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Results per page.")


def _store(request: Request) -> SQLiteStore:
    store: SQLiteStore = request.app.state.readers.store()
    return store


def _render(request: Request, template: str, view: dict[str, Any], **drawing: Any) -> HTMLResponse:
    settings = request.app.state.settings
    page = request.app.state.templates.get_template(template)
    html = page.render(
        view=view,
        nav_query=request.query_params.get("q", ""),
        ingest_on=settings.allow_ingest,
        path=request.url.path,
        query_string=request.url.query,
        **drawing,
    )
    return HTMLResponse(html)


def _day(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def _choice(value: str | None, name: str, allowed: tuple[str, ...]) -> str | None:
    if value is None or not value.strip():
        return None
    if value.strip() not in allowed:
        raise HTTPException(400, f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value.strip()


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


# -- home and lists


@router.get("/index.json", summary="Counts, latest articles, strongest conflicts")
def home_json(request: Request) -> dict[str, Any]:
    return views.home_view(_store(request))


@router.get("/", response_class=HTMLResponse, summary="Home page")
def home(request: Request) -> HTMLResponse:
    return _render(request, "home.html", views.home_view(_store(request)))


@router.get("/articles.json", summary="Stored articles, newest first")
def articles_json(
    request: Request, page: int = PageNumber, per_page: int = PerPage
) -> dict[str, Any]:
    return views.articles_view(_store(request), Paging(page, per_page))


@router.get("/articles", response_class=HTMLResponse, summary="Stored articles page")
def articles(request: Request, page: int = PageNumber, per_page: int = PerPage) -> HTMLResponse:
    view = views.articles_view(_store(request), Paging(page, per_page))
    return _render(request, "articles.html", view)


# -- an article


@router.get("/article/{article_id}.json", summary="An article and its statements")
def article_json(request: Request, article_id: str) -> dict[str, Any]:
    return views.article_view(_store(request), article_id)


@router.get("/article/{article_id}", response_class=HTMLResponse, summary="Article page")
def article(request: Request, article_id: str) -> HTMLResponse:
    view, found = views.article_page(_store(request), article_id)
    drawing = views.article_drawing(view, found)
    return _render(request, "article.html", view, **drawing)


# -- speakers


@router.get("/speakers.json", summary="Canonical speakers, most quoted first")
def speakers_json(
    request: Request, page: int = PageNumber, per_page: int = PerPage
) -> dict[str, Any]:
    return views.speakers_view(_store(request), Paging(page, per_page))


@router.get("/speakers", response_class=HTMLResponse, summary="Speakers page")
def speakers(request: Request, page: int = PageNumber, per_page: int = PerPage) -> HTMLResponse:
    view = views.speakers_view(_store(request), Paging(page, per_page))
    return _render(request, "speakers.html", view)


@router.get("/speaker/{speaker_id}.json", summary="A speaker: aliases, roles, statements")
def speaker_json(request: Request, speaker_id: str) -> dict[str, Any]:
    return views.speaker_view(_store(request), speaker_id)


@router.get(
    "/speaker/{speaker_id}.{fmt}",
    summary="A speaker's statements as CSV, JSONL or Parquet",
    response_class=Response,
)
def speaker_export(request: Request, speaker_id: str, fmt: ExportFormat) -> Response:
    store = _store(request)
    speaker = store.speaker(speaker_id)
    if speaker is None:
        raise views.NotFound(f"no speaker with id {speaker_id!r}")
    return _export(store.speaker_statements(speaker_id), fmt, f"speaker-{speaker_id}")


@router.get("/speaker/{speaker_id}", response_class=HTMLResponse, summary="Speaker page")
def speaker(request: Request, speaker_id: str) -> HTMLResponse:
    view, digest = views.speaker_page(_store(request), speaker_id)
    chart = views.speaker_timeline(view["statements"])
    return _render(request, "speaker.html", view, timeline=chart, digest=digest)


# -- claims


@router.get("/claims.json", summary="Claims, largest first")
def claims_json(
    request: Request, page: int = PageNumber, per_page: int = PerPage
) -> dict[str, Any]:
    return views.claims_view(_store(request), Paging(page, per_page))


@router.get("/claims", response_class=HTMLResponse, summary="Claims page")
def claims(request: Request, page: int = PageNumber, per_page: int = PerPage) -> HTMLResponse:
    return _render(
        request, "claims.html", views.claims_view(_store(request), Paging(page, per_page))
    )


@router.get("/claim/{claim_id}.json", summary="A claim: its statements by side, relations")
def claim_json(request: Request, claim_id: str) -> dict[str, Any]:
    return views.claim_view(_store(request), claim_id)


@router.get("/claim/{claim_id}", response_class=HTMLResponse, summary="Claim page")
def claim(request: Request, claim_id: str) -> HTMLResponse:
    view, digest = views.claim_page(_store(request), claim_id)
    return _render(request, "claim.html", view, digest=digest)


# -- conflicts


def _conflicts(
    request: Request,
    page: int,
    per_page: int,
    speaker: str | None,
    since: str | None,
    until: str | None,
) -> dict[str, Any]:
    return views.conflicts_view(
        _store(request),
        Paging(page, per_page),
        speaker=_text(speaker),
        since=_day(since, "since"),
        until=_day(until, "until"),
    )


@router.get("/conflicts.json", summary="Contradictions and denials, strongest first")
def conflicts_json(
    request: Request,
    page: int = PageNumber,
    per_page: int = PerPage,
    speaker: str | None = Query(None, description="A name or alias, any part, any case."),
    since: str | None = Query(None, description="Published on or after, YYYY-MM-DD."),
    until: str | None = Query(None, description="Published on or before, YYYY-MM-DD."),
) -> dict[str, Any]:
    return _conflicts(request, page, per_page, speaker, since, until)


@router.get("/conflicts", response_class=HTMLResponse, summary="Conflicts board")
def conflicts(
    request: Request,
    page: int = PageNumber,
    per_page: int = PerPage,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    view = _conflicts(request, page, per_page, speaker, since, until)
    return _render(request, "conflicts.html", view)


# -- search and exports


def _filters(
    q: str | None,
    speaker: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    polarity: str | None,
    sort: str | None = None,
) -> SearchFilters:
    chosen_kind: Kind | None = _choice(kind, "kind", KINDS)  # type: ignore[assignment]
    chosen_polarity: Polarity | None = _choice(polarity, "polarity", POLARITIES)  # type: ignore[assignment]
    return SearchFilters(
        text=_text(q),
        speaker=_text(speaker),
        outlet=_text(outlet),
        since=_day(since, "since"),
        until=_day(until, "until"),
        kind=chosen_kind,
        polarity=chosen_polarity,
        sort=_choice(sort, "sort", SEARCH_ORDERS) or "newest",
    )


SEARCH_HELP = (
    'Words must all match; "a phrase" in quotation marks, OR between alternatives, NOT to '
    "exclude, parentheses to group, word* for a prefix."
)


@router.get("/search.json", summary="Full-text search over statements, with filters")
def search_json(
    request: Request,
    q: str | None = Query(None, description=SEARCH_HELP),
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = Query(None, description="direct, mixed or indirect"),
    polarity: str | None = Query(None, description="asserts or denies"),
    sort: str | None = Query(None, description="newest (default) or relevance"),
    page: int = PageNumber,
    per_page: int = PerPage,
) -> dict[str, Any]:
    filters = _filters(q, speaker, outlet, since, until, kind, polarity, sort)
    return views.search_view(_store(request), filters, Paging(page, per_page))


@router.get(
    "/search.{fmt}",
    summary="A search's statements as CSV, JSONL or Parquet (all pages)",
    response_class=Response,
)
def search_export(
    request: Request,
    fmt: ExportFormat,
    q: str | None = Query(None, description=SEARCH_HELP),
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    polarity: str | None = None,
    sort: str | None = None,
) -> Response:
    filters = _filters(q, speaker, outlet, since, until, kind, polarity, sort)
    found = _store(request).search(filters, limit=MAX_EXPORT_ROWS).found
    return _export(found, fmt, "search")


@router.get("/search", response_class=HTMLResponse, summary="Search page")
def search(
    request: Request,
    q: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    polarity: str | None = None,
    sort: str | None = None,
    page: int = PageNumber,
    per_page: int = PerPage,
) -> Response:
    filters = _filters(q, speaker, outlet, since, until, kind, polarity, sort)
    try:
        view = views.search_view(_store(request), filters, Paging(page, per_page))
    except QueryError as error:
        shape = Paging(1, per_page).shape(0)
        view = {**shape, "query": views.filters_dict(filters), "results": []}
        response = _render(request, "search.html", view, error=str(error), help=SEARCH_HELP)
        response.status_code = 400
        return response
    return _render(request, "search.html", view, error=None, help=SEARCH_HELP)


def _export(found: list[Found], fmt: str, name: str) -> Response:
    rows = [(item.statement, _byline_article(item)) for item in found]
    body = encode_table(export_table(rows), fmt)
    return Response(
        body,
        media_type=EXPORT_MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="sayso-{name}.{fmt}"'},
    )


def _byline_article(item: Found) -> Article:
    head = item.article
    return Article(
        id=head.id,
        text="",
        title=head.title,
        outlet=head.outlet,
        url=head.url,
        published=head.published,
    )


# -- listen: speech rendered on first request and kept in the audio cache

ListenFormat = Literal["wav", "json"]


@router.get(
    "/article/{article_id}/listen.{fmt}",
    summary="The article read aloud (WAV), or its sentence timings (JSON sidecar)",
    response_class=Response,
)
def article_listen(
    request: Request,
    article_id: str,
    fmt: ListenFormat,
    digest: bool = Query(False, description="Read who said what instead of the story."),
) -> Response:
    if not _store(request).has_article(article_id):
        raise views.NotFound(f"no article with id {article_id!r}")
    return _speech(request, targets.article_target(_store(request), article_id, digest=digest), fmt)


@router.get(
    "/speaker/{speaker_id}/listen.{fmt}",
    summary="A speaker's who-said-what digest read aloud (WAV), or its timings (JSON)",
    response_class=Response,
)
def speaker_listen(request: Request, speaker_id: str, fmt: ListenFormat) -> Response:
    if _store(request).speaker(speaker_id) is None:
        raise views.NotFound(f"no speaker with id {speaker_id!r}")
    return _speech(request, targets.speaker_target(_store(request), speaker_id), fmt)


@router.get(
    "/claim/{claim_id}/listen.{fmt}",
    summary="A claim's digest read aloud (WAV), or its timings (JSON)",
    response_class=Response,
)
def claim_listen(request: Request, claim_id: str, fmt: ListenFormat) -> Response:
    if _store(request).claim(claim_id) is None:
        raise views.NotFound(f"no claim with id {claim_id!r}")
    return _speech(request, targets.claim_target(_store(request), claim_id), fmt)


def _speech(request: Request, script: Script, fmt: str) -> Response:
    state = request.app.state
    with state.speech_lock:  # one rendering at a time; the second asker gets the cached one
        if state.speech is None:
            state.speech = find_engine(state.settings.speech_engine)
        cache = state.settings.audio_cache or targets.default_cache_dir()
        wav, sidecar = render_cached(script, state.speech, cache)
    if fmt == "json":
        return JSONResponse(sidecar)
    return FileResponse(wav, media_type="audio/wav")


# -- ingest (off unless `sayso serve --allow-ingest`)


def _ingest_allowed(request: Request) -> None:
    if not request.app.state.settings.allow_ingest:
        raise HTTPException(
            404, "ingest is off on this server; start it with `sayso serve --allow-ingest`"
        )


@router.get("/ingest", response_class=HTMLResponse, summary="Ingest form (with --allow-ingest)")
def ingest_form(request: Request) -> HTMLResponse:
    _ingest_allowed(request)
    return _render(request, "ingest.html", {}, error=None)


@router.post("/ingest.json", summary="Ingest one article (with --allow-ingest and the token)")
async def ingest_json(request: Request) -> Response:
    return await _ingest(request)


@router.post("/ingest", summary="Ingest one article from the form", response_class=HTMLResponse)
async def ingest(request: Request) -> Response:
    return await _ingest(request)


async def _ingest(request: Request) -> Response:
    _ingest_allowed(request)
    form = await request.form(max_files=1, max_fields=8)
    token = str(form.get("token") or request.headers.get(TOKEN_HEADER) or "")
    expected = request.app.state.settings.token
    if not hmac.compare_digest(token.encode(), expected.encode()):
        return error_response(
            request,
            403,
            "Forbidden",
            "the ingest token is missing or wrong; it is printed when `sayso serve` starts",
        )
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data, source = await upload.read(), f"upload:{upload.filename}"
    else:
        data, source = str(form.get("text") or "").encode("utf-8"), "pasted text"
    try:
        article, outcome, statements = await run_in_threadpool(_save, request, data, source)
    except InputError as error:
        if wants_json(request):
            return error_response(request, 422, "Article not ingested", str(error))
        response = _render(request, "ingest.html", {}, error=str(error))
        response.status_code = 422
        return response
    if wants_json(request):
        return JSONResponse(
            {
                "article": {"id": article.id, "title": article.title},
                "outcome": outcome,
                "statements": statements,
                "url": f"/article/{article.id}",
            }
        )
    return RedirectResponse(f"/article/{article.id}", status_code=303)


def _save(request: Request, data: bytes, source: str) -> tuple[Article, str, int]:
    state = request.app.state
    with state.ingest_lock:  # one article at a time: one model, one writer
        if state.extractor is None:
            factory = state.settings.extractor_factory
            if factory is None:
                from sayso.extract import Extractor

                factory = Extractor
            state.extractor = factory()
        from sayso.pipeline import ingest_bytes

        with open_store(state.settings.db) as store:
            return ingest_bytes(
                data, source, store, state.extractor, max_bytes=state.settings.max_body_bytes
            )
