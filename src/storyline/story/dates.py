"""Day-precision dates a sentence refers to, for timeline building.

Uses the project's temporal tagger (``storyline.time.tag_times``) when it is importable and
falls back to a small rule set otherwise: full dates ("Jan. 15, 2010", "15 January 2010",
"2010-01-15", tokenised forms like "Jan . 15 , 2010"), month-day without a year (resolved
to the publication year), weekdays and yesterday/today/tomorrow relative to the publication
date. Month- or year-precision references are left out: a timeline entry is a day.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache

logger = logging.getLogger(__name__)

DateTagger = Callable[[str, date | None], list[date]]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DOT = r"(?:\s*\.)?"
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES}){_DOT}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b)?",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES})\b{_DOT}"
    rf"(?:\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b)?",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    r"\b(?:(?P<modifier>last|next|this|coming)\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", re.IGNORECASE)
_FUTURE_CUE = re.compile(r"\b(?:will|next|'ll|due to|scheduled|expected to)\b", re.IGNORECASE)
_RELATIVE_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.lower()[:4] if name.lower().startswith("sept") else name.lower()[:3]]


def rule_date_refs(text: str, published: date | None) -> list[date]:
    """Day-precision references by the fallback rules, in text order, without repeats."""
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            if not free(match.start(), match.end()):
                continue
            year_text = match.group("year")
            if year_text is None and published is None:
                continue
            year = int(year_text) if year_text else published.year  # type: ignore[union-attr]
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else _month_number(month_text)
            day = _make_date(year, month, int(match.group("day")))
            if day is None:
                continue
            # "May 3" in a January article most likely means last May, not this one.
            if year_text is None and published is not None and day > published + timedelta(90):
                day = _make_date(year - 1, month, day.day) or day
            taken.append((match.start(), match.end()))
            found.append((match.start(), day))
    if published is not None:
        future = _FUTURE_CUE.search(text) is not None
        for match in _WEEKDAY.finditer(text):
            if not free(match.start(), match.end()):
                continue
            weekday = _WEEKDAYS.index(match.group("weekday").lower())
            delta = (published.weekday() - weekday) % 7
            modifier = (match.group("modifier") or "").lower()
            # Reports mostly look back; "next" or a future cue in the sentence points forward.
            forward = modifier in ("next", "coming") or (future and modifier != "last")
            if modifier == "last" and delta == 0:
                day = published - timedelta(7)
            elif forward and delta:
                day = published + timedelta((weekday - published.weekday()) % 7)
            else:
                day = published - timedelta(delta)
            found.append((match.start(), day))
        for match in _RELATIVE_DAY.finditer(text):
            found.append(
                (match.start(), published + timedelta(_RELATIVE_OFFSET[match["word"].lower()]))
            )
    seen: set[date] = set()
    ordered: list[date] = []
    for _, day in sorted(found, key=lambda item: item[0]):
        if day not in seen:
            seen.add(day)
            ordered.append(day)
    return ordered


def _tagger_date_refs(tag_times: Callable[..., Sequence[object]]) -> DateTagger:
    def refs(text: str, published: date | None) -> list[date]:
        days: list[date] = []
        for expression in tag_times(text, published):
            value = getattr(expression, "value", "")
            match = _ISO_DAY.match(value) if isinstance(value, str) else None
            if match is None:
                continue
            day = _make_date(int(match[1]), int(match[2]), int(match[3]))
            if day is not None and day not in days:
                days.append(day)
        return days

    return refs


@cache
def default_date_tagger() -> DateTagger:
    """``storyline.time.tag_times`` when the package provides it, else the fallback rules."""
    try:
        from storyline.time import tag_times  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        logger.info("storyline.time.tag_times unavailable; using the rule-based date references")
        return rule_date_refs
    return _tagger_date_refs(tag_times)


def date_refs(text: str, published: date | None) -> list[date]:
    """The days a sentence refers to (day precision only)."""
    return default_date_tagger()(text, published)
