"""Compare storyline's tilse-metric reimplementation with tilse itself on real system outputs.

Bench-only dependency, never a project dependency: ``pip install --no-deps tilse==0.2.1 nltk
pathlib2`` (tilse's declared extras, numba/textacy/spaCy, are not needed for its metrics).
Scores every Timeline17 gold timeline (or ``--limit N``, as the suite selects them) with both,
using tilse's ``rouge_computation="reimpl"``; ``--original`` also runs tilse's Perl ROUGE
(needs Debian's libxml-parser-perl).

    python bench/tls_check_tilse.py --data ../shared/eval [--limit N] [--original]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from storyline.eval import tls
from storyline.eval.porter import porter_stem
from storyline.eval.tilse_metrics import PRF, TimelineScores, average_scores, score_timeline


def _tilse_scores(evaluator: Any, predicted: Any, reference: Any) -> TimelineScores:
    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline

    pred = TilseTimeline(predicted)
    truth = GroundTruth([TilseTimeline(reference)])
    rouge = evaluator.evaluate_align_date_content_costs_many_to_one(pred, truth)
    shared = len(pred.get_dates() & truth.get_dates())
    return TimelineScores(
        PRF(rouge["rouge_1"]["precision"], rouge["rouge_1"]["recall"]),
        PRF(rouge["rouge_2"]["precision"], rouge["rouge_2"]["recall"]),
        PRF(shared / len(pred.get_dates()), shared / len(truth.get_dates())),
    )


def _row(name: str, s: TimelineScores) -> str:
    return (
        f"{name:34s} AR-1 P/R/F {s.rouge_1.precision:.5f} {s.rouge_1.recall:.5f} "
        f"{s.rouge_1.f_score:.5f}  AR-2 P/R/F {s.rouge_2.precision:.5f} "
        f"{s.rouge_2.recall:.5f} {s.rouge_2.f_score:.5f}  date F1 {s.dates.f_score:.5f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--original", action="store_true", help="also tilse's Perl ROUGE")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from nltk.stem import PorterStemmer
    from tilse.evaluation import rouge

    evaluators = {"tilse reimpl": rouge.TimelineRougeEvaluator(
        measures=["rouge_1", "rouge_2"], rouge_computation="reimpl"
    )}  # fmt: skip
    if args.original:
        evaluators["tilse original (Perl)"] = rouge.TimelineRougeEvaluator(
            measures=["rouge_1", "rouge_2"], rouge_computation="original"
        )

    ours: list[TimelineScores] = []
    theirs: dict[str, list[TimelineScores]] = {name: [] for name in evaluators}
    vocabulary: set[str] = set()
    for topic, gold in tls._selected(args.data, args.limit):
        entries = tls.predict(topic, gold)
        predicted = {e.date: [item.text for item in e.items] for e in entries}
        ours.append(score_timeline(predicted, gold.entries))
        print(_row(f"{topic.name} ours", ours[-1]))
        for name, evaluator in evaluators.items():
            theirs[name].append(_tilse_scores(evaluator, predicted, gold.entries))
            print(_row(f"{topic.name} {name}", theirs[name][-1]))
        for sentences in [*predicted.values(), *gold.entries.values()]:
            vocabulary.update(t.lower() for s in sentences for t in s.split())

    print()
    print(_row("MEAN ours", average_scores(ours)))
    for name, scores in theirs.items():
        print(_row(f"MEAN {name}", average_scores(scores)))
        worst = max(
            max(
                abs(a.rouge_1.f_score - b.rouge_1.f_score),
                abs(a.rouge_2.f_score - b.rouge_2.f_score),
                abs(a.dates.f_score - b.dates.f_score),
            )
            for a, b in zip(ours, scores, strict=True)
        )
        print(f"largest per-timeline |difference| vs {name}: {worst:.6f}")

    nltk_stemmer = PorterStemmer()
    differ = sorted(w for w in vocabulary if porter_stem(w) != nltk_stemmer.stem(w))
    print(
        f"stemmer: {len(differ)} of {len(vocabulary)} words stem differently from NLTK's "
        f"default mode, e.g. {[(w, porter_stem(w), nltk_stemmer.stem(w)) for w in differ[:8]]}"
    )


if __name__ == "__main__":
    main()
