"""Which way relative dates point: tense cues, past-biased defaults, narrative anchors."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.time import tag_times

DCT = date(2010, 3, 10)  # a Wednesday


def _found(text: str, dct: date = DCT) -> dict[str, str]:
    return {t.span.text(text): t.value for t in tag_times(text, dct)}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # A future passive is one cue: its participle ("held") is not a past-tense verb.
        ("The vote will be held on Friday .", "Friday", "2010-03-12"),
        ("The summit is to be held on Friday.", "Friday", "2010-03-12"),
        ("He is due to arrive on Friday.", "Friday", "2010-03-12"),
        ("The meeting is scheduled for Friday.", "Friday", "2010-03-12"),
        ("Talks are expected to resume Monday.", "Monday", "2010-03-15"),
        ("The upcoming vote on Friday worries them.", "Friday", "2010-03-12"),
        ("Talks are coming on Friday.", "Friday", "2010-03-12"),
        ("The vote was held on Friday.", "Friday", "2010-03-05"),
        ("Police said Friday that two men were arrested.", "Friday", "2010-03-05"),
        ("He said he would visit on Friday .", "Friday", "2010-03-12"),
        # A present modal puts what it governs ahead; "could" and "cannot" do not.
        (
            "He has asked them to resign so he can appoint a new cabinet Friday.",
            "Friday",
            "2010-03-12",
        ),
        ("Voters should go to the polls on Sunday.", "Sunday", "2010-03-14"),
        ("He said Friday that he cannot attend.", "Friday", "2010-03-05"),
        # "not ... until": the day it finally happened.
        ("They did not discover the loss until June.", "June", "2009-06"),
        ("The vote was postponed until Friday.", "Friday", "2010-03-12"),
        # With no tense before it, a day before "told" is the telling's, not the told's.
        ("In June, the firm told analysts the cost would rise.", "June", "2009-06"),
        # The tense of the next clause is not this one's.
        ("It began after he left on Friday, but they would not say why.", "Friday", "2010-03-05"),
        # A month and day without a year: past cues look back up to ten months.
        ("He said on June 25 that he had resigned .", "June 25", "2009-06-25"),
        ("The company had filed the suit on June 25 .", "June 25", "2009-06-25"),
        ("The election will be held on June 25.", "June 25", "2010-06-25"),
        ("The dividend is payable June 25 to holders of record.", "June 25", "2010-06-25"),
        ("He was shot last Oct. 23 at home.", "Oct. 23", "2009-10-23"),
        ("Talks open next June 5 in Paris.", "June 5", "2010-06-05"),
        # Without a cue the nearest one, but the coming one only when it is close.
        ("A rally on March 25 drew thousands.", "March 25", "2010-03-25"),
        ("Sales in April 2009 and in December fell.", "December", "2009-12"),
        ("The deal closes by April 2 , analysts think .", "April 2", "2010-04-02"),
        ("Ms. Smith , who spoke on Aug. 6 , is a lawyer .", "Aug. 6", "2009-08-06"),
        # An initial or a title does not end the sentence that holds the cue.
        ("Mr. Lee will succeed Daniel P. Davison Aug. 1 .", "Aug. 1", "2010-08-01"),
    ],
)
def test_direction(text: str, span: str, value: str) -> None:
    assert _found(text)[span] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It took 2 1/2 years to build .", "2 1/2 years", "P2Y6M"),
        ("The speech lasted a minute and a half.", "a minute and a half", "PT1M30S"),
        ("They talked for 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("It rained for 1.5 days.", "1.5 days", "P1DT12H"),
        ("in the last twenty four hours", "the last twenty four hours", "P1D"),
        ("in the past 24 hours", "the past 24 hours", "P1D"),
        ("within 24 hours", "24 hours", "PT24H"),
    ],
)
def test_fractions_and_conventions(text: str, span: str, value: str) -> None:
    assert _found(text)[span] == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("He was elected in 1995 and resigned the following year.", "the following year", "1996"),
        (
            "On March 3 , 2009 he left ; the following month he came back .",
            "the following month",
            "2009-04",
        ),
        (
            "The quake struck on Jan. 12, 2008. A day earlier, a tremor hit.",
            "A day earlier",
            "2008-01-11",
        ),
        ("In 2005 he won ; two years later he lost .", "two years later", "2007"),
        ("On March 3 , 2009 he left . The next day he came back .", "The next day", "2009-03-04"),
        ("He was born in May 1990. Later that year, his father died.", "Later that year", "1990"),
        (
            "On Oct. 23, 1998 he was shot. Earlier that day he prayed.",
            "Earlier that day",
            "1998-10-23",
        ),
        # Without a date in the story they count from the creation date.
        ("He resigned the following year.", "the following year", "2011"),
        ("A day earlier, a tremor hit.", "A day earlier", "2010-03-09"),
    ],
)
def test_anchored_on_the_last_date_given(text: str, span: str, value: str) -> None:
    assert _found(text)[span] == value


def test_last_date_far_back_is_not_the_anchor() -> None:
    text = "He was born in 1950. " + "Nothing happened then. " * 20 + "A year later he moved."
    assert _found(text)["A year later"] == "2011"


def test_his_first_term_is_not_a_time() -> None:
    assert _found("He won his first term easily.") == {}


def test_that_day_without_a_date_in_the_story_is_left_out() -> None:
    assert _found("He left that day and came back the next day.") == {}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The tour was due to start on 13 July.", "then"),
        ("The talks were expected to resume on Friday.", "then"),
        ("The vote had been scheduled for Friday.", "then"),
        ("The summit was to be held on Friday.", "then"),
        ("Things would have been different by Friday.", "then"),
        ("The tour is due to start on 13 July.", "future"),
        ("The vote will be held on Friday.", "future"),
        ("The vote was held on Friday.", "past"),
    ],
)
def test_a_future_seen_from_the_past_is_told_apart(text: str, cue: str) -> None:
    from storyline.time.resolve import FUTURE, FUTURE_IN_PAST, PAST, direction, tense_cue

    expression = next(w for w in ("13 July", "Friday") if w in text)
    start = text.index(expression)
    end = start + len(expression)
    want = {"then": FUTURE_IN_PAST, "future": FUTURE, "past": PAST}[cue]
    assert tense_cue(text, start, end) == want
    # For resolving the date it still points ahead of the moment written about.
    assert direction(text, start, end) == (PAST if cue == "past" else FUTURE)


def test_coming_before_is_a_participle_not_the_future() -> None:
    text = "The warning was prophetic, coming a year before this outbreak of flu in March."
    assert _found(text, date(2009, 6, 22))["March"] == "2009-03"
