"""Dates written in captured text, timestamp lines, and language identification."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.chrome import lexicon_reason
from storyline.ingest.language import detect_language, is_foreign_line
from storyline.ingest.textdates import (
    find_dates,
    latest_date_in,
    parse_timestamp_line,
    report_date_in,
    resolve_month_day,
)

PAGE_DATE = date(2026, 2, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("stated on November 28 in Seoul", date(2025, 11, 28)),
        ("SEOUL, Dec. 19 (Yonhap) -- Unification Minister", date(2025, 12, 19)),
        ("Kim Yo-jong's January 14 demand ... through January 16, including", date(2026, 1, 16)),
        ("vowed on November 1 at the APEC summit", date(2025, 11, 1)),
        ("reported on February 27, 2026.", date(2026, 2, 27)),
        ("on 3rd March", date(2025, 3, 3)),
        # A full date after the page is a plan, not a report; February 27 is the page's day.
        ("talks on March 3, 2026 after February 27", date(2026, 2, 27)),
        ("North Korea on Saturday denounced the talks", None),
        ("Trump's planned April visit to China next year", None),
        ("in June 2018, Hanoi in February 2019", None),
        ("it may 5 times", None),
        ("Gen. Marshall 12 said", None),
        ("February 30 is no date", None),
    ],
)
def test_latest_date_in_text(text: str, expected: date | None) -> None:
    assert latest_date_in(text, PAGE_DATE) == expected


def test_month_days_need_an_anchor_unless_they_have_a_year() -> None:
    assert latest_date_in("on November 28", None) is None
    assert latest_date_in("on November 28, 2025", None) == date(2025, 11, 28)


def test_resolve_month_day_goes_back_for_leap_days() -> None:
    assert resolve_month_day(2, 29, date(2026, 2, 27)) == date(2024, 2, 29)
    assert resolve_month_day(2, 27, date(2026, 2, 27)) == date(2026, 2, 27)
    assert resolve_month_day(2, 28, date(2026, 2, 27)) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("text", "month", "day", "year"),
    [
        ("January. 16, 2026", 1, 16, 2026),
        ("16 January 2026", 1, 16, 2026),
        ("16. august 2026", 8, 16, 2026),
        ("16 de enero de 2026", 1, 16, 2026),
        ("2026-01-16 08:55", 1, 16, 2026),
        ("16.01.2026", 1, 16, 2026),
        ("2026년 1월 16일", 1, 16, 2026),
        ("Sept. 19", 9, 19, None),
    ],
)
def test_find_dates_formats(text: str, month: int, day: int, year: int | None) -> None:
    [mention] = find_dates(text)
    assert (mention.month, mention.day, mention.year) == (month, day, year)


def test_report_date_prefers_a_reporting_cue() -> None:
    text = (
        "The summit on June 12, 2018 was the first. These statements were reported on "
        "February 27, 2026. A meeting is set for March 3, 2027."
    )
    assert report_date_in(text) == date(2026, 2, 27)
    assert report_date_in("They met on June 12, 2018 and June 30, 2019.") == date(2019, 6, 30)
    assert report_date_in("They met in June 2018.") is None


@pytest.mark.parametrize(
    ("line", "kind", "expected"),
    [
        ("Posted January. 16, 2026 08:55,", "published", date(2026, 1, 16)),
        ("Updated January. 16, 2026 08:55", "updated", date(2026, 1, 16)),
        ("Veröffentlicht am 16. Januar 2026, 08:55 Uhr", "published", date(2026, 1, 16)),
        ("Mis à jour le 3 mars 2025 à 10h02 CET", "updated", date(2025, 3, 3)),
        ("입력 2026-01-16 08:55", "published", date(2026, 1, 16)),
        ("Opdateret 16.01.2026", "updated", date(2026, 1, 16)),
    ],
)
def test_timestamp_lines(line: str, kind: str, expected: date) -> None:
    stamp = parse_timestamp_line(line)
    assert stamp is not None
    assert (stamp.kind, stamp.date) == (kind, expected)


@pytest.mark.parametrize(
    "line",
    [
        "Published reports on January 16, 2026 said the talks had stalled in the capital.",
        "Posted by the press office",
        "Updated figures show growth",
    ],
)
def test_prose_is_not_a_timestamp_line(line: str) -> None:
    assert parse_timestamp_line(line) is None


def test_detect_language() -> None:
    assert detect_language("") is None
    assert detect_language("Afvis") is None
    assert detect_language("The White House said Trump remains open to dialogue with Kim.") == "en"
    assert detect_language("Vi bruger cookies til analyse for at forbedre vores side.") == "da"
    assert detect_language("많이 본 뉴스") == "ko"


def test_headlines_full_of_names_are_not_foreign() -> None:
    for line in [
        "Seoul presses Pyongyang talks amid U.S. uncertainty",
        "Kim Jong-un",
        "Moon Jae-in says talks possible",
    ]:
        assert is_foreign_line(line, "en") is None
    assert is_foreign_line("Hvad folk siger", "en") == "da"
    assert is_foreign_line("Hvad folk siger", None) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Go to contents", "lexicon"),
        ("Aller au contenu", "lexicon"),
        ("Rapporteret af AI", "badge"),
        ("KI-generiert", "badge"),
        ("Billede genereret af AI", "image-credit"),
        ("Relaterede artikler", "related-heading"),
        ("Artículos relacionados:", "related-heading"),
        ("Hvad folk siger", "heading"),
        ("Cookie-Einstellungen verwalten", "cookie"),
        ("Home › World › Asia", "navigation"),
        ("Google said it would stop supporting third-party cookies in Chrome next year.", None),
        ("Kim said the talks would go ahead.", None),
    ],
)
def test_lexicon_reason(line: str, reason: str | None) -> None:
    assert lexicon_reason(line) == reason


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), anchor=st.one_of(st.none(), st.dates()))
def test_date_helpers_never_raise(text: str, anchor: date | None) -> None:
    found = latest_date_in(text, anchor)
    if found is not None and anchor is not None:
        assert found <= anchor
    report_date_in(text)
    parse_timestamp_line(text)
    detect_language(text)
