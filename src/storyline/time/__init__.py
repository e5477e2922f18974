"""storyline's temporal tagger: finds time expressions and normalizes them to TIMEX3.

    >>> from datetime import date, datetime
    >>> [(t.type, t.value) for t in tag_times("He said on Tuesday.", date(2018, 2, 13))]
    [('DATE', '2018-02-13')]

Pure Python and regular expressions, no model. Relative expressions ("on Tuesday",
"Nov. 29", "last week", "six months ago") are resolved against ``dct``, the document creation
time; without one only absolute expressions get full values and the rest stay
underspecified ("XXXX-12", "PAST_REF").
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime

from storyline.model import Span, TimeExpression
from storyline.time.normalize import NORMALIZERS, Context, Timex
from storyline.time.patterns import scan

__all__ = ["tag_times"]

log = logging.getLogger(__name__)
# "the third-quarter results": a hyphenated adjective whose article belongs to the noun.
_ARTICLE_BEFORE_ADJECTIVE = re.compile(r"(?:[Tt]he|an?|An?) (?=[\w]+-[\w-]+$)")
# "April 24 and 25": a second day of the same month, a date of its own.
_SECOND_DAY = re.compile(
    r"\s*(?:and|or|&)\s+(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?=\s*(?:[.;:)'\"”]|,(?!\s*\d)|$)|\s+(?:in|at|on|when|while|to|for|and)\b)"
)
_FULL_DATE = re.compile(r"(\d{4}-\d\d)-\d\d$")


def tag_times(text: str, dct: date | None = None) -> list[TimeExpression]:
    """TIMEX3 expressions in ``text``, spans as offsets into it, resolved against ``dct``."""
    if not isinstance(text, str) or not text:
        return []
    if isinstance(dct, datetime):  # a timestamp: its day is the anchor
        dct = dct.date()
    anchor = dct.isoformat() if dct is not None else None
    found: list[TimeExpression] = []
    last: Timex | None = None  # the last date given with its year, and where it ended
    last_at = 0
    for cand in scan(text):
        try:
            timex = NORMALIZERS[cand.rule](Context(text, dct, cand, last, last_at))
        except (ValueError, KeyError, OverflowError, IndexError) as exc:
            # A shape our rules matched but cannot read (an odd date); skip it, keep going.
            log.debug("time: skipped %r at %d: %s", cand.rule, cand.start, exc)
            continue
        if timex is None:
            continue
        if cand.groups.get("year") and timex.type == "DATE" and timex.value[:1].isdigit():
            last, last_at = timex, cand.end
        start = cand.start
        if article := _ARTICLE_BEFORE_ADJECTIVE.match(text, start, cand.end):
            start = article.end()
        found.append(
            TimeExpression(Span(start, cand.end), timex.type, timex.value, timex.mod, anchor)
        )
        if second := _second_day(text, cand.end, timex, anchor):
            found.append(second)
    return found


def _second_day(text: str, end: int, timex: Timex, anchor: str | None) -> TimeExpression | None:
    month = _FULL_DATE.match(timex.value) if timex.type == "DATE" else None
    m = _SECOND_DAY.match(text, end) if month else None
    if m is None or month is None:
        return None
    try:
        day = date.fromisoformat(f"{month.group(1)}-{int(m.group('day')):02d}")
    except ValueError:
        return None
    span = Span(m.start("day"), m.end("day"))
    return TimeExpression(span, "DATE", day.isoformat(), timex.mod, anchor)
