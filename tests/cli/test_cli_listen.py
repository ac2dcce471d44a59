"""sayso listen: an article file, a stored article, a speaker or a claim read aloud with
espeak-ng (always installed by `make test`), the WAV valid and its sidecar shaped as EVAL.md."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from .helpers import GOOD_TEXT, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SIDECAR_KEYS = {"engine", "voice", "duration", "text", "sentences"}
SENTENCE_KEYS = {"start", "end", "start_char", "end_char", "text", "statement_id"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("listen") / "sayso.db"
    assert run("ingest", EXAMPLES, "--db", path, "--model", "fast").exit_code == 0
    assert run("link", "--db", path).exit_code == 0
    return path


def listen(*arguments: object, out: Path) -> dict:  # type: ignore[type-arg]
    result = run(
        "listen", *arguments, "-o", out, "--engine", "espeak-ng", "--cache", out.parent / "cache"
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    with wave.open(str(out)) as audio:
        frames, rate = audio.getnframes(), audio.getframerate()
    sidecar: dict = json.loads(out.with_suffix(".json").read_text("utf-8"))  # type: ignore[type-arg]
    assert set(sidecar) == SIDECAR_KEYS and sidecar["engine"] == "espeak-ng"
    assert abs(sidecar["duration"] - frames / rate) < 0.01
    starts = [sentence["start"] for sentence in sidecar["sentences"]]
    assert starts == sorted(starts) and sidecar["sentences"]
    for sentence in sidecar["sentences"]:
        assert set(sentence) == SENTENCE_KEYS and sentence["end"] > sentence["start"]
        text = sidecar["text"][sentence["start_char"] : sentence["end_char"]]
        assert text == sentence["text"]
    return sidecar


def test_an_article_file_is_read_as_its_story(tmp_path: Path) -> None:
    story = tmp_path / "bridge.txt"
    story.write_text(GOOD_TEXT, encoding="utf-8")
    sidecar = listen(story, "--model", "fast", out=tmp_path / "bridge.wav")
    assert sidecar["text"].startswith("The mayor of Riverton")
    words = len(sidecar["text"].split())
    assert 0.15 * words < sidecar["duration"] < 1.0 * words
    assert any(s["statement_id"] for s in sidecar["sentences"])


def test_a_stored_article_speaker_and_claim(db: Path, tmp_path: Path) -> None:
    article = json.loads(run("statements", "--db", db, "--json", "--limit", "1").stdout)
    told = listen("--article", article["article_id"], "--db", db, out=tmp_path / "a.wav")
    digest = listen(
        "--article", article["article_id"], "--digest", "--db", db, out=tmp_path / "d.wav"
    )
    assert digest["duration"] < told["duration"]
    speaker = listen("--speaker", "hritsenko", "--db", db, out=tmp_path / "s.wav")
    assert "Oleksandr Hrytsenko" in speaker["text"]
    [claim] = [
        json.loads(line)
        for line in run("claims", "--db", db, "--json", "--limit", "1").stdout.splitlines()
    ]
    assert listen("--claim", claim["id"], "--db", db, out=tmp_path / "c.wav")["sentences"]


def test_one_target_is_needed(tmp_path: Path) -> None:
    result = run("listen", "-o", tmp_path / "x.wav")
    assert result.exit_code == 2 and "give one thing to read" in result.output


def test_an_unknown_speaker_or_a_missing_converter_is_one_line(db: Path, tmp_path: Path) -> None:
    result = run(
        "listen",
        "--speaker",
        "Nobody Atall",
        "--db",
        db,
        "-o",
        tmp_path / "x.wav",
        "--engine",
        "espeak-ng",
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no speaker named 'Nobody Atall'")
    assert not (tmp_path / "x.wav").exists()
