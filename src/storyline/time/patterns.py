"""The surface patterns of time expressions, compiled once into one scanning regex.

Each rule is a named pattern with named groups. The scanner joins all rules into one
alternation (group names stripped, since names must be unique in one regex) and, for the rule
that matched, re-matches that rule's own pattern on the same span to read its groups. Rules are
ordered longest-shape first because a regex alternation takes the first alternative that fits.

Punctuation may stand apart from words (``Jan . 15 , 2010``) because tokenized corpora such as
Timeline17 write it that way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from storyline.time.lexicon import (
    HOLIDAY_NAMES,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    QUANTITY_MODS,
    SEASONS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    alternation,
)

_COMMA = r"(?:\s?,)?"
_FULL_MONTHS = [m for m in MONTHS if (len(m) > 3 or m == "may") and m != "sept"]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS or m == "sept"]
# Month names never run into more letters ("Mar" is not "Marine").
MONTH = (
    rf"(?P<month>(?:{alternation(_FULL_MONTHS)}|{alternation(_ABBR_MONTHS)})(?![a-z])"
    r"(?:\s?\.)?)"
)
MONTH_FULL = (
    rf"(?P<month>(?:{alternation(_FULL_MONTHS)})(?![a-z])|(?:{alternation(_ABBR_MONTHS)})\.)"
)
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
# Years as broadcast transcripts spell them: "nineteen ninety-six", "two thousand".
_SPELLED_YEAR = (
    rf"(?:sixteen|seventeen|eighteen|nineteen)[\s-]+(?:{_TENS})(?:[\s-]+(?:{_ONES}))?(?![a-z])|"
    rf"two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES}|ten|eleven|twelve))?(?![a-z])"
)
YEAR = rf"(?P<year>1[6-9]\d\d|20\d\d|{_SPELLED_YEAR})(?![\d%])"
_WD = alternation(WEEKDAYS)
_WD_ABBR = "mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun"
WEEKDAY = rf"(?P<weekday>{_WD})"
NUM = (
    rf"(?P<num>\d+(?:\.\d+)?(?:\s+(?P<frac>[1-3]/[234])(?!\d))?|(?:{_TENS})(?:[\s-](?:{_ONES}))?(?![a-z])|"
    rf"(?:{alternation(NUMBER_WORDS)})(?![a-z])|(?P<vague>{alternation(VAGUE_QUANTITIES)}))"
)
UNIT = rf"(?P<unit>{alternation(UNITS)})(?:s)?(?![a-z])"
SEASON = rf"(?P<season>{alternation(SEASONS)})"
_ORD_WORDS = alternation([o for o in ORDINALS if not o[0].isdigit()])
# "early", "mid-", "the end of" in front of a point in time.
POINT_MOD = (
    r"(?:(?:the\s+|at\s+the\s+)?(?P<pmod>early|late|mid|middle|"
    r"(?:end|beginning|start|middle|close|turn)\s+of)(?:\s+|\s?-\s?)(?:in\s+)?(?:the\s+)?)?"
)
QUANT_MOD = rf"(?:(?P<qmod>{alternation(QUANTITY_MODS)})\s+(?!th(?:e|ose|ese)\s))?"
_PART = r"(?P<pod>morning|afternoon|evening|night|overnight)"
_DEICTIC_DAY = r"today|tomorrow|yesterday|tonight"
_TZ = r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|KST|JST))?"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str


RULES: tuple[Rule, ...] = (
    Rule(
        "iso",
        r"(?P<year>1[6-9]\d\d|20\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
        r"(?:T(?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d))?(?![\d-])",
    ),
    Rule(
        "slash",
        r"(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>\d{4}|\d{2})(?![\d/])",
    ),
    Rule(
        "mdy",
        rf"(?:(?P<weekday>{_WD}|{_WD_ABBR})(?:\s?\.)?{_COMMA}\s*)?{MONTH}\s*{DAY}"
        rf"(?:{_COMMA}\s*{YEAR})?"
        # A timestamp's clock: "Posted January 16, 2026 08:55".
        rf"(?:{_COMMA}\s+(?:at\s+)?(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?!\d)"
        r"(?:\s*(?P<ampm>[ap])\s?\.?\s?m\b(?:\s?\.(?!\s?\.))?)?)?",
    ),
    Rule(
        "dmy",
        rf"(?:(?P<weekday>{_WD}){_COMMA}\s*)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}"
        rf"(?:{_COMMA}\s*{YEAR})?",
    ),
    Rule("my", rf"{POINT_MOD}{MONTH}(?:{_COMMA}\s*|\s+of\s+){YEAR}"),
    Rule("m_rel_year", rf"{POINT_MOD}{MONTH}\s+(?:of\s+)?(?P<rel>this|last|next)\s+year"),
    Rule(
        "clock",
        rf"(?:(?P<pre>{_DEICTIC_DAY}|{_WD}){_COMMA}\s*(?:at\s+)?)?"
        r"(?P<hour>1[0-2]|0?[1-9])(?:\s?[:.]\s?(?P<minute>[0-5]\d))?\s*"
        r"(?P<ampm>[ap])\s?\.?\s?m\b(?:\s?\.(?!\s?\.))?"
        rf"{_TZ}(?:\s+(?:on\s+)?(?:(?P<post>{_DEICTIC_DAY}|{_WD})|{MONTH}\s*{DAY}(?!\s*,\s*\d)))?",
    ),
    Rule(
        "clock24",
        r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?!\d|:\d|\.\d)" + _TZ,
    ),
    Rule(
        "noon",
        rf"(?:(?P<pre>{_DEICTIC_DAY}|{_WD})\s+(?:at\s+)?)?(?P<noon>noon|midday|midnight)"
        rf"(?:\s+(?:on\s+)?(?P<post>{_DEICTIC_DAY}|{_WD}))?",
    ),
    Rule(
        "quarter",
        r"(?:(?P<the>the)\s+)?(?:(?P<qrel>last|next|this|current|latest|previous|past|same|"
        r"year-ago|year-earlier|year\s+ago|year\s+earlier|fiscal|"
        r"(?:this|last|next)\s+year\s?['’]s)\s+)?"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+)?"
        r"(?:fiscal[\s-]+)?quarter(?!s)"
        rf"(?:(?:\s+of\s+(?:fiscal\s+)?|{_COMMA}\s+){YEAR}|\s+of\s+(?P<rel>this|last|next)\s+year)?",
    ),
    # "year-earlier profit", "the year-ago period": earnings reports' comparison with last year.
    Rule("year_ago", r"(?:the\s+|an?\s+)?year-(?:ago|earlier)(?:\s+period)?(?![\w-])"),
    Rule("qcode", rf"Q(?P<q>[1-4])(?:\s+|\s?-\s?|/|\s?'){YEAR}"),
    Rule("yearq", rf"{YEAR}\s?-?\s?Q(?P<q>[1-4])"),
    Rule(
        "half",
        r"(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half"
        rf"(?:\s+of\s+(?:{YEAR}|(?P<rel>this|last|next)\s+year))?",
    ),
    Rule(
        "ago",
        rf"{QUANT_MOD}{NUM}[\s-]+{UNIT}\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)",
    ),
    Rule("vague_ago", rf"{UNIT}\s+(?P<dir>ago|from\s+now)"),
    Rule(
        "duration",
        rf"{QUANT_MOD}(?:(?P<the>the|those|these)\s+)?(?:(?P<drel>past|last|next|first|coming|"
        r"previous|final|following|initial|remaining|latest|recent)\s+)?"
        rf"{NUM}(?:\s+more)?[\s-]+{UNIT}(?P<half>\s+and\s+a\s+half)?(?:[\s-]+long)?",
    ),
    Rule(
        "rel_unit",
        rf"(?:(?P<emod>earlier|later)\s+(?=this\s+(?:year|month)))?"
        rf"{POINT_MOD}(?:the\s+)?(?P<rel>last|next|this|coming|past|previous|current|following|"
        r"upcoming)\s+"
        # "last Oct. 23" is a day, read by "mdy" with "last" as its tense cue.
        rf"(?P<what>week\s?-?end|week|month|year|quarter|decade|century|{SEASON}|"
        rf"{MONTH_FULL}(?!\s*\d)|"
        rf"{WEEKDAY})(?![a-z])",
    ),
    Rule(  # counted from the date the story last gave: "the next day", "later that year"
        "narrative",
        r"(?:(?P<emod>earlier|later)\s+)?(?:(?:that|the)\s+same|that|the\s+(?P<rel>next|following|"
        r"previous))\s+(?P<what>day|morning|afternoon|evening|night|week|month|year)(?![\w-])",
    ),
    Rule("year_named", rf"the\s+year\s+{YEAR}"),
    Rule(
        "the_year",
        r"the\s+year(?![\s-]+(?:ago|earlier|before|after|later|of|in|end|two|nineteen|\d))",
    ),
    Rule(
        "the_unit",
        rf"{POINT_MOD}(?P<the>the\s+)?(?P<what>week\s?-?end|week|month|year|decade|century)"
        r"(?![a-z])",
    ),
    Rule(
        "decade", rf"{POINT_MOD}(?:the\s+)?(?:(?P<dec>(?:1[5-9]|20)\d0)|['’](?P<dd>\d0))\s?['’]?s"
    ),
    Rule(
        "century",
        rf"{POINT_MOD}(?:the\s+)?(?P<cord>\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORDS})[\s-]+century",
    ),
    Rule("season", rf"{POINT_MOD}{SEASON}(?:\s+(?:of\s+)?{YEAR})?"),
    Rule(
        "holiday",
        rf"(?:(?P<hrel>last|next|this)\s+)?(?P<holiday>{alternation(HOLIDAY_NAMES)})"
        rf"(?:{_COMMA}\s+{YEAR})?"
        # "the Easter holidays", "the Christmas break": a period around the day, not the day.
        r"(?!\s+(?:holidays?|break|recess|vacation|period|season)\b)",
    ),
    Rule(
        "day_part",
        rf"{POINT_MOD}(?P<deic>{_DEICTIC_DAY}|this|last|{_WD})(?:\s?['’]s)?\s+{_PART}",
    ),
    Rule(
        "deictic_day",
        rf"{POINT_MOD}(?P<deic>{_DEICTIC_DAY}|the\s+day\s+before\s+yesterday|"
        r"the\s+day\s+after\s+tomorrow)",
    ),
    Rule(
        "set",
        r"(?P<setw>daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly|semiannually)|"
        rf"(?:every|each|per)\s+(?:other\s+)?(?:{NUM}\s+)?(?:{UNIT}|{WEEKDAY}s?|{MONTH_FULL})|"
        rf"(?P<times>once|twice|thrice|(?:\d+|{_ONES}|{_TENS}|ten|several|many)\s+times)\s+"
        rf"(?:a|an|per|every|each)\s+(?P<unit2>"
        rf"{alternation(UNITS)})",
    ),
    Rule("weekday", rf"{POINT_MOD}{WEEKDAY}(?P<plural>s)?"),
    Rule(
        "deictic",
        r"(?P<ref>right\s+now|now|currently|nowadays|these\s+days|at\s+present|presently|"
        r"recently|lately|formerly|the\s+past|"
        r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+(?:near|short)\s+term(?!-)|"
        r"recent\s+(?:years|months|weeks|days|decades)|current|"
        r"(?:the\s+)?coming\s+(?:years|months|weeks|days|decades))",
    ),
    Rule("open_span", r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)"),
    Rule(
        "year",
        rf"{POINT_MOD}(?:the\s+year\s+)?(?:(?P<fiscal>fiscal|calendar|FY)\s?)?(?P<prepost>pre|post)?-?"
        rf"{YEAR}",
    ),
    Rule("month", rf"{POINT_MOD}{MONTH_FULL}"),
)

# Every word a rule may start with (digits and quotes are let through separately).
_FIRST_WORDS: frozenset[str] = frozenset(
    [*MONTHS, *WEEKDAYS, *SEASONS, *NUMBER_WORDS, *ORDINALS, *UNITS, *VAGUE_QUANTITIES]
    + [w.split()[0] for w in (*QUANTITY_MODS, *HOLIDAY_NAMES)]
    + _TENS.split("|")
    + _WD_ABBR.split("|")
    + [
        "today",
        "tomorrow",
        "yesterday",
        "tonight",
        "now",
        "right",
        "currently",
        "nowadays",
        "these",
        "those",
        "at",
        "present",
        "presently",
        "recently",
        "lately",
        "formerly",
        "the",
        "recent",
        "coming",
        "early",
        "late",
        "mid",
        "middle",
        "end",
        "beginning",
        "start",
        "close",
        "turn",
        "earlier",
        "later",
        "last",
        "next",
        "this",
        "past",
        "previous",
        "current",
        "following",
        "upcoming",
        "latest",
        "same",
        "that",
        "final",
        "fiscal",
        "calendar",
        "FY",
        "pre",
        "post",
        "year-ago",
        "year-earlier",
        "quarter",
        "Q",
        "noon",
        "midday",
        "midnight",
        "daily",
        "weekly",
        "monthly",
        "annually",
        "yearly",
        "nightly",
        "hourly",
        "biweekly",
        "semiannually",
        "every",
        "each",
        "per",
        "once",
        "twice",
        "thrice",
        "several",
        "many",
        "weekend",
        "future",
    ]
)

# Words that make an expression by themselves or with a prefix ("now", "the weekend").
_CORE_EXTRA = [
    "today",
    "tomorrow",
    "yesterday",
    "tonight",
    "now",
    "currently",
    "nowadays",
    "presently",
    "recently",
    "lately",
    "formerly",
    "past",
    "future",
    "present",
    "days",
    "noon",
    "midday",
    "midnight",
    "daily",
    "weekly",
    "monthly",
    "annually",
    "yearly",
    "nightly",
    "hourly",
    "biweekly",
    "semiannually",
    "quarter",
    "weekend",
    "fy",
    "times",
    "once",
    "twice",
    "thrice",
    "current",
    "recent",
    "term",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
]

_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")


@dataclass(frozen=True)
class CompiledRules:
    scanner: re.Pattern[str]
    # Per rule: its own pattern with groups, indexed like the scanner's outer groups.
    by_group: dict[str, tuple[Rule, re.Pattern[str]]]


@lru_cache(maxsize=1)
def compiled_rules() -> CompiledRules:
    """Compile the scanner once, on first use (not at import)."""
    flags = re.IGNORECASE
    alternatives = []
    by_group: dict[str, tuple[Rule, re.Pattern[str]]] = {}
    for rule in RULES:
        anonymous = _NAMED_GROUP.sub("(?:", rule.pattern)
        alternatives.append(f"(?P<r_{rule.name}>{anonymous})")
        by_group[f"r_{rule.name}"] = (rule, re.compile(rule.pattern, flags))
    scanner = re.compile(r"(?<![\w'’])(?:" + "|".join(alternatives) + r")(?![\w])", flags)
    return CompiledRules(scanner, by_group)


@dataclass(frozen=True)
class Candidate:
    rule: str
    start: int
    end: int
    groups: dict[str, str | None]


def scan(text: str) -> Iterator[Candidate]:
    """Each leftmost time-expression shape in ``text``, with the groups of its rule.

    Python's regex engine tries every alternative at every position; most words start no
    time expression, so the scanner is only tried where a word could start one. This is
    what makes the tagger fast (the full alternation everywhere is some 30 times slower).
    """
    rules = compiled_rules()
    starts = _first_words()
    tokens = list(_TOKEN.finditer(text))
    floor = 0
    for i, token in enumerate(tokens):
        start = token.start()
        if start < floor:
            continue
        word = token.group().lower()
        if not _is_core(word) and not _leads_to_core(word, tokens, i, starts):
            continue
        m = rules.scanner.match(text, start)
        if m is None or m.lastgroup is None:
            continue
        rule, own = rules.by_group[m.lastgroup]
        inner = own.fullmatch(text, m.start(), m.end())
        if inner is None:  # cannot happen for the same pattern; be safe on odd input
            continue
        floor = m.end()
        yield Candidate(rule.name, m.start(), m.end(), inner.groupdict())


def _leads_to_core(word: str, tokens: list[re.Match[str]], i: int, starts: frozenset[str]) -> bool:
    """Whether a prefix word ("the", "about", "early") is followed by a chain of words that
    may continue an expression and reaches a core word within a few words."""
    if word not in starts:
        return False
    for t in tokens[i + 1 : i + 6]:
        w = t.group().lower()
        if _is_core(w):
            return True
        if w not in starts and w not in _LINKS:
            return False
    return False


# Words that join a prefix to its core: "at least 72 hours", "the end of the year".
_LINKS = frozenset(
    {
        "least",
        "most",
        "than",
        "to",
        "of",
        "in",
        "and",
        "half",
        "s",
        "near",
        "distant",
        "foreseeable",
        "short",
    }
)


def _is_core(word: str) -> bool:
    """A word that can carry a time expression (a month, a unit, a digit, "today")."""
    if word[0].isdigit() or word[0] in "'’" or (word[0] == "q" and word[1:2].isdigit()):
        return True
    cores = _core_words()
    return word in cores or (word.endswith("s") and word[:-1] in cores)


@lru_cache(maxsize=1)
def _core_words() -> frozenset[str]:
    words = [*MONTHS, *WEEKDAYS, *SEASONS, *UNITS, *_CORE_EXTRA, "nineteen", "thousand"]
    words += [h.split()[0] for h in HOLIDAY_NAMES if not h.startswith("the ")]
    return frozenset(w.lower() for w in words)


_TOKEN = re.compile(r"['’]?[A-Za-z0-9]+")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(w.lower().split()[0].split("-")[0] for w in _FIRST_WORDS)
