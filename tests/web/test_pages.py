"""Every route of the web app and its JSON twin, in process (httpx ASGI transport), over a
real SQLite store of the project's examples, extracted and linked."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

import pyarrow.parquet as pq
import pytest

from .conftest import Client

ERROR_KEYS = {"status", "title", "detail"}


def as_json(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def first(client: Client, listing: str, key: str) -> dict[str, Any]:
    items = as_json(client, listing)[key]
    assert items, f"{listing} lists no {key}"
    return items[0]


def story_text(page: str) -> str:
    """The text of the page's ``#story`` with the marks and sentence spans taken out, unescaped."""
    story = re.search(r'<article id="story" class="story">(.*?)</article>', page, re.S)
    assert story is not None
    return html.unescape(re.sub(r"</?(mark|span)\b[^>]*>", "", story.group(1)))


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status and body["error"]["detail"]
    return body["error"]


@pytest.mark.parametrize(
    "path", ["/", "/articles", "/speakers", "/claims", "/conflicts", "/search?q=leak"]
)
def test_list_pages_and_their_json_twins(client: Client, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="search-form"' in page.text
    base, _, query = path.partition("?")
    twin = (base.rstrip("/") or "/index") + ".json" + (f"?{query}" if query else "")
    assert isinstance(as_json(client, twin), dict)


def test_home_counts_what_is_stored(client: Client) -> None:
    home = as_json(client, "/index.json")
    assert home["counts"]["articles"] == 6  # five examples and the hostile article
    assert home["counts"]["conflicts"] > 0
    assert home["strongest_conflicts"][0]["reason"]


def test_article_page_highlights_every_statement_in_place(client: Client) -> None:
    articles = as_json(client, "/articles.json")["articles"]
    busiest = max(articles, key=lambda article: article["statements"])
    twin = as_json(client, f"/article/{busiest['id']}.json")
    text = twin["article"]["text"]
    assert len(twin["statements"]) == busiest["statements"] > 5
    for statement in twin["statements"]:
        for span in [*statement["source"], *statement["content"]]:
            assert text[span["start_char"] : span["end_char"]] == span["text"]
    page = client.get(f"/article/{busiest['id']}").text
    assert story_text(page) == text  # the highlighted story is the article text, exactly
    for statement in twin["statements"]:
        assert f'data-statement="{statement["id"]}"' in page
        assert f'id="st-{statement["id"]}"' in page
    assert 'data-field="polarity"' in page and 'class="speaker-link"' in page
    assert '<aside id="detail" hidden' in page


def test_speaker_page_has_aliases_roles_timeline_outlets_and_conflicts(client: Client) -> None:
    speakers = as_json(client, "/speakers.json")["speakers"]
    union = next(s for s in speakers if s["name"] == "Oleksandr Hrytsenko")
    assert "Olexander Hritsenko" in union["aliases"]
    twin = as_json(client, f"/speaker/{union['id']}.json")
    assert {item["speaker"] for item in twin["statements"]} == {"Oleksandr Hrytsenko"}
    assert {item["speaker_id"] for item in twin["statements"]} == {union["id"]}
    assert len({o["outlet"] for o in twin["outlets"]}) >= 2
    assert twin["contradicted"] and twin["conflicts_total"] >= len(twin["contradicted"])
    page = client.get(f"/speaker/{union['id']}").text
    assert '<h1 class="speaker-name">Oleksandr Hrytsenko</h1>' in page
    assert page.count('<circle class="point') == len(twin["statements"])
    assert 'id="aliases"' in page and "Olexander Hritsenko" in page
    assert 'id="contradicted"' in page and 'class="reason"' in page


def test_claim_page_sets_contradicting_accounts_on_opposite_sides(client: Client) -> None:
    claims = [as_json(client, f"/claim/{k['claim_id']}.json")
              for k in as_json(client, "/conflicts.json")["links"]]
    # a conflict may join accounts of one event that sit in two claims; take one inside a claim
    twin = next(c for c in claims if any(k["relation"] != "supports" for k in c["links"]))
    conflict = {"claim_id": twin["claim"]["id"]}
    side_of = {
        statement["id"]: group["side"]
        for group in twin["sides"]
        for statement in group["statements"]
    }
    assert len(side_of) == twin["claim"]["size"]
    opposed = [k for k in twin["links"] if k["relation"] in ("contradicts", "denies")]
    assert opposed
    assert any(side_of[k["a"]["id"]] != side_of[k["b"]["id"]] for k in opposed)
    for k in twin["links_to_other_claims"]:  # accounts of the event in other claims
        assert (k["a"]["id"] in side_of) != (k["b"]["id"] in side_of)
    page = client.get(f"/claim/{conflict['claim_id']}").text
    assert 'class="side" data-side="A"' in page and 'data-side="B"' in page
    assert 'class="conflict-pair"' in page


def test_conflicts_board_filters_by_speaker_and_date(client: Client) -> None:
    everything = as_json(client, "/conflicts.json?per_page=200")
    assert everything["total"] == len(everything["links"]) > 0
    scores = [link["score"] for link in everything["links"]]
    assert scores == sorted(scores, reverse=True)
    narrowed = as_json(client, "/conflicts.json?speaker=hritsenko&per_page=200")
    assert 0 < narrowed["total"] < everything["total"]
    for link in narrowed["links"]:
        assert "Oleksandr Hrytsenko" in (link["a"]["speaker"], link["b"]["speaker"])
    assert as_json(client, "/conflicts.json?since=2030-01-01")["total"] == 0
    assert as_json(client, "/conflicts.json?until=2000-01-01")["total"] == 0
    page = client.get("/conflicts?speaker=hritsenko").text
    assert page.count('<tr class="conflict">') == min(narrowed["total"], 25)


def test_bad_filter_values_get_the_error_shape(client: Client) -> None:
    error = assert_error_shape(client.get("/conflicts.json?since=yesterday"), 400)
    assert "YYYY-MM-DD" in error["detail"]
    assert_error_shape(client.get("/search.json?kind=rumour"), 400)
    assert_error_shape(client.get("/articles.json?page=0"), 400)
    assert_error_shape(client.get("/articles.json?per_page=100000"), 400)
    page = client.get("/conflicts?since=yesterday")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")


def test_search_filters_and_pages(client: Client) -> None:
    leak = as_json(client, "/search.json?q=leak&per_page=200")
    assert leak["total"] == len(leak["results"]) > 1
    assert all("leak" in json.dumps(r).lower() for r in leak["results"])
    denials = as_json(client, "/search.json?polarity=denies&per_page=200")
    assert denials["results"] and {r["polarity"] for r in denials["results"]} == {"denies"}
    direct = as_json(client, "/search.json?kind=direct&outlet=lowland&per_page=200")
    assert direct["results"]
    assert {r["kind"] for r in direct["results"]} == {"direct"}
    assert {r["article"]["outlet"] for r in direct["results"]} == {"Lowland Wire"}
    by_speaker = as_json(client, "/search.json?speaker=Hritsenko")  # the other spelling
    assert {r["speaker"] for r in by_speaker["results"]} == {"Oleksandr Hrytsenko"}
    either = as_json(client, '/search.json?q="no leak" OR evacuation&per_page=200')["total"]
    assert either > as_json(client, '/search.json?q="no leak"')["total"]
    page_one = as_json(client, "/search.json?per_page=3&page=1")
    page_two = as_json(client, "/search.json?per_page=3&page=2")
    assert page_one["total"] == page_two["total"] > 6
    assert {r["id"] for r in page_one["results"]}.isdisjoint(r["id"] for r in page_two["results"])
    assert as_json(client, "/search.json?q=zzzznothing")["results"] == []


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "leak)", "(leak", "leak NOT"])
def test_a_malformed_query_gets_a_helpful_message(client: Client, query: str) -> None:
    error = assert_error_shape(client.get("/search.json", params={"q": query}), 400)
    assert error["title"] == "Bad search query"
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400
    assert '<p class="error">' in page.text and 'id="results"' in page.text


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_keep_outlet_url_date_and_offsets(client: Client, fmt: str) -> None:
    speakers = as_json(client, "/speakers.json")["speakers"]
    union = next(s for s in speakers if s["name"] == "Oleksandr Hrytsenko")
    for path in (f"/search.{fmt}?q=leak", f"/speaker/{union['id']}.{fmt}"):
        response = client.get(path)
        assert response.status_code == 200
        assert "attachment" in response.headers["content-disposition"]
        rows = read_rows(response.content, fmt)
        assert rows
        texts: dict[str, str] = {}
        for row in rows:
            assert row["outlet"] is not None or row["url"] is None
            assert row["published"]
            article = row["article_id"]
            if article not in texts:
                texts[article] = as_json(client, f"/article/{article}.json")["article"]["text"]
            start, end = int(row["content_start_char"]), int(row["content_end_char"])
            assert texts[article][start:end].startswith(row["content_text"][:10])


def read_rows(body: bytes, fmt: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    if fmt == "jsonl":
        return [json.loads(line) for line in body.decode("utf-8").splitlines()]
    return pq.read_table(io.BytesIO(body)).to_pylist()


def test_unknown_things_are_404_in_the_error_shape(client: Client) -> None:
    for path in ("/article/nope.json", "/speaker/nope.json", "/claim/nope.json", "/nope.json"):
        assert_error_shape(client.get(path), 404)
    page = client.get("/article/nope")
    assert page.status_code == 404 and 'class="error"' in page.text
    assert_error_shape(client.get("/speaker/nope.csv"), 404)


def test_openapi_docs_are_served_without_a_cdn(client: Client) -> None:
    spec = as_json(client, "/openapi.json")
    assert {"/article/{article_id}.json", "/search.json", "/conflicts.json"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "http://" not in docs and "https://" not in docs


def test_untrusted_article_text_is_escaped_everywhere(client: Client) -> None:
    hostile = next(
        a
        for a in as_json(client, "/articles.json?per_page=200")["articles"]
        if a["outlet"] == "<b>Evil</b> Gazette"
    )
    pages = [
        client.get(f"/article/{hostile['id']}"),
        client.get("/search", params={"q": "hackers"}),
        client.get("/articles"),
        client.get("/"),
    ]
    for page in pages:
        assert page.status_code == 200
        body = page.text
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "onerror=alert" not in body.replace("onerror=alert(&#39;", "")
        assert (
            'href="javascript:' not in body and "<iframe" not in body and "<svg onload" not in body
        )
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"
    article_page = pages[0].text
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt;" in article_page
    assert story_text(article_page).startswith("\"<script>alert('quote')</script>")


def test_the_app_is_read_only_unless_ingest_is_allowed(client: Client) -> None:
    for method, path in (("GET", "/ingest"), ("POST", "/ingest"), ("POST", "/ingest.json")):
        response = client.request(method, path, data={"text": "x", "token": "x"})
        assert response.status_code == 404
        assert "--allow-ingest" in response.text
    assert client.request("DELETE", "/article/x.json").status_code == 405


def test_search_can_order_by_relevance(client: Client) -> None:
    newest = as_json(client, "/search.json?q=leak OR chlorine&per_page=200")
    ranked = as_json(client, "/search.json?q=leak OR chlorine&per_page=200&sort=relevance")
    assert ranked["total"] == newest["total"] > 2
    assert {r["id"] for r in ranked["results"]} == {r["id"] for r in newest["results"]}
    assert [r["id"] for r in ranked["results"]] != [r["id"] for r in newest["results"]]
    days = [r["date"] or r["article"]["published"] for r in newest["results"]]
    assert days == sorted(days, reverse=True)
    assert ranked["query"]["sort"] == "relevance"
    assert_error_shape(client.get("/search.json?q=leak&sort=loudest"), 400)
