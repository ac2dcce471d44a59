"""Listen on the web: the audio and its timings for an article, a speaker and a claim, and the
pages that follow them (every sentence read is marked on the page with its index)."""

from __future__ import annotations

import html
import io
import re
import wave
from typing import Any

import pytest

from sayso.errors import NoSpeechEngine
from sayso.web import pages

from .conftest import Client
from .test_pages import as_json, assert_error_shape, first


def sentences_on(page: str) -> dict[int, str]:
    """The text of each data-sentence index on a page, its pieces joined."""
    found: dict[int, str] = {}
    for index, text in re.findall(r'data-sentence="(\d+)"[^>]*>([^<]*)<', page):
        found[int(index)] = found.get(int(index), "") + html.unescape(text)
    return found


def check_audio(client: Client, base: str, query: str = "") -> dict[str, Any]:
    sidecar = as_json(client, f"{base}.json{query}")
    audio = client.get(f"{base}.wav{query}")
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(audio.content)) as wav:
        assert abs(wav.getnframes() / wav.getframerate() - sidecar["duration"]) < 0.01
    starts = [s["start"] for s in sidecar["sentences"]]
    assert starts == sorted(starts) and len(starts) > 0
    return sidecar


def test_the_article_page_marks_the_sentences_its_audio_reads(client: Client) -> None:
    article = max(as_json(client, "/articles.json")["articles"], key=lambda a: a["statements"])
    base = f"/article/{article['id']}/listen"
    page = client.get(f"/article/{article['id']}").text
    assert f'src="{base}.wav"' in page and f'data-sidecar="{base}.json"' in page
    sidecar = check_audio(client, base)
    marked = sentences_on(page)
    assert sorted(marked) == list(range(len(sidecar["sentences"])))
    for index, sentence in enumerate(sidecar["sentences"]):
        assert " ".join(marked[index].split()) == " ".join(sentence["text"].split())
    again = client.get(f"{base}.wav")  # the second time from the audio cache
    assert again.status_code == 200


def test_an_article_digest(client: Client) -> None:
    article = first(client, "/articles.json", "articles")
    digest = check_audio(client, f"/article/{article['id']}/listen", "?digest=1")
    assert " said" in digest["text"] or " denied" in digest["text"]


def test_speaker_and_claim_pages_show_the_digest_they_read(client: Client) -> None:
    speakers = as_json(client, "/speakers.json")["speakers"]
    union = next(s for s in speakers if s["name"] == "Oleksandr Hrytsenko")
    conflict = first(client, "/conflicts.json", "links")
    for base in (f"/speaker/{union['id']}", f"/claim/{conflict['claim_id']}"):
        sidecar = check_audio(client, f"{base}/listen")
        page = client.get(base).text
        assert 'id="digest"' in page
        marked = sentences_on(page)
        assert [marked[i] for i in sorted(marked)] == [s["text"] for s in sidecar["sentences"]]


def test_unknown_targets_and_a_missing_engine(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    for path in (
        "/article/nope/listen.json",
        "/speaker/nope/listen.wav",
        "/claim/nope/listen.json",
    ):
        assert_error_shape(client.get(path), 404)

    def no_engine(name: str | None = None) -> None:
        raise NoSpeechEngine("no speech engine: install espeak-ng")

    monkeypatch.setattr(pages, "find_engine", no_engine)
    monkeypatch.setattr(client.app.state, "speech", None)
    article = first(client, "/articles.json", "articles")
    error = assert_error_shape(client.get(f"/article/{article['id']}/listen.json?digest=1"), 503)
    assert "espeak-ng" in error["detail"]
