"""The story page treats articles as untrusted: everything escaped, no external requests."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from storyline.ingest.identity import article_id
from storyline.model import Article
from storyline.store import open_store
from storyline.views.page import md_escape, safe_href, write_story_page

EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)> [link](javascript:alert(1))'


def test_hostile_article_is_escaped(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    text = f"{EVIL} North Korea fired a missile on Friday, officials said."
    store.add_group(
        [
            Article(
                id=article_id(text),
                text=text,
                title=EVIL,
                source="<b>Outlet</b>",
                url="javascript:alert(1)",
                published=date(2025, 11, 7),
                published_precision="day",
                published_from="metadata",
            ),
        ]
    )
    html_path, md_path = write_story_page(store, tmp_path / "out")
    html = html_path.read_text()
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>Outlet" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "https://" not in html
    assert "http://" not in html
    md = md_path.read_text()
    # Markdown renders backslash-escaped characters literally: only unescaped markup is live.
    assert not re.search(r"(?<!\\)<script", md)
    assert not re.search(r"(?<!\\)\]\(javascript", md)


def test_safe_href() -> None:
    assert safe_href("https://news.test/a") == "https://news.test/a"
    assert safe_href("javascript:alert(1)") is None
    assert safe_href("data:text/html,hi") is None
    assert safe_href("/tmp/page.txt") == "file:///tmp/page.txt"
    assert md_escape("a*b_c<d>") == "a\\*b\\_c\\<d\\>"


def test_page_lists_related_storylines(tmp_path: Path) -> None:
    from storyline.story import storylines as sl
    from storyline.views.demo import run_demo

    result = run_demo(tmp_path / "demo")
    with open_store(result.db) as store:
        [main] = sl.stored_storylines(store)
        blurbs = [d.article.id for d in store.iter_annotated() if d.article.kind == "blurb"][:3]
        sl.override(store, "split", {"storyline": main.id, "articles": blurbs})
        after = {s.id: s for s in sl.stored_storylines(store)}
        [split_off] = [s for s in after.values() if s.id != main.id]
        assert split_off.related == [main.id]
        assert after[main.id].related == [split_off.id]
        html_path, md_path = write_story_page(store, tmp_path / "page", main.id)
        other_html, _ = write_story_page(store, tmp_path / "other", split_off.id)
    assert "Related storylines" in html_path.read_text()
    assert f"storyline page {split_off.id}" in html_path.read_text()
    assert f"storyline page {split_off.id}" in md_path.read_text()
    assert f"storyline page {main.id}" in other_html.read_text()


def test_stance_rows_name_holders_that_are_not_key_players() -> None:
    from storyline.model import Span
    from storyline.story.overview import StoryOverview
    from storyline.story.stance_tracks import StancePoint, StanceTrack
    from storyline.views.page import render_html, render_markdown

    view = StoryOverview(headline="Bailout", first=None, last=None)
    view.names = {"org:imf": "International Monetary Fund"}
    point = StancePoint("2009-04-23", "support", "a1", Span(0, 5), None, False)
    view.tracks = [StanceTrack("org:imf", "more funding", [point])]
    assert "| International Monetary Fund — more funding | 2009-04-23 | support |" in (
        render_markdown(view)
    )
    assert "International Monetary Fund — more funding" in render_html(view)
    assert "org:imf" not in render_html(view)


def test_reported_speech_is_not_shown_as_a_quotation() -> None:
    from storyline.story.overview import StoryOverview
    from storyline.story.voices import QuoteLine
    from storyline.views.page import render_html, render_markdown

    view = StoryOverview(headline="Bailout", first=None, last=None)
    view.quotes = [
        QuoteLine(
            "2009-06-24",
            "China",
            None,
            "indirect",
            "that the crisis exposed flaws",
            "a1",
            0,
            9,
            cue="warned",
        ),
        QuoteLine("2009-06-24", "Wen", None, "direct", "We are worried,", "a1", 20, 30, cue="said"),
        QuoteLine(
            "2009-06-25",
            "the leaders",
            None,
            "indirect",
            "a new system",
            "a2",
            0,
            9,
            cue="according to",
        ),
    ]
    view.quotes.append(
        QuoteLine(
            "2009-06-26",
            "Spain's health ministry",
            None,
            "indirect",
            "The woman died of a respiratory illness",
            "a3",
            0,
            9,
            cue="said",
        )
    )
    md = render_markdown(view)
    assert "Spain's health ministry said: The woman died" in md
    assert "China warned that the crisis exposed flaws" in md
    assert "Wen: “We are worried,”" in md
    assert "the leaders said a new system" in md
    assert "“that the crisis" not in render_html(view)


def test_markdown_stance_rows_join_reports_of_one_position_on_one_date() -> None:
    from storyline.model import Span
    from storyline.story.stance_tracks import StancePoint
    from storyline.views.page import _md_stance_rows

    def point(day: str, position: str, article: str, shift: bool = False) -> StancePoint:
        return StancePoint(day, position, article, Span(0, 1), None, shift)

    rows = _md_stance_rows(
        [
            point("2010-06-14", "support", "a"),
            point("2010-06-14", "support", "b"),
            point("2010-06-14", "support", "c"),
            point("2010-06-14", "oppose", "d", shift=True),
            point("2010-06-15", "oppose", "e"),
        ]
    )
    assert rows == [
        ("2010-06-14", "support", False, 3),
        ("2010-06-14", "oppose", True, 1),
        ("2010-06-15", "oppose", False, 1),
    ]
