"""The web app in a real browser: Debian's chromium driven through Playwright.

One store is built per module from ``examples/`` and ``tests/web/hostile/`` (articles whose
titles, outlets, URLs and quotes are markup and ``javascript:`` links), linked, and served by
``sayso serve`` on a free port. Each test saves full-page screenshots to
``tests/web/artifacts/``; with ``SAYSO_UPDATE_SCREENSHOTS=1`` the article, speaker and
conflicts pages are also copied to ``docs/screenshots/``.

Chromium comes from ``make browser`` (never ``playwright install``); without it these tests
fail and say so, unless ``SAYSO_SKIP_BROWSER=1`` skips them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parent / "hostile"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DOC_SCREENSHOTS = ROOT / "docs" / "screenshots"
SAYSO = Path(sys.executable).parent / "sayso"

# The machine may be offline: these flags stop chromium from calling home (and failing).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 800}
DOC_HEIGHT = 1400  # docs/screenshots show the top of a page, not all of a long one

QUOTE_MARKUP = "<script>alert('quote')</script>"
LINK_MARKUP = """<a href="javascript:alert('link')">a link</a>"""
HOSTILE_TITLE = "<img src=x onerror=alert('title')>"
# sayso link merges these two spellings of the union leader (examples/README.md).
MERGED_SPEAKER = "Oleksandr Hrytsenko"
MERGED_ALIAS = "Olexander Hritsenko"
UNTITLED = "(untitled)"  # what the app shows for an article without a title
NAV = {
    "Home": "/",
    "Articles": "/articles",
    "Speakers": "/speakers",
    "Claims": "/claims",
    "Conflicts": "/conflicts",
}
# Elements made live by the fixtures' markup: inline handlers or scripts that call alert().
LIVE_HOSTILE_MARKUP = """() => [...document.querySelectorAll('*')].flatMap(element => [
    ...[...element.attributes]
        .filter(a => a.name.startsWith('on') && a.value.includes('alert'))
        .map(a => element.tagName.toLowerCase() + '[' + a.name + '=' + a.value + ']'),
    ...(element.tagName === 'SCRIPT' && element.text.includes('alert(') ? ['script'] : []),
])"""
ACTIVE_CLASS = re.compile(r"(^|\s)active(\s|$)")


# -- the browser and the server ------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def chromium() -> str:
    """The path of Debian's chromium; checked before anything slow is built."""
    if os.environ.get("SAYSO_SKIP_BROWSER") == "1":
        pytest.skip("SAYSO_SKIP_BROWSER=1: browser tests skipped")
    path = shutil.which("chromium")
    if path is None:
        pytest.fail(
            "chromium is not installed: run `make browser` (Debian's chromium; "
            "or set SAYSO_SKIP_BROWSER=1 to skip the browser tests)",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    """One headless chromium for the module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make install`", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass(frozen=True)
class Site:
    """The served store: its base URL and its canonical speakers (id -> name)."""

    url: str
    speakers: dict[str, str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """``sayso serve`` over a linked store of the examples and the hostile articles."""
    folder = tmp_path_factory.mktemp("browser-store")
    db = folder / "sayso.db"
    env = {name: value for name, value in os.environ.items() if name != "SAYSO_DB"}
    env["SAYSO_AUDIO_CACHE"] = str(folder / "audio")
    run_sayso(["ingest", "examples", str(HOSTILE.relative_to(ROOT)), "--db", str(db)], env)
    run_sayso(["link", "--db", str(db)], env)
    listed = run_sayso(["speakers", "--db", str(db), "--json"], env)
    speakers = {s["id"]: s["name"] for s in map(json.loads, listed.splitlines()) if s}
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as log_handle:
        server = subprocess.Popen(
            [str(SAYSO), "serve", "--db", str(db), "--port", str(port), "--engine", "espeak-ng"],
            cwd=ROOT,
            env=env,
            stdout=log_handle,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_serving(url, server, log)
            yield Site(url, speakers)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def run_sayso(arguments: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(SAYSO), *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, (
        f"sayso {' '.join(arguments)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_serving(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Return once ``GET /`` answers 200; fail with the server's output if it never does."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    last = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"sayso serve exited {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return
                last = f"status {response.status}"
        except urllib.error.HTTPError as error:
            last = f"status {error.code}"
        except OSError as error:
            last = str(error)
        time.sleep(0.25)
    pytest.fail(
        f"sayso serve gave no 200 on / in {SERVER_START_TIMEOUT_S} s ({last}):\n{log.read_text()}"
    )


@dataclass
class Guard:
    """What a page did that it must not: open dialogs, throw uncaught errors."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"uncaught page errors: {self.errors}"


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def page(browser: Any, guard: Guard, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page that records dialogs and errors; its last state is saved as a screenshot."""
    context = browser.new_context(viewport=VIEWPORT)
    opened = context.new_page()
    opened.set_default_timeout(PAGE_TIMEOUT_MS)
    opened.on("dialog", lambda dialog: (guard.dialogs.append(dialog.message), dialog.dismiss()))
    opened.on("pageerror", lambda error: guard.errors.append(str(error)))
    try:
        yield opened
    finally:
        with contextlib.suppress(Exception):  # best effort: the page may be gone
            shoot(opened, f"{request.node.name}-last")
        context.close()


def shoot(page: Any, name: str, doc_name: str | None = None) -> Path:
    """A full-page screenshot in the artifacts folder; with SAYSO_UPDATE_SCREENSHOTS=1 and a
    ``doc_name``, the top of the page also goes to docs/screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if doc_name and os.environ.get("SAYSO_UPDATE_SCREENSHOTS") == "1":
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        height = min(DOC_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
        top = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height}
        page.screenshot(path=str(DOC_SCREENSHOTS / doc_name), full_page=True, clip=top)
    return path


# -- helpers over the HTML contract ---------------------------------------------------------


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def field_text(scope: Any, name: str) -> str:
    return str(scope.locator(f'dd[data-field="{name}"]').first.inner_text()).strip()


def open_article(page: Any, site: Site, title_has: str | None = None) -> str:
    """Follow a link from /articles: to the article with most statements whose title holds
    ``title_has``, or, without it, to the titled example (no markup) with most statements."""
    page.goto(site.url + "/articles")
    items = page.locator("ul#articles > li")
    assert items.count() > 0, "/articles lists no articles"
    best, most = None, -1
    for index in range(items.count()):
        item = items.nth(index)
        title = item.locator("a.article-link").inner_text()
        wanted = title_has in title if title_has else not ("alert(" in title or UNTITLED in title)
        if not wanted:
            continue
        count = int(item.get_attribute("data-statements") or 0)
        if count > most:
            best, most = item, count
    assert best is not None, f"/articles has no article titled {title_has or 'as an example'}"
    link = best.locator("a.article-link")
    title = str(link.inner_text())
    link.click()
    page.wait_for_url("**/article/*")
    expect(page.locator("article#story")).to_be_visible()
    return title


def select_statement(page: Any, statement: str) -> Any:
    """Click the first mark of ``statement``; the detail panel shows its card."""
    page.locator(f'#story mark.stmt[data-statement="{statement}"]').first.click()
    detail = page.locator("#detail")
    expect(detail).to_be_visible()
    expect(detail).to_have_attribute("data-statement", statement)
    return detail


def submit_search(page: Any, query: str) -> Any:
    box = page.locator("form#search-form input[name=q]")
    box.fill(query)
    with page.expect_navigation() as navigation:
        box.press("Enter")
    return navigation.value


def assert_nav(page: Any) -> None:
    """Every page has the nav links and the search form."""
    links = page.locator("nav a").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    for text, href in NAV.items():
        assert [text, href] in links, f"{page.url}: no nav link {text} -> {href}"
    expect(page.locator('form#search-form[action="/search"] input[name=q]')).to_have_count(1)


def assert_inert(page: Any, guard: Guard) -> None:
    """No hostile markup became live on this page."""
    assert_nav(page)
    assert page.locator("#story script").count() == 0
    assert page.locator("[onerror]").count() == 0, "an element has an onerror attribute"
    assert page.evaluate(LIVE_HOSTILE_MARKUP) == []
    assert page.locator('a[href^="javascript:" i]').count() == 0, "a javascript: link"
    guard.assert_quiet()


# -- the tests ------------------------------------------------------------------------------


def test_article_statement_speaker_and_claim(page: Any, guard: Guard, site: Site) -> None:
    open_article(page, site)
    assert_nav(page)
    first_mark = page.locator("#story mark.stmt").first
    statement = str(first_mark.get_attribute("data-statement"))
    assert first_mark.get_attribute("data-role") in {"source", "cue", "content"}

    detail = select_statement(page, statement)
    card = page.locator(f"#statements li.statement-card#st-{statement}")
    expect(card).to_have_count(1)
    for name in ("speaker", "kind", "polarity", "cue"):
        assert field_text(detail, name), f"#detail shows no {name}"
        assert field_text(detail, name) == field_text(card, name)
    assert field_text(detail, "kind") in {"direct", "indirect", "mixed"}
    assert field_text(detail, "polarity") in {"asserts", "denies"}
    marks = page.locator(f'#story mark.stmt[data-statement="{statement}"]')
    for index in range(marks.count()):
        expect(marks.nth(index)).to_have_class(ACTIVE_CLASS)
    others = page.locator(f'#story mark.stmt.active:not([data-statement="{statement}"])')
    expect(others).to_have_count(0)
    shoot(page, "article-selected", "article.png")

    spoken_as = field_text(detail, "speaker")
    detail.locator("a.speaker-link").first.click()
    page.wait_for_url("**/speaker/*")
    speaker_id = page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    name = page.locator("h1.speaker-name").inner_text().strip()
    assert name == site.speakers.get(speaker_id), (speaker_id, name)
    assert spoken_as == name or spoken_as in page.locator("#aliases").inner_text()
    expect(page.locator("svg#timeline")).to_be_attached()
    for part in ("ul#aliases", "ul#roles", "ul#outlets", "section#contradicted"):
        expect(page.locator(part)).to_have_count(1)
    assert_nav(page)
    assert page.locator(".statement-card").count() >= 1
    shoot(page, "speaker")

    page.go_back()
    expect(page.locator("article#story")).to_be_visible()
    claimed = page.locator("#statements li.statement-card:has(a.claim-link)").first
    claimed_statement = claimed.get_attribute("data-statement")
    claimed.locator("a.claim-link").first.click()
    page.wait_for_url("**/claim/*")
    assert page.locator("h1").first.inner_text().strip()
    assert page.locator(".statement-card").count() >= 1
    followed = page.locator(f'.statement-card[data-statement="{claimed_statement}"]')
    expect(followed).not_to_have_count(0)
    expect(page.locator("section.side[data-side] .statement-card")).not_to_have_count(0)
    assert_nav(page)
    shoot(page, "claim")
    guard.assert_quiet()


def test_speaker_merged_across_outlets(page: Any, guard: Guard, site: Site) -> None:
    """The union leader, spelt two ways by two outlets, is one speaker with a timeline."""
    ids = [sid for sid, name in site.speakers.items() if name == MERGED_SPEAKER]
    assert len(ids) == 1, f"sayso link made {len(ids)} speakers named {MERGED_SPEAKER}"
    page.goto(f"{site.url}/speaker/{ids[0]}")
    expect(page.locator("h1.speaker-name")).to_have_text(MERGED_SPEAKER)
    expect(page.locator("ul#aliases")).to_contain_text(MERGED_ALIAS)
    dots = page.locator("svg#timeline circle[data-statement]")
    assert dots.count() >= 2, f"the timeline draws {dots.count()} statements"
    cards = page.locator(".statement-card").evaluate_all("cs => cs.map(c => c.dataset.statement)")
    drawn = dots.evaluate_all("ds => ds.map(d => d.dataset.statement)")
    assert set(drawn) <= set(cards), "the timeline draws statements the page does not list"
    assert_nav(page)
    shoot(page, "speaker-merged", "speaker.png")

    dots.first.click()
    page.wait_for_url(f"**/article/*#st-{drawn[0]}")
    expect(page.locator(f"#statements li.statement-card#st-{drawn[0]}")).to_have_count(1)
    guard.assert_quiet()


def test_conflicts_board_and_speaker_filter(page: Any, guard: Guard, site: Site) -> None:
    page.goto(site.url + "/conflicts")
    rows = page.locator("table#conflicts tr.conflict")
    total = rows.count()
    assert total >= 2, f"/conflicts lists {total} conflicts"
    for index in range(total):
        assert rows.nth(index).locator(".reason").inner_text().strip()
    for name in ("speaker", "since", "until"):
        expect(page.locator(f"form#conflict-filter [name={name}]")).to_have_count(1)
    assert_nav(page)
    shoot(page, "conflicts", "conflicts.png")

    form = page.locator("form#conflict-filter")
    form.locator("[name=speaker]").fill("Ruth Kessler")
    with page.expect_navigation():
        form.evaluate("form => form.requestSubmit()")
    assert "speaker=" in page.url
    narrowed = rows.count()
    assert 1 <= narrowed < total, (narrowed, total)
    for index in range(narrowed):
        assert "Kessler" in rows.nth(index).inner_text()
    shoot(page, "conflicts-filtered")
    guard.assert_quiet()


def test_search_results_and_malformed_queries(page: Any, guard: Guard, site: Site) -> None:
    page.goto(site.url + "/")
    response = submit_search(page, "leak")
    assert response.status == 200
    assert "/search" in page.url and "q=leak" in page.url
    assert page.locator("#results .statement-card").count() >= 1
    shoot(page, "search")

    for query in ('"unbalanced', "AND OR ("):
        response = submit_search(page, query)
        assert response.status == 400, f"{query!r} answered {response.status}"
        error = page.locator(".error").first
        expect(error).to_be_visible()
        assert error.inner_text().strip(), f"{query!r}: the error says nothing"
        expect(page.locator("form#search-form input[name=q]")).to_be_visible()
    shoot(page, "search-malformed")
    guard.assert_quiet()


def test_hostile_markup_stays_text(page: Any, guard: Guard, site: Site) -> None:
    title = open_article(page, site, "onerror=alert('title')")
    assert title.strip() == HOSTILE_TITLE
    story = page.inner_text("#story")
    assert QUOTE_MARKUP in story and LINK_MARKUP in story
    assert_inert(page, guard)
    statements = page.locator("#story mark.stmt").evaluate_all(
        "marks => [...new Set(marks.map(m => m.dataset.statement))]"
    )
    assert len(statements) >= 3
    for statement in statements:  # the panel is filled by JS: a second way in for markup
        select_statement(page, statement)
        page.locator(f'#story mark.stmt[data-statement="{statement}"]').first.hover()
    assert QUOTE_MARKUP in page.inner_text("#statements")
    assert_inert(page, guard)
    shoot(page, "hostile-article")

    vance = page.locator("#statements a.speaker-link", has_text="Mallory Vance").first
    vance.click()
    page.wait_for_url("**/speaker/*")
    assert page.locator("h1.speaker-name").inner_text().strip() == "Mallory Vance"
    assert QUOTE_MARKUP in page.inner_text("body")
    assert_inert(page, guard)
    shoot(page, "hostile-speaker")

    submit_search(page, "hackers")
    assert QUOTE_MARKUP in page.inner_text("#results")
    assert_inert(page, guard)
    shoot(page, "hostile-search")

    page.goto(site.url + "/conflicts")
    assert page.locator("table#conflicts tr.conflict", has_text="Mallory Vance").count() >= 1
    assert_inert(page, guard)
    shoot(page, "hostile-conflicts")

    open_article(page, site, "alert('title2')")
    assert "<script>alert('denial')</script>" in page.inner_text("#story")
    assert_inert(page, guard)

    page.goto(site.url + "/articles")
    assert HOSTILE_TITLE in page.inner_text("#articles")
    assert_inert(page, guard)


def test_listen_plays_the_article_and_the_highlight_follows(
    page: Any, guard: Guard, site: Site
) -> None:
    open_article(page, site)
    player = page.locator("audio#player")
    expect(player).to_be_visible()
    reading = "() => document.getElementById('player').dataset.reading"
    # Muted playback needs no user gesture; four times as fast keeps the test short.
    page.evaluate(
        "() => { const p = document.getElementById('player'); p.muted = true;"
        " p.playbackRate = 4; return p.play(); }"
    )
    page.wait_for_function("() => document.querySelectorAll('#story .reading').length > 0")
    first = page.evaluate(reading)
    lit = page.locator("#story .reading").first.inner_text()
    page.wait_for_function(f"() => ({reading})() !== {json.dumps(first)}")
    second = page.evaluate(reading)
    assert int(second) > int(first) >= 0
    assert page.locator("#story .reading").first.inner_text() != lit
    shoot(page, "listen-playing")
    page.evaluate("() => document.getElementById('player').pause()")
    guard.assert_quiet()
