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
