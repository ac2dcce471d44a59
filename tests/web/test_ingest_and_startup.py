"""Ingest from the page (token-protected, off by default), body caps, and start-up errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sayso.errors import StoreError
from sayso.extract import Extractor
from sayso.store import open_store
from sayso.web import create_app

from .conftest import Client

TOKEN = "test-token-123"
STORY = (
    "date 2026-03-14\n"
    "Mayor Tomas Brenner said on Saturday that the river road would reopen on Monday.\n\n"
    '"We will not wait for another report," Brenner told reporters.'
)
FRENCH_TEXT = (
    "Le maire de la ville a annoncé lundi que le pont serait rouvert la semaine prochaine, "
    "après trois mois de travaux. « Nous sommes convaincus que les réparations sont solides "
    "et que le pont est sûr », a déclaré le maire devant la mairie. Les habitants se plaignent "
    "depuis des mois du long détour par la zone industrielle."
)
SAYSO = str(Path(sys.executable).parent / "sayso")


@pytest.fixture
def ingest_client(writable_db: Path, extractor: Extractor) -> Client:
    app = create_app(
        writable_db, allow_ingest=True, token=TOKEN, extractor_factory=lambda: extractor
    )
    return Client(app)


def test_pasted_text_is_ingested_and_shown(ingest_client: Client) -> None:
    assert ingest_client.get("/ingest").status_code == 200
    response = ingest_client.post("/ingest", data={"token": TOKEN, "text": STORY})
    assert response.status_code == 303
    page = ingest_client.get(response.headers["location"])
    assert page.status_code == 200 and "river road would reopen" in page.text
    assert 'class="stmt' in page.text


def test_an_uploaded_file_is_ingested_through_the_json_twin(ingest_client: Client) -> None:
    files = {"file": ("story.txt", STORY.encode("utf-8"), "text/plain")}
    response = ingest_client.post("/ingest.json", data={"token": TOKEN}, files=files)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["outcome"] == "added" and body["statements"] >= 2
    article = ingest_client.get(f"/article/{body['article']['id']}.json").json()
    assert article["article"]["published"] == "2026-03-14"
    again = ingest_client.post("/ingest.json", data={"token": TOKEN}, files=files).json()
    assert again["outcome"] == "unchanged"


@pytest.mark.parametrize("token", ["", "wrong"])
def test_ingest_needs_the_token(ingest_client: Client, token: str) -> None:
    before = ingest_client.get("/index.json").json()["counts"]["articles"]
    response = ingest_client.post("/ingest.json", data={"token": token, "text": STORY})
    assert response.status_code == 403 and "token" in response.json()["error"]["detail"]
    assert ingest_client.get("/index.json").json()["counts"]["articles"] == before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   ", "empty"),
        (FRENCH_TEXT, "English"),
    ],
)
def test_bad_input_is_refused_with_its_reason(
    ingest_client: Client, text: str, reason: str
) -> None:
    response = ingest_client.post("/ingest.json", data={"token": TOKEN, "text": text})
    assert response.status_code == 422 and reason in response.json()["error"]["detail"]
    page = ingest_client.post("/ingest", data={"token": TOKEN, "text": text})
    assert page.status_code == 422 and '<p class="error">' in page.text


def test_request_bodies_are_capped(writable_db: Path, extractor: Extractor) -> None:
    app = create_app(writable_db, allow_ingest=True, token=TOKEN, max_body_bytes=1000)
    response = Client(app).post("/ingest.json", data={"token": TOKEN, "text": "x" * 5000})
    assert response.status_code == 413
    assert "limit" in response.json()["error"]["detail"]


def test_a_missing_or_corrupt_database_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        create_app(corrupt)
    old = tmp_path / "old.db"
    open_store(old).close()
    with open_store(old) as store:
        store._connection.execute("PRAGMA user_version = 1")
    with pytest.raises(StoreError, match="schema version 1"):
        create_app(old)


def test_serve_says_what_is_wrong_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [SAYSO, "serve", "--db", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert done.stderr.startswith("error: ") and "sayso ingest" in done.stderr
