"""The public API of sayso.ingest, and the pattern file shipped with it."""

from __future__ import annotations

from importlib import resources

import sayso.ingest


def test_all_is_sorted_and_exported() -> None:
    assert sayso.ingest.__all__ == sorted(sayso.ingest.__all__)
    for name in sayso.ingest.__all__:
        assert hasattr(sayso.ingest, name)


def test_boilerplate_patterns_are_package_data() -> None:
    listing = resources.files("sayso.ingest").joinpath("boilerplate.txt").read_text("utf-8")
    assert "You can now listen to Fox News articles" in listing
