"""The public API: ``sayso.__all__`` is sorted and every name in it imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sayso

HEAVY_MODULES = ("spacy", "trafilatura")


def test_all_is_sorted_and_unique() -> None:
    assert list(sayso.__all__) == sorted(set(sayso.__all__))


@pytest.mark.parametrize("name", sayso.__all__)
def test_every_public_name_imports(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from sayso import {name}", namespace)
    assert namespace[name] is getattr(sayso, name)


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from sayso import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(sayso.__all__)


def test_error_classes_are_all_public() -> None:
    public = {getattr(sayso, name) for name in sayso.__all__}
    errors = {value for value in vars(sayso.errors).values() if isinstance(value, type)}
    assert {error for error in errors if issubclass(error, sayso.SaysoError)} <= public


def test_importing_sayso_does_not_load_spacy() -> None:
    # spaCy and trafilatura cost about a second; `sayso --help` should not pay it.
    code = (
        "import sys, sayso, sayso.cli; print('spacy' in sys.modules, 'trafilatura' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.split() == ["False"] * len(HEAVY_MODULES), loaded.stderr


def test_version_is_a_string() -> None:
    assert isinstance(sayso.__version__, str) and sayso.__version__
