"""Parsing publication dates given as metadata strings, keeping their precision."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from storyline.model import DatePrecision

_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> tuple[date, DatePrecision] | None:
    """A date and its precision from an ISO string, an RFC 2822 string, or a date object.

    Returns None when ``value`` is empty or not a date; never raises.
    """
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if m := _ISO_PREFIX.match(text):
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := _YEAR_MONTH.match(text):
            return date(int(m[1]), int(m[2]), 1), "month"
        if m := _YEAR.match(text):
            return date(int(m[1]), 1, 1), "year"
    except ValueError:
        return None
    try:
        return parsedate_to_datetime(text).date(), "day"
    except (TypeError, ValueError, IndexError):
        return None


def format_date(value: date | None, precision: DatePrecision) -> str | None:
    """ISO text at the date's precision: 2018-02-13, 2018-02 or 2018."""
    if value is None or precision == "unknown":
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
