"""Boilerplate learned from repetition across a source's articles, never from a phrase list.

An outlet wraps every story in the same lines: a comment policy ("Views expressed in the
comments do not represent those of ..."), copyright notices, promotions, a credit line ("The
Associated Press contributed to this report"). Such a line recurs in many of the outlet's
articles, on many days, mostly at the end; a sentence of the story recurs only where the same
story is copied. :class:`LineStats` counts, per source and per line (digits folded, so "©
2010" and "© 2011" are one line), how many articles carry it, how many at their tail, and over
which days; :meth:`Boilerplate.is_boilerplate` applies two rules:

- common: the line is in at least ``common_share`` of the source's articles (and a few);
- tail: the line is in a few articles, on different days, nearly always in their last
  ``tail_share`` of lines, and names no calendar day (a dated line at an article's end is
  more often a timeline entry than boilerplate). A long line is also known by its first
  words, so a footer that varies at its end ("A version appeared on p6 of the Main section
  on ...") is caught by the tail rule too.

A footer is sometimes glued to the story's last line ("... died May 4 2005 Letters for
publication should be sent to ..."). Near an article's end, the words that open at each
capital letter inside a long line are counted as well (:func:`segment_keys`); where such a
run passes the tail rule, the line is cut there and the rest goes with the boilerplate.

A boilerplate line that names the comments (data file ``data/comment_cues.txt``) opens the
reader-comment section: the article ends before it. The counts accumulate in the store, so
a source's boilerplate is learned across ingests.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from storyline.ingest.textdates import find_dates

_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_EDGES = " \t.:;,!?|•·›»>-–—*#\"“”'‘’()"


@dataclass(frozen=True)
class BoilerplateRules:
    """Thresholds of the two rules; each a judgement over a source's whole coverage."""

    common_share: float = 0.05
    common_min: int = 4
    tail_min: int = 3
    tail_days: int = 2  # first and last day seen at least this many days apart
    tail_share: float = 0.3  # the last 30% of an article's lines
    tail_ratio: float = 0.7  # share of a line's articles that carry it in their tail
    glued_min: int = 5  # articles a footer glued to a content line must close
    # A comment section opens after at least this share of the article's lines.
    comments_after: float = 0.25


@dataclass
class LineStat:
    articles: int = 0
    tail: int = 0
    first: date | None = None
    last: date | None = None
    dated: bool = False

    def add(self, other: LineStat) -> None:
        self.articles += other.articles
        self.tail += other.tail
        self.first = _min_date(self.first, other.first)
        self.last = _max_date(self.last, other.last)
        self.dated = self.dated or other.dated


@dataclass
class LineStats:
    """Per source: how many articles it has, and per line key how the line occurs."""

    sizes: dict[str, int] = field(default_factory=dict)
    lines: dict[str, dict[str, LineStat]] = field(default_factory=dict)

    def learn(
        self, source: str, text: str, published: date | None, rules: BoilerplateRules
    ) -> None:
        """Count one article's lines (each line once per article)."""
        self.sizes[source] = self.sizes.get(source, 0) + 1
        table = self.lines.setdefault(source, {})
        lines = [line for line in text.split("\n") if line.strip()]
        # The last line is always in the tail, however short the article.
        tail_from = min(len(lines) - 1, len(lines) * (1 - rules.tail_share))
        seen: set[str] = set()
        for index, line in enumerate(lines):
            for key in (line_key(line), prefix_key(line)):
                if not key or key in seen:
                    continue
                seen.add(key)
                stat = table.setdefault(key, LineStat())
                stat.add(
                    LineStat(
                        1,
                        int(index > 0 and index >= tail_from),
                        published,
                        published,
                        bool(find_dates(line)),
                    )
                )
            if index < tail_from:
                continue
            for _offset, run, key in segment_keys(line):
                if key in seen:
                    continue
                seen.add(key)
                stat = table.setdefault(key, LineStat())
                stat.add(LineStat(1, 1, published, published, bool(find_dates(run))))

    def merge(self, other: LineStats) -> None:
        for source, size in other.sizes.items():
            self.sizes[source] = self.sizes.get(source, 0) + size
        for source, table in other.lines.items():
            mine = self.lines.setdefault(source, {})
            for key, stat in table.items():
                mine.setdefault(key, LineStat()).add(stat)


class Boilerplate:
    """Decides which lines of a source's articles are boilerplate, from :class:`LineStats`."""

    def __init__(self, stats: LineStats, rules: BoilerplateRules | None = None) -> None:
        self.stats = stats
        self.rules = rules or BoilerplateRules()

    def is_boilerplate(self, source: str, line: str) -> bool:
        table = self.stats.lines.get(source, {})
        stat = table.get(line_key(line))
        if stat is not None:
            size = self.stats.sizes.get(source, 0)
            if stat.articles >= max(self.rules.common_min, self.rules.common_share * size):
                return True
            if self._tail(stat):
                return True
        prefix = table.get(prefix_key(line))
        return prefix is not None and self._tail(prefix)

    def _tail(self, stat: LineStat) -> bool:
        r = self.rules
        spread = (stat.last - stat.first).days if stat.first and stat.last else 0
        return (
            stat.articles >= r.tail_min
            and spread >= r.tail_days
            and stat.tail >= r.tail_ratio * stat.articles
            and not stat.dated
        )

    def glued_footer(self, source: str, line: str) -> int | None:
        """Where boilerplate glued to the end of a content line starts, if it is."""
        table = self.stats.lines.get(source, {})
        # A background sentence may close a few articles; a footer closes many more.
        least = max(self.rules.glued_min, self.rules.common_share * self.stats.sizes.get(source, 0))
        for offset, _run, key in segment_keys(line):
            stat = table.get(key)
            if stat is not None and stat.articles >= least and self._tail(stat):
                return offset
        return None

    def clean(self, source: str, text: str) -> tuple[str, list[str]]:
        """``text`` without its boilerplate lines and reader comments; and what was cut."""
        lines = text.split("\n")
        content = [line for line in lines if line.strip()]
        tail_from = min(len(content) - 1, len(content) * (1 - self.rules.tail_share))
        removed: list[str] = []
        kept: list[str] = []
        seen = 0
        for position, line in enumerate(lines):
            if not line.strip():
                kept.append(line)
                continue
            seen += 1
            if self.is_boilerplate(source, line):
                if _names_comments(line) and seen > self.rules.comments_after * len(content):
                    removed.extend(x for x in lines[position:] if x.strip())
                    break
                removed.append(line)
                continue
            cut = self.glued_footer(source, line) if seen - 1 >= tail_from else None
            if cut is not None:
                removed.append(line[cut:])
                kept.append(line[:cut].rstrip())
                if _names_comments(line[cut:]):
                    removed.extend(x for x in lines[position + 1 :] if x.strip())
                    break
                continue
            kept.append(line)
        # A cut line leaves no empty paragraph behind.
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
        return text, removed


def line_key(line: str) -> str:
    """What identifies a line across articles: digits folded, case and edges ignored."""
    folded = _SPACE.sub(" ", _DIGIT.sub("0", line)).strip(_EDGES).casefold()
    if not folded:
        return ""
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


PREFIX_WORDS = 8


def prefix_key(line: str) -> str:
    """A long line's first words, as :func:`line_key` folds them ("" for short lines)."""
    words = line.split()
    if len(words) <= PREFIX_WORDS + 2:
        return ""
    return "p" + line_key(" ".join(words[:PREFIX_WORDS]))[1:]


_WORD = re.compile(r"\S+")
SEGMENTS_PER_LINE = 40  # bounds the keys one line adds


def segment_keys(line: str) -> list[tuple[int, str, str]]:
    """(offset, words, key) of each run of words opening at a capital inside a long line.

    Only runs of :data:`PREFIX_WORDS` words that do not start the line; the key is
    :func:`line_key` of the run, marked apart from whole-line and prefix keys.
    """
    words = list(_WORD.finditer(line))
    out: list[tuple[int, str, str]] = []
    for i in range(1, len(words) - PREFIX_WORDS + 1):
        if not words[i].group()[0].isupper():
            continue
        run = line[words[i].start() : words[i + PREFIX_WORDS - 1].end()]
        out.append((words[i].start(), run, "s" + line_key(run)[1:]))
        if len(out) == SEGMENTS_PER_LINE:
            break
    return out


def _names_comments(line: str) -> bool:
    lowered = line.casefold()
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", lowered) for cue in comment_cues())


@cache
def comment_cues() -> tuple[str, ...]:
    text = resources.files("storyline.ingest").joinpath("data/comment_cues.txt").read_text("utf-8")
    return tuple(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def learn_all(
    items: Iterable[tuple[str, str, date | None]], rules: BoilerplateRules | None = None
) -> LineStats:
    """Stats over ``(source, text, published)`` triples."""
    rules = rules or BoilerplateRules()
    stats = LineStats()
    for source, text, published in items:
        stats.learn(source, text, published, rules)
    return stats


def _min_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _max_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def stats_from_rows(rows: Iterable[Mapping[str, object]]) -> LineStats:
    """LineStats from stored rows (``source, key, articles, tail, first, last, dated``)."""
    stats = LineStats()
    for row in rows:
        source = str(row["source"])
        stat = LineStat(
            int(row["articles"]),  # type: ignore[call-overload]
            int(row["tail"]),  # type: ignore[call-overload]
            row["first"],  # type: ignore[arg-type]
            row["last"],  # type: ignore[arg-type]
            bool(row["dated"]),
        )
        stats.lines.setdefault(source, {})[str(row["key"])] = stat
    return stats
