"""The brief's background paragraphs: each part of the timeline told by its salient dates."""

from __future__ import annotations

import pytest

from storyline.story.brief import BriefSentence, _chunks, _reads_as_report


def _sentence(day: int) -> BriefSentence:
    return BriefSentence(f"What happened on day {day}.", (), f"2011-01-{day:02d}")


def test_each_part_of_a_long_timeline_is_told_by_its_most_salient_dates() -> None:
    # Twelve dates; the first two are stray ones (an unrelated story's, low salience).
    salience = [0.5, 0.5, 0.9, 0.8, 0.7, 0.9, 0.6, 0.95, 0.9, 0.6, 0.8, 0.9]
    items = [(s, _sentence(day)) for day, s in enumerate(salience, start=1)]
    paragraphs = _chunks(items, paragraphs=3, size=2)
    days = [[int(str(s.date)[-2:]) for s in p] for p in paragraphs]
    assert days == [[3, 4], [6, 8], [9, 12]]


def test_a_short_timeline_is_told_whole() -> None:
    items = [(0.1 * day, _sentence(day)) for day in range(1, 6)]
    paragraphs = _chunks(items, paragraphs=3, size=3)
    assert [s.date for p in paragraphs for s in p] == [s.date for _, s in items]


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("The rebels took the port of Misrata on Tuesday.", True),
        ("They are trying to shake our will in Iraq.", False),
        ("But the killing is in no way confined to Iraq.", False),
        ("It is assumed that the attackers are linked to al-Qaida.", False),
        ("From Holy War to Holy Terror by Kathy Gannon (320pp, Public Affairs, £14.99)", False),
        ("“We will not leave,” the minister said.", False),
    ],
)
def test_a_background_sentence_reads_on_its_own(text: str, alone: bool) -> None:
    assert _reads_as_report(text, alone=True) is alone
