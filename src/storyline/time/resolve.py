"""Resolving relative expressions against an anchor date, and reading their direction.

News writes dates relative to the day it was published. Which "Tuesday" or which "November"
is meant depends on tense: "said on Tuesday" is the past one, "will meet on Tuesday" the
next. :func:`direction` reads the nearest tense cue around an expression.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from storyline.time.lexicon import SEASON_MONTHS

PAST = -1
FUTURE = 1
UNKNOWN = 0
# A future seen from the past ("was due to open", "were expected to meet"): ahead of the
# moment written about, which may be long gone; for what's next it is not a plan still ahead.
FUTURE_IN_PAST = 2

_FUTURE_CUES = (
    # A future passive or perfect ("will be held", "is to be sworn in") is one cue, so that its
    # participle does not read as a past-tense verb.
    r"(?:will|shall|wo\s?n['’]t|['’]ll)\s+(?:not\s+)?(?:be|have)(?:\s+been)?\s+[a-z]+|"
    r"would\s+(?:not\s+|still\s+|also\s+|then\s+)?be\s+[a-z]+|"
    r"(?:is|are)\s+(?:due\s+)?to\s+be\s+[a-z]+|(?:is|are)\s+due\s+to|"
    r"would|will|wo\s?n['’]t|['’]ll|shall|going\s+to|gonna|plans?\s+to|planned|planning|plans|"
    r"scheduled|schedule|expected|expects?|set\s+to|is\s+to|are\s+to|next(?!\s+to\b)|upcoming|"
    # "the coming weeks", not "coming a year before the outbreak" (a participle, no future).
    r"coming(?!\s+(?:\S+\s+){0,2}(?:before|after)\b)|"
    r"intends?\s+to|aims?\s+to|hopes?\s+to|tomorrow|later\s+this|as\s+soon\s+as|"
    r"due\s+to\s+(?:be|begin|start|arrive|meet|vote)|payable|effective|of\s+record|until|"
    # A present modal: "so he can appoint a new government Saturday" (not "could", "may").
    r"can(?!not|['’]t)|must|should"
)
# The future seen from the past: "were planning to", "was expected to", "was to be held",
# "had been scheduled for".
_FUTURE_IN_PAST_CUES = (
    r"(?:was|were)\s+(?:(?:originally|initially|still)\s+)?"
    r"(?:planning|going|expected|scheduled|due|set)\s+to|"
    r"(?:was|were)\s+(?:due\s+)?to\s+be\s+[a-z]+|"
    r"had\s+(?:been\s+)?(?:planned|scheduled|expected|set)|"
    r"(?:first|originally|initially)\s+planned\s+to|"
    # A past counterfactual: "then so many things would've been different".
    r"would\s+(?:not\s+)?have|would['’]ve"
)
_PAST_CUES = (
    r"since|said|was|were|had|did|ago|last|earlier|previously|told|met|held|came|went|took|made|"
    r"gave|began|left|sent|won|lost|fell|rose|saw|found|got|began|spoke|wrote|broke|"
    r"[a-z]{3,}ed"
)
# "-ed" words that are not past-tense verbs.
_NOT_PAST = frozenset(
    {
        "need",
        "united",
        "based",
        "hundred",
        "indeed",
        "proceed",
        "speed",
        "seed",
        "feed",
        "red",
        "bed",
        "shed",
        "breed",
        "creed",
        "greed",
        "succeed",
        "exceed",
        "expected",
        "scheduled",
        "planned",
        "related",
        "limited",
        "detailed",
        "advanced",
        "armed",
        "alleged",
        "so-called",
    }
)
# Not after an initial or a title ("Daniel P. Davison", "Mr. Smith").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMrs)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr))[.!?]\s+(?=[A-Z\"“])|\n"
)
_NOT_UNTIL = re.compile(
    r"\b(?:did|was|were|had|could)(?:\s+not|n['’]t)\b[^,;:]*\buntil\s+(?:(?:early|mid|late)-?\s*)?$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"\s?(?:[;:]|,\s*(?:but|and|while|although|though|whereas)\b)")
_WINDOW = 160


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w'’])(?:(?P<then>{_FUTURE_IN_PAST_CUES})|(?P<future>{_FUTURE_CUES})|"
        rf"(?P<past>{_PAST_CUES}))(?![\w])",
        re.IGNORECASE,
    )


def direction(text: str, start: int, end: int) -> int:
    """PAST, FUTURE or UNKNOWN from the tense cue nearest the expression in its sentence.

    A future seen from the past ("was due to start on 13 July") reads FUTURE: from the
    article's date the day is ahead. :func:`tense_cue` tells it apart.
    """
    cue = tense_cue(text, start, end)
    return FUTURE if cue == FUTURE_IN_PAST else cue


def tense_cue(text: str, start: int, end: int) -> int:
    """Like :func:`direction`, with FUTURE_IN_PAST for a future seen from the past."""
    left = text[max(0, start - _WINDOW) : start]
    cuts = list(_SENTENCE_END.finditer(left))
    if cuts:
        left = left[cuts[-1].end() :]
    right = text[end : end + _WINDOW]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[: stop.start()]
    stop = _CLAUSE_END.search(right)
    if stop:  # "... on Saturday, but officials would not ...": another clause's tense
        right = right[: stop.start()]
    best: tuple[int, int] | None = None  # (distance, direction)
    for m in _cue_regex().finditer(left):
        d = _cue_direction(m, adjacent=len(left) - m.end() <= 4)
        if d:
            best = (len(left) - m.end(), d)  # later cues are nearer; keep the last
    if best is not None and best[1] == FUTURE and _NOT_UNTIL.search(left):
        # "did not discover it until mid-July": the day it finally happened, in the past.
        best = (best[0], PAST)
    for m in _cue_regex().finditer(right):
        # "In June, BP told analysts the cost would be ...": with no tense before it, the day
        # is the telling's, not that of what was told.
        telling = best is None and (m.group("past") or "").lower() in _REPORTING
        d = PAST if telling else _cue_direction(m)
        if d:
            # A cue before the expression weighs more than one after it (subject-verb order).
            dist = m.start() * 2
            if best is None or dist < best[0]:
                best = (dist, d)
            break
    return best[1] if best else UNKNOWN


# Reporting verbs say when something was said, not when what was said happens.
_REPORTING = frozenset({"said", "told", "announced", "added", "reported", "stated"})


def _cue_direction(m: re.Match[str], adjacent: bool = False) -> int:
    if m.group("then"):
        return FUTURE_IN_PAST
    if m.group("future"):
        return FUTURE
    word = m.group("past").lower()
    if word in _REPORTING and not adjacent:  # "said Friday" is the day it was said
        return UNKNOWN
    if word.endswith("ed") and word in _NOT_PAST:
        return UNKNOWN
    return PAST


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def weekday_near(anchor: date, weekday: int, sense: int, strict: bool = False) -> date:
    """The ``weekday`` on or before the anchor (PAST/UNKNOWN) or on or after it (FUTURE).

    ``strict`` excludes the anchor day itself ("last Friday", "next Friday").
    """
    if sense == FUTURE:
        ahead = (weekday - anchor.weekday()) % 7
        if ahead == 0 and strict:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return anchor - timedelta(days=back)


# How far tense may send a month or a day without a year: a past cue ("said", "ended") takes
# the last one within a year, a future cue ("will", "next") the coming one. Without a cue
# news mostly looks back, so the coming one wins only when it is close.
_PAST_REACH_DAYS = 300
_FUTURE_REACH_DAYS = 300
_UNCUED_AHEAD_DAYS = 60


def month_near(anchor: date, month: int, sense: int) -> int:
    """The year of the ``month`` meant from the anchor: by tense, else the nearest (past bias)."""
    return month_day_near(anchor, month, 15 if month != anchor.month else anchor.day, sense)


def nearest_month_year(anchor: date, month: int) -> int:
    """The year of the occurrence of ``month`` nearest the anchor (the past one on a tie)."""
    if month == anchor.month:
        return anchor.year
    past_year = anchor.year if month < anchor.month else anchor.year - 1
    back = (anchor.year - past_year) * 12 + anchor.month - month
    return past_year if back <= 6 else past_year + 1


def month_day_near(anchor: date, month: int, day: int, sense: int) -> int:
    """The year of a month and day without one ("Nov. 29"): by tense, else past-biased nearest."""
    if month == anchor.month:
        return anchor.year
    day = min(day, 28)
    past_year = anchor.year if month < anchor.month else anchor.year - 1
    future_year = past_year + 1
    try:
        back = (anchor - date(past_year, month, day)).days
        ahead = (date(future_year, month, day) - anchor).days
    except ValueError:  # year 0 or 10000: nothing to choose
        return anchor.year
    if sense == PAST and back <= _PAST_REACH_DAYS:
        return past_year
    if sense == FUTURE and ahead <= _FUTURE_REACH_DAYS:
        return future_year
    return future_year if ahead <= _UNCUED_AHEAD_DAYS else past_year


def season_year(anchor: date, code: str, rel: int) -> int:
    """The year of "last/this/next <season>" from the anchor (winter is named by its start)."""
    first, last = SEASON_MONTHS[code]
    year = anchor.year
    if code == "WI" and anchor.month <= 2:
        year -= 1  # January 2018 is in winter 2017
    if rel < 0:
        ended = anchor.month > last if code != "WI" else False
        return year if ended else year - 1
    if rel > 0:
        started = anchor.month >= first if code != "WI" else anchor.month <= 2
        return year + 1 if started else year
    return year
