"""From what a user asks to hear to a Script: an article file, a stored article, a speaker's
statements or a claim's — as the story itself or as a who-said-what digest."""

from __future__ import annotations

import os
from pathlib import Path

from sayso.errors import InputError, ListenError
from sayso.ingest import read_inputs
from sayso.listen.digest import Said, digest_script
from sayso.listen.render import Script
from sayso.listen.script import article_script
from sayso.model import RELATIONS
from sayso.pipeline import StatementExtractor
from sayso.store import SQLiteStore
from sayso.store.browse import Found
from sayso.store.linked import LinkView

CACHE_ENVVAR = "SAYSO_AUDIO_CACHE"


def default_cache_dir() -> Path:
    """Where rendered speech is kept: ``$SAYSO_AUDIO_CACHE``, else the user's cache folder."""
    if os.environ.get(CACHE_ENVVAR):
        return Path(os.environ[CACHE_ENVVAR])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sayso" / "audio"


def file_script(path: str | Path, extractor: StatementExtractor, *, digest: bool = False) -> Script:
    """The article in the file at ``path`` (text or HTML), read or digested.

    Raises the file's ``InputError``, or ``ListenError`` for a corpus of several articles.
    """
    found = list(read_inputs([path]))
    errors = [item for item in found if isinstance(item, InputError)]
    if errors:
        raise errors[0]
    if len(found) != 1:
        raise ListenError(
            f"{path}: holds {len(found)} articles; listen reads one at a time "
            "(ingest it and use --article ID)"
        )
    article = found[0]
    assert not isinstance(article, InputError)
    statements = extractor.extract(article)
    if digest:
        return digest_script([Said(s, article.published) for s in statements])
    return article_script(article, statements)


def article_target(store: SQLiteStore, article_id: str, *, digest: bool = False) -> Script:
    """A stored article, read or digested (with the conflicts ``sayso link`` found in it)."""
    article = store.article(article_id)
    if article is None:
        raise ListenError(f"no article with id {article_id!r} in {store.where}")
    found = store.article_statements(article_id)
    if not digest:
        return article_script(article, [item.statement for item in found])
    ids = {item.statement.id for item in found}
    relations = [
        view for view in store.links(relations=RELATIONS) if view.a.id in ids and view.b.id in ids
    ]
    return digest_of(found, relations)


def speaker_target(store: SQLiteStore, name_or_id: str) -> Script:
    """The digest of one canonical speaker's statements, with who contradicted them."""
    speaker = store.speaker(name_or_id)
    if speaker is None:
        matches = store.speakers(name_or_id)
        if not matches:
            raise ListenError(
                f"no speaker named {name_or_id!r} in {store.where}; "
                "see `sayso speakers` (run `sayso link` first)"
            )
        speaker = matches[0]  # the most quoted of those whose name or alias matches
    found = store.speaker_statements(speaker.id)
    return digest_of(found, store.links(speaker_ids=[speaker.id]))


def claim_target(store: SQLiteStore, claim_id: str) -> Script:
    """The digest of one claim: its statements in date order, contradictions said."""
    if store.claim(claim_id) is None:
        raise ListenError(f"no claim with id {claim_id!r} in {store.where}; see `sayso claims`")
    found = store.claim_statements(claim_id)
    return digest_of(found, store.links(relations=RELATIONS, claim_id=claim_id))


def digest_of(found: list[Found], relations: list[LinkView]) -> Script:
    """The digest of stored statements and the relations among (or to) them."""
    return digest_script(
        [Said(item.statement, item.article.published) for item in found], relations
    )
