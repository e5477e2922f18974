"""The seed pages' dates, resolved as a reader of each page would resolve them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.model import TimeExpression
from storyline.time import tag_times

PAGE_000 = date(2018, 2, 13)
PAGE_001 = date(2026, 2, 27)


def _line(seeds_dir: Path, prefix: str, needle: str) -> str:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    for line in path.read_text(encoding="utf-8").splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not in {path.name}")


def _find(text: str, times: list[TimeExpression], words: str) -> TimeExpression:
    """The expression whose span is ``words`` or lies inside them."""
    for t in times:
        surface = t.span.text(text)
        if surface and surface in words:
            return t
    raise AssertionError(
        f"no time expression for {words!r} in {[t.span.text(text) for t in times]}"
    )


@pytest.mark.parametrize(
    ("needle", "words", "value"),
    [
        ("North Korea has not conducted", "Nov. 29", "2017-11-29"),
        ("Tillerson said in December", "December", "2017-12"),
        ("Just six months ago", "six months ago", "2017-08"),
        ("Mr. Moon said on Tuesday", "Tuesday", "2018-02-13"),
        ("departure on Saturday", "Saturday", "2018-02-10"),
        ("met last week", "last week", "2018-W06"),
    ],
)
def test_february_2018_article(seeds_dir: Path, needle: str, words: str, value: str) -> None:
    line = _line(seeds_dir, "000", needle)
    times = tag_times(line, PAGE_000)
    hit = _find(line, times, words)
    assert hit.value == value
    assert hit.anchor == "2018-02-13"


@pytest.mark.parametrize(
    ("needle", "words", "value", "mod"),
    [
        ("stated on Thursday", "Thursday", "2026-02-26", None),
        ("late next month", "late next month", "2026-03", "END"),
        ("late next month", "early April", "2026-04", "START"),
        ("in June 2018", "June 2018", "2018-06", None),
        ("in June 2018", "February 2019", "2019-02", None),
        ("in June 2018", "June 2019", "2019-06", None),
    ],
)
def test_february_2026_page(
    seeds_dir: Path, needle: str, words: str, value: str, mod: str | None
) -> None:
    line = _line(seeds_dir, "001", needle)
    hit = _find(line, tag_times(line, PAGE_001), words)
    assert (hit.value, hit.mod) == (value, mod)


def test_blurb_dated_december_2025(seeds_dir: Path) -> None:
    line = _line(seeds_dir, "001", "meet U.S. President Donald Trump next year")
    hit = _find(line, tag_times(line, date(2025, 12, 19)), "next year")
    assert hit.value == "2026"
