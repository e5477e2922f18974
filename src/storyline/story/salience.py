"""Which days and months matter: signals from the coverage, weighed by a learned date ranker.

A day matters when many articles are published on it or the day after (reports appear the
next morning), when several outlets agree on it, when coded events are reported for it, and
above all when articles written on other days refer back (or forward) to it. A day near the
end of the coverage has had little time to be referred back to, so references are also
counted against the articles that could have made them (published after the day), and the
day's place in the span is a signal of its own.

Each signal is a count per day (:class:`DateSignals`), put on a log scale and standardised
within the task, and the ranker is a linear model over them (:class:`DateRanker`), trained the
way DATEWISE trains its date ranker (Ghalandari & Ifrim 2020): a logistic regression over
other stories' reference timelines, tuned leave-one-topic-out (``bench/train_date_ranker.py``).
Months ("in June 2018") are ranked by the same model from their references alone, and
discounted: a month entry says less than a day.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Protocol

import numpy as np

# The signals, in the order of the ranker's weights.
FEATURES: tuple[str, ...] = (
    "mentioning_articles",
    "mentioning_sentences",
    "same_day_mentions",
    "published",
    "published_next_day",
    "sources",
    "events",
    "reference_rate",
    "burst",
    "position",
)


class DatedSentence(Protocol):
    @property
    def article(self) -> str: ...
    @property
    def published(self) -> date: ...
    @property
    def refs(self) -> list[date]: ...
    @property
    def months(self) -> list[date]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def eventful(self) -> bool: ...


@dataclass
class DateSignals:
    """Counts for one day (or month) of the coverage."""

    mentioning_articles: int = 0
    mentioning_sentences: int = 0
    same_day_mentions: int = 0
    published: int = 0
    published_next_day: int = 0
    sources: set[str] = field(default_factory=set)
    events: int = 0
    later_articles: int = 0  # articles published after the day: who could refer back to it


@dataclass(frozen=True)
class DateRanker:
    """A linear model over the standardised signals; its weights come from training."""

    weights: tuple[float, ...]
    intercept: float = 0.0
    # A month's score is multiplied by this: it is a vaguer entry than a day.
    month_discount: float = 0.5

    def scores(self, matrix: np.ndarray) -> np.ndarray:
        linear = matrix @ np.array(self.weights, dtype=float) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-linear)), dtype=float)


@cache
def default_ranker() -> DateRanker:
    """The shipped ranker (``data/date_ranker.json``, written by bench/train_date_ranker.py)."""
    data: dict[str, Any] = dict(_trained())
    weights = dict(zip(data["features"], data["weights"], strict=True))
    return DateRanker(
        tuple(float(weights.get(f, 0.0)) for f in FEATURES),
        float(data["intercept"]),
        float(data.get("month_discount", 0.5)),
    )


@cache
def _trained() -> dict[str, object]:
    path = resources.files("storyline.story").joinpath("data/date_ranker.json")
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


def trained_knobs() -> dict[str, Any]:
    """The timeline options trained with the ranker (TimelineOptions fields)."""
    knobs = _trained().get("timeline", {})
    return dict(knobs) if isinstance(knobs, dict) else {}


def date_signals(
    sentences: Sequence[DatedSentence], leads: Sequence[bool]
) -> tuple[dict[date, DateSignals], dict[date, DateSignals]]:
    """Per day and per month (keyed by its first day): the counts of the module docstring.

    ``leads`` says which sentences may report their publication day (or the day before).
    """
    days: dict[date, DateSignals] = defaultdict(DateSignals)
    months: dict[date, DateSignals] = defaultdict(DateSignals)
    published: dict[str, date] = {}
    mentioned: dict[date, set[str]] = defaultdict(set)
    same_day: dict[date, set[str]] = defaultdict(set)
    month_mentioned: dict[date, set[str]] = defaultdict(set)
    month_same: dict[date, set[str]] = defaultdict(set)
    for s, lead in zip(sentences, leads, strict=True):
        published.setdefault(s.article, s.published)
        for day in s.refs:
            if day == s.published:
                same_day[day].add(s.article)
            else:
                mentioned[day].add(s.article)
                days[day].mentioning_sentences += 1
            if s.eventful:
                days[day].events += 1
        for month in s.months:
            if (month.year, month.month) == (s.published.year, s.published.month):
                month_same[month].add(s.article)
            else:
                month_mentioned[month].add(s.article)
                months[month].mentioning_sentences += 1
        if lead and not s.refs:
            for lag in (0, 1):
                reported = days[s.published - timedelta(lag)]
                if s.source:
                    reported.sources.add(s.source)
                reported.events += int(s.eventful)
    for day, articles in mentioned.items():
        days[day].mentioning_articles = len(articles)
    for day, articles in same_day.items():
        days[day].same_day_mentions = len(articles)
    for month, articles in month_mentioned.items():
        months[month].mentioning_articles = len(articles)
    for month, articles in month_same.items():
        months[month].same_day_mentions = len(articles)
    for day in published.values():
        days[day].published += 1
        days[day - timedelta(1)].published_next_day += 1
    order = sorted(published.values())
    for table in (days, months):
        for key, signals in table.items():
            signals.later_articles = len(order) - _count_upto(order, key, table is months)
    return dict(days), dict(months)


def rank_dates(
    days: dict[date, DateSignals],
    months: dict[date, DateSignals] | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    ranker: DateRanker | None = None,
) -> list[tuple[date, str, float]]:
    """``(date, precision, score)`` in ``[start, end]`` by descending score; ties: earlier."""
    ranker = ranker or default_ranker()
    months = months or {}
    keys = [(d, "day") for d in days if _within(d, start, end)]
    keys += [(m, "month") for m in months if _within(m, start, end, month=True)]
    if not keys:
        return []
    first = start or min(d for d, _ in keys)
    last = end or max(d for d, _ in keys)
    signals = [days[d] if p == "day" else months[d] for d, p in keys]
    matrix = feature_matrix(
        signals, [_position(d, first, last) for d, _ in keys], [p == "month" for _, p in keys]
    )
    scores = ranker.scores(matrix)
    ranked = [
        (d, p, float(s) * (ranker.month_discount if p == "month" else 1.0))
        for (d, p), s in zip(keys, scores, strict=True)
        if _has_signal(days[d] if p == "day" else months[d])
    ]
    ranked.sort(key=lambda item: (-item[2], item[0], item[1]))
    return ranked


def feature_matrix(
    signals: Sequence[DateSignals], positions: Sequence[float], is_month: Sequence[bool]
) -> np.ndarray:
    """One row per key: the signals on a log scale, standardised over the task's keys."""
    rows = [_raw(s) for s in signals]
    raw = np.log1p(np.array(rows, dtype=float))
    # Burst: published that day and the next against the task's typical day.
    volume = raw[:, FEATURES.index("published")] + raw[:, FEATURES.index("published_next_day")]
    typical = float(np.median(volume[volume > 0])) if (volume > 0).any() else 0.0
    raw[:, FEATURES.index("burst")] = volume - typical
    mean = raw.mean(axis=0)
    spread = raw.std(axis=0)
    spread[spread == 0] = 1.0
    matrix = np.asarray((raw - mean) / spread, dtype=float)
    matrix[:, FEATURES.index("position")] = np.array(positions) * 2 - 1
    # A month has no publication signals of its own: neutral, not low.
    months = np.array(is_month, dtype=bool)
    for name in ("published", "published_next_day", "sources", "burst"):
        matrix[months, FEATURES.index(name)] = 0.0
    return matrix


def _raw(s: DateSignals) -> list[float]:
    rate = s.mentioning_articles / math.sqrt(1 + s.later_articles)
    return [
        s.mentioning_articles,
        s.mentioning_sentences,
        s.same_day_mentions,
        s.published,
        s.published_next_day,
        len(s.sources),
        s.events,
        rate,
        0.0,  # burst: filled in over the whole task
        0.0,  # position: filled in over the whole task
    ]


def _has_signal(s: DateSignals) -> bool:
    return bool(s.mentioning_articles or s.same_day_mentions or s.published or s.published_next_day)


def _within(d: date, start: date | None, end: date | None, month: bool = False) -> bool:
    if month:  # a month is within the span when any of its days is
        last_day = (d.replace(day=28) + timedelta(4)).replace(day=1) - timedelta(1)
        return (start is None or last_day >= start) and (end is None or d <= end)
    return (start is None or d >= start) and (end is None or d <= end)


def _position(d: date, first: date, last: date) -> float:
    span = (last - first).days
    return min(1.0, max(0.0, (d - first).days / span)) if span > 0 else 1.0


def _count_upto(order: list[date], key: date, month: bool) -> int:
    """How many of the sorted publication dates fall on or before ``key`` (its month's end)."""
    import bisect

    limit = (key.replace(day=28) + timedelta(4)).replace(day=1) - timedelta(1) if month else key
    return bisect.bisect_right(order, limit)
