"""Which days matter: date salience from publication volume and references in the text.

A day is important when many articles are published on it or the day after (reports of an
event appear the next morning), and above all when articles written on other days refer back
(or forward) to it. The score is an unsupervised weighted mix of those signals, each
normalised by its total so the weights do not depend on corpus size (cf. DATEWISE's
supervised regression over the same counts, Ghalandari & Ifrim 2020).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol


class DatedSentence(Protocol):
    @property
    def article(self) -> str: ...
    @property
    def published(self) -> date: ...
    @property
    def refs(self) -> list[date]: ...


@dataclass(frozen=True)
class SalienceWeights:
    """Weights of the date signals; defaults tuned on Timeline17 development topics."""

    # Articles elsewhere that mention the day (references before or after their own date).
    mentioning_articles: float = 1.0
    # Sentences mentioning the day, however many per article.
    mentioning_sentences: float = 0.3
    # Articles that mention their own publication day ("today", the date in the dateline).
    same_day_mentions: float = 0.2
    # Articles published on the day, and on the day after.
    published: float = 0.5
    published_next_day: float = 0.3


@dataclass
class DateStats:
    mentioning_articles: int = 0
    mentioning_sentences: int = 0
    same_day_mentions: int = 0
    published: int = 0
    published_next_day: int = 0


def date_statistics(sentences: Iterable[DatedSentence]) -> dict[date, DateStats]:
    """Counts per day from the sentences' publication dates and day references."""
    stats: dict[date, DateStats] = defaultdict(DateStats)
    published: dict[str, date] = {}
    mentioned: dict[date, set[str]] = defaultdict(set)
    same_day: dict[date, set[str]] = defaultdict(set)
    for sentence in sentences:
        published.setdefault(sentence.article, sentence.published)
        for day in sentence.refs:
            if day == sentence.published:
                same_day[day].add(sentence.article)
            else:
                mentioned[day].add(sentence.article)
                stats[day].mentioning_sentences += 1
    for day, articles in mentioned.items():
        stats[day].mentioning_articles = len(articles)
    for day, articles in same_day.items():
        stats[day].same_day_mentions = len(articles)
    for day in published.values():
        stats[day].published += 1
        stats[day - timedelta(1)].published_next_day += 1
    return dict(stats)


def rank_dates(
    stats: dict[date, DateStats],
    *,
    start: date | None = None,
    end: date | None = None,
    weights: SalienceWeights | None = None,
) -> list[tuple[date, float]]:
    """Days in ``[start, end]`` by descending salience; ties go to the earlier day."""
    weights = weights or SalienceWeights()
    days = [d for d in stats if (start is None or d >= start) and (end is None or d <= end)]
    fields: Sequence[str] = (
        "mentioning_articles",
        "mentioning_sentences",
        "same_day_mentions",
        "published",
        "published_next_day",
    )
    totals = {f: sum(getattr(stats[d], f) for d in days) or 1 for f in fields}
    scored = [
        (d, sum(getattr(weights, f) * getattr(stats[d], f) / totals[f] for f in fields))
        for d in days
    ]
    scored = [(d, s) for d, s in scored if s > 0]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored
