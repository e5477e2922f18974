"""Pages per second of ``extract_page`` against bare ``trafilatura.extract``, same pages, same run.

    python bench/ingest_speed.py [--data ../shared/eval/ingest/wcxb-dev-articles] [--limit N]

The two alternate page by page (who goes first flips each page) so that neither gets a
warmer cache or a quieter machine. Prints both rates and their ratio, and writes the
numbers to ``bench/results/ingest_speed-<time>.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from storyline.ingest.html import extract_page

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "ingest" / "wcxb-dev-articles"


def load_pages(data: Path, limit: int | None) -> list[bytes]:
    paths = sorted((data / "html").glob("*.html*"))[:limit]
    return [gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in paths]


def ours(html: bytes) -> Any:
    return extract_page(html)


def bare(html: bytes) -> Any:
    return trafilatura.extract(html)


def run(pages: list[bytes]) -> dict[str, float]:
    extractors: dict[str, Callable[[bytes], Any]] = {"extract_page": ours, "trafilatura": bare}
    seconds = dict.fromkeys(extractors, 0.0)
    for index, html in enumerate(pages):
        names = list(extractors) if index % 2 == 0 else list(reversed(extractors))
        for name in names:
            start = time.perf_counter()
            extractors[name](html)
            seconds[name] += time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    pages = load_pages(args.data, args.limit)
    if not pages:
        raise SystemExit(f"no pages under {args.data / 'html'}")
    seconds = run(pages)
    rates = {name: len(pages) / max(s, 1e-9) for name, s in seconds.items()}
    ratio = rates["extract_page"] / rates["trafilatura"]
    for name, rate in rates.items():
        print(f"{name:<14} {rate:7.2f} pages/s  ({seconds[name]:.1f} s for {len(pages)} pages)")
    print(f"ratio extract_page / trafilatura: {ratio:.2f}")
    result = {
        "data": str(args.data),
        "pages": len(pages),
        "seconds": seconds,
        "pages_per_second": rates,
        "ratio": ratio,
        "trafilatura_version": trafilatura.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"ingest_speed-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
