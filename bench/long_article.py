"""Time and peak memory to ingest and annotate one long article (0.1, 1 and 3.5 MB).

    python bench/long_article.py [--sizes 0.1,1,3.5] [--stages sentences,entities,...]

Each size runs in a fresh process (so each peak RSS is its own): the article, the seed
pages' paragraphs repeated with their numbers changed (``tests.helpers.long_article_text``),
is written to a file and ingested with ``storyline.workflow.ingest`` into a new SQLite
store, annotation included. Prints one line a size and writes the numbers to
``bench/results/long_article-<time>.json``. The cost should grow linearly with the size:
compare seconds per MB across the rows.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def one(size_mb: float, stages: str | None) -> dict[str, Any]:
    """Ingest one article of ``size_mb`` MB in this process; its time and peak RSS."""
    sys.path.insert(0, str(ROOT))
    from tests.helpers import long_article_text

    from storyline.store import open_store
    from storyline.workflow import IngestOptions, ingest

    text = long_article_text(int(size_mb * 1_000_000))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        options = IngestOptions(stages=tuple(stages.split(",")) if stages else None)
        with open_store(f"sqlite:///{Path(tmp) / 'store.db'}") as store:
            start = time.perf_counter()
            report = ingest(store, [str(path)], options)
            seconds = time.perf_counter() - start
            annotated = store.annotated(store.articles())
    sentences = sum(len(d.sentences) for d in annotated)
    exact = all(0 <= s.start < s.end <= len(d.article.text) for d in annotated for s in d.sentences)
    return {
        "size_mb": size_mb,
        "chars": len(text),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "annotated": report.annotated,
        "sentences": sentences,
        "mentions": sum(len(d.mentions) for d in annotated),
        "events": sum(len(d.events) for d in annotated),
        "spans_in_text": exact,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,3.5", help="sizes in MB, comma-separated")
    parser.add_argument("--stages", default=None, help="stages to run (default: all)")
    parser.add_argument("--one", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.stages)))
        return
    rows = []
    for size in (float(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(size)]
        if args.stages:
            cmd += ["--stages", args.stages]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        per_mb = row["seconds"] / size
        print(
            f"{size:>5} MB  {row['seconds']:>8.1f} s  ({per_mb:.0f} s/MB)  "
            f"peak RSS {row['peak_rss_mb']:>8.1f} MB  {row['sentences']} sentences, "
            f"{row['mentions']} mentions, {row['events']} events",
            flush=True,
        )
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    record = {"machine": platform.platform(), "python": platform.python_version(), "rows": rows}
    (results / f"long_article-{stamp}.json").write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()
