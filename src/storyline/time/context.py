"""What every normalizer shares: the matched shape in its text, the anchor, and helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.model import TimexType
from storyline.time.lexicon import (
    MONTHS,
    NUMBER_WORDS,
    POINT_MODS,
    QUANTITY_MODS,
    UNITS,
)
from storyline.time.patterns import Candidate
from storyline.time.resolve import (
    direction,
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
    # The last date the text gave with its year ("in 1995", "March 3, 2009"): "the following
    # year" and "a day earlier" count from it, not from the document's date.
    last: Timex | None = None
    last_at: int = 0

    def last_date(self, grain: str) -> date | None:
        """The last explicit date, if near and at least as fine as ``grain`` ("Y", "M", "D")."""
        near = self.cand.start - self.last_at <= _LAST_REACH
        m = _ISO_PREFIX.match(self.last.value) if self.last and near else None
        if m is None or (grain != "Y" and not m.group(2)) or (grain == "D" and not m.group(3)):
            return None
        try:
            return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
        except ValueError:
            return None

    def group(self, name: str) -> str | None:
        return self.cand.groups.get(name)

    def sense(self) -> int:
        return direction(self.text, self.cand.start, self.cand.end)

    def before(self, width: int = 40) -> str:
        return self.text[max(0, self.cand.start - width) : self.cand.start]

    def around(self, width: int) -> str:
        return self.text[max(0, self.cand.start - width) : self.cand.end + width]

    def after(self, width: int = 40) -> str:
        return self.text[self.cand.end : self.cand.end + width]


_LAST_REACH = 300  # characters: about two sentences
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dW])")
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
    if not raw.isdigit():
        return _spelled_year(raw)
    y = int(raw)
    if len(raw) == 2:
        y += 1900 if y > 30 else 2000
    return y


def _spelled_year(raw: str) -> int | None:
    """1996 from "nineteen ninety-six", 2001 from "two thousand and one"."""
    words = [w for w in re.split(r"[\s-]+", raw.lower()) if w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBER_WORDS.get(w, 0) for w in words[2:])
    century = NUMBER_WORDS.get(words[0])
    if century is None:
        return None
    return century * 100 + sum(NUMBER_WORDS.get(w, 0) for w in words[1:])


def _number(ctx: Context) -> float | None:
    raw = ctx.group("num")
    if raw is None or ctx.group("vague"):
        return None
    extra = 0.5 if ctx.group("half") else 0.0
    if raw[0].isdigit():
        frac = ctx.group("frac")
        if frac:  # "2 1/2"
            top, bottom = frac.split("/")
            extra += int(top) / int(bottom)
            raw = raw[: raw.index(frac)].strip()
        try:
            return float(raw) + extra
        except ValueError:
            return None
    words = re.split(r"[\s-]+", _key(raw))
    key = " ".join(words)
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key]) + extra
    total = sum(NUMBER_WORDS.get(w, 0) for w in words)
    return float(total) + extra if total else None


def _point_mod(ctx: Context) -> str | None:
    raw = ctx.group("pmod") or ctx.group("emod")
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
    n *= mult
    lower = _LOWER.get((letter, clock))
    part = round((n - int(n)) * lower[1], 6) if lower else 0.0
    if lower is not None and part and part == int(part):
        # TimeML writes "2 1/2 years" as P2Y6M and "a minute and a half" as PT1M30S.
        low, _, low_clock = lower
        rest = f"{'T' if low_clock and not clock else ''}{int(part)}{low}"
        return f"P{t}{int(n)}{letter}{rest}" if int(n) else f"P{'T' if low_clock else ''}{rest}"
    return f"P{t}{_fmt(n)}{letter}"


# The next smaller unit of a duration unit, how many of it make one, and whether it is a clock
# unit: fractions of a unit are written in it.
_LOWER: dict[tuple[str, bool], tuple[str, int, bool]] = {
    ("Y", False): ("M", 12, False),
    ("W", False): ("D", 7, False),
    ("D", False): ("H", 24, True),
    ("H", True): ("M", 60, True),
    ("M", True): ("S", 60, True),
}


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
