"""Timeline metrics of tilse (Martschat & Markert 2017), reimplemented.

``align_date_content_costs_many_to_one`` ("align+ m:1", reported as AR-1/AR-2): each
predicted date is matched to the reference date of least cost, and each reference date to
the predicted date of least cost, where cost = date distance factor × (1 − an unstemmed
ROUGE-1 F approximation of the two days' summaries, punctuation tokens left out). A matched
pair's ROUGE hits are weighted by 1 / (|days apart| + 1). Precision and recall are
micro-averaged over dates. Date F1 is set overlap of the dates, as news-tls scores it.

ROUGE counts follow tilse's ``rouge_computation="reimpl"`` (ROUGE-1.5.5 with ``-m -s`` in
spirit): tokens split on whitespace, lower-cased, SMART stopwords and a few punctuation
tokens dropped, Porter-stemmed, clipped n-gram counts. Deviation: our Porter stemmer is the
published algorithm, NLTK's (which tilse calls) adds a few extensions; the bench
``bench/tls_check_tilse.py`` measures the effect on real outputs.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from storyline.eval.porter import porter_stem

Timeline = Mapping[date, Sequence[str]]
"""Dates mapped to their summary sentences (tokens separated by spaces)."""

# The punctuation tokens tilse drops besides the SMART stopwords.
_PUNCTUATION = frozenset({".", ",", ";", ":", "``", "''", "-", '"'})


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f_score(self) -> float:
        return f_score(self.precision, self.recall)


@dataclass(frozen=True)
class TimelineScores:
    """One predicted timeline scored against one reference."""

    rouge_1: PRF
    rouge_2: PRF
    dates: PRF


def f_score(precision: float, recall: float) -> float:
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@cache
def rouge_stopwords() -> frozenset[str]:
    """ROUGE-1.5.5's ``smart_common_words.txt`` (the SMART stop list ROUGE's ``-s`` uses)."""
    text = resources.files("storyline.eval").joinpath("smart_stopwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line)


def rouge_tokens(sentences: Sequence[str]) -> list[str]:
    """The token stream ROUGE compares: one list for the whole summary, as tilse builds it."""
    ignored = rouge_stopwords() | _PUNCTUATION
    tokens: list[str] = []
    for sentence in sentences:
        for token in sentence.split():
            lowered = token.lower()
            if lowered not in ignored:
                tokens.append(porter_stem(lowered))
    return tokens


@dataclass(frozen=True)
class RougeCounts:
    hits: int
    predicted: int  # precision denominator
    reference: int  # recall denominator


def rouge_n_counts(predicted: Sequence[str], reference: Sequence[str], n: int) -> RougeCounts:
    """Clipped n-gram overlap of two token streams (one reference, as news-tls evaluates)."""
    pred = Counter(zip(*(predicted[i:] for i in range(n)), strict=False))
    ref = Counter(zip(*(reference[i:] for i in range(n)), strict=False))
    hits = sum(min(count, ref[gram]) for gram, count in pred.items())
    return RougeCounts(hits, sum(pred.values()), sum(ref.values()))


def _content_token(token: str) -> bool:
    # tilse 0.2.1 (PyPI) drops a token when it is a substring of string.punctuation: single
    # marks, and also runs such as "()" or "<=>". Kept as is so alignments match tilse's.
    return token not in string.punctuation


def rouge_1_approximation(predicted: Sequence[str], reference: Sequence[str]) -> float:
    """tilse's alignment content score: unigram F on raw whitespace tokens (no stemming)."""
    pred = Counter(t for sentence in predicted for t in sentence.split() if _content_token(t))
    ref = Counter(t for sentence in reference for t in sentence.split() if _content_token(t))
    match = sum(min(count, ref[token]) for token, count in pred.items())
    pred_total = sum(pred.values())
    ref_total = sum(ref.values())
    precision = match / pred_total if pred_total else 0.0
    recall = match / ref_total if ref_total else 0.0
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _date_factor(a: date, b: date) -> float:
    return 1 - 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _many_to_one(sources: list[date], targets: list[date], content: list[list[float]]) -> list[int]:
    """For each source date, the target of least cost; ties go to the earliest target.

    ``content[i][j]`` is the approximate ROUGE-1 F of source i with target j. The cost is
    computed in the same float order as tilse so ties (cost 0 on an exact date) resolve alike.
    """
    chosen: list[int] = []
    for i, source in enumerate(sources):
        best_j = 0
        best_cost = float("inf")
        for j, target in enumerate(targets):
            cost = _date_factor(source, target) * (1 - content[i][j])
            if cost < best_cost:
                best_cost = cost
                best_j = j
        chosen.append(best_j)
    return chosen


def score_timeline(predicted: Timeline, reference: Timeline) -> TimelineScores:
    """AR-1, AR-2 (align+ m:1) and date precision/recall of one timeline against one reference."""
    pred_dates = sorted(predicted)
    ref_dates = sorted(reference)
    if not pred_dates or not ref_dates:
        zero = PRF(0.0, 0.0)
        return TimelineScores(zero, zero, zero)

    approx = [
        [rouge_1_approximation(predicted[p], reference[r]) for r in ref_dates] for p in pred_dates
    ]
    approx_by_ref = [[approx[i][j] for i in range(len(pred_dates))] for j in range(len(ref_dates))]
    pred_to_ref = _many_to_one(pred_dates, ref_dates, approx)
    ref_to_pred = _many_to_one(ref_dates, pred_dates, approx_by_ref)

    pred_tokens = {d: rouge_tokens(predicted[d]) for d in pred_dates}
    ref_tokens = {d: rouge_tokens(reference[d]) for d in ref_dates}
    prf: list[PRF] = []
    for n in (1, 2):
        prec_num = prec_den = rec_num = rec_den = 0.0
        for i, j in enumerate(pred_to_ref):
            p, r = pred_dates[i], ref_dates[j]
            counts = rouge_n_counts(pred_tokens[p], ref_tokens[r], n)
            prec_num += counts.hits / (abs(p.toordinal() - r.toordinal()) + 1)
            prec_den += counts.predicted
        for j, i in enumerate(ref_to_pred):
            p, r = pred_dates[i], ref_dates[j]
            counts = rouge_n_counts(pred_tokens[p], ref_tokens[r], n)
            rec_num += counts.hits / (abs(p.toordinal() - r.toordinal()) + 1)
            rec_den += counts.reference
        prf.append(
            PRF(prec_num / prec_den if prec_den else 0.0, rec_num / rec_den if rec_den else 0.0)
        )

    shared = len(set(pred_dates) & set(ref_dates))
    dates = PRF(shared / len(pred_dates), shared / len(ref_dates))
    return TimelineScores(prf[0], prf[1], dates)


def average_scores(scores: Sequence[TimelineScores]) -> TimelineScores:
    """news-tls's averaging: mean precision and mean recall; F is then taken from the means."""
    if not scores:
        zero = PRF(0.0, 0.0)
        return TimelineScores(zero, zero, zero)

    def mean(values: list[PRF]) -> PRF:
        return PRF(
            sum(v.precision for v in values) / len(values),
            sum(v.recall for v in values) / len(values),
        )

    return TimelineScores(
        mean([s.rouge_1 for s in scores]),
        mean([s.rouge_2 for s in scores]),
        mean([s.dates for s in scores]),
    )
