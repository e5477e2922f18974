"""The tagger on sentences of the kinds news writes, with and without a creation date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.time import tag_times

DCT = date(2018, 2, 13)  # a Tuesday


def _values(text: str, dct: date | None = DCT) -> list[tuple[str, str, str, str | None]]:
    return [(t.span.text(text), t.type, t.value, t.mod) for t in tag_times(text, dct)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said on Tuesday.", ("Tuesday", "DATE", "2018-02-13", None)),
        ("They will meet on Thursday.", ("Thursday", "DATE", "2018-02-15", None)),
        ("Officials met on Friday.", ("Friday", "DATE", "2018-02-09", None)),
        ("It happened on Jan . 15 , 2010 .", ("Jan . 15 , 2010", "DATE", "2010-01-15", None)),
        ("The talks were held Feb. 13, 2018.", ("Feb. 13, 2018", "DATE", "2018-02-13", None)),
        ("Sales rose in the third quarter.", ("the third quarter", "DATE", "2017-Q3", None)),
        ("Talks resume next year.", ("next year", "DATE", "2019", None)),
        ("He left two years ago.", ("two years ago", "DATE", "2016", None)),
        ("The war lasted six months.", ("six months", "DURATION", "P6M", None)),
        ("at least 72 hours", ("at least 72 hours", "DURATION", "PT72H", "EQUAL_OR_MORE")),
        ("The plant opened in the 1990s.", ("the 1990s", "DATE", "199", None)),
        ("It runs daily.", ("daily", "SET", "P1D", None)),
        ("He arrived at 9 a.m. yesterday.", ("9 a.m. yesterday", "TIME", "2018-02-12T09:00", None)),
        ("It peaked in summer 2017.", ("summer 2017", "DATE", "2017-SU", None)),
        ("Prices are high now.", ("now", "DATE", "PRESENT_REF", None)),
        ("He visited last November.", ("last November", "DATE", "2017-11", None)),
        ("It ends in mid-2019.", ("mid-2019", "DATE", "2019", "MID")),
        ("the report was published on 2018-02-01", ("2018-02-01", "DATE", "2018-02-01", None)),
        ("Michael 's visit is planned for Q1 2026.", ("Q1 2026", "DATE", "2026-Q1", None)),
        ("in nineteen ninety-six", ("nineteen ninety-six", "DATE", "1996", None)),
        ("by the year two thousand", ("the year two thousand", "DATE", "2000", None)),
    ],
)
def test_normalizes(text: str, expected: tuple[str, str, str, str | None]) -> None:
    assert expected in _values(text)


def test_without_creation_date_keeps_relative_values_underspecified() -> None:
    text = "He said in December that talks ended last week, on Feb. 3, 2018."
    found = {span: value for span, _, value, _ in _values(text, None)}
    assert found == {"December": "XXXX-12", "last week": "XXXX-WXX", "Feb. 3, 2018": "2018-02-03"}
    assert all(t.anchor is None for t in tag_times(text))


@pytest.mark.parametrize(
    "text",
    [
        "He may go.",  # the verb, not the month
        "Troops march on.",
        "About 2000 people came.",
        "The 45-year-old man left.",
        "prices fall sharply",
        # A holiday's period is not its day.
        "He visited the US during the Easter holidays.",
        "Schools reopen after the Christmas break.",
    ],
)
def test_not_a_time(text: str) -> None:
    assert _values(text) == []


def test_offsets_are_into_the_text() -> None:
    text = "  Nov. 29 — and then, on Saturday, nothing."
    for t in tag_times(text, DCT):
        assert 0 <= t.span.start < t.span.end <= len(text)
    assert [t.span.text(text) for t in tag_times(text, DCT)] == ["Nov. 29", "Saturday"]


def test_future_and_far_past_creation_dates() -> None:
    for dct in (date(9999, 12, 31), date(1, 1, 1)):
        text = "Next year, two decades ago, last week, tomorrow, on Monday, in 2010, next month."
        found = tag_times(text, dct)
        assert found, dct
        assert all(t.anchor == dct.isoformat() for t in found)


def test_page_timestamp_with_clock() -> None:
    text = "Posted January. 16, 2026 08:55,"
    assert _values(text, None) == [("January. 16, 2026 08:55", "TIME", "2026-01-16T08:55", None)]


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # Movable holidays, computed per year, and "last" one before the anchor.
        ("He was found on Thanksgiving Day.", date(2000, 1, 7), ("Thanksgiving Day", "1999-11-25")),
        (
            "He has been here since last Thanksgiving.",
            date(2000, 1, 7),
            ("last Thanksgiving", "1999-11-25"),
        ),
        ("a theme from now to Election Day.", date(1998, 10, 1), ("Election Day", "1998-11-03")),
        ("Pilgrims came for Easter.", date(2026, 5, 1), ("Easter", "2026-04-05")),
        # "May" after a preposition is the month; "The March accession" the March coming up.
        ("The case is heard in May in the appeals court.", date(2000, 1, 7), ("May", "1999-05")),
        ("The March accession will follow.", date(1999, 2, 10), ("March", "1999-03")),
        # A month naming an event inside a noun phrase is the nearer one, whatever the
        # clause's tense; a preposition before the phrase still gives the direction.
        (
            "Chung highlighted the period before Trump's April China visit as decisive.",
            date(2025, 12, 19),
            ("April", "2026-04"),
        ),
        (
            "Protests have gone on since the April election.",
            date(2025, 12, 1),
            ("April", "2025-04"),
        ),
        # A second day of the same month stands as a date of its own.
        ("The summit will be on April 24 and 25.", date(1999, 2, 10), ("25", "1999-04-25")),
        # Earnings reports' "year-earlier" quarter, without the article.
        (
            "Sales rose in the quarter from a year-earlier loss.",
            date(1989, 10, 26),
            ("year-earlier", "1988-Q3"),
        ),
        ("to placate holders in the short term.", DCT, ("the short term", "FUTURE_REF")),
        (
            "the offer runs until 5 p.m. EST Nov. 9.",
            date(1989, 11, 2),
            ("5 p.m. EST Nov. 9", "1989-11-09T17:00"),
        ),
        (
            "The blast came at 10:35 a.m. (0735 GMT) Friday.",
            date(1998, 8, 8),
            ("10:35 a.m.", "1998-08-07T10:35"),
        ),
        # "next to" is a place, not the future; "would still be held" is.
        (
            "killed in the blasts next to the embassies on Friday.",
            date(1998, 8, 8),
            ("Friday", "1998-08-07"),
        ),
        (
            "The accession would still be held on April 24.",
            date(1999, 2, 10),
            ("April 24", "1999-04-24"),
        ),
        (
            "Protesters were planning to march on Saturday.",
            date(2000, 1, 7),
            ("Saturday", "2000-01-08"),
        ),
    ],
)
def test_reads_phrases_of_news_and_earnings_reports(
    text: str, dct: date, expected: tuple[str, str]
) -> None:
    found = [(t.span.text(text), t.value) for t in tag_times(text, dct)]
    assert expected in found, found


def test_a_yearless_day_that_names_a_place_or_group_is_no_date() -> None:
    from datetime import date

    from storyline.time import tag_times

    dct = date(2011, 2, 1)
    for text in (
        "Troops blocked the October 6 bridge in Cairo.",
        "The April 6 Youth Movement called for protests.",
    ):
        assert tag_times(text, dct) == [], text
    found = tag_times("Troops blocked the bridge on October 6.", dct)
    assert [t.value for t in found] == ["2010-10-06"]
