"""The front door: ``storyline demo`` on the bundled seeds, and re-ingesting them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.views.demo import bundled_corpus
from tests.helpers import run_cli

CHROME = [
    "Go to contents",
    "Posted January",
    "Updated January",
    "Billede genereret af AI",
    "Rapporteret af AI",
    "Hvad folk siger",
    "Relaterede artikler",
    "Dette websted bruger cookies",
    "Vi bruger cookies",
    "Afvis",
    "Illustrative handshake",
    "with flags, map, and Trump portrait",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    res = run_cli("demo", "--output", str(out))
    assert res.returncode == 0, res.stderr
    assert str(out / "story.html") in res.stdout.replace("\n", "") or "story.html" in res.stdout
    return out


@pytest.fixture(scope="module")
def exported(demo: Path) -> dict:  # type: ignore[type-arg]
    res = run_cli("export", "--format", "json", db=f"sqlite:///{demo / 'storyline.db'}")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)  # type: ignore[no-any-return]


def test_demo_writes_both_pages(demo: Path) -> None:
    html = (demo / "story.html").read_text(encoding="utf-8")
    md = (demo / "story.md").read_text(encoding="utf-8")
    assert (
        "<h1>White House says Trump remains open to dialogue with Kim without preconditions" in html
    )
    assert "The New York Times" in html
    assert "The Dong-A Ilbo" in html
    assert "http://" not in html.split("<body>")[0]
    assert "<script" not in html
    assert md.startswith("# White House says Trump remains open")
    for section in (
        "Brief",
        "Timeline",
        "What's next",
        "Key players",
        "Who said what",
        "Who did what",
        "Stances over time",
        "Sources",
        "Coverage in date order",
    ):
        assert f"<h2>{section}</h2>" in html, section
        assert f"## {section}" in md, section
    assert html.count("<svg") == 2  # the timeline chart and the stance chart, inline


def test_seeds_give_three_stories_and_dated_blurbs(exported: dict) -> None:  # type: ignore[type-arg]
    arts = exported["articles"]
    mains = [a for a in arts if a["kind"] == "article"]
    blurbs = [a for a in arts if a["kind"] == "blurb"]
    assert len(mains) == 3
    assert len(blurbs) == 7
    page = next(a for a in mains if a["published"] == "2026-02-27")
    assert all(b["parent"] == page["id"] for b in blurbs)
    dates = {b["published"] for b in blurbs}
    assert {"2025-11-28", "2025-12-19", "2025-11-01", "2026-01-16"} <= dates
    assert sorted(a["published"] for a in mains) == ["2018-02-13", "2026-01-16", "2026-02-27"]
    for a in arts:
        for s in a["sentences"]:
            assert 0 <= s["start"] < s["end"] <= len(a["text"])


def test_no_boilerplate_left(exported: dict) -> None:  # type: ignore[type-arg]
    for a in exported["articles"]:
        for chrome in CHROME:
            assert chrome not in a["text"], (chrome, a["id"])
            assert chrome not in (a["title"] or ""), (chrome, a["id"])
    assert all(a["language"] == "en" for a in exported["articles"])


def test_second_ingest_adds_nothing(demo: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{demo / 'storyline.db'}"
    res = run_cli("ingest", str(bundled_corpus()), "--no-annotate", db=db)
    assert res.returncode == 0, res.stderr
    assert "0 ingested, 10 duplicate" in res.stdout
    listing = json.loads(run_cli("list", "--format", "json", db=db).stdout)
    assert len(listing) == 10


def test_search_and_show(demo: Path) -> None:
    db = f"sqlite:///{demo / 'storyline.db'}"
    hits = json.loads(run_cli("search", "drone incursions", "--format", "json", db=db).stdout)
    assert hits
    assert "drone" in run_cli("show", hits[0]["id"][:10], db=db).stdout
    assert run_cli("show", "ffffffffff", db=db).returncode == 1
