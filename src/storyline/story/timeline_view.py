"""A storyline's timeline and what's next, read from annotated articles.

Sentences become timeline candidates with the days and months they refer to (the time
stage's DATE values); the choice of dates and sentences is
:func:`storyline.story.timeline.build_timeline`. A month-precision reference ("in June 2018")
stands for the month, never for its first day: a month entry is shown as the month.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from storyline.annotate.comments import comments_start
from storyline.model import AnnotatedArticle, DatePrecision, Span
from storyline.story.timeline import (
    CandidateSentence,
    TimelineEntry,
    TimelineOptions,
    build_timeline,
)
from storyline.time.resolve import FUTURE, tense_cue

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DEFAULT_DATES = 30
DEFAULT_PER_DATE = 3


@dataclass(frozen=True)
class DatedEntry:
    """A timeline entry with the precision its date is known to."""

    entry: TimelineEntry
    precision: DatePrecision

    @property
    def label(self) -> str:
        d = self.entry.date
        return f"{d.year:04d}-{d.month:02d}" if self.precision == "month" else d.isoformat()


@dataclass(frozen=True)
class UpcomingItem:
    """Something the coverage says is scheduled after its latest date."""

    value: str  # TIMEX3 value, e.g. 2026-04
    mod: str | None
    text: str  # the sentence
    article: str
    start: int
    end: int
    expression: str  # the time expression as written
    # Other articles saying the same (article, start, end).
    also: tuple[tuple[str, int, int], ...] = ()


def expression_date(value: str) -> tuple[date, DatePrecision] | None:
    """The day or month a TIMEX3 DATE value names, if it names one."""
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3])), "day"
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1), "month"
    except ValueError:
        return None
    return None


def candidates(
    docs: Iterable[AnnotatedArticle], pronoun_context: bool = True
) -> list[CandidateSentence]:
    """Timeline candidates from dated articles.

    A sentence that opens with a pronoun ("She extended an invitation ...") is taken with the
    sentences before it back to one that names who it is about, so the item cites what says so.
    """
    out: list[CandidateSentence] = []
    for doc in docs:
        a = doc.article
        # A social post is a reaction, not a report of what happened.
        if a.published is None or a.published_precision != "day" or a.kind == "post":
            continue
        # Each lookup below is by position, so an article costs its length, not its square.
        events = _Within((e.sentence.start, e.sentence.end, True) for e in doc.events)
        actors = _Within((m.span.start, m.span.end, m.entity) for m in doc.mentions if m.entity)
        dates = _Within((t.span.start, t.span.end, t.value) for t in doc.times if t.type == "DATE")
        comments = comments_start(a.text)
        previous: Span | None = None  # the unit of the sentence before
        for span in doc.sentences:
            if span.start >= comments:
                break  # readers' posts: nobody's report of what happened
            unit = span
            if pronoun_context and previous is not None and _continues(a.text, previous, span):
                unit = Span(previous.start, span.end)
            previous = unit
            refs: list[date] = []
            months: list[date] = []
            for value in dates.inside(unit):
                parsed = expression_date(value)
                if parsed is not None:
                    (refs if parsed[1] == "day" else months).append(parsed[0])
            out.append(
                CandidateSentence(
                    a.id,
                    unit.start,
                    unit.end,
                    a.text[unit.start : unit.end],
                    a.published,
                    sorted(set(refs)),
                    frozenset(actors.inside(unit)),
                    bool(events.inside(unit)),
                    sorted(set(months)),
                    a.source,
                )
            )
    return out


_PRONOUN_OPENING = re.compile(r"(?:He|She|They|It|His|Her|Their|Its)\b")


def _continues(text: str, previous: Span, span: Span) -> bool:
    """Whether ``span`` opens with a pronoun pointing back into ``previous`` (same paragraph)."""
    return "\n" not in text[previous.end : span.start] and bool(
        _PRONOUN_OPENING.match(text, span.start)
    )


class _Within:
    """Values of spans, found by the stretch of text that holds them."""

    def __init__(self, spans: Iterable[tuple[int, int, Any]]) -> None:
        self._spans = sorted(spans, key=lambda s: (s[0], s[1]))
        self._starts = [s[0] for s in self._spans]

    def inside(self, unit: Span) -> list[Any]:
        """The values of the spans lying wholly within ``unit``, in text order."""
        first = bisect.bisect_left(self._starts, unit.start)
        last = bisect.bisect_left(self._starts, unit.end)
        return [v for start, end, v in self._spans[first:last] if end <= unit.end]


def story_timeline(
    docs: Sequence[AnnotatedArticle],
    *,
    n_dates: int | None = None,
    per_date: int | None = None,
    start: date | None = None,
    end: date | None = None,
    query: Sequence[str] = (),
    granularity: str = "mixed",
) -> list[DatedEntry]:
    """The timeline of ``docs``: ``granularity`` "mixed" lets months compete with days for
    the entries (the page), "day" keeps to days. The other options are the shipped ones."""
    options = TimelineOptions.shipped(granularity=granularity)
    if end is None:
        # What happened as of the latest coverage: a day after it is ahead (what's next), or a
        # date misread (a reader's comment of years later), never a past event.
        end = max((d.article.published for d in docs if d.article.published), default=None)
    entries = build_timeline(
        candidates(docs, options.pronoun_context),
        n_dates=n_dates or DEFAULT_DATES,
        per_date=per_date or DEFAULT_PER_DATE,
        start=start,
        end=end,
        query=query,
        options=options,
    )
    return [DatedEntry(e, "month" if e.precision == "month" else "day") for e in entries]


def timeline_json(entries: Sequence[DatedEntry]) -> dict[str, Any]:
    """The ``storyline timeline --format json`` schema of DESIGN.md."""
    return {
        "entries": [
            {
                "date": d.label,
                "items": [
                    {
                        "text": item.text,
                        "article": item.article,
                        "start": item.start,
                        "end": item.end,
                        "also": [{"article": a, "start": s, "end": e} for a, s, e in item.also],
                    }
                    for item in d.entry.items
                ],
            }
            for d in entries
        ]
    }


def whats_next(docs: Sequence[AnnotatedArticle]) -> list[UpcomingItem]:
    """Dated expressions pointing past the latest coverage: what is scheduled next.

    Only what the sentence puts in the future ("will", "is scheduled to", "next month"): a
    past-tense clause is a report of what happened, whatever its date resolved to, and a
    future seen from the past ("the concerts were due to start on 13 July") was a plan as of
    then, not one still ahead. One item
    per sentence: a sentence naming a range ("from late next month to early April") gives
    one item whose value spans it; the same sentence in several articles is one item.
    """
    dated = [d.article.published for d in docs if d.article.published]
    if not dated:
        return []
    latest = max(dated)
    items: list[UpcomingItem] = []
    for doc in docs:
        a = doc.article
        if a.published is None:
            continue
        times = _Within((t.span.start, t.span.end, t) for t in doc.times)
        comments = comments_start(a.text)
        for span in doc.sentences:
            if span.start >= comments:
                break
            if a.text[span.start : span.end].rstrip(" ”\"’')").endswith("?"):
                continue  # "Will the peak come in September?" asks; it schedules nothing
            ahead = [
                t
                for t in times.inside(span)
                if t.type == "DATE"
                and (parsed := expression_date(t.value)) is not None
                and _after(parsed, a.published)
                and _after(parsed, latest)
                and tense_cue(a.text, t.span.start, t.span.end) == FUTURE
                and not _chronology_label(a.text, span.start, t.span.start, t.span.end)
                and not _yearless_far_ahead(a.text[t.span.start : t.span.end], parsed, a.published)
            ]
            if not ahead:
                continue
            values = sorted({t.value for t in ahead})
            first = min(ahead, key=lambda t: (t.value, t.span.start))
            items.append(
                UpcomingItem(
                    values[0] if len(values) == 1 else f"{values[0]} to {values[-1]}",
                    first.mod,
                    a.text[span.start : span.end],
                    a.id,
                    span.start,
                    span.end,
                    a.text[first.span.start : first.span.end],
                )
            )
    return _merge_repeats(sorted(items, key=lambda i: (i.value, i.article, i.start)))


# A day written without its year ("20 April") is read ahead of the article only this far: a
# plan months away names its year or says "next April"; further, it is a past day misread.
# (A month alone, "elections in September", is often a plan months ahead.)
YEARLESS_AHEAD_DAYS = 120
_YEAR = re.compile(r"\b\d{4}\b|\bnext\b", re.IGNORECASE)
_LABEL_DASH = re.compile(r"\s*[-–—]\s")


def _chronology_label(text: str, sentence: int, start: int, end: int) -> bool:
    """ "April 30 - Hayward says ...": a chronology's entry, told in the present of its day."""
    return not text[sentence:start].strip() and bool(_LABEL_DASH.match(text, end))


def _yearless_far_ahead(written: str, when: tuple[date, DatePrecision], published: date) -> bool:
    day, precision = when
    return (
        precision == "day"
        and not _YEAR.search(written)
        and (day - published).days > YEARLESS_AHEAD_DAYS
    )


def _merge_repeats(items: list[UpcomingItem]) -> list[UpcomingItem]:
    """One item for a sentence repeated across articles (a wire story in two outlets)."""
    merged: dict[tuple[str, str], UpcomingItem] = {}
    for item in items:
        key = (item.value, " ".join(item.text.casefold().split()))
        first = merged.get(key)
        if first is None:
            merged[key] = item
        else:
            merged[key] = replace(first, also=(*first.also, (item.article, item.start, item.end)))
    return list(merged.values())


def _after(when: tuple[date, DatePrecision], reference: date) -> bool:
    day, precision = when
    if precision == "month":
        return (day.year, day.month) > (reference.year, reference.month)
    return day > reference
