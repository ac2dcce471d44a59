"""sayso: who said what, when, through which channel - from news articles.

    >>> from sayso import Extractor, open_store, ingest_paths
    >>> with open_store("sayso.db") as store:                      # doctest: +SKIP
    ...     report = ingest_paths(["examples/"], store, Extractor())

``Extractor``, ``read_inputs`` and ``ingest_paths`` are imported on first use: they pull in
spaCy and trafilatura, which would otherwise slow every ``import sayso`` (and ``sayso --help``)
by about a second.
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from sayso.errors import (
    BadEncoding,
    BatchError,
    ConversionFailed,
    EmptyArticle,
    EvalDataError,
    ExtractionFailed,
    ExtractionTimedOut,
    InputError,
    InputTooLarge,
    LinkFileError,
    LinkWorkerFailed,
    ListenError,
    MalformedRecord,
    ModelNotInstalled,
    NoArticleFound,
    NoAudioConverter,
    NoSpeechEngine,
    NotEnglish,
    NothingToRead,
    QueryError,
    SaysoError,
    SpeechEngineFailed,
    StoreError,
    UnreadableInput,
    UnsupportedAudioFormat,
)
from sayso.model import Article, Claim, Link, RoleSeen, Span, Speaker, Statement
from sayso.store import open_store

if TYPE_CHECKING:
    from sayso.extract import Extractor
    from sayso.ingest import read_inputs
    from sayso.pipeline import ingest_paths
    from sayso.batch import run_ingest
    from sayso.web import create_app

try:
    __version__ = version("sayso")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "BadEncoding",
    "BatchError",
    "Claim",
    "ConversionFailed",
    "EmptyArticle",
    "EvalDataError",
    "ExtractionFailed",
    "ExtractionTimedOut",
    "Extractor",
    "InputError",
    "InputTooLarge",
    "Link",
    "LinkFileError",
    "LinkWorkerFailed",
    "ListenError",
    "MalformedRecord",
    "ModelNotInstalled",
    "NoArticleFound",
    "NoAudioConverter",
    "NoSpeechEngine",
    "NotEnglish",
    "NothingToRead",
    "QueryError",
    "RoleSeen",
    "SaysoError",
    "Span",
    "Speaker",
    "SpeechEngineFailed",
    "Statement",
    "StoreError",
    "UnreadableInput",
    "UnsupportedAudioFormat",
    "__version__",
    "create_app",
    "ingest_paths",
    "open_store",
    "read_inputs",
    "run_ingest",
]

# Names imported on first use, and the module each comes from.
_LAZY = {
    "Extractor": "sayso.extract",
    "read_inputs": "sayso.ingest",
    "ingest_paths": "sayso.pipeline",
    "create_app": "sayso.web",
    "run_ingest": "sayso.batch",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sayso' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


logging.getLogger(__name__).addHandler(logging.NullHandler())
