"""Turning a matched shape into a TIMEX3 type, value and modifier.

One function per rule of :mod:`storyline.time.patterns`. Each returns None when the shape is
not a time expression after all ("may" the verb, "2000 people"); relative values are
resolved against the anchor date when there is one, and stay underspecified otherwise
("XXXX-12", "PAST_REF").
"""

from __future__ import annotations

from storyline.time.context import Context, Normalizer, Timex
from storyline.time.dates import (
    century,
    decade,
    half,
    holiday,
    iso,
    month_day,
    month_only,
    month_rel_year,
    month_year,
    quarter,
    quarter_code,
    season,
    slash,
    year_only,
)
from storyline.time.days import (
    clock,
    clock24,
    day_part,
    deictic,
    deictic_day,
    noon,
    open_span,
    recurrence,
    the_year,
    weekday,
)
from storyline.time.spans import ago, duration, narrative, relative_unit, vague_ago, year_ago

__all__ = ["NORMALIZERS", "Context", "Normalizer", "Timex"]

NORMALIZERS: dict[str, Normalizer] = {
    "iso": iso,
    "slash": slash,
    "mdy": month_day,
    "dmy": month_day,
    "my": month_year,
    "m_rel_year": month_rel_year,
    "clock": clock,
    "clock24": clock24,
    "noon": noon,
    "quarter": quarter,
    "qcode": quarter_code,
    "yearq": quarter_code,
    "half": half,
    "ago": ago,
    "vague_ago": vague_ago,
    "year_ago": year_ago,
    "duration": duration,
    "rel_unit": relative_unit,
    "the_unit": relative_unit,
    "narrative": narrative,
    "decade": decade,
    "century": century,
    "season": season,
    "holiday": holiday,
    "day_part": day_part,
    "deictic_day": deictic_day,
    "set": recurrence,
    "weekday": weekday,
    "deictic": deictic,
    "open_span": open_span,
    "the_year": the_year,
    "year": year_only,
    "year_named": year_only,
    "month": month_only,
}
