"""The web app: FastAPI, pages rendered on the server by Jinja2, every page with a JSON twin.

``create_app(db)`` checks the database once (a missing or corrupt file fails here, before the
server starts) and then reads it through one read-only connection per worker thread. Nothing
is written unless ``allow_ingest`` is set, and then only by the token-protected ingest form.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException

from sayso import __version__
from sayso.errors import ListenError, QueryError, StoreError
from sayso.store import SQLiteStore, open_store
from sayso.web.guard import Guard
from sayso.web.views import NotFound

logger = logging.getLogger(__name__)

# Request bodies (the ingest form: a pasted story or one uploaded file) are refused above
# this: a long feature article is well under 1 MB of text, a saved HTML page a few MB.
MAX_BODY_BYTES = 5 * 1024 * 1024
TOKEN_HEADER = "x-sayso-token"
JSON_SUFFIXES = (".json",)


@dataclass
class Settings:
    """How one app runs: which database, whether ingest is on, and its token."""

    db: Path
    allow_ingest: bool = False
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    max_body_bytes: int = MAX_BODY_BYTES
    extractor_factory: Callable[[], Any] | None = None
    speech_engine: str | None = None  # None: piper when installed, else espeak-ng
    audio_cache: Path | None = None  # None: sayso.listen.targets.default_cache_dir()


class Readers:
    """One read-only store per worker thread: SQLite connections stay on one thread at a time,
    and WAL lets every reader see what the ingest form has committed."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._local = threading.local()

    def store(self) -> SQLiteStore:
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, read_only=True)
            self._local.store = store
        return store


def create_app(
    db: str | Path,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    extractor_factory: Callable[[], Any] | None = None,
    speech_engine: str | None = None,
    audio_cache: str | Path | None = None,
) -> FastAPI:
    """The app over the store at ``db``. Raises ``StoreError`` when it is missing, not a
    sayso database, or not migrated (``sayso serve`` shows that as one line).

    >>> app = create_app("sayso.db")  # doctest: +SKIP
    """
    settings = Settings(Path(db), allow_ingest, max_body_bytes=max_body_bytes)
    if token:
        settings.token = token
    settings.extractor_factory = extractor_factory
    settings.speech_engine = speech_engine
    settings.audio_cache = Path(audio_cache) if audio_cache is not None else None
    open_store(settings.db, read_only=True).close()  # fails now rather than on the first page
    app = FastAPIOffline(
        title="sayso",
        version=__version__,
        description=(
            "Who said what, when, through which channel, and where the accounts contradict "
            "each other. Every HTML page has a JSON twin at the same path plus `.json`; "
            "searches and speakers also export as `.csv`, `.jsonl` and `.parquet`."
        ),
    )
    app.state.settings = settings
    app.state.readers = Readers(settings.db)
    app.state.templates = _templates()
    app.state.ingest_lock = threading.Lock()
    app.state.extractor = None
    app.state.speech_lock = threading.Lock()
    app.state.speech = None  # the engine, found on the first Listen request
    app.mount("/static", StaticFiles(packages=[("sayso.web", "static")]), name="static")
    _add_error_handlers(app)
    from sayso.web import pages

    app.include_router(pages.router)
    app.add_middleware(Guard, max_body_bytes=max_body_bytes)
    return app


def _templates() -> Environment:
    environment = Environment(
        loader=PackageLoader("sayso.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["web_url"] = web_url
    environment.globals["page_url"] = page_url
    return environment


def page_url(path: str, query_string: str, page: int) -> str:
    """``path`` with the same query but another ``page``."""
    kept = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k != "page"]
    return f"{path}?{urlencode([*kept, ('page', str(page))])}"


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else ``None``: an article's URL is untrusted
    and a ``javascript:`` one must never become a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def wants_json(request: Request) -> bool:
    """A request answered in JSON: a ``.json`` path, or an API client asking for JSON."""
    path = request.url.path
    if path.endswith(JSON_SUFFIXES):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, title: str, detail: str) -> Response:
    """The one error shape: ``{"error": {"status", "title", "detail"}}`` in JSON, the same
    three things on an HTML page."""
    if wants_json(request) or _export(request):
        return JSONResponse(
            {"error": {"status": status, "title": title, "detail": detail}}, status_code=status
        )
    page = request.app.state.templates.get_template("error.html")
    html = page.render(status=status, title=title, detail=detail, nav_query="")
    return HTMLResponse(html, status_code=status)


def _export(request: Request) -> bool:
    """Files (exports, audio): their errors are JSON, not a page."""
    return request.url.path.endswith((".csv", ".jsonl", ".parquet", ".wav"))


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed", 403: "Forbidden"}
        detail = error.detail if isinstance(error.detail, str) else str(error.detail)
        if error.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}; start from / or see /docs"
        return error_response(
            request, error.status_code, titles.get(error.status_code, "Error"), detail
        )

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'][1:])}: {problem['msg']}"
            for problem in error.errors()
        )
        return error_response(request, 400, "Bad request", problems)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, error: QueryError) -> Response:
        return error_response(request, 400, "Bad search query", str(error))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return error_response(request, 404, "Not found", str(error))

    @app.exception_handler(ListenError)
    async def no_speech(request: Request, error: ListenError) -> Response:
        return error_response(request, 503, "Speech unavailable", str(error))

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, error: StoreError) -> Response:
        logger.error("store error on %s: %s", request.url.path, error)
        return error_response(request, 503, "Database unavailable", str(error))

    @app.exception_handler(Exception)
    async def crashed(request: Request, error: Exception) -> Response:
        logger.exception("error on %s", request.url.path)
        return error_response(request, 500, "Server error", "something went wrong on our side")
