"""Normalizers of spans of time: durations, "two years ago", "last week", "the end of the year"."""

from __future__ import annotations

import re

from storyline.time.context import (
    Context,
    Timex,
    _key,
    _number,
    _point_mod,
    _quant_mod,
    _safe_add,
    _unit,
    _yyyy,
    duration_value,
)
from storyline.time.lexicon import (
    MONTHS,
    SEASONS,
    WEEKDAYS,
)
from storyline.time.resolve import (
    FUTURE,
    PAST,
    iso_week,
    quarter_of,
    season_year,
    shift_months,
    shift_quarter,
    weekday_near,
)

# --- spans of time ------------------------------------------------------------------------

_QUARTERLY = re.compile(r"\bquarter\b", re.IGNORECASE)
_AGE = re.compile(r"^[\s-]+old\b", re.IGNORECASE)


def duration(ctx: Context) -> Timex | None:
    unit = _unit(ctx.group("unit"))
    if unit is None or _AGE.search(ctx.after(8)):
        return None
    n = _number(ctx)
    raw_num = _key(ctx.group("num") or "")
    if unit[0] == "Q" and (raw_num in ("a", "an") or ctx.after(4).lower().startswith(" of")):
        return None
    if unit[0] == "S" and raw_num in ("a", "an"):
        return None  # "a second time"
    if n == 24 and unit[:2] == ("H", 1) and _key(ctx.group("drel") or "") in ("last", "past"):
        return Timex("DURATION", "P1D", _quant_mod(ctx))  # TE3: "the last 24 hours" is a day
    return Timex("DURATION", duration_value(n, unit), _quant_mod(ctx))


def ago(ctx: Context) -> Timex | None:
    unit = _unit(ctx.group("unit"))
    if unit is None:
        return None
    sign = -1 if _key(ctx.group("dir") or "") in ("ago", "earlier", "back") else 1
    ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = _number(ctx)
    a = ctx.anchor
    mod = _quant_mod(ctx)
    letter, mult, clock = unit
    if _key(ctx.group("dir") or "") in ("earlier", "later") and not _QUARTERLY.search(
        ctx.around(200)
    ):
        # "a day earlier" counts from the date the story last gave, when it gave one.
        a = ctx.last_date({"Y": "Y", "M": "M", "Q": "M"}.get(letter, "D")) or a
    if n is None or a is None or clock or n != int(n):
        return Timex("DATE", ref, mod)
    k = int(n) * mult * sign
    if letter == "Y" and k == -1 and _QUARTERLY.search(ctx.around(200)):
        # Earnings reports compare a quarter with the same quarter "a year ago".
        y, q = shift_quarter(a.year, quarter_of(a), -5)
        return Timex("DATE", f"{y:04d}-Q{q}", mod)
    value: str | None
    if letter == "D":
        d = _safe_add(a, k)
        value = d.isoformat() if d else None
    elif letter == "W":
        d = _safe_add(a, 7 * k)
        value = iso_week(d) if d else None
    elif letter == "M":
        y, m = shift_months(a.year, a.month, k)
        value = f"{y:04d}-{m:02d}" if 0 <= y <= 9999 else None
    elif letter == "Q":
        y, q = shift_quarter(a.year, quarter_of(a), k)
        value = f"{y:04d}-Q{q}" if 0 <= y <= 9999 else None
    else:
        value = _yyyy(a.year + k)
    return Timex("DATE", value or ref, mod)


def year_ago(ctx: Context) -> Timex | None:
    a = ctx.anchor
    if a is None:
        return Timex("DATE", "PAST_REF")
    if _QUARTERLY.search(ctx.around(200)):  # the same quarter a year before, as "a year ago"
        y, q = shift_quarter(a.year, quarter_of(a), -5)
        return Timex("DATE", f"{y:04d}-Q{q}")
    return Timex("DATE", _yyyy(a.year - 1) or "PAST_REF")


def vague_ago(ctx: Context) -> Timex | None:
    future = "now" in _key(ctx.group("dir") or "")
    return Timex("DATE", "FUTURE_REF" if future else "PAST_REF")


_REL = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
    "upcoming": 1,
}


def relative_unit(ctx: Context) -> Timex | None:
    what = _key(ctx.group("what") or "").replace("-", "").replace(" ", "")
    rel_word = _key(ctx.group("rel") or "")
    mod = _point_mod(ctx)
    if not rel_word and not mod and not (what == "weekend" and ctx.group("the")):
        return None  # "the week", "the month": too often not a point in time
    r = _REL.get(rel_word, 0)
    a = ctx.anchor
    if rel_word in ("following", "previous") and what in ("year", "month", "week", "day"):
        a = ctx.last_date({"year": "Y", "month": "M"}.get(what, "D")) or a
    if what == "weekend":
        if a is None:
            return Timex("DATE", "XXXX-WXX-WE", mod)
        sense = r if rel_word else (ctx.sense() or PAST)
        sat = (
            weekday_near(a, 5, sense, strict=bool(rel_word) and r != 0) if r or not rel_word else a
        )
        return Timex("DATE", iso_week(sat) + "-WE", mod)
    if what in WEEKDAYS:
        wd = WEEKDAYS[what]
        if a is None:
            return Timex("DATE", f"XXXX-WXX-{wd + 1}", mod)
        sense = r if r else (ctx.sense() or FUTURE)
        return Timex("DATE", weekday_near(a, wd, sense, strict=r != 0).isoformat(), mod)
    if ctx.group("season"):
        code = SEASONS[_key(ctx.group("season") or "")]
        if a is None:
            return Timex("DATE", f"XXXX-{code}", mod)
        return Timex("DATE", f"{season_year(a, code, r):04d}-{code}", mod)
    if ctx.group("month"):
        m = MONTHS.get(_key(ctx.group("month") or "").rstrip("."))
        if m is None:
            return None
        if a is None:
            return Timex("DATE", f"XXXX-{m:02d}", mod)
        y = a.year
        if r < 0:
            y = a.year if m < a.month else a.year - 1
        elif r > 0:
            y = a.year if m > a.month else a.year + 1
        return Timex("DATE", f"{y:04d}-{m:02d}", mod)
    if a is None:
        under = {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX"}
        return Timex("DATE", under.get(what, "XXXX"), mod)
    value: str | None
    if what == "week":
        d = _safe_add(a, 7 * r)
        value = iso_week(d) if d else None
    elif what == "month":
        y, m = shift_months(a.year, a.month, r)
        value = f"{y:04d}-{m:02d}"
    elif what == "quarter":
        y, q = shift_quarter(a.year, quarter_of(a), r)
        value = f"{y:04d}-Q{q}"
    elif what == "year":
        value = _yyyy(a.year + r)
    elif what == "decade":
        value = f"{a.year // 10 + r:03d}"
    else:
        value = f"{a.year // 100 + r:02d}"
    if value is None or value.startswith("-"):
        return None
    return Timex("DATE", value, mod)


_NARRATIVE_GRAIN = {"week": "D", "month": "M", "year": "Y"}


def narrative(ctx: Context) -> Timex | None:
    """ "the next day", "that same year", "later that month": from the story's last date."""
    what = _key(ctx.group("what") or "")
    shift = _REL.get(_key(ctx.group("rel") or ""), 0)
    base = ctx.last_date(_NARRATIVE_GRAIN.get(what, "D"))
    if base is None:
        return None
    if what == "year":
        value = _yyyy(base.year + shift)
    elif what == "month":
        y, m = shift_months(base.year, base.month, shift)
        value = f"{y:04d}-{m:02d}"
    else:
        d = _safe_add(base, 7 * shift if what == "week" else shift)
        value = None if d is None else iso_week(d) if what == "week" else d.isoformat()
    return Timex("DATE", value) if value else None
