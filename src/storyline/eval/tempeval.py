"""TempEval-3 task A (time expressions), scored as the official toolkit scores it.

The TE3 scorer (``evaluation-entities/evaluate_entities.py`` with the TimeML normalizer)
pairs a system TIMEX3 with a gold one when their extents overlap (relaxed match) and counts a
strict match when the extents are identical. Precision is matches over system expressions,
recall matches over gold ones, F1 their harmonic mean. Type and value accuracy are the share
of relaxed matches whose attribute equals the gold one; the attribute F1 ("value F1", the
TE3 ranking metric) is that accuracy times the relaxed F1.

Run: ``storyline eval time --data ../shared/eval/time/TBAQ-cleaned``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.errors import EvalDataError
from storyline.eval import EvalReport, Floor, require_dir
from storyline.eval.timeml import GoldTimex, TimeMLDocument, read_timeml
from storyline.model import TimeExpression
from storyline.time import tag_times

Tagger = Callable[[str, date | None], Sequence[TimeExpression]]

# Published TempEval-3 platinum numbers of the peers (task A), for the report.
PEERS: dict[str, dict[str, float]] = {
    "HeidelTime (TE3 platinum)": {"relaxed_f1": 0.9030, "strict_f1": 0.8134, "value_f1": 0.7761},
    "SUTime (TE3 platinum)": {"value_f1": 0.6738},
    "ClearTK (TE3 platinum)": {"strict_f1": 0.8271},
}


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type: int = 0
    value: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "relaxed", "strict", "type", "value"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Pair:
    gold: GoldTimex
    system: TimeExpression


def align(gold: Sequence[GoldTimex], system: Sequence[TimeExpression]) -> list[Pair]:
    """One-to-one pairs of overlapping extents, identical extents paired first."""
    used: set[int] = set()
    pairs: dict[int, Pair] = {}
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in pairs:
                continue
            for si, s in enumerate(system):
                if si in used:
                    continue
                hit = (
                    (s.span.start, s.span.end) == (g.start, g.end)
                    if exact
                    else s.span.start < g.end and g.start < s.span.end
                )
                if hit:
                    pairs[gi] = Pair(g, s)
                    used.add(si)
                    break
    return [pairs[i] for i in sorted(pairs)]


def score_document(gold: Sequence[GoldTimex], system: Sequence[TimeExpression]) -> Counts:
    pairs = align(gold, system)
    return Counts(
        gold=len(gold),
        system=len(system),
        relaxed=len(pairs),
        strict=sum(
            (p.system.span.start, p.system.span.end) == (p.gold.start, p.gold.end) for p in pairs
        ),
        type=sum(p.system.type == p.gold.type for p in pairs),
        value=sum(p.system.value == p.gold.value for p in pairs),
    )


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: Counts) -> dict[str, float]:
    """The TE3 task A measures from summed counts (micro-averaged over documents)."""
    sp = c.strict / c.system if c.system else 0.0
    sr = c.strict / c.gold if c.gold else 0.0
    rp = c.relaxed / c.system if c.system else 0.0
    rr = c.relaxed / c.gold if c.gold else 0.0
    rf = _f1(rp, rr)
    type_acc = c.type / c.relaxed if c.relaxed else 0.0
    value_acc = c.value / c.relaxed if c.relaxed else 0.0
    return {
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": _f1(sp, sr),
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": rf,
        "type_accuracy": type_acc,
        "value_accuracy": value_acc,
        "type_f1": type_acc * rf,
        "value_f1": value_acc * rf,
    }


def load_documents(data: Path, limit: int | None = None) -> list[TimeMLDocument]:
    require_dir(data, "a folder of TimeML .tml files (e.g. TBAQ-cleaned)")
    paths = sorted(data.rglob("*.tml"))
    if not paths:
        raise EvalDataError(f"{data}: no .tml files found")
    if limit is not None:
        paths = paths[: max(0, limit)]
    return [read_timeml(p) for p in paths]


def score(
    docs: Sequence[TimeMLDocument], tagger: Tagger = tag_times
) -> tuple[Counts, list[dict[str, object]]]:
    """Summed counts over ``docs`` and each document's own counts."""
    total = Counts()
    per_doc: list[dict[str, object]] = []
    for doc in docs:
        c = score_document(doc.timexes, tagger(doc.text, doc.dct))
        total.add(c)
        per_doc.append({"document": doc.name, **vars(c)})
    return total, per_doc


def evaluate(data: Path, limit: int | None = None) -> EvalReport:
    docs = load_documents(data, limit)
    started = time.perf_counter()
    total, per_doc = score(docs)
    seconds = time.perf_counter() - started
    return EvalReport(
        suite="time",
        dataset=str(data),
        metrics=metrics(total),
        seconds=seconds,
        details={
            "documents": len(docs),
            "counts": vars(total),
            "per_document": per_doc,
            "peers": PEERS,
            "note": "peers' numbers are TE3 platinum (held back here), not this data",
        },
    )


def floors(data: Path) -> list[Floor]:
    """Pinned a little below what the whole of TBAQ-cleaned (TimeBank + AQUAINT, 256
    documents) measured: strict F1 .868, relaxed F1 .933, type accuracy .960, value accuracy
    .858, value F1 .800."""
    return [
        Floor("relaxed_f1", minimum=0.92),
        Floor("strict_f1", minimum=0.86),
        Floor("type_accuracy", minimum=0.95),
        Floor("value_accuracy", minimum=0.85),
        Floor("value_f1", minimum=0.795),
    ]
