"""A Script read aloud: one audio file and its JSON sidecar (EVAL.md, "The listen sidecar").

    >>> sidecar = render(script, find_engine(), Path("story.wav"))  # doctest: +SKIP
    >>> sidecar["sentences"][0]  # doctest: +SKIP
    {'start': 0.0, 'end': 2.31, 'start_char': 0, 'end_char': 41, 'text': '…', 'statement_id': None}

The stages:

1. the output format and its converter are checked before any speech is made;
2. each utterance is spoken piece by piece (a piece spoken before comes from the cache);
3. the pieces are laid end to end, a pause after each sentence, noting where each sentence's
   audio begins and ends;
4. the audio and the sidecar are written, each to a temp file beside it and renamed into place,
   so that a failure leaves no half-written output.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import os
import secrets
import shutil
import subprocess
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sayso.errors import (
    ConversionFailed,
    ListenError,
    NoAudioConverter,
    NothingToRead,
    UnsupportedAudioFormat,
)
from sayso.listen.engines import SAMPLE_WIDTH, Engine

# Seconds of silence after a sentence: about a reader's breath at news pace. espeak-ng and piper
# end a sentence with little silence of their own, so without it sentences run together.
SENTENCE_PAUSE = 0.35
# After a paragraph's last sentence: twice a sentence's pause, heard as a break without
# sounding like the recording stalled.
PARAGRAPH_PAUSE = 0.7
# A one-voice engine announces a direct quotation, as a newsreader does on air.
QUOTE_OPEN = "quote,"
QUOTE_CLOSE = ", end quote."
# Punctuation a quotation's last words lose before QUOTE_CLOSE ("bridge," -> "bridge, end quote.").
# "?" and "!" stay: they change how the words are said.
_BEFORE_QUOTE_CLOSE = " \t\n,.;:"
# Seconds in the sidecar to the millisecond: finer than any player seeks, and short to read.
SECONDS_DECIMALS = 3

RENDERS = "renders"  # the folder under cache_dir that render_cached() keeps whole renders in
# Part of render_cached()'s key; raise it when the same script and engine would render otherwise.
RENDER_FORMAT = 1


@dataclass(frozen=True)
class Part:
    text: str  # words to speak
    quoted: bool  # part of a direct quotation


@dataclass(frozen=True)
class Utterance:  # one sentence
    start_char: int  # offsets of the sentence in Script.text
    end_char: int
    text: str  # the sentence as written (== Script.text[start_char:end_char])
    parts: tuple[Part, ...]  # what is spoken, in order (quotation parts flagged)
    statement_id: str | None = None
    pause_after: float = SENTENCE_PAUSE  # seconds of silence after it (longer at a paragraph end)


@dataclass(frozen=True)
class Script:
    text: str  # the text read aloud; offsets index it
    utterances: tuple[Utterance, ...]


@dataclass(frozen=True)
class Converter:
    """A program that turns a WAV file into a compressed one: PROGRAM *before WAV *after OUT."""

    program: str
    before_input: tuple[str, ...]
    after_input: tuple[str, ...] = ()

    def command(self, program_path: str, wav: Path, out: Path) -> list[str]:
        return [program_path, *self.before_input, str(wav), *self.after_input, str(out)]


FFMPEG = Converter("ffmpeg", ("-loglevel", "error", "-y", "-i"))
FFMPEG_OPUS = Converter("ffmpeg", ("-loglevel", "error", "-y", "-i"), ("-c:a", "libopus"))
LAME = Converter("lame", ("--quiet",))
OPUSENC = Converter("opusenc", ("--quiet",))


@dataclass(frozen=True)
class AudioFormat:
    label: str
    converters: tuple[Converter, ...]  # the first on PATH is used; none for WAV, written here


FORMATS = {
    ".wav": AudioFormat("WAV", ()),
    ".mp3": AudioFormat("MP3", (FFMPEG, LAME)),
    ".opus": AudioFormat("Opus", (FFMPEG_OPUS, OPUSENC)),
    ".ogg": AudioFormat("Ogg Opus", (FFMPEG_OPUS, OPUSENC)),
}


def render(
    script: Script,
    engine: Engine,
    out: Path,
    *,
    cache_dir: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Speak ``script`` with ``engine`` into ``out`` (.wav, .mp3, .opus or .ogg) and write the
    sidecar ``out.with_suffix(".json")``; return the sidecar.

    With ``cache_dir``, every spoken piece is kept there and never synthesized again.
    ``on_progress(done, total)`` is called after each utterance. Raises NothingToRead for a
    script without utterances, UnsupportedAudioFormat or NoAudioConverter (before any speech is
    made) for an output that cannot be written, and what the engine raises.
    """
    out = Path(out)
    converter = _converter_for(out)
    if not script.utterances:
        raise NothingToRead(f"{out}: nothing to read (the script has no sentences)")
    pcm, sentences = _speak_script(script, engine, cache_dir, on_progress)
    sidecar = {
        "engine": engine.name,
        "voice": engine.voice,
        "duration": _seconds(len(pcm), engine.sample_rate),
        "text": script.text,
        "sentences": sentences,
    }
    sidecar_text = json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n"
    _write_audio(out, pcm, engine.sample_rate, converter)
    with _replacing(out.with_suffix(".json")) as temp:
        temp.write_text(sidecar_text, encoding="utf-8")
    return sidecar


def render_cached(
    script: Script,
    engine: Engine,
    cache_dir: Path,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, dict[str, Any]]:
    """The WAV and sidecar of ``script`` spoken by ``engine``, rendered once and kept under
    ``cache_dir/renders/<sha256>.wav`` and ``.json``; later calls return the kept ones."""
    wav = Path(cache_dir) / RENDERS / f"{_render_key(script, engine)}.wav"
    sidecar_path = wav.with_suffix(".json")
    if wav.exists() and sidecar_path.exists():
        return wav, json.loads(sidecar_path.read_text(encoding="utf-8"))
    wav.parent.mkdir(parents=True, exist_ok=True)
    return wav, render(script, engine, wav, cache_dir=cache_dir, on_progress=on_progress)


def spoken_pieces(utterance: Utterance, *, has_quote_voice: bool) -> list[tuple[str, bool]]:
    """What is said of ``utterance``, as (text, quoted) pieces, one engine call each.

    Neighbouring parts of the same kind are spoken together. Where the engine has a quote voice
    a quotation is its own piece; where it has none the sentence is one piece, its quotations
    announced: ``quote, We will rebuild, end quote. the mayor said.``
    """
    runs = [
        (" ".join(part.text.strip() for part in group if part.text.strip()), quoted)
        for quoted, group in itertools.groupby(utterance.parts, key=lambda part: part.quoted)
    ]
    runs = [(text, quoted) for text, quoted in runs if text]
    if has_quote_voice:
        return runs
    said = " ".join(_announced(text) if quoted else text for text, quoted in runs)
    return [(said, False)] if said else []


def piece_path(cache_dir: Path, engine: Engine, text: str, *, quoted: bool) -> Path:
    """Where the PCM of ``text`` spoken by ``engine`` is cached: ``cache_dir/ab/ab12….pcm``,
    keyed by the engine, the voice that speaks it, the sample rate and the exact text."""
    voice = engine.quote_voice if quoted and engine.quote_voice else engine.voice
    identity = [engine.name, voice, engine.sample_rate, getattr(engine, "settings", ""), text]
    key = hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
    return Path(cache_dir) / key[:2] / f"{key}.pcm"


# 1. The output format


def _converter_for(out: Path) -> tuple[Converter, str] | None:
    """The converter that writes ``out``'s format and its path, or None for WAV."""
    audio_format = FORMATS.get(out.suffix.lower())
    if audio_format is None:
        raise UnsupportedAudioFormat(
            f"{out}: cannot write {out.suffix or 'a file without a suffix'}; "
            f"write one of {' '.join(FORMATS)}"
        )
    if not out.parent.is_dir():
        raise ListenError(f"{out}: the folder {out.parent} does not exist")
    if not audio_format.converters:
        return None
    for converter in audio_format.converters:
        program_path = shutil.which(converter.program)
        if program_path:
            return converter, program_path
    programs = " or ".join(dict.fromkeys(c.program for c in audio_format.converters))
    raise NoAudioConverter(
        f"{out}: {audio_format.label} needs {programs} (apt-get install ffmpeg); or write .wav"
    )


# 2. and 3. Speaking, and laying the sentences end to end


def _speak_script(
    script: Script,
    engine: Engine,
    cache_dir: Path | None,
    on_progress: Callable[[int, int], None] | None,
) -> tuple[bytes, list[dict[str, Any]]]:
    pcm = bytearray()
    sentences = []
    for done, utterance in enumerate(script.utterances, start=1):
        start = len(pcm)
        for text, quoted in spoken_pieces(utterance, has_quote_voice=bool(engine.quote_voice)):
            pcm += _speak(engine, text, quoted, cache_dir)
        sentences.append(_sentence(utterance, start, len(pcm), engine.sample_rate))
        pcm += bytes(round(utterance.pause_after * engine.sample_rate) * SAMPLE_WIDTH)
        if on_progress is not None:
            on_progress(done, len(script.utterances))
    return bytes(pcm), sentences


def _speak(engine: Engine, text: str, quoted: bool, cache_dir: Path | None) -> bytes:
    if cache_dir is None:
        return _whole_samples(engine.synthesize(text, quoted=quoted))
    path = piece_path(cache_dir, engine, text, quoted=quoted)
    if path.exists():
        return path.read_bytes()
    pcm = _whole_samples(engine.synthesize(text, quoted=quoted))
    path.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path) as temp:
        temp.write_bytes(pcm)
    return pcm


def _whole_samples(pcm: bytes) -> bytes:
    # A stray odd byte would shift every later sample by half and turn the rest into noise.
    return pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH]


def _announced(quotation: str) -> str:
    return f"{QUOTE_OPEN} {quotation.rstrip(_BEFORE_QUOTE_CLOSE)}{QUOTE_CLOSE}"


def _sentence(utterance: Utterance, start: int, end: int, sample_rate: int) -> dict[str, Any]:
    return {
        "start": _seconds(start, sample_rate),
        "end": _seconds(end, sample_rate),
        "start_char": utterance.start_char,
        "end_char": utterance.end_char,
        "text": utterance.text,
        "statement_id": utterance.statement_id,
    }


def _seconds(pcm_bytes: int, sample_rate: int) -> float:
    return round(pcm_bytes / (SAMPLE_WIDTH * sample_rate), SECONDS_DECIMALS)


# 4. Writing


def _write_audio(
    out: Path, pcm: bytes, sample_rate: int, converter: tuple[Converter, str] | None
) -> None:
    if converter is None:
        with _replacing(out) as temp:
            _write_wav(temp, pcm, sample_rate)
        return
    wav = _beside(out, ".wav")
    try:
        _write_wav(wav, pcm, sample_rate)
        with _replacing(out) as temp:
            _convert(converter, wav, temp, out)
    finally:
        wav.unlink(missing_ok=True)


def _write_wav(path: Path, pcm: bytes, sample_rate: int) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_WIDTH)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)


def _convert(converter: tuple[Converter, str], wav: Path, temp: Path, out: Path) -> None:
    program, program_path = converter
    try:
        ran = subprocess.run(
            program.command(program_path, wav, temp), capture_output=True, check=False
        )
    except OSError as error:
        raise ConversionFailed(f"{out}: {program.program} could not run: {error}") from error
    if ran.returncode != 0 or not temp.exists():
        lines = ran.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit {ran.returncode}, no file written"
        raise ConversionFailed(f"{out}: {program.program} failed: {reason}")


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temp path beside ``path``, renamed onto it when the block succeeds, removed if not."""
    temp = _beside(path, path.suffix)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _beside(path: Path, suffix: str) -> Path:
    # Hidden, unique, and ending in the real suffix: converters pick the format from it.
    return path.with_name(f".{path.stem}.{secrets.token_hex(6)}.tmp{suffix}")


def _render_key(script: Script, engine: Engine) -> str:
    identity = {
        "format": [RENDER_FORMAT, QUOTE_OPEN, QUOTE_CLOSE],
        "engine": [engine.name, engine.voice, engine.quote_voice, engine.sample_rate],
        "settings": getattr(engine, "settings", ""),
        "script": dataclasses.asdict(script),
    }
    return hashlib.sha256(json.dumps(identity, ensure_ascii=False).encode()).hexdigest()
