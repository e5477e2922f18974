"""Normalizers of days and times of day, weekdays, recurrences and deictic references."""

from __future__ import annotations

import re
from datetime import date

from storyline.time.context import (
    Context,
    Timex,
    _key,
    _number,
    _point_mod,
    _safe_add,
    _unit,
    duration_value,
)
from storyline.time.dates import month_day_value
from storyline.time.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    WEEKDAYS,
)
from storyline.time.resolve import (
    PAST,
    UNKNOWN,
    weekday_near,
)

# --- days and times of day ----------------------------------------------------------------

_DEICTIC_SHIFT = {
    "today": 0,
    "tonight": 0,
    "this": 0,
    "yesterday": -1,
    "last": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_DEICTIC_REF = {-2: "PAST_REF", -1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF", 2: "FUTURE_REF"}


def _day_of(ctx: Context, word: str | None, default: int = 0) -> date | str | None:
    """The date a deictic word or weekday names, or a TIMEX3 stand-in without an anchor."""
    key = _key(word) if word else ""
    a = ctx.anchor
    if key in WEEKDAYS:
        if a is None:
            return f"XXXX-WXX-{WEEKDAYS[key] + 1}"
        return weekday_near(a, WEEKDAYS[key], ctx.sense() or PAST)
    shift = _DEICTIC_SHIFT.get(key, default)
    if a is None:
        return "XXXX-XX-XX"
    return _safe_add(a, shift)


def day_part(ctx: Context) -> Timex | None:
    pod = PARTS_OF_DAY[_key(ctx.group("pod") or "")]
    day = _day_of(ctx, ctx.group("deic"))
    if day is None:
        return None
    text = day if isinstance(day, str) else day.isoformat()
    if _key(ctx.group("deic") or "") in WEEKDAYS:
        # News corpora (TimeBank, AQUAINT) annotate "Friday night" as the day it names.
        return Timex("DATE", text, _point_mod(ctx))
    return Timex("TIME", f"{text}T{pod}", _point_mod(ctx))


def deictic_day(ctx: Context) -> Timex | None:
    key = _key(ctx.group("deic") or "")
    mod = _point_mod(ctx)
    if ctx.anchor is None:
        return Timex("DATE", _DEICTIC_REF[_DEICTIC_SHIFT[key]], mod)
    d = _safe_add(ctx.anchor, _DEICTIC_SHIFT[key])
    if d is None:
        return None
    if key == "tonight":
        return Timex("TIME", f"{d.isoformat()}TNI", mod)
    return Timex("DATE", d.isoformat(), mod)


# A day named just after a clock time it belongs to: "10:35 a.m. (0735 GMT) Friday".
_DAY_AFTER_CLOCK = re.compile(
    r"\s*\([^()]{1,20}\)\s*(?:on\s+)?(today|tomorrow|yesterday|tonight|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


def _clock(ctx: Context, hour: int, minute: int) -> Timex | None:
    word = ctx.group("pre") or ctx.group("post")
    if word is None and (named := _DAY_AFTER_CLOCK.match(ctx.after(40))):
        word = named.group(1)
    day = month_day_value(ctx) if ctx.group("day") else _day_of(ctx, word)
    if day is None:
        return None
    text = day if isinstance(day, str) else day.isoformat()
    return Timex("TIME", f"{text}T{hour:02d}:{minute:02d}")


def clock(ctx: Context) -> Timex | None:
    hour = int(ctx.group("hour") or 0) % 12
    if _key(ctx.group("ampm") or "") == "p":
        hour += 12
    return _clock(ctx, hour, int(ctx.group("minute") or 0))


def clock24(ctx: Context) -> Timex | None:
    before = ctx.before(3)
    if before.rstrip().endswith((":", ",")) or ctx.after(2).startswith(("-", ":")):
        return None  # scores, ratios, verse numbers
    return _clock(ctx, int(ctx.group("hour") or 0), int(ctx.group("minute") or 0))


def noon(ctx: Context) -> Timex | None:
    return _clock(ctx, 0 if _key(ctx.group("noon") or "") == "midnight" else 12, 0)


def weekday(ctx: Context) -> Timex | None:
    raw = ctx.group("weekday") or ""
    wd = WEEKDAYS[_key(raw)]
    if ctx.group("plural"):
        return Timex("SET", f"XXXX-WXX-{wd + 1}")
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-WXX-{wd + 1}", _point_mod(ctx))
    sense = ctx.sense()
    d = weekday_near(ctx.anchor, wd, sense if sense != UNKNOWN else PAST)
    return Timex("DATE", d.isoformat(), _point_mod(ctx))


_SET_WORDS = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "semiannually": "P6M",
    "hourly": "PT1H",
}


def recurrence(ctx: Context) -> Timex | None:
    if ctx.group("setw"):
        return Timex("SET", _SET_WORDS[_key(ctx.group("setw") or "")])
    if ctx.group("weekday"):
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[_key(ctx.group('weekday') or '')] + 1}")
    if ctx.group("month"):
        m = MONTHS.get(_key(ctx.group("month") or "").rstrip("."))
        return Timex("SET", f"XXXX-{m:02d}") if m else None
    unit = _unit(ctx.group("unit") or ctx.group("unit2"))
    if unit is None:
        return None
    n = _number(ctx) if ctx.group("unit") else 1.0
    return Timex("SET", duration_value(n or 1.0, unit))


_REFS = {
    "PRESENT_REF": (
        "now",
        "current",
        "nowadays",
        "these days",
        "at present",
        "presently",
    ),
    "FUTURE_REF": ("future", "soon", "coming", "term"),
}


_OPEN_SPAN_CUE = re.compile(
    r"\b(?:for|in|within|over|after|than|take|takes|took|last|lasted)\s+$", re.IGNORECASE
)


def open_span(ctx: Context) -> Timex | None:
    """A bare plural unit after a cue: "for years", "within days"."""
    unit = _unit(ctx.group("unit"))
    if unit is None or not _OPEN_SPAN_CUE.search(ctx.before(12)):
        return None
    return Timex("DURATION", duration_value(None, unit))


def the_year(ctx: Context) -> Timex | None:
    return Timex("DURATION", "P1Y")


def deictic(ctx: Context) -> Timex | None:
    key = _key(ctx.group("ref") or "")
    for value, words in _REFS.items():
        if any(w in key for w in words):
            return Timex("DATE", value)
    return Timex("DATE", "PAST_REF")
