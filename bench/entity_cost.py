"""What the entity step costs: its share of annotate CPU time, and the store-level pass.

Annotates N articles (Timeline17 topics, in order, until N) with the default stages, timing
each stage in CPU seconds (a busy machine does not skew the ratio), then runs the identity
pass over a store holding them. The speaker step (naming who speaks: pronouns, descriptions,
the article's referents) runs inside the quotes stage; its time is what SpeakerResolver
takes there.
The ratio the issue asks for is (entities stage + identity pass + speaker step) / (annotate
without them).

    python bench/entity_cost.py --data ../shared/eval/tls/t17 --docs 700
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotate_throughput import load_texts  # type: ignore[import-not-found]
from storyline.annotate.entities import collect_entities
from storyline.annotate.pipeline import PipelineOptions, check_pipeline, default_stage_names
from storyline.annotate.quote_speakers import SpeakerResolver
from storyline.ingest.identity import article_id
from storyline.model import AnnotatedArticle, Article
from storyline.store import open_store
from storyline.story.identities import resolve_identities

_SPEAKER_SECONDS = [0.0]


def _timed(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn``, adding the CPU time it takes to the speaker step's."""

    def run(*args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _SPEAKER_SECONDS[0] += time.process_time() - began

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=700)
    parser.add_argument("--output", type=Path, default=Path("bench/results/entity_cost.json"))
    args = parser.parse_args()
    texts = []
    for topic in sorted(p for p in args.data.iterdir() if p.is_dir()):
        texts += load_texts(topic / "InputDocs", args.docs - len(texts))
        if len(texts) >= args.docs:
            break
    docs = [
        AnnotatedArticle(
            Article(id=article_id(t), text=t, published=d, published_precision="day", language="en")
        )
        for t, d in texts
    ]
    options = PipelineOptions()
    SpeakerResolver.__init__ = _timed(SpeakerResolver.__init__)  # type: ignore[method-assign]
    SpeakerResolver.resolve = _timed(SpeakerResolver.resolve)  # type: ignore[method-assign]
    seconds: dict[str, float] = defaultdict(float)
    for st in check_pipeline(default_stage_names()):
        for start in range(0, len(docs), options.batch_size):
            batch = docs[start : start + options.batch_size]
            began = time.process_time()
            st.fn(batch, options)
            seconds[st.name] += time.process_time() - began
            for d in batch:
                if st.name not in d.skipped:
                    d.provided.update(st.provides)
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/s.db") as store:
        for d in docs:
            store.add_group([d.article])
        store.save_annotations(docs)
        store.save_entities(collect_entities(docs))
        began = time.process_time()
        mapped = resolve_identities(store)
        seconds["identity pass"] = time.process_time() - began
    total = sum(v for k, v in seconds.items())
    entity = seconds["entities"] + seconds["identity pass"]
    speaker = _SPEAKER_SECONDS[0]
    result = {
        "articles": len(docs),
        "seconds": dict(seconds) | {"speaker step (in quotes)": speaker},
        "entity_share_of_annotate": entity / total,
        "entity_added_to_rest": entity / (total - entity),
        "entity_and_speaker_added_to_rest": (entity + speaker) / (total - entity - speaker),
        "keys": len(mapped),
        "keys_moved": sum(1 for k, v in mapped.items() if k != v),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
