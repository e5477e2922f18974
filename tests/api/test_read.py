"""The read API returns exactly what the CLI's ``--format json`` and ``export`` write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import run_cli


def cli_json(db: str, *args: str) -> Any:
    res = run_cli(*args, db=db)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def exported(demo_db: str) -> dict[str, Any]:
    return cli_json(demo_db, "export", "--format", "json")  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def main_id(reader: TestClient) -> str:
    storylines = reader.get("/api/v1/storylines").json()
    assert storylines, "the demo store has a storyline"
    return str(storylines[0]["id"])


def test_health_and_spec(reader: TestClient) -> None:
    health = reader.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["articles"] == 10
    spec = reader.get("/openapi.json").json()
    for path in (
        "/api/v1/storylines",
        "/api/v1/storylines/{storyline}",
        "/api/v1/storylines/{storyline}/timeline",
        "/api/v1/articles",
        "/api/v1/articles/{article}",
        "/api/v1/actors",
        "/api/v1/quotes",
        "/api/v1/stances",
        "/api/v1/events",
        "/api/v1/search",
        "/api/v1/jobs/{job}",
        "/healthz",
        "/",
        "/storylines/{storyline}",
    ):
        assert path in spec["paths"], path
        for operation in spec["paths"][path].values():
            assert operation.get("summary"), path  # every route documented
    assert "bearer" in json.dumps(spec["components"]["securitySchemes"]).lower()
    assert "ArticleIn" in spec["components"]["schemas"]


def test_storylines_as_cli_and_export(
    reader: TestClient, demo_db: str, exported: dict[str, Any], main_id: str
) -> None:
    listed = reader.get("/api/v1/storylines").json()
    assert listed == cli_json(demo_db, "storylines", "--format", "json")
    assert listed == exported["storylines"]
    one = reader.get(f"/api/v1/storylines/{main_id[:8]}").json()
    assert one == listed[0]
    assert reader.get("/api/v1/storylines/zzz-none").status_code == 404


def test_timeline_as_cli(reader: TestClient, demo_db: str, main_id: str) -> None:
    api = reader.get(
        f"/api/v1/storylines/{main_id}/timeline",
        params={"dates": 6, "sentences": 1, "from": "2018", "query": "Korea"},
    ).json()
    cli = cli_json(
        demo_db,
        "timeline",
        "--storyline",
        main_id,
        "--dates",
        "6",
        "--sentences",
        "1",
        "--from",
        "2018",
        "--query",
        "Korea",
        "--format",
        "json",
    )
    assert api == cli
    assert 0 < len(api["entries"]) <= 6
    assert all(len(e["items"]) == 1 and e["date"] >= "2018" for e in api["entries"])
    bad = reader.get(f"/api/v1/storylines/{main_id}/timeline", params={"from": "yesterday"})
    assert bad.status_code == 422
    assert "not a date" in bad.json()["detail"]


def test_articles_paged_and_filtered(reader: TestClient, demo_db: str) -> None:
    everything = cli_json(demo_db, "list", "--format", "json")
    first = reader.get("/api/v1/articles", params={"limit": 4})
    assert first.headers["x-total-count"] == "10"
    assert first.json() == everything[:4]
    assert 'rel="next"' in first.headers["link"]
    rest = reader.get("/api/v1/articles", params={"limit": 100, "offset": 4})
    assert rest.json() == everything[4:]
    assert "link" not in rest.headers
    since = reader.get("/api/v1/articles", params={"from": "2026-01-01", "to": "2026-01-31"})
    dated = since.json()
    assert dated == cli_json(
        demo_db, "list", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "json"
    )
    assert dated
    assert all(a["published"].startswith("2026-01") for a in dated)
    blurbs = reader.get("/api/v1/articles", params={"kind": "blurb"}).json()
    assert len(blurbs) == 7
    found = reader.get("/api/v1/articles", params={"q": "drone incursions"}).json()
    assert found
    assert all("text" not in a for a in found)
    assert {a["id"] for a in found} <= {a["id"] for a in everything}


def test_article_as_show_and_export(
    reader: TestClient, demo_db: str, exported: dict[str, Any]
) -> None:
    article = exported["articles"][0]
    got = reader.get(f"/api/v1/articles/{article['id'][:10]}").json()
    assert got == article
    assert got == cli_json(demo_db, "show", article["id"], "--format", "json")
    assert reader.get("/api/v1/articles/ffffffffff").status_code == 404


@pytest.mark.parametrize("name", ["actors", "quotes", "stances"])
def test_listings_as_cli(reader: TestClient, demo_db: str, name: str) -> None:
    api = reader.get(f"/api/v1/{name}").json()
    assert api == cli_json(demo_db, name, "--format", "json")
    assert api, f"the demo store has {name}"


def test_listings_of_one_storyline(reader: TestClient, main_id: str) -> None:
    members = set(reader.get(f"/api/v1/storylines/{main_id}").json()["articles"])
    quotes = reader.get("/api/v1/quotes", params={"storyline": main_id}).json()
    assert quotes
    assert {q["article"] for q in quotes} <= members
    events = reader.get("/api/v1/events", params={"storyline": main_id}).json()["events"]
    assert events
    for e in events:
        assert e["article"] in members
        article = reader.get(f"/api/v1/articles/{e['article']}").json()
        assert article["text"][e["start"] : e["end"]].strip() == e["sentence"]
    assert reader.get("/api/v1/actors", params={"storyline": "nope"}).status_code == 404


def test_events_as_cli(reader: TestClient, demo_db: str, main_id: str) -> None:
    params = {"storyline": main_id, "type": ["CONSULT", "material conflict"], "limit": 5}
    api = reader.get("/api/v1/events", params=params).json()
    cli = cli_json(
        demo_db,
        "events",
        "--storyline",
        main_id,
        "--type",
        "CONSULT",
        "--type",
        "material conflict",
        "--limit",
        "5",
        "--format",
        "json",
    )
    assert api == cli
    assert api["events"]
    assert all(e["type"] == "CONSULT" or e["quad"] == "material conflict" for e in api["events"])


def test_search_as_cli(reader: TestClient, demo_db: str) -> None:
    api = reader.get("/api/v1/search", params={"q": "drone incursions", "limit": 5}).json()
    assert api == cli_json(
        demo_db, "search", "drone incursions", "--limit", "5", "--format", "json"
    )
    assert api
    assert reader.get("/api/v1/search", params={"q": ""}).json() == []


def test_etag_revalidation(reader: TestClient, main_id: str) -> None:
    first = reader.get(f"/api/v1/storylines/{main_id}/timeline")
    again = reader.get(
        f"/api/v1/storylines/{main_id}/timeline", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    page = reader.get(f"/storylines/{main_id}")
    assert page.status_code == 200
    assert (
        reader.get(
            f"/storylines/{main_id}", headers={"If-None-Match": page.headers["etag"]}
        ).status_code
        == 304
    )
