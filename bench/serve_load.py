"""Load on ``storyline serve`` beside datasette on the same SQLite file, 32 clients, loopback.

Needs `wrk` (Debian: ``apt-get install wrk``) and the Timeline17 topics in ../shared/eval.
datasette is installed into a throwaway venv under the work folder (never a project
dependency). Steps:

1. Build a store of every Timeline17 topic in shared/ through the product's own ingest
   (``storyline.workflow.ingest``): one topic annotated and clustered (the story page's
   storyline), the others stored without annotation for size; one topic is held back.
2. Start ``storyline serve`` and ``datasette`` on that file; for each pair of routes run wrk
   (32 connections) and record requests/s and p50/p99 latency.
3. Post the held-back topic through ``POST /api/v1/articles`` (annotated and clustered by the
   server's worker) while wrk reads the story page, the timeline and search again: reads must
   keep being answered (no errors, latency reported) while the ingest runs.

    python bench/serve_load.py [--work bench/results/serve_load] [--duration 30]

storyline answers pages from a cache kept per store revision (that is the product: a page is
built once per change, whoever reads it); datasette renders each request. The first request
of each route (nothing cached) is timed separately. Search rotates through 100 words taken
from the store, for both servers, so no answer is reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
T17 = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared")) / "eval" / "tls" / "t17"
ANNOTATED = "bpoil_bbc"  # the storyline the page shows
HELD_BACK = "H1N1_guardian"  # posted through the API during the ingest phase
CONNECTIONS = 32
TOKEN = "bench-token"


def build_store(db: Path) -> dict[str, Any]:
    """The bench store, built once through the product's ingest (reused when present)."""
    from storyline.store import open_store
    from storyline.workflow import IngestOptions, ingest

    if db.exists():
        with open_store(f"sqlite:///{db}") as store:
            return {"articles": store.count(), "built_s": None}
    db.parent.mkdir(parents=True, exist_ok=True)
    partial = db.with_name("building.db")
    for stale in partial.parent.glob("building.db*"):
        stale.unlink()
    start = time.perf_counter()
    with open_store(f"sqlite:///{partial}") as store:
        annotated = ingest(store, [str(T17 / ANNOTATED / "InputDocs")])
        print(f"annotated {ANNOTATED}: {annotated.counts()['ingested']} articles", flush=True)
        for topic in sorted(p.name for p in T17.iterdir() if p.is_dir()):
            if topic in (ANNOTATED, HELD_BACK):
                continue
            report = ingest(store, [str(T17 / topic / "InputDocs")], IngestOptions(annotate=False))
            print(f"stored {topic}: {report.counts()['ingested']} articles", flush=True)
        count = store.count()
    partial.rename(db)
    for side in ("-wal", "-shm"):
        leftover = partial.with_name(partial.name + side)
        if leftover.exists():
            leftover.rename(db.with_name(db.name + side))
    return {"articles": count, "built_s": round(time.perf_counter() - start, 1)}


def held_back_articles() -> list[dict[str, str]]:
    """The held-back topic as API articles (the JSONL fields), one per input document."""
    items = []
    for path in sorted((T17 / HELD_BACK / "InputDocs").glob("*/*")):
        items.append(
            {
                "text": path.read_text(encoding="utf-8", errors="replace"),
                "published": path.parent.name,
                "source": HELD_BACK.split("_")[1],
            }
        )
    return items


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer in {timeout}s")


def datasette_venv(work: Path) -> Path:
    """A throwaway venv with datasette (the peer), made once in the work folder."""
    venv = work / "datasette-venv"
    exe = venv / "bin" / "datasette"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "datasette==0.65.*"], check=True
        )
    return exe


_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_TOTAL = re.compile(r"(\d+) requests in")


def rotating(paths: list[str], work: Path, name: str) -> Path:
    """A wrk script that asks for ``paths`` in turn (many different searches, not one)."""
    script = work / f"{name}.lua"
    quoted = ",".join(json.dumps(p) for p in paths)
    script.write_text(
        f"paths = {{{quoted}}}\ncounter = 0\n"
        "request = function()\n  counter = counter + 1\n"
        '  return wrk.format("GET", paths[(counter % #paths) + 1])\nend\n',
        encoding="utf-8",
    )
    return script


def wrk(url: str, duration: int, script: Path | None = None) -> dict[str, Any]:
    """requests/s, p50 and p99 (ms), and failures for ``duration`` seconds at 32 clients."""
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "60s", "--latency"]
    if script is not None:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {m[0]: float(m[1]) * scale[m[2]] for m in _LATENCY.findall(out)}
    errors = _ERRORS.search(out)
    rate = _RATE.search(out)
    total = _TOTAL.search(out)
    non_2xx = _NON_2XX.search(out)
    return {
        "requests": int(total[1]) if total else 0,
        "rps": float(rate[1]) if rate else 0.0,
        "p50_ms": round(latency.get("50", float("nan")), 2),
        "p99_ms": round(latency.get("99", float("nan")), 2),
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
    }


def query_words(db: Path, n: int = 100) -> list[str]:
    """Search words a reader would type: the most frequent capitalised words of the titles
    and leads, from the store itself."""
    import collections
    import sqlite3

    counts: collections.Counter[str] = collections.Counter()
    with sqlite3.connect(db) as conn:
        for (text,) in conn.execute("SELECT substr(text, 1, 400) FROM articles ORDER BY id"):
            counts.update(re.findall(r"\b[A-Z][a-z]{3,}\b", text))
    return [w for w, _ in counts.most_common(n)]


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as r:
        r.read()
    return round((time.perf_counter() - start) * 1000, 1)


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=120) as r:
        return json.load(r)


def post_json(url: str, body: Any) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=300) as r:
        return json.load(r)


def ingest_while_reading(base: str, items: list[dict[str, str]], log: dict[str, Any]) -> None:
    """Post the held-back topic in batches of 10 and wait until the worker has done it all."""
    start = time.perf_counter()
    jobs = []
    for i in range(0, len(items), 10):
        answer = post_json(f"{base}/api/v1/articles", items[i : i + 10])
        jobs.append(answer["job"]["id"])
        log["ingested"] = log.get("ingested", 0) + answer["counts"]["ingested"]
    log["posted_s"] = round(time.perf_counter() - start, 1)
    for job in jobs:
        while get_json(f"{base}/api/v1/jobs/{job}")["status"] not in ("done", "failed"):
            time.sleep(0.5)
    log["annotated_s"] = round(time.perf_counter() - start, 1)
    log["failed_jobs"] = sum(
        get_json(f"{base}/api/v1/jobs/{j}")["status"] == "failed" for j in jobs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "bench/results/serve_load")
    parser.add_argument("--duration", type=int, default=30, help="Seconds per wrk run.")
    parser.add_argument("--output", type=Path, default=ROOT / "bench/results/serve_load.json")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("needs wrk: apt-get install wrk")
    work = args.work.resolve()
    pristine = work / "store.db"
    store_info = build_store(pristine)
    print(f"store: {store_info}", flush=True)
    db = work / "served.db"  # each run starts from the same store
    for part in work.glob("served.db*"):
        part.unlink()
    shutil.copy(pristine, db)
    datasette = datasette_venv(work)

    sl_port, ds_port = free_port(), free_port()
    sl = f"http://127.0.0.1:{sl_port}"
    ds = f"http://127.0.0.1:{ds_port}"
    env = {**os.environ, "STORYLINE_TOKEN": TOKEN}
    serve = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db)]
    # The peer at its fastest: no facet suggestions (each costs it a query per column).
    peer = [str(datasette), "serve", str(db), "--setting", "suggest_facets", "off"]
    peer += ["--setting", "sql_time_limit_ms", "10000"]
    servers = [
        subprocess.Popen(
            [*serve, "--port", str(sl_port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(work / "serve.log").open("wb"),
        ),
        subprocess.Popen(
            [*peer, "--port", str(ds_port)],
            stdout=subprocess.DEVNULL,
            stderr=(work / "datasette.log").open("wb"),
        ),
    ]
    try:
        wait_up(f"{sl}/healthz", servers[0])
        wait_up(f"{ds}/-/versions.json", servers[1])
        storyline_id = get_json(f"{sl}/api/v1/storylines")[0]["id"]
        words = query_words(db)
        ours_search = rotating([f"/api/v1/search?q={w}" for w in words], work, "search-storyline")
        theirs_search = rotating(
            [f"/served/articles_fts.json?_search={w}&_size=20" for w in words],
            work,
            "search-datasette",
        )
        pairs: dict[str, tuple[str, str, Path | None, Path | None]] = {
            "story page (HTML)": (
                f"{sl}/storylines/{storyline_id}",
                f"{ds}/served/articles",
                None,
                None,
            ),
            "timeline (JSON)": (
                f"{sl}/api/v1/storylines/{storyline_id}/timeline",
                f"{ds}/served/articles.json?_size=100",
                None,
                None,
            ),
            "search, 100 different words (JSON)": (sl, ds, ours_search, theirs_search),
            "articles, 100 a page (JSON)": (
                f"{sl}/api/v1/articles?limit=100",
                f"{ds}/served/articles.json?_size=100",
                None,
                None,
            ),
        }
        results: dict[str, Any] = {"idle": {}, "during_ingest": {}}
        for name, (ours, theirs, our_script, their_script) in pairs.items():
            first = {  # one request each, nothing cached yet: what the first reader waits
                "storyline_first_ms": timed_get(
                    ours if our_script is None else f"{sl}/api/v1/search?q={words[0]}"
                ),
                "datasette_first_ms": timed_get(
                    theirs
                    if their_script is None
                    else f"{ds}/served/articles_fts.json?_search={words[0]}&_size=20"
                ),
            }
            mine = wrk(ours, args.duration, our_script)
            peer_result = wrk(theirs, args.duration, their_script)
            results["idle"][name] = {
                "storyline": mine,
                "datasette": peer_result,
                **first,
                "rps_ratio": round(mine["rps"] / peer_result["rps"], 1)
                if peer_result["rps"]
                else None,
            }
            print(f"{name}: storyline {mine} | datasette {peer_result} | {first}", flush=True)

        ingest_log: dict[str, Any] = {}
        poster = threading.Thread(
            target=ingest_while_reading, args=(sl, held_back_articles(), ingest_log)
        )
        poster.start()
        rounds = 0
        reads = [name for name in pairs if not name.startswith("articles")]
        while poster.is_alive() or rounds == 0:
            for name in reads:
                url, _, script, _ = pairs[name]
                got = wrk(url, 5, script)
                results["during_ingest"].setdefault(name, []).append(got)
                print(f"during ingest, {name}: {got}", flush=True)
            rounds += 1
        poster.join()
        results["during_ingest_summary"] = {
            name: {
                "requests": sum(r["requests"] for r in runs),
                "failed": sum(r["non_2xx"] + r["socket_errors"] for r in runs),
                "min_rps": min(r["rps"] for r in runs),
                "worst_p99_ms": max(r["p99_ms"] for r in runs),
            }
            for name, runs in results["during_ingest"].items()
        }
        results["ingest"] = ingest_log
        results["store"] = {**store_info, "after_ingest": get_json(f"{sl}/healthz")["articles"]}
    finally:
        for process in servers:
            process.send_signal(signal.SIGINT)
        for process in servers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    results["setup"] = {
        "connections": CONNECTIONS,
        "duration_s": args.duration,
        "annotated_topic": ANNOTATED,
        "held_back_topic": HELD_BACK,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.python_implementation()} {platform.python_version()}",
        "load": os.getloadavg(),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
