"""Words of time: month, weekday, season, number and unit names, and their regex pieces.

Everything here is data; :mod:`storyline.time.patterns` assembles the expressions from it.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# Full month names that are also ordinary English words: alone, they need a cue
# ("in May", "last March") before they count as months.
AMBIGUOUS_MONTHS = frozenset({"may", "march"})

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# TIMEX3 season codes and the months each covers (winter straddles the year end).
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}

# TIMEX3 parts of the day.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

_UNITS_ONES = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

NUMBER_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS_ONES)}
NUMBER_WORDS.update({w: i + 10 for i, w in enumerate(_TEENS)})
NUMBER_WORDS.update({w: (i + 2) * 10 for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "a single": 1, "hundred": 100, "a hundred": 100})
NUMBER_WORDS.update({"a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12})

# Quantities that name no number: "several years" is PXY.
VAGUE_QUANTITIES = frozenset({"several", "a few", "few", "many", "some", "a number of"})

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}

# Calendar unit -> (TIMEX3 duration letter, multiplier, is a clock unit).
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True),
    "sec": ("S", 1, True),
    "minute": ("M", 1, True),
    "min": ("M", 1, True),
    "hour": ("H", 1, True),
    "hr": ("H", 1, True),
    "day": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "yr": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
    "centurie": ("Y", 100, False),
}

# Fixed-date holidays -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "independence day": (7, 4),
    "the fourth of july": (7, 4),
}

# Holidays whose date moves: (month, weekday with Monday 0, which one: 1st, 2nd... or -1 for
# the last). Election Day is the Tuesday after the first Monday of November.
MOVABLE_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
    "martin luther king day": (1, 0, 3),
    "presidents' day": (2, 0, 3),
    "mother's day": (5, 6, 2),
    "father's day": (6, 6, 3),
    "columbus day": (10, 0, 2),
    "election day": (11, 1, 0),
}
# Days counted from Easter Sunday.
EASTER_HOLIDAYS: dict[str, int] = {
    "easter": 0,
    "easter sunday": 0,
    "easter monday": 1,
    "good friday": -2,
}
HOLIDAY_NAMES = (*HOLIDAYS, *MOVABLE_HOLIDAYS, *EASTER_HOLIDAYS)

# Modifiers of a point ("late November") and of a quantity ("about two years").
POINT_MODS: dict[str, str] = {
    "early": "START",
    "earlier": "START",
    "late": "END",
    "later": "END",
    "mid": "MID",
    "middle": "MID",
    "beginning": "START",
    "start": "START",
    "end": "END",
    "close": "END",
    "turn": "START",
}
QUANTITY_MODS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so no word shadows a longer one."""
    parts = sorted(words, key=len, reverse=True)
    return "|".join(p.replace(" ", r"\s+").replace("'", r"\s?['’]") for p in parts)


# Nouns that make a yearless day part of a name: "the October 6 bridge", "the April 6 Youth
# Movement", "July 26 Street".
NAME_NOUNS = frozenset(
    {"bridge", "movement", "street", "avenue", "road", "square", "city", "revolution", "uprising"}
)
