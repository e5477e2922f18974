"""Scorers of the two extraction benchmarks, faithful to their own evaluation scripts.

- AEB (scrapinghub/article-extraction-benchmark, ``evaluate.py``): 4-word shingles of
  ``\\w+`` tokens (case kept), per-page TP/FP/FN normalised to sum 1, precision and recall
  averaged over pages (a page with nothing predicted leaves the precision mean), and F1 the
  harmonic mean of the two means.
- WCXB (Murrough-Foley/web-content-extraction-benchmark, ``evaluate.py``): bag-of-words
  precision/recall/F1 of lowercased ``\\w+`` tokens per page, averaged over pages; a snippet
  counts as present when it is a case-insensitive substring of the extracted text.

WCXB's script does not score titles or dates; :func:`title_matches` and
:func:`date_matches` define those here (see their docstrings).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Both scripts tokenise with \w+; AEB keeps case, WCXB lowercases first.
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ShingleCounts:
    """One page's shingle TP/FP/FN, normalised to sum to 1 (AEB's per-page weight)."""

    tp: float
    fp: float
    fn: float


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # AEB keeps one (short) shingle for texts under n tokens, none for an empty text.
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_counts(true: str, pred: str, n: int = 4) -> ShingleCounts:
    """AEB's ``string_shingle_matching``."""
    want, got = _shingles(true, n), _shingles(pred, n)
    tp = fp = fn = 0.0
    for key in want.keys() | got.keys():
        t, p = want.get(key, 0), got.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total > 0:
        return ShingleCounts(tp / total, fp / total, fn / total)
    return ShingleCounts(tp, fp, fn)


def _precision(c: ShingleCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fp == 0:
        return 0.0
    return c.tp / (c.tp + c.fp)


def _recall(c: ShingleCounts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    if c.tp == c.fn == 0:
        return 0.0
    return c.tp / (c.tp + c.fn)


def aeb_scores(pages: Sequence[ShingleCounts]) -> dict[str, float]:
    """AEB's ``metrics_from_tp_fp_fns``: precision, recall (page means) and their F1."""
    precisions = [_precision(c) for c in pages if c.tp + c.fp > 0]
    recalls = [_recall(c) for c in pages if c.tp + c.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def word_prf(predicted: str, reference: str) -> tuple[float, float, float]:
    """WCXB's ``word_f1``: (precision, recall, F1) over lowercased word multisets."""
    pred = _TOKEN.findall((predicted or "").lower())
    ref = _TOKEN.findall((reference or "").lower())
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pred) & Counter(ref)).values())
    precision, recall = overlap / len(pred), overlap / len(ref)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def snippet_rate(text: str, snippets: Sequence[str]) -> float:
    """WCXB's ``snippet_check``: the share of snippets found in the text (1.0 for none)."""
    if not snippets:
        return 1.0
    lowered = (text or "").lower()
    return sum(1 for s in snippets if s.lower() in lowered) / len(snippets)


def normalize_title(title: str | None) -> str:
    """Compatibility-fold, lowercase, unify quotes and dashes, drop punctuation and spacing."""
    folded = unicodedata.normalize("NFKC", title or "").casefold()
    return " ".join(_TOKEN.findall(folded))


def title_matches(predicted: str | None, reference: str | None) -> bool:
    """A title is right when it equals the reference up to case, punctuation and spacing.

    A site name kept around the headline ("Headline | Site") counts as wrong: that is the
    error that matters on a story page.
    """
    return bool(normalize_title(reference)) and normalize_title(predicted) == normalize_title(
        reference
    )


def date_matches(predicted: str | None, reference: str | None) -> bool:
    """A date is right when its ISO day (YYYY-MM-DD) equals the reference's."""
    return bool(reference) and (predicted or "")[:10] == (reference or "")[:10]


def mean(values: Iterable[float]) -> float:
    items = list(values)
    return statistics.fmean(items) if items else 0.0
