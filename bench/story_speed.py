"""Time and memory to build a storyline's timeline and story page for a Timeline17 topic.

After ingestion and annotation (not timed: that is ingest's and the stages' cost), times
`build_overview` + `render_html`/`render_markdown` for the topic, and reports peak memory.

    python bench/story_speed.py --topic ../shared/eval/tls/t17/bpoil_bbc
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

from storyline.store import open_store
from storyline.story.overview import build_overview
from storyline.views.page import render_html, render_markdown
from storyline.workflow import IngestOptions, ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", type=Path, required=True)
    parser.add_argument("--output", type=Path, default=Path("bench/results/story_speed.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/s.db")
        start = time.perf_counter()
        report = ingest(
            store, [str(args.topic / "InputDocs")], IngestOptions(stages=("sentences", "time"))
        )
        ingest_s = time.perf_counter() - start
        start = time.perf_counter()
        view = build_overview(store)
        html, md = render_html(view), render_markdown(view)
        story_s = time.perf_counter() - start
    result = {
        "topic": args.topic.name,
        "articles": report.counts()["ingested"],
        "ingest_and_annotate_s": round(ingest_s, 2),
        "timeline_and_page_s": round(story_s, 2),
        "timeline_dates": len(view.timeline),
        "page_bytes": len(html) + len(md),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{platform.python_implementation()} {platform.python_version()}",
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
