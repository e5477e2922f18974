"""Suite "tls": timeline summarisation on Timeline17, scored as news-tls and tilse score it.

The product path, end to end: each topic's ``InputDocs`` folder is ingested into a store and
annotated exactly as ``storyline ingest`` does, and each gold timeline's task is answered by
the function behind ``storyline timeline --from FIRST --to LAST --dates L --sentences K
--granularity day`` and the story page
(:func:`storyline.story.timeline_view.story_timeline`), which sees the stored articles and
nothing else: no gold, no topic keywords. Per gold timeline: L = its number of dates, K =
its mean sentences a date (rounded as news-tls does), articles published between its first
and last date. Scores: AR-1 and AR-2 (tilse's align+ m:1) and date F1, precision and recall
averaged over timelines and F taken from the averages. The system's sentences are put back
into the dataset's Penn-Treebank tokens before scoring, since the gold and the metric's
tokeniser are in that form.

``limit=N`` scores the N gold timelines whose topics have the fewest input documents (ties by
topic then timeline name): on this copy of the set, ``limit=3`` is H1N1_guardian, H1N1_bbc and
MJ_bbc, which is what CI gates on. Stores are kept in ``STORYLINE_TLS_CACHE`` (a folder) when
set, so repeated runs on unchanged code skip ingestion.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.eval import EvalReport, Floor, require_dir
from storyline.eval.ptb import ptb_tokens
from storyline.eval.t17 import GoldTimeline, T17Topic, load_topics
from storyline.eval.tilse_metrics import TimelineScores, average_scores, score_timeline
from storyline.model import AnnotatedArticle
from storyline.store import Store, open_store
from storyline.story.timeline_view import DatedEntry, story_timeline

logger = logging.getLogger(__name__)

# Published results on the full Timeline17 (see eval/README.md in the shared data).
PEERS: dict[str, dict[str, float]] = {
    "DATEWISE": {"ar1_f": 0.120, "ar2_f": 0.035, "date_f1": 0.544},
    "SUnSET (Qwen-72B)": {"ar1_f": 0.136, "ar2_f": 0.044, "date_f1": 0.576},
}

# The CI gate runs limit=3 (see the module docstring); floors() holds for it and the full set.
GATE_LIMIT = 3


@dataclass(frozen=True)
class TimelineRun:
    topic: str
    timeline: str
    scores: TimelineScores
    seconds: float
    n_dates: int
    per_date: int


def topic_store(topic: T17Topic, folder: Path) -> Store:
    """The topic's articles ingested and annotated as ``storyline ingest`` does (kept in
    ``folder``: a store already there with articles is used as it is)."""
    from storyline.workflow import ingest

    path = folder / f"{topic.name}.db"
    store = open_store(f"sqlite:///{path}")
    if store.count() == 0:
        started = time.perf_counter()
        report = ingest(store, [str(topic.path / "InputDocs")])
        logger.info(
            "tls %s: %d articles ingested and annotated in %.0fs",
            topic.name,
            report.annotated,
            time.perf_counter() - started,
        )
    return store


def predict(docs: list[AnnotatedArticle], gold: GoldTimeline) -> list[DatedEntry]:
    """The system's timeline for one gold timeline's task (sizes and span from the gold)."""
    return story_timeline(
        docs,
        n_dates=gold.n_dates,
        per_date=gold.sentences_per_date,
        start=gold.dates[0],
        end=gold.dates[-1],
        granularity="day",  # the task asks for days
    )


def system_timeline(entries: list[DatedEntry]) -> dict[Any, list[str]]:
    """Day → item texts in the dataset's tokens; month-precision entries are not days."""
    return {
        d.entry.date: [ptb_tokens(item.text) for item in d.entry.items]
        for d in entries
        if d.precision == "day"
    }


def _selected(data: Path, limit: int | None) -> list[tuple[T17Topic, GoldTimeline]]:
    topics = load_topics(data)
    size = {t.name: sum(1 for _ in (t.path / "InputDocs").glob("*/*")) for t in topics}
    tasks = [(t, g) for t in topics for g in t.timelines]
    if limit is not None:
        tasks.sort(key=lambda task: (size[task[0].name], task[0].name, task[1].name))
        tasks = tasks[:limit]
    return tasks


def evaluate(data: Path, limit: int | None = None) -> EvalReport:
    require_dir(data, "the evaluation sets (tls/t17/ under it) or the Timeline17 folder")
    began = time.perf_counter()
    runs: list[TimelineRun] = []
    cache = os.environ.get("STORYLINE_TLS_CACHE")
    with tempfile.TemporaryDirectory(prefix="storyline-tls-") as scratch:
        folder = Path(cache) if cache else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        tasks = _selected(data, limit)
        topics = {t.name: t for t, _ in tasks}
        for topic in topics.values():
            store = topic_store(topic, folder)
            docs = list(store.iter_annotated())
            store.close()
            for gold in (g for t, g in tasks if t.name == topic.name):
                started = time.perf_counter()
                predicted = system_timeline(predict(docs, gold))
                seconds = time.perf_counter() - started
                scores = score_timeline(predicted, gold.entries)
                logger.info(
                    "tls %s/%s: AR-1 F %.4f, AR-2 F %.4f, date F1 %.4f, %.1fs",
                    topic.name,
                    gold.name,
                    scores.rouge_1.f_score,
                    scores.rouge_2.f_score,
                    scores.dates.f_score,
                    seconds,
                )
                runs.append(
                    TimelineRun(
                        topic.name,
                        gold.name,
                        scores,
                        seconds,
                        gold.n_dates,
                        gold.sentences_per_date,
                    )
                )
    mean = average_scores([r.scores for r in runs])
    metrics = {
        "ar1_f": mean.rouge_1.f_score,
        "ar2_f": mean.rouge_2.f_score,
        "date_f1": mean.dates.f_score,
    }
    details: dict[str, Any] = {
        "timelines": len(runs),
        "ar1_p": mean.rouge_1.precision,
        "ar1_r": mean.rouge_1.recall,
        "ar2_p": mean.rouge_2.precision,
        "ar2_r": mean.rouge_2.recall,
        "date_p": mean.dates.precision,
        "date_r": mean.dates.recall,
        "seconds_per_topic": sum(r.seconds for r in runs) / len(runs) if runs else 0.0,
        "per_timeline": [
            {
                "topic": r.topic,
                "timeline": r.timeline,
                "L": r.n_dates,
                "K": r.per_date,
                "ar1_f": r.scores.rouge_1.f_score,
                "ar2_f": r.scores.rouge_2.f_score,
                "date_f1": r.scores.dates.f_score,
                "seconds": r.seconds,
            }
            for r in runs
        ],
        "peers": PEERS,
    }
    return EvalReport("tls", "timeline17", metrics, time.perf_counter() - began, details)


# Measured on the product path with the shipped ranker and knobs (2026-12-03). The limit=3
# topics are among those the ranker was trained on, so that figure is not a held-out one; the
# held-out figure is bench/train_date_ranker.py's leave-one-story-out (in date_ranker.json).
MEASURED: dict[str, dict[str, float]] = {
    "limit=3": {"ar1_f": 0.1837, "ar2_f": 0.0564, "date_f1": 0.7185},
}


def floors(data: Path) -> list[Floor]:
    """Minimums for ``limit=GATE_LIMIT`` (what CI runs).

    Pinned under ``MEASURED["limit=3"]`` with room for small drift of the annotation stages
    (about a sixth), so a change that makes the timelines clearly worse fails the gate.
    """
    return [
        Floor("ar1_f", minimum=0.155),
        Floor("ar2_f", minimum=0.048),
        Floor("date_f1", minimum=0.64),
    ]
