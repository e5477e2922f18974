"""The served pages: the static page's templates, security headers, and the event stream."""

from __future__ import annotations

import re
from pathlib import Path

import httpx2 as httpx
from fastapi.testclient import TestClient

from storyline.store import open_store
from storyline.views.page import write_story_page
from tests.api.conftest import LiveServer


def _main(html: str) -> str:
    found = re.search(r'<main id="story">(.*)</main>', html, re.S)
    assert found, "the page has its <main>"
    return found.group(1)


def test_served_page_is_the_static_page_plus_its_script(
    reader: TestClient, demo_db: str, tmp_path: Path
) -> None:
    storyline = reader.get("/api/v1/storylines").json()[0]["id"]
    served = reader.get(f"/storylines/{storyline}")
    assert served.status_code == 200
    with open_store(demo_db) as store:
        html_path, _ = write_story_page(store, tmp_path, storyline)
    static = html_path.read_text(encoding="utf-8")
    # Same templates: the same sections and text; only links differ (no file: links served,
    # related storylines linked to their pages).
    unlink = re.compile(r'<a href="[^"]*">(.*?)</a>', re.S)
    assert unlink.sub(r"\1", _main(served.text)) == unlink.sub(r"\1", _main(static))
    assert "<script" not in static
    assert served.text.count("<script") == 1
    assert '<script src="/static/live.js" defer></script>' in served.text
    csp = served.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert served.headers["x-content-type-options"] == "nosniff"
    script = reader.get("/static/live.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in script.text  # it swaps parsed nodes, never builds HTML
    assert reader.get("/static/../pyproject.toml").status_code == 404
    missing = reader.get("/storylines/zzz-none")
    assert missing.status_code == 404
    assert "no storyline matches" in missing.text


def test_index_lists_storylines(reader: TestClient) -> None:
    storylines = reader.get("/api/v1/storylines").json()
    page = reader.get("/").text
    for s in storylines:
        assert f'href="/storylines/{s["id"]}"' in page
    assert "3</td><td>10</td>" in page  # three outlets, ten articles and blurbs


def test_event_stream_announces_changes(live_server: LiveServer) -> None:
    with httpx.stream("GET", live_server.url + "/events", timeout=60) as stream:
        lines = stream.iter_lines()
        first = _next_revision(lines)
        assert first == live_server.get("/healthz").json()["revision"]
        answer = live_server.post("/api/v1/articles", {"text": "Talks resumed in Oslo today."})
        assert answer.status_code == 202
        assert _next_revision(lines) != first


def _next_revision(lines: object) -> str:
    for line in lines:  # type: ignore[attr-defined]
        if line.startswith("data: "):
            return str(line.removeprefix("data: "))
    raise AssertionError("the stream ended")
