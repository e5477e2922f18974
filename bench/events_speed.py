"""The ``events`` stage's share of the whole annotate pipeline, stage by stage.

Runs every default stage over the same articles, batch by batch as ``run_pipeline`` does,
timing each stage, and reports each one's seconds and share of the total:

    python bench/events_speed.py --data ../shared/eval/tls/t17 --docs 150

Articles are taken round-robin from the Timeline17 topic folders under ``--data`` (several
stories, not one), the publication date from each file's folder.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from datetime import date
from itertools import zip_longest
from pathlib import Path

from storyline.annotate.pipeline import PipelineOptions, check_pipeline, default_stage_names
from storyline.ingest.identity import article_id
from storyline.model import AnnotatedArticle, Article


def load_articles(data: Path, limit: int) -> list[Article]:
    per_topic = []
    for topic in sorted(p for p in data.iterdir() if (p / "InputDocs").is_dir()):
        per_topic.append(sorted((topic / "InputDocs").rglob("*.txt")))
    articles: list[Article] = []
    for row in zip_longest(*per_topic):
        for path in row:
            if path is None or len(articles) >= limit:
                continue
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            if not text:
                continue
            try:
                day = date.fromisoformat(path.parent.name)
            except ValueError:
                day = None
            articles.append(
                Article(
                    article_id(text), text, published=day, published_precision="day", language="en"
                )
            )
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the Timeline17 folder")
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--output", type=Path, default=Path("bench/results/events_speed.json"))
    args = parser.parse_args()
    articles = load_articles(args.data, args.docs)
    docs = [AnnotatedArticle(a) for a in articles]
    options = PipelineOptions()
    seconds: dict[str, float] = defaultdict(float)
    for st in check_pipeline(default_stage_names()):
        for start in range(0, len(docs), options.batch_size):
            batch = docs[start : start + options.batch_size]
            began = time.perf_counter()
            st.fn(batch, options)
            seconds[st.name] += time.perf_counter() - began
            for d in batch:
                if st.name not in d.skipped:
                    d.provided.update(st.provides)
    total = sum(seconds.values())
    result = {
        "docs": len(docs),
        "words": sum(len(a.text.split()) for a in articles),
        "events": sum(len(d.events) for d in docs),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "share": {k: round(v / total, 4) for k, v in seconds.items()},
        "total_seconds": round(total, 2),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
