"""Turning a matched shape into a TIMEX3 type, value and modifier.

One function per rule of :mod:`storyline.time.patterns`. Each returns None when the shape is
not a time expression after all ("may" the verb, "2000 people"); relative values are
resolved against the anchor date when there is one, and stay underspecified otherwise
("XXXX-12", "PAST_REF").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.model import TimexType
from storyline.time.lexicon import (
    AMBIGUOUS_MONTHS,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    POINT_MODS,
    QUANTITY_MODS,
    SEASON_MONTHS,
    SEASONS,
    UNITS,
    WEEKDAYS,
)
from storyline.time.patterns import Candidate
from storyline.time.resolve import (
    FUTURE,
    PAST,
    UNKNOWN,
    direction,
    iso_week,
    month_day_near,
    month_near,
    quarter_of,
    season_year,
    shift_months,
    shift_quarter,
    weekday_near,
)


@dataclass(frozen=True)
class Timex:
    type: TimexType
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class Context:
    text: str
    anchor: date | None
    cand: Candidate

    def group(self, name: str) -> str | None:
        return self.cand.groups.get(name)

    def sense(self) -> int:
        return direction(self.text, self.cand.start, self.cand.end)

    def before(self, width: int = 40) -> str:
        return self.text[max(0, self.cand.start - width) : self.cand.start]

    def after(self, width: int = 40) -> str:
        return self.text[self.cand.end : self.cand.end + width]


Normalizer = Callable[[Context], Timex | None]


def _key(word: str) -> str:
    return re.sub(r"[\s.]+", " ", word.lower().replace("’", "'")).strip().replace(" '", "'")


def _month(ctx: Context) -> int | None:
    raw = ctx.group("month")
    if raw is None:
        return None
    if raw.isdigit():
        return int(raw)
    if not raw[0].isupper():  # "may" the verb, "march" the noun
        return None
    return MONTHS.get(_key(raw).rstrip("."))


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    y = int(raw)
    if len(raw) == 2:
        y += 1900 if y > 30 else 2000
    return y


def _number(ctx: Context) -> float | None:
    raw = ctx.group("num")
    if raw is None or ctx.group("vague"):
        return None
    if raw[0].isdigit():
        try:
            return float(raw)
        except ValueError:
            return None
    words = re.split(r"[\s-]+", _key(raw))
    key = " ".join(words)
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key])
    total = sum(NUMBER_WORDS.get(w, 0) for w in words)
    return float(total) if total else None


def _point_mod(ctx: Context) -> str | None:
    raw = ctx.group("pmod")
    return POINT_MODS.get(_key(raw).split()[0]) if raw else None


def _quant_mod(ctx: Context) -> str | None:
    raw = ctx.group("qmod")
    return QUANTITY_MODS.get(_key(raw)) if raw else None


def _unit(raw: str | None) -> tuple[str, int, bool] | None:
    if raw is None:
        return None
    key = _key(raw)
    return UNITS.get(key) or UNITS.get(key[:-1]) if key not in UNITS else UNITS[key]


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: tuple[str, int, bool]) -> str:
    letter, mult, clock = unit
    t = "T" if clock else ""
    if letter == "Q":  # TIMEX3 has no quarter unit in durations
        letter, mult = "M", 3 * mult
    if n is None:
        return f"P{t}X{'Y' if mult >= 10 else letter}"
    return f"P{t}{_fmt(n * mult)}{letter}"


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _safe_add(anchor: date, days: float) -> date | None:
    try:
        return anchor + timedelta(days=days)
    except OverflowError:
        return None


def _yyyy(y: int) -> str | None:
    return f"{y:04d}" if 0 <= y <= 9999 else None


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


def month_day(ctx: Context) -> Timex | None:
    m = _month(ctx)
    d = int(ctx.group("day") or 0)
    if m is None or not 1 <= d <= 31:
        return None
    y = _year(ctx.group("year"))
    if y is None:
        if ctx.anchor is None:
            return Timex("DATE", f"XXXX-{m:02d}-{d:02d}")
        y = month_day_near(ctx.anchor, m, d, ctx.sense())
    day = _day(y, m, d)
    return Timex("DATE", day) if day else None


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
    r"and|or|between|early|late|mid|end|since|on)\s+|[,(]\s*)$",
    re.IGNORECASE,
)


def month_only(ctx: Context) -> Timex | None:
    m = _month(ctx)
    raw = ctx.group("month") or ""
    if m is None:
        return None
    if _key(raw) in AMBIGUOUS_MONTHS and not ctx.group("pmod"):
        if not _MONTH_CUE.search(ctx.before(20)):
            return None
    mod = _point_mod(ctx)
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}", mod)
    return Timex("DATE", f"{month_near(ctx.anchor, m, ctx.sense()):04d}-{m:02d}", mod)


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
    if not ctx.group("pmod") and not ctx.group("fiscal") and not ctx.group("prepost"):
        if _NOT_YEAR_BEFORE.search(ctx.before(20)) or _NOT_YEAR_AFTER.search(ctx.after(20)):
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
    return Timex("DATE", f"{start // 10:03d}X", _point_mod(ctx))


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
    m, d = HOLIDAYS[_key(ctx.group("holiday") or "")]
    y = _year(ctx.group("year"))
    if y is None:
        if ctx.anchor is None:
            return Timex("DATE", f"XXXX-{m:02d}-{d:02d}")
        y = month_day_near(ctx.anchor, m, d, ctx.sense())
    return Timex("DATE", f"{y:04d}-{m:02d}-{d:02d}")


# --- quarters and halves ------------------------------------------------------------------


def quarter(ctx: Context) -> Timex | None:
    ordinal = _key(ctx.group("ord") or "")
    qrel = _key(ctx.group("qrel") or "")
    if not ordinal and not qrel and not ctx.group("the"):
        return None
    if ctx.after(4).lower().startswith(" of") and not ctx.group("year") and not ctx.group("rel"):
        if not ordinal:
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


# --- spans of time ------------------------------------------------------------------------

_AGE = re.compile(r"^[\s-]+old\b", re.IGNORECASE)


def duration(ctx: Context) -> Timex | None:
    unit = _unit(ctx.group("unit"))
    if unit is None or _AGE.search(ctx.after(8)):
        return None
    n = _number(ctx)
    raw_num = _key(ctx.group("num") or "")
    if unit[0] == "Q" and raw_num in ("a", "an") and ctx.after(4).lower().startswith(" of"):
        return None
    if unit[0] == "S" and raw_num in ("a", "an"):
        return None  # "a second time"
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
    if n is None or a is None or clock or n != int(n):
        return Timex("DATE", ref, mod)
    k = int(n) * mult * sign
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
    if not rel_word and not mod and what != "weekend":
        return None  # "the week", "the month": too often not a point in time
    r = _REL.get(rel_word, 0)
    a = ctx.anchor
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
        value = f"{a.year // 10 + r:03d}X"
    else:
        value = f"{a.year // 100 + r:02d}"
    if value is None or value.startswith("-"):
        return None
    return Timex("DATE", value, mod)


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


def _clock(ctx: Context, hour: int, minute: int) -> Timex | None:
    word = ctx.group("pre") or ctx.group("post")
    day = _day_of(ctx, word)
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
    "PRESENT_REF": ("now", "currently", "nowadays", "these days", "at present", "presently"),
    "FUTURE_REF": ("future", "soon", "coming"),
}


def deictic(ctx: Context) -> Timex | None:
    key = _key(ctx.group("ref") or "")
    for value, words in _REFS.items():
        if any(w in key for w in words):
            return Timex("DATE", value)
    return Timex("DATE", "PAST_REF")


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
    "duration": duration,
    "rel_unit": relative_unit,
    "decade": decade,
    "century": century,
    "season": season,
    "holiday": holiday,
    "day_part": day_part,
    "deictic_day": deictic_day,
    "set": recurrence,
    "weekday": weekday,
    "deictic": deictic,
    "year": year_only,
    "month": month_only,
}
