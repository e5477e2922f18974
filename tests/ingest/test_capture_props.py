"""Hostile and random input for the capture cleaner: it never raises and never invents text."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest.capture import CapturedPage, CapturedStory, parse_capture

STORY_PARAGRAPHS = [
    "The White House stated on Thursday that U.S. President Donald Trump remains open to "
    "dialogue with North Korea without any preconditions.",
    "South Korea's top nuclear envoy, Jeong Yeon-doo, visited Washington this week to "
    "discuss policy coordination and met U.S. officials.",
    "SEOUL, Dec. 19 (Yonhap) -- Unification Minister Chung Dong-young vowed Friday to "
    "strengthen the ministry's leading role in Korean Peninsula policies.",
    "“Nothing can be achieved if we insist only on demands the other side cannot accept,” "
    "he said on November 28.",
    "WASHINGTON — The Trump administration has told South Korea it is open to holding "
    "preliminary talks with North Korea, officials said.",
]
TITLES = [
    "Seoul presses Pyongyang talks amid U.S. uncertainty",
    "Acting US envoy keeps all options open on North Korea peace plan",
]
CHROME = [
    "Go to contents",
    "Billede genereret af AI",
    "Rapporteret af AI",
    "Hvad folk siger",
    "Relaterede artikler",
    "Dette websted bruger cookies",
    "Vi bruger cookies til analyse for at forbedre vores side.",
    "Afvis",
    "Posted January. 16, 2026 08:55,",
    "Updated January. 16, 2026 08:55",
    "Zum Inhalt springen",
    "Photo: Reuters",
    "Share",
    "\u00a0",
]
SEPARATORS = ["\n", "\n\n", "\r\n", "\n \n", "\n\u00a0\n"]

page_parts = st.lists(
    st.one_of(
        st.sampled_from(STORY_PARAGRAPHS),
        st.sampled_from(TITLES),
        st.sampled_from(CHROME),
        st.text(max_size=40),
    ),
    max_size=14,
)
pages = st.builds(
    lambda parts, seps: "".join(p + seps[i % len(seps)] for i, p in enumerate(parts)),
    page_parts,
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4),
)
hostile = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet="\n\r \t\u00a0\u2028\x0b\x0c\x1c.,—-–()[]0123456789", max_size=200),
    pages,
)
some_dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
precisions = st.sampled_from(["day", "month", "year", "unknown"])

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _stories(page: CapturedPage) -> list[CapturedStory]:
    return [page.main, *page.blurbs]


def _normalized(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(raw=hostile, published=some_dates, precision=precisions)
def test_never_raises_nor_falls_back(
    raw: str, published: date | None, precision: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="storyline.ingest.capture"):
        page = parse_capture(raw, published=published, published_precision=precision)  # type: ignore[arg-type]
    # The last-resort guard logs an error; no input should ever need it.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert isinstance(page, CapturedPage)
    for story in _stories(page):
        if story.published is None:
            assert story.published_precision == "unknown"
        if published is not None:
            assert page.main.published == published


@SETTINGS
@given(raw=hostile)
def test_everything_kept_is_verbatim_from_the_input(raw: str) -> None:
    page = parse_capture(raw, published=date(2026, 2, 27))
    source = _normalized(raw)
    for story in _stories(page):
        for paragraph in story.text.split("\n\n"):
            assert _normalized(paragraph) in source
        for part in (story.title, story.dateline):
            if part is not None:
                assert _normalized(part) in source
        assert "\n\n\n" not in story.text
    for line in page.removed:
        assert line in source


@SETTINGS
@given(raw=pages)
def test_blurb_dates_are_never_after_the_page(raw: str) -> None:
    page = parse_capture(raw, published=date(2026, 2, 27))
    for blurb in page.blurbs:
        assert blurb.published is None or blurb.published <= date(2026, 2, 27)


def _render(story: CapturedStory) -> str:
    head = [story.title] if story.title else []
    body = story.text
    if story.dateline:
        body = f"{story.dateline} — {body}"
    return "\n\n".join([*head, body])


@SETTINGS
@given(raw=pages)
def test_cleaning_its_own_output_changes_nothing(raw: str) -> None:
    first = parse_capture(raw, published=date(2026, 2, 27)).main
    if not first.text:
        return
    second = parse_capture(_render(first), published=date(2026, 2, 27)).main
    assert (second.title, second.dateline, second.text) == (
        first.title,
        first.dateline,
        first.text,
    )


def test_cleaning_the_seeds_output_changes_nothing(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        page = parse_capture(path.read_text(encoding="utf-8"))
        for story in _stories(page):
            again = parse_capture(_render(story)).main
            assert (again.title, again.dateline, again.text) == (
                story.title,
                story.dateline,
                story.text,
            )
