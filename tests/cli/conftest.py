"""Fixtures for the CLI tests: one Extractor per session and folders of inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.extract import Extractor

from .helpers import FRENCH_TEXT, GOOD_HTML, GOOD_TEXT, JSONL_RECORDS, NO_ARTICLE_HTML


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real Extractor, loaded once; later ``Extractor()`` calls reuse its pipeline."""
    return Extractor()


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    """A folder with good inputs only: a .txt, an .html and a two-record .jsonl."""
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "a_bridge.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b_library.html").write_text(GOOD_HTML, encoding="utf-8")
    lines = [json.dumps(record) for record in JSONL_RECORDS]
    (folder / "c_corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    """Good inputs and one of every kind of bad one."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_bridge.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b_library.html").write_text(GOOD_HTML, encoding="utf-8")
    lines = [json.dumps(JSONL_RECORDS[0]), "{this is not json", json.dumps(JSONL_RECORDS[1])]
    (folder / "c_corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "d_empty.txt").write_text("", encoding="utf-8")
    (folder / "e_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (folder / "f_latin1.txt").write_bytes("Le café est fermé.".encode("latin-1"))
    (folder / "g_french.txt").write_text(FRENCH_TEXT, encoding="utf-8")
    (folder / "h_menu.html").write_text(NO_ARTICLE_HTML, encoding="utf-8")
    return folder
