"""Throughput of the whole annotate pipeline, as a ratio against bare spaCy.

Words per second of `run_pipeline` (all default stages) against `nlp.pipe` of the same spaCy
model over the same texts, in the same run: the ratio is the overhead of our own stages.

    python bench/annotate_throughput.py --data ../shared/eval/tls/t17/bpoil_bbc --docs 150
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from storyline.annotate.nlp import load_nlp
from storyline.annotate.pipeline import default_stage_names, run_pipeline
from storyline.ingest.identity import article_id
from storyline.model import AnnotatedArticle, Article


def load_texts(folder: Path, limit: int) -> list[tuple[str, date]]:
    texts = []
    for path in sorted(folder.rglob("*.txt")):
        if "timelines" in path.parts:
            continue
        try:
            day = date.fromisoformat(path.parent.name)
        except ValueError:
            day = date(2020, 1, 1)
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            texts.append((text, day))
        if len(texts) >= limit:
            break
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--output", type=Path, default=Path("bench/results/annotate.json"))
    args = parser.parse_args()
    texts = load_texts(args.data, args.docs)
    words = sum(len(t.split()) for t, _ in texts)
    nlp = load_nlp()
    list(nlp.pipe(t for t, _ in texts[:5]))  # warm up both paths

    start = time.perf_counter()
    for _ in nlp.pipe(t for t, _ in texts):
        pass
    spacy_s = time.perf_counter() - start

    docs = [
        AnnotatedArticle(
            Article(id=article_id(t), text=t, published=d, published_precision="day", language="en")
        )
        for t, d in texts
    ]
    start = time.perf_counter()
    run_pipeline(docs)
    ours_s = time.perf_counter() - start

    result = {
        "docs": len(texts),
        "words": words,
        "stages": default_stage_names(),
        "spacy_words_per_s": words / spacy_s,
        "pipeline_words_per_s": words / ours_s,
        "ratio_pipeline_to_spacy": ours_s / spacy_s,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
