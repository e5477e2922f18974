"""The story page in a real browser: live updates, untrusted text inert, usable on a phone."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from storyline.store import open_store
from storyline.views.page import write_story_page
from tests.api.conftest import LiveServer, wait_job

HOSTILE = {
    "title": "Talks <script>window.__pwned = 1</script> resume",
    "text": "Negotiators from North Korea and the United States resumed talks in Reykjavik "
    'on Monday, officials said. <img src=x onerror="window.__pwned = 2"> The envoys '
    'agreed to meet again. <a href="javascript:window.__pwned = 3">details</a> '
    '"We are ready for dialogue," the North Korean envoy said.',
    "source": '<b onmouseover="window.__pwned = 4">Wire</b>',
    "url": "javascript:window.__pwned = 5",
    "published": "2026-03-04",
}


def _watch_requests(page: Any, allowed: str) -> list[str]:
    """Every URL the page asks for; anything outside ``allowed`` is refused and kept."""
    outside: list[str] = []

    def check(route: Any) -> None:
        url = route.request.url
        if url.startswith((allowed, "data:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", check)
    return outside


def _main_storyline(server: LiveServer) -> dict[str, Any]:
    storylines: list[dict[str, Any]] = server.get("/api/v1/storylines").json()
    return storylines[0]


def _similar_article(server: LiveServer, storyline: dict[str, Any]) -> dict[str, str]:
    """A new report on the storyline's story: its headline article's lead, plus news."""
    lead = next(
        a
        for a in (server.get(f"/api/v1/articles/{i}").json() for i in storyline["articles"])
        if a["title"] == storyline["label"]
    )
    opening = " ".join(lead["text"].split(". ")[:3])
    return {
        "title": "Envoys meet again as " + storyline["label"],
        "text": opening + ". Envoys met again in Reykjavik on Monday, officials said.",
        "source": "Browser Test Wire",
        "published": "2026-03-05",
        "url": "https://news.example/reykjavik",
    }


def test_new_coverage_appears_without_a_reload(browser: Any, live_server: LiveServer) -> None:
    main = _main_storyline(live_server)
    page = browser.new_page()
    outside = _watch_requests(page, live_server.url)
    page.goto(f"{live_server.url}/storylines/{main['id']}")
    page.wait_for_selector("#live.on", timeout=20_000)
    page.evaluate("window.__same_document = 'yes'")
    before = page.locator("ol.coverage li").count()

    answer = live_server.post("/api/v1/articles", _similar_article(live_server, main))
    assert answer.status_code == 202, answer.text
    new_id = answer.json()["outcomes"][0]["id"]
    job = wait_job(live_server.get, answer.json()["job"]["id"])
    assert job["storylines"] == [main["id"]], job

    item = page.locator(f"#a-{new_id}")
    item.wait_for(timeout=30_000)
    assert page.evaluate("window.__same_document") == "yes"  # no reload happened
    assert "new" in (item.get_attribute("class") or "")
    assert "Envoys meet again" in item.inner_text()
    assert page.locator("ol.coverage li").count() == before + 1
    assert page.locator("#live").inner_text().startswith("updated")
    assert outside == []


def test_untrusted_text_is_inert(browser: Any, live_server: LiveServer, tmp_path: Path) -> None:
    answer = live_server.post("/api/v1/articles", HOSTILE)
    assert answer.status_code == 202, answer.text
    new_id = answer.json()["outcomes"][0]["id"]
    job = wait_job(live_server.get, answer.json()["job"]["id"])
    [home] = job["storylines"]
    dialogs: list[str] = []

    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside = _watch_requests(page, live_server.url)
    page.goto(f"{live_server.url}/storylines/{home}")
    item = page.locator(f"#a-{new_id}")
    item.wait_for(timeout=20_000)
    assert "<script>window.__pwned = 1</script>" in item.inner_text()  # shown, as text
    _assert_inert(page, item, scripts_allowed=1)
    assert outside == []

    # The static page, written from the same templates, runs nothing at all.
    db = live_server.process.args[live_server.process.args.index("--db") + 1]
    with open_store(str(db)) as store:
        html_path, _ = write_story_page(store, tmp_path / "static", home)
    static = browser.new_page()
    fetched: list[str] = []
    static.on("request", lambda r: fetched.append(r.url))
    static.goto(html_path.as_uri())
    _assert_inert(static, static.locator(f"#a-{new_id}"), scripts_allowed=0)
    assert {urlparse(u).scheme for u in fetched} <= {"file", "data"}
    assert dialogs == []


def _assert_inert(page: Any, item: Any, scripts_allowed: int) -> None:
    scripts = page.evaluate("Array.from(document.scripts).map(s => s.src)")
    assert len(scripts) == scripts_allowed, scripts
    assert all(urlparse(s).path == "/static/live.js" for s in scripts)
    assert page.locator("img").count() == 0
    assert page.locator("[onerror], [onmouseover], [onclick]").count() == 0
    hrefs = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")]
    item.hover()
    item.click()
    for link in item.locator("a").all():
        link.click(no_wait_after=True)
    time.sleep(0.3)
    assert page.evaluate("typeof window.__pwned") == "undefined"


@pytest.mark.parametrize("where", ["served", "static"])
def test_usable_at_phone_width(
    browser: Any, live_server: LiveServer, tmp_path: Path, where: str
) -> None:
    main = _main_storyline(live_server)
    page = browser.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    if where == "served":
        page.goto(f"{live_server.url}/storylines/{main['id']}")
    else:
        db = live_server.process.args[live_server.process.args.index("--db") + 1]
        with open_store(str(db)) as store:
            html_path, _ = write_story_page(store, tmp_path / "static", main["id"])
        page.goto(html_path.as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px wide)"
    # Nothing sticks out of the screen except inside a sideways-scrolling chart or table.
    sticking_out = page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
            .filter(el => !el.closest('.scroll'))
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map(el => el.tagName + '.' + el.className)"""
    )
    assert sticking_out == []
    for section in ("Brief", "Timeline", "Key players", "Coverage in date order"):
        heading = page.get_by_role("heading", name=section)
        assert heading.is_visible()
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('dd')).fontSize)")
    assert size >= 14
    headline = page.locator("h1").bounding_box()
    assert headline is not None
    assert headline["width"] <= 375
