"""The write API: token rules, body limit, per-item outcomes, background annotation."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient

from storyline.api import ServeSettings, create_app
from storyline.store import open_store
from tests.api.conftest import TOKEN, wait_job

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEWS = (
    "Envoys from North Korea and the United States met in Reykjavik on Monday to discuss "
    "resuming denuclearization talks, South Korean officials said. The White House said "
    "President Trump remains open to dialogue with Kim Jong-un without preconditions."
)


def test_writes_need_the_token(client: TestClient) -> None:
    one = {"text": NEWS}
    missing = client.post("/api/v1/articles", json=one)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/v1/articles", json=one, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    basic = client.post("/api/v1/articles", json=one, headers={"Authorization": "Basic eDp5"})
    assert basic.status_code == 401
    assert client.get("/api/v1/articles", params={"q": "Reykjavik"}).json() == []


def test_no_token_configured_disables_writes(store_copy: str) -> None:
    with TestClient(create_app(ServeSettings(db=store_copy))) as c:
        answer = c.post("/api/v1/articles", json={"text": NEWS}, headers=AUTH)
        assert answer.status_code == 403
        assert "disabled" in answer.json()["detail"]
        assert c.get("/healthz").json()["articles"] == 10


def test_body_over_the_limit_is_413(store_copy: str) -> None:
    settings = ServeSettings(db=store_copy, token=TOKEN, max_body=2000)
    with TestClient(create_app(settings)) as c:
        big = {"text": "word " * 1000}
        assert c.post("/api/v1/articles", json=big, headers=AUTH).status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield b'{"text": "'
            for _ in range(50):
                yield b"x" * 100
            yield b'"}'

        streamed = c.post(
            "/api/v1/articles",
            content=chunks(),
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413
        assert c.get("/healthz").json()["articles"] == 10


def test_post_stores_now_and_annotates_in_background(client: TestClient, store_copy: str) -> None:
    items = [
        {
            "text": NEWS,
            "title": "Envoys meet in Reykjavik",
            "source": "Test Wire",
            "published": "2026-03-02",
            "url": "https://news.example/panmunjom",
        },
        {"title": "no text here"},
        {"text": "A second report with a bad date.", "published": "next Tuesday-ish"},
        "not an object",
        {"text": NEWS, "source": "Another Wire"},  # same text: a duplicate
    ]
    answer = client.post("/api/v1/articles", json=items, headers=AUTH)
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["counts"] == {"ingested": 1, "duplicate": 1, "skipped": 3}
    by_item = {o["item"]: o for o in body["outcomes"]}
    assert by_item[1]["status"] == "ingested"
    assert by_item[1]["title"] == "Envoys meet in Reykjavik"
    assert by_item[2]["status"] == "skipped"
    assert "text" in by_item[2]["reason"]
    assert "not a date" in by_item[3]["reason"]
    assert "not a JSON object" in by_item[4]["reason"]
    assert by_item[5]["status"] == "duplicate"
    new_id = by_item[1]["id"]
    # Stored at once: readable before annotation ends.
    assert client.get(f"/api/v1/articles/{new_id}").json()["source"] == "Test Wire"

    job = wait_job(client.get, body["job"]["id"])
    assert job["status"] == "done", job
    assert job["articles"] == [new_id]
    assert job["annotated"] == 1
    [home] = job["storylines"]
    article = client.get(f"/api/v1/articles/{new_id}").json()
    assert article["sentences"]
    assert article["mentions"]
    assert new_id in client.get(f"/api/v1/storylines/{home}").json()["articles"]
    with open_store(store_copy) as store:  # another reader of the same file sees it too
        assert store.get_article(new_id) is not None


def test_single_article_and_bad_bodies(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/articles", json={"text": NEWS + " Talks resume in April."}, headers=AUTH
    )
    assert answer.status_code == 202
    assert answer.json()["outcomes"][0]["item"] == 1
    assert (
        client.post(
            "/api/v1/articles",
            content=b"{not json",
            headers={**AUTH, "Content-Type": "application/json"},
        ).status_code
        == 422
    )
    assert client.post("/api/v1/articles", json=[], headers=AUTH).status_code == 422
    nothing = client.post("/api/v1/articles", json=[{"text": "  "}], headers=AUTH)
    assert nothing.status_code == 202
    assert nothing.json()["counts"]["skipped"] == 1
    assert nothing.json()["job"]["status"] == "done"  # nothing to annotate
    assert client.get("/api/v1/jobs/job-0-0").status_code == 404


def test_write_and_read_on_a_new_store(store_url: str) -> None:
    """An empty store, SQLite and PostgreSQL (skips without a server unless CI needs one)."""
    with TestClient(create_app(ServeSettings(db=store_url, token=TOKEN, poll_seconds=0.2))) as c:
        assert c.get("/api/v1/storylines").json() == []
        assert "No storylines yet" in c.get("/").text
        answer = c.post(
            "/api/v1/articles",
            json={"text": NEWS + "\u0000", "published": "2026-03-02", "source": "Test\u0000 Wire"},
            headers=AUTH,
        ).json()
        assert answer["counts"]["ingested"] == 1  # NUL characters dropped, not a 500
        for url in ("/api/v1/search?q=a%00b", "/api/v1/articles/a%00b", "/storylines/%00"):
            assert c.get(url).status_code == 422
        job = wait_job(c.get, answer["job"]["id"])
        assert job["status"] == "done", job
        [home] = job["storylines"]
        assert c.get("/api/v1/search", params={"q": "Reykjavik"}).json()
        page = c.get(f"/storylines/{home}")
        assert page.status_code == 200
        assert "Reykjavik" in page.text
