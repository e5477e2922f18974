"""Bad input never raises: any text, any creation date or none."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.time import tag_times

_TIMEY = st.sampled_from(
    [
        "Jan . 15 , 2010",
        "on Tuesday",
        "late next month",
        "2018-13-45",
        "31/02/2019",
        "Feb. 30",
        "99:99",
        "the 0th century",
        "9999999 years ago",
        "12 p.m. Sunday",
        "Q5 2019",
        "mid-",
        "’90s",
        "\x00",
        "\u202e",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=40), _TIMEY), max_size=12).map(" ".join),
    st.one_of(st.none(), st.dates()),
)
def test_never_raises_and_spans_stay_inside(text: str, dct: date | None) -> None:
    for t in tag_times(text, dct):
        assert 0 <= t.span.start < t.span.end <= len(text)
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value


def test_large_repetitive_text_completes() -> None:
    # Shapes that could make a regex backtrack badly, repeated to half a megabyte.
    text = ("the the early late about 1 1 2 , , . at least the end of the " * 4000)[:500_000]
    found = tag_times(text + " on Tuesday", date(2018, 2, 13))
    assert found[-1].value == "2018-02-13"


def test_timestamp_anchor_is_its_day() -> None:
    from datetime import datetime

    (t,) = tag_times("He left yesterday.", datetime(2018, 2, 13, 15, 30))
    assert (t.value, t.anchor) == ("2018-02-12", "2018-02-13")
