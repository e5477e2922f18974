"""Timeline summarisation: pick the salient days, then the sentences that tell each day.

The method follows DATEWISE (Ghalandari & Ifrim 2020): rank days (and, on a mixed timeline,
months) by salience (see :mod:`storyline.story.salience`), then for each in rank order
gather its candidates, sentences that refer to the day and the opening sentences of
articles published on it or the day after, and choose those closest to the TF-IDF centroid
of the terms both kinds of candidates share (one by one, or together: each added sentence
bringing the day's summary closest to it, DATEWISE's CentroidOpt), preferring sentences
that match the query and skipping near-repeats of what the timeline already says. Days
whose candidates yield nothing are passed over, so the timeline still gets ``n_dates`` days
when the corpus has them. Deterministic: every tie is broken by date, article id or offset.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.story.salience import DateRanker, date_signals, rank_dates, trained_knobs

logger = logging.getLogger(__name__)

_TERMINAL = frozenset(".!?\"”’')…")


@dataclass
class CandidateSentence:
    """A sentence of an article: its span, text, publication day and the days it refers to."""

    article: str
    start: int
    end: int
    text: str
    published: date
    refs: list[date] = field(default_factory=list)
    # Entities the sentence names, and whether it reports a coded event (both optional:
    # a corpus without the entity and event stages leaves them empty).
    actors: frozenset[str] = frozenset()
    eventful: bool = False
    # Months it refers to ("in June 2018"), as their first days; and the article's outlet.
    months: list[date] = field(default_factory=list)
    source: str | None = None


@dataclass
class TimelineItem:
    """One sentence chosen for a day, with the other sources saying the same thing."""

    text: str
    article: str
    start: int
    end: int
    also: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class TimelineEntry:
    date: date
    items: list[TimelineItem]
    precision: str = "day"  # or "month": the entry stands for the month of ``date``
    score: float = 0.0  # the date ranker's salience


@dataclass(frozen=True)
class TimelineOptions:
    """Knobs of the sentence choice; defaults tuned on Timeline17 development topics."""

    # Opening sentences of an article that may speak for its publication day in the choice
    # of sentences (the date signals always count SIGNAL_LEADS).
    lead_sentences: int = 10
    # Articles published this many days after a day still report it with their leads
    # (1: the next morning's reports, as in DATEWISE).
    report_lag_days: int = 1
    # Sentences shorter or longer than this (in words) rarely make a good entry.
    min_words: int = 5
    max_words: int = 60
    # Cosine above which a sentence repeats one already in the timeline.
    redundancy: float = 0.5
    # Cosine above which another source's sentence counts as saying the same thing.
    same_report: float = 0.6
    # Down-weights sentences written long after (or before) the day: score / (1 + w·√days).
    distance_weight: float = 0.0
    # Keep only centroid terms that both the mentioning and the lead sentences use
    # (DATEWISE's "PM mean" candidates), when the day has both kinds.
    shared_terms_centroid: bool = True
    # The date ranker (None: the shipped one, see salience.default_ranker).
    ranker: DateRanker | None = None
    # "mixed": days and months compete for the entries; "day": days only.
    granularity: str = "mixed"
    # Share of the entries kept for the latest days of the coverage (the last
    # ``recent_span`` of its span, at least ``recent_days``), best ranked first.
    recent_share: float = 0.0
    # Entries the latest days always get, whatever the share: the story's latest development
    # is on the page (and leads its brief) though nothing later refers back to it yet.
    recent_min: int = 1
    recent_span: float = 0.1
    recent_days: int = 3
    # How much a date near one already taken is discounted (0: not at all).
    spread: float = 0.0
    # A sentence opening with a pronoun comes with the sentence before it (who "she" is).
    pronoun_context: bool = True
    # Choose a day's sentences together, each adding what brings their sum closest to the
    # centroid (DATEWISE's CentroidOpt), rather than each by its own closeness.
    summary_centroid: bool = False
    # Score bonus for a sentence's closeness to the whole coverage's centroid
    # (score · (1 + w · cosine)): of a day's sentences, those about the story itself.
    story_weight: float = 0.0

    @classmethod
    def shipped(cls, **changes: Any) -> TimelineOptions:
        """The options the product uses: the knobs trained with the date ranker
        (data/date_ranker.json, bench/train_date_ranker.py), then ``changes``."""
        return replace(cls(**trained_knobs()), **changes)

    # Let a sentence that names a day stand for it even if it already stands for another.
    reuse_for_named_days: bool = True
    # A sentence reporting a coded event speaks for its publication day wherever it stands
    # in the article, not only among the leads.
    eventful_as_leads: bool = True
    # Score bonus for the share of a sentence's actors the timeline does not cover yet
    # (score · (1 + w · share)): who-did-what coverage, not only centrality.
    new_actor_weight: float = 0.5
    # Score bonus for a sentence that reports a coded event (score · (1 + w)).
    event_weight: float = 0.25
    # When the sentences carry their actors, an item must name one: "These statements were
    # reported on February 27" says when but not who or what.
    need_actor: bool = True


# The leads the date signals count (an article's first ten sentences and any sentence that
# reports a coded event), as bench/train_date_ranker.py trained the ranker on them.
SIGNAL_LEADS = TimelineOptions(lead_sentences=10, eventful_as_leads=True)


def build_timeline(
    sentences: Sequence[CandidateSentence],
    *,
    n_dates: int,
    per_date: int,
    start: date | None = None,
    end: date | None = None,
    query: Sequence[str] = (),
    options: TimelineOptions | None = None,
) -> list[TimelineEntry]:
    """A timeline of up to ``n_dates`` days with up to ``per_date`` sentences each.

    Only sentences published within ``[start, end]`` are read, and only days within it are
    chosen. ``query`` terms (case-insensitive substrings) steer the choice of sentences to the
    story when any candidate of a day contains one.
    """
    options = options or TimelineOptions.shipped()
    if n_dates <= 0 or per_date <= 0:
        return []
    pool = [
        s
        for s in sentences
        if (start is None or s.published >= start) and (end is None or s.published <= end)
    ]
    if not pool:
        return []
    pool.sort(key=lambda s: (s.published, s.article, s.start))
    # The date ranker learnt its signals from one definition of an article's leads; the
    # sentence choice's own (options.lead_sentences) must not change what it reads.
    days, months = date_signals(pool, lead_flags(pool, SIGNAL_LEADS))
    leads = lead_flags(pool, options)
    ranked = rank_dates(
        days,
        months if options.granularity == "mixed" else None,
        start=start,
        end=end,
        ranker=options.ranker,
    )

    vectorizer = TfidfVectorizer(stop_words="english", lowercase=True, sublinear_tf=True)
    try:
        vectors = vectorizer.fit_transform([s.text for s in pool]).tocsr()
    except ValueError:  # nothing but stopwords
        return []
    candidates = _candidates_by_key(pool, leads, options)
    story = _story_closeness(vectors) if options.story_weight else None
    terms = [t.lower() for t in query if t.strip()]
    on_topic = np.array([any(t in s.text.lower() for t in terms) for s in pool], dtype=bool)
    words = np.array([len(s.text.split()) for s in pool])
    fits = (words >= options.min_words) & (words <= options.max_words)
    # A sentence cut off mid-way ("But Brown said the January 14 overthrow of") tells nothing.
    fits &= np.array([s.text.rstrip()[-1:] in _TERMINAL for s in pool], dtype=bool)
    if options.need_actor and any(s.actors for s in pool):
        # Nor does such a sentence steer the choice of the others (see _centroid).
        named = np.array([bool(s.actors) for s in pool], dtype=bool)
        fits &= named
        candidates = {
            day: ([r for r in mentioned if named[r]], [r for r in leads if named[r]])
            for day, (mentioned, leads) in candidates.items()
        }

    entries: list[TimelineEntry] = []
    chosen_rows: list[int] = []
    picker = DatePicker(ranked, pool[0].published, pool[-1].published, n_dates, options)
    while len(entries) < n_dates and (key := picker.next()) is not None:
        day, precision, score = key
        mentioned, reports = candidates.get((day, precision), ([], []))
        rows = _choose(
            day,
            pool,
            mentioned,
            reports,
            vectors,
            fits,
            on_topic,
            chosen_rows,
            per_date,
            options,
            story,
        )
        if not rows:
            continue
        picker.accept(key)
        chosen_rows.extend(rows)
        items = [_item(pool, vectors, r, mentioned + reports, options) for r in rows]
        entries.append(TimelineEntry(day, items, precision, score))
    entries.sort(key=lambda e: (e.date, e.precision == "day"))
    logger.debug("timeline: %d days from %d sentences", len(entries), len(pool))
    return entries


RankedKey = tuple[date, str, float]


class DatePicker:
    """The order in which ranked dates are offered to a timeline.

    First the latest days, up to their quota (nothing published later can refer back to them
    yet, so the ranker's reference signals undersell them); then the rest by score, each
    discounted by its nearness to the dates already taken (``spread``): a timeline tells the
    whole span, not ten days of its busiest week.
    """

    def __init__(
        self,
        ranked: Sequence[RankedKey],
        first: date,
        latest: date,
        n_dates: int,
        options: TimelineOptions,
    ) -> None:
        recent_from = latest - timedelta(
            max(options.recent_days, round(options.recent_span * (latest - first).days))
        )
        quota = max(min(options.recent_min, n_dates), round(options.recent_share * n_dates))
        self.spread = options.spread
        # Nearness fades over the spacing an even timeline would have.
        self.scale = max(1.0, (latest - first).days / max(1, n_dates) / 2)
        self.quota = [k for k in ranked if k[1] == "day" and k[0] >= recent_from][:quota]
        self.rest = [k for k in ranked if k not in set(self.quota)]
        self.taken: list[date] = []

    def next(self) -> RankedKey | None:
        """The next date to try, or None when none is left."""
        if self.quota:
            return self.quota.pop(0)
        if not self.rest:
            return None
        best = max(range(len(self.rest)), key=lambda i: (self._value(self.rest[i]), -i))
        return self.rest.pop(best)

    def accept(self, key: RankedKey) -> None:
        """``key`` made it into the timeline: later dates near it count for less."""
        self.taken.append(key[0])

    def _value(self, key: RankedKey) -> float:
        if not self.spread or not self.taken:
            return key[2]
        near = max(math.exp(-abs((key[0] - t).days) / self.scale) for t in self.taken)
        return key[2] * (1 - self.spread * near)


def lead_flags(pool: Sequence[CandidateSentence], options: TimelineOptions) -> list[bool]:
    """Which sentences may report their publication day: an article's opening sentences, and
    a sentence reporting a coded event wherever it stands."""
    position: dict[str, int] = defaultdict(int)
    flags = []
    for sentence in pool:
        index = position[sentence.article]
        position[sentence.article] += 1
        flags.append(
            index < options.lead_sentences or (options.eventful_as_leads and sentence.eventful)
        )
    return flags


def _candidates_by_key(
    pool: Sequence[CandidateSentence], leads: Sequence[bool], options: TimelineOptions
) -> dict[tuple[date, str], tuple[list[int], list[int]]]:
    """Per day or month: rows of sentences referring to it, and lead sentences reporting it."""
    mentioned: dict[tuple[date, str], list[int]] = defaultdict(list)
    reports: dict[tuple[date, str], list[int]] = defaultdict(list)
    for row, sentence in enumerate(pool):
        days = set(sentence.refs)
        for day in days:
            mentioned[(day, "day")].append(row)
        for month in set(sentence.months):
            mentioned[(month, "month")].append(row)
        if not days and leads[row]:
            for lag in range(options.report_lag_days + 1):
                reports[(sentence.published - timedelta(lag), "day")].append(row)
    return {k: (mentioned.get(k, []), reports.get(k, [])) for k in set(mentioned) | set(reports)}


def _story_closeness(vectors: sparse.csr_matrix) -> np.ndarray:
    """Each sentence's cosine with the centroid of all of them (the rows are unit length)."""
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if not norm:
        return np.zeros(vectors.shape[0])
    return np.asarray(vectors @ (centroid / norm)).ravel()


def _centroid(
    vectors: sparse.csr_matrix, mentioned: list[int], leads: list[int], shared_terms: bool
) -> np.ndarray:
    """Mean of the mentioning sentences plus mean of the lead sentences, unit length."""
    centroid = np.zeros(vectors.shape[1])
    means = [np.asarray(vectors[rows].mean(axis=0)).ravel() for rows in (mentioned, leads) if rows]
    for mean in means:
        centroid += mean
    if shared_terms and len(means) == 2:
        shared = np.where((means[0] == 0) | (means[1] == 0), 0.0, centroid)
        # Two kinds of candidates with nothing in common: fall back to all their terms.
        if shared.any():
            centroid = shared
    norm = float(np.linalg.norm(centroid))
    return centroid / norm if norm else centroid


def _choose(
    day: date,
    pool: Sequence[CandidateSentence],
    mentioned: list[int],
    leads: list[int],
    vectors: sparse.csr_matrix,
    fits: np.ndarray,
    on_topic: np.ndarray,
    chosen: list[int],
    per_date: int,
    options: TimelineOptions,
    story: np.ndarray | None = None,
) -> list[int]:
    rows = sorted(set(mentioned) | set(leads))
    if not rows:
        return []
    centroid = _centroid(vectors, mentioned, leads, options.shared_terms_centroid)
    eligible = [r for r in rows if fits[r]]
    if any(on_topic[r] for r in eligible):
        eligible = [r for r in eligible if on_topic[r]]
    if not eligible:
        return []
    scores = vectors[eligible] @ centroid
    if options.event_weight:
        scores = scores * np.array([1 + options.event_weight * pool[r].eventful for r in eligible])
    if story is not None:
        scores = scores * (1 + options.story_weight * story[eligible])
    if options.new_actor_weight:
        covered = {a for r in chosen for a in pool[r].actors}
        scores = scores * np.array(
            [1 + options.new_actor_weight * _new_share(pool[r].actors, covered) for r in eligible]
        )
    if options.distance_weight:
        days_apart = np.array([abs((pool[r].published - day).days) for r in eligible])
        scores = scores / (1 + options.distance_weight * np.sqrt(days_apart))
    order = sorted(range(len(eligible)), key=lambda i: (-scores[i], eligible[i]))
    picked: list[int] = []

    def repeats(row: int) -> bool:
        # A sentence naming several days ("Singapore in June 2018, Hanoi in February 2019")
        # is the evidence for each: only this day's picks count as repeats of it then.
        own_day = options.reuse_for_named_days and (
            day in pool[row].refs or day in pool[row].months
        )
        previous = picked if own_day else chosen + picked
        if not previous:
            return False
        return bool((vectors[previous] @ vectors[row].T).max() > options.redundancy)

    if options.summary_centroid:
        return _summary_choice(eligible, scores, vectors, centroid, per_date, repeats, picked)
    for i in order:
        if len(picked) >= per_date or scores[i] <= 0:
            break
        if not repeats(eligible[i]):
            picked.append(eligible[i])
    return picked


def _summary_choice(
    eligible: list[int],
    scores: np.ndarray,
    vectors: sparse.csr_matrix,
    centroid: np.ndarray,
    per_date: int,
    repeats: Callable[[int], bool],
    picked: list[int],
) -> list[int]:
    """Greedy CentroidOpt: each step adds the sentence whose vector brings the day's summary
    closest to the centroid (weighted as the single scores are), so a second sentence adds
    what the first left out rather than repeating its terms. The picks go into ``picked``,
    which ``repeats`` reads: a sentence repeating one picked for the day is passed over."""
    rows = vectors[eligible]
    closeness = np.asarray(rows @ centroid).ravel()  # the rows are unit length
    weight = np.divide(scores, closeness, out=np.ones_like(scores), where=closeness > 0)
    total = np.zeros(vectors.shape[1])
    left = [i for i in range(len(eligible)) if scores[i] > 0]
    while len(picked) < per_date and left:
        # |total + v|² = |total|² + 2 total·v + 1, and (total + v)·c = total·c + v·c.
        along = np.asarray(rows[left] @ total).ravel()
        norms = np.sqrt(total @ total + 2 * along + 1.0)
        gain = (total @ centroid + closeness[left]) / norms * weight[left]
        order = sorted(range(len(left)), key=lambda k: (-gain[k], eligible[left[k]]))
        taken = next((left[k] for k in order if not repeats(eligible[left[k]])), None)
        if taken is None:
            break
        picked.append(eligible[taken])
        total = total + rows[taken].toarray().ravel()
        left.remove(taken)
    return picked


def _new_share(actors: frozenset[str], covered: set[str]) -> float:
    return len(actors - covered) / len(actors) if actors else 0.0


def _item(
    pool: Sequence[CandidateSentence],
    vectors: sparse.csr_matrix,
    row: int,
    day_rows: list[int],
    options: TimelineOptions,
) -> TimelineItem:
    sentence = pool[row]
    others = sorted({r for r in day_rows if pool[r].article != sentence.article})
    also: list[tuple[str, int, int]] = []
    if others:
        similarity = (vectors[others] @ vectors[row].T).toarray().ravel()
        seen: set[str] = set()
        for r, sim in zip(others, similarity, strict=True):
            other = pool[r]
            if sim >= options.same_report and other.article not in seen:
                seen.add(other.article)
                also.append((other.article, other.start, other.end))
    return TimelineItem(sentence.text, sentence.article, sentence.start, sentence.end, also)
