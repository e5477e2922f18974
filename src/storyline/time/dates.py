"""Normalizers of calendar dates, months, years, seasons, holidays, quarters and halves."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.time.context import (
    Context,
    Timex,
    _day,
    _key,
    _month,
    _point_mod,
    _year,
)
from storyline.time.lexicon import (
    AMBIGUOUS_MONTHS,
    EASTER_HOLIDAYS,
    HOLIDAYS,
    MOVABLE_HOLIDAYS,
    NAME_NOUNS,
    ORDINALS,
    SEASON_MONTHS,
    SEASONS,
)
from storyline.time.resolve import (
    FUTURE,
    PAST,
    month_day_near,
    month_near,
    nearest_month_year,
    quarter_of,
    shift_quarter,
)

# --- calendar dates ---------------------------------------------------------------------


def iso(ctx: Context) -> Timex | None:
    y, m, d = int(ctx.group("year") or 0), int(ctx.group("month") or 0), int(ctx.group("day") or 0)
    day = _day(y, m, d)
    if day is None:
        return None
    if ctx.group("hour"):
        return Timex("TIME", f"{day}T{ctx.group('hour')}:{ctx.group('minute')}")
    return Timex("DATE", day)


def slash(ctx: Context) -> Timex | None:
    y = _year(ctx.group("year"))
    day = _day(y or 0, int(ctx.group("month") or 0), int(ctx.group("day") or 0))
    return Timex("DATE", day) if day else None


def month_day_value(ctx: Context) -> str | None:
    """The day a month and day name ("Nov. 29", "Nov. 29, 2017"): the year given, else by
    tense from the anchor, else underspecified (XXXX-11-29)."""
    m = _month(ctx)
    d = int(ctx.group("day") or 0)
    if m is None or not 1 <= d <= 31:
        return None
    y = _year(ctx.group("year"))
    if y is None:
        if ctx.anchor is None:
            return f"XXXX-{m:02d}-{d:02d}"
        y = month_day_near(ctx.anchor, m, d, ctx.sense())
    return _day(y, m, d)


# A yearless day that names a place or a group ("the October 6 bridge", "the April 6
# Youth Movement") is a name, not a date.
_NAMED_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?(?P<noun>[A-Za-z]+)\b")


def _names_a_thing(ctx: Context) -> bool:
    if ctx.group("year"):
        return False
    m = _NAMED_AFTER.match(ctx.after(40))
    if m is None:
        return False
    return m.group("noun").lower() in NAME_NOUNS


def month_day(ctx: Context) -> Timex | None:
    if _names_a_thing(ctx):
        return None
    day = month_day_value(ctx)
    if day is None:
        return None
    if ctx.group("hour") and not day.startswith("X"):
        hour = int(ctx.group("hour") or 0)
        if ctx.group("ampm"):
            hour = hour % 12 + (12 if _key(ctx.group("ampm") or "") == "p" else 0)
        return Timex("TIME", f"{day}T{hour:02d}:{ctx.group('minute')}")
    return Timex("DATE", day)


def month_year(ctx: Context) -> Timex | None:
    m, y = _month(ctx), _year(ctx.group("year"))
    if m is None or y is None:
        return None
    return Timex("DATE", f"{y:04d}-{m:02d}", _point_mod(ctx))


def month_rel_year(ctx: Context) -> Timex | None:
    m = _month(ctx)
    if m is None:
        return None
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}", _point_mod(ctx))
    r = {"last": -1, "next": 1}.get(_key(ctx.group("rel") or ""), 0)
    return Timex("DATE", f"{ctx.anchor.year + r:04d}-{m:02d}", _point_mod(ctx))


_MONTH_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|last|this|next|during|before|after|through|from|to|"
    r"and|or|between|early|late|mid|end|since|on|the)\s+|[,(]\s*)$",
    re.IGNORECASE,
)


def month_only(ctx: Context) -> Timex | None:
    m = _month(ctx)
    raw = ctx.group("month") or ""
    if m is None:
        return None
    ambiguous = _key(raw) in AMBIGUOUS_MONTHS and not ctx.group("pmod")
    if ambiguous and not _MONTH_CUE.search(ctx.before(20)):
        return None
    mod = _point_mod(ctx)
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}", mod)
    if (
        _PREMODIFIER_BEFORE.search(ctx.before(30))
        and _PREMODIFIER_AFTER.match(ctx.after(30))
        and not _DIRECTED_BEFORE.search(ctx.before(30))
    ):
        # "Trump's April China visit": the month names an event in a noun phrase, which the
        # clause's tense ("Chung highlighted ...") does not date; the nearer one is meant.
        return Timex("DATE", f"{nearest_month_year(ctx.anchor, m):04d}-{m:02d}", mod)
    return Timex("DATE", f"{month_near(ctx.anchor, m, ctx.sense()):04d}-{m:02d}", mod)


_PREMODIFIER_BEFORE = re.compile(r"(?:['’]s|\b(?:[Tt]he|his|her|its|their|this|that))\s+$")
# "since the April election" keeps the direction its preposition gives.
_DIRECTED_BEFORE = re.compile(
    r"\b(?:since|until|till|last|next|previous|upcoming|coming)\s+"
    r"(?:the|his|her|its|their|this|that|[\w.]+['’]s)\s+$",
    re.IGNORECASE,
)
_PREMODIFIER_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?[a-z]{3,}\b(?<!\bof)(?<!\band)")


_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$#€£¥]\s?|\d[,.]|\b(?:about|some|nearly|approximately|roughly|around|than|over|"
    r"almost|No|no|number|Nos?|page|route|Route|flight|Flight|room|Room)\.?\s+)$"
)
_NOT_YEAR_AFTER = re.compile(
    r"^(?:\s?[,.]\d|\s?%|\s*(?:percent|per\s+cent|people|persons|men|women|troops|soldiers|"
    r"feet|foot|meters|metres|miles|kilometers|km|tons|tonnes|pounds|dollars|yuan|won|yen|"
    r"euros|shares|points|votes|units|cars|jobs|workers|hours|students|times)\b)",
    re.IGNORECASE,
)


def year_only(ctx: Context) -> Timex | None:
    y = _year(ctx.group("year"))
    if y is None:
        return None
    bare = not ctx.group("pmod") and not ctx.group("fiscal") and not ctx.group("prepost")
    if bare and (_NOT_YEAR_BEFORE.search(ctx.before(20)) or _NOT_YEAR_AFTER.search(ctx.after(20))):
        return None
    mod = _point_mod(ctx)
    pre = _key(ctx.group("prepost") or "")
    if pre == "pre":
        mod = "BEFORE"
    elif pre == "post":
        mod = "AFTER"
    return Timex("DATE", f"{y:04d}", mod)


def decade(ctx: Context) -> Timex | None:
    if ctx.group("dec"):
        start = int(ctx.group("dec") or 0)
    else:
        dd = int(ctx.group("dd") or 0)
        start = (2000 if dd <= 20 else 1900) + dd
    # TIMEX3 names a decade by its first three digits: "the 1970s" is 197.
    return Timex("DATE", f"{start // 10:03d}", _point_mod(ctx))


def century(ctx: Context) -> Timex | None:
    raw = _key(ctx.group("cord") or "")
    n = int(raw[:-2]) if raw[:-2].isdigit() else ORDINALS.get(raw, 0)
    if not 1 <= n <= 30:
        return None
    return Timex("DATE", f"{n - 1:02d}", _point_mod(ctx))


_SEASON_CUE = re.compile(
    r"\b(?:in|during|since|until|till|by|through|throughout|over|before|after|of|this|last|"
    r"next|early|late|mid)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def season(ctx: Context) -> Timex | None:
    code = SEASONS[_key(ctx.group("season") or "")]
    y = _year(ctx.group("year"))
    mod = _point_mod(ctx)
    if y is not None:
        return Timex("DATE", f"{y:04d}-{code}", mod)
    if not mod and not _SEASON_CUE.search(ctx.before(20)):
        return None  # "prices fall", "the Arab Spring"
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{code}", mod)
    sense = ctx.sense()
    first, last = SEASON_MONTHS[code]
    y = ctx.anchor.year
    if code != "WI":
        if sense == PAST and ctx.anchor.month < first:
            y -= 1
        elif sense == FUTURE and ctx.anchor.month > last:
            y += 1
    elif ctx.anchor.month <= 2:
        y -= 1
    return Timex("DATE", f"{y:04d}-{code}", mod)


def holiday(ctx: Context) -> Timex | None:
    name = _key(ctx.group("holiday") or "")
    y = _year(ctx.group("year"))
    if y is None:
        a = ctx.anchor
        if a is None:
            fixed = HOLIDAYS.get(name)
            return Timex("DATE", f"XXXX-{fixed[0]:02d}-{fixed[1]:02d}" if fixed else "XXXX")
        rel = {"last": PAST, "next": FUTURE}.get(_key(ctx.group("hrel") or ""))
        this_year = holiday_on(name, a.year)
        if this_year is None:
            return None
        if rel is not None:  # "last Thanksgiving": the one before the anchor
            y = a.year if (this_year < a) == (rel == PAST) else a.year + rel
        else:
            y = month_day_near(a, this_year.month, this_year.day, ctx.sense())
    day = holiday_on(name, y)
    return Timex("DATE", day.isoformat()) if day else None


def holiday_on(name: str, year: int) -> date | None:
    """The date of a named holiday in ``year`` (fixed, by weekday rule, or from Easter)."""
    if not 1 <= year <= 9999:
        return None
    if name in HOLIDAYS:
        m, d = HOLIDAYS[name]
        return date(year, m, d)
    if name in EASTER_HOLIDAYS:
        return easter(year) + timedelta(days=EASTER_HOLIDAYS[name])
    month, weekday, nth = MOVABLE_HOLIDAYS[name]
    first = date(year, month, 1)
    first_match = first + timedelta(days=(weekday - first.weekday()) % 7)
    if nth == 0:  # Election Day: the Tuesday after the first Monday
        monday = first + timedelta(days=(0 - first.weekday()) % 7)
        return monday + timedelta(days=1)
    if nth > 0:
        return first_match + timedelta(weeks=nth - 1)
    last = first_match
    while (last + timedelta(weeks=1)).month == month:
        last += timedelta(weeks=1)
    return last


def easter(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# --- quarters and halves ------------------------------------------------------------------


def quarter(ctx: Context) -> Timex | None:
    ordinal = _key(ctx.group("ord") or "")
    qrel = _key(ctx.group("qrel") or "")
    if not ordinal and not qrel and not ctx.group("the"):
        return None
    partitive = ctx.after(4).lower().startswith(" of")
    if partitive and not ordinal and not ctx.group("year") and not ctx.group("rel"):
        return None  # "a quarter of the votes"
    q = 4 if ordinal == "final" else ORDINALS.get(ordinal)
    y = _year(ctx.group("year"))
    a = ctx.anchor
    if y is None and ctx.group("rel"):
        if a is None:
            return Timex("DATE", f"XXXX-Q{q or 'X'}")
        y = a.year + {"last": -1, "next": 1}.get(_key(ctx.group("rel") or ""), 0)
    if y is None and qrel.endswith("'s") and a is not None:
        y = a.year + {"last": -1, "next": 1}.get(qrel.split()[0], 0)
    if y is not None:
        return Timex("DATE", f"{y:04d}-Q{q}") if q else Timex("DATE", f"{y:04d}")
    if a is None:
        return Timex("DATE", f"XXXX-Q{q or 'X'}")
    current = quarter_of(a)
    if q is not None:
        y = a.year if q <= current or ctx.sense() == FUTURE else a.year - 1
        if "year" in qrel or qrel == "same":
            y -= 1
        return Timex("DATE", f"{y:04d}-Q{q}")
    shift = {"next": 1, "this": 0, "current": 0}.get(qrel, -1)
    if "year" in qrel or qrel == "same":
        shift = -5
    yy, qq = shift_quarter(a.year, current, shift)
    return Timex("DATE", f"{yy:04d}-Q{qq}")


def quarter_code(ctx: Context) -> Timex | None:
    return Timex("DATE", f"{ctx.group('year')}-Q{ctx.group('q')}")


def half(ctx: Context) -> Timex | None:
    h = 1 if _key(ctx.group("ord") or "") in ("first", "1st") else 2
    y = _year(ctx.group("year"))
    if y is None:
        if ctx.anchor is None:
            return Timex("DATE", f"XXXX-H{h}")
        y = ctx.anchor.year + {"last": -1, "next": 1}.get(_key(ctx.group("rel") or ""), 0)
    return Timex("DATE", f"{y:04d}-H{h}")
