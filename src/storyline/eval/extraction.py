"""The ``extract`` suite: main-text extraction on AEB or WCXB, ours against bare trafilatura.

Which benchmark is read from the folder: ``ground-truth.json`` beside ``html/`` is the
Article Extraction Benchmark (scored by its shingle F1); ``ground-truth/*.json`` beside
``html/`` is the Web Content Extraction Benchmark (word F1, leaked boilerplate snippets,
title and date accuracy). Both runs, ours and bare ``trafilatura.extract``, go over the same
pages in the same process, alternating page by page so neither gets the warmer machine.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import EvalDataError
from storyline.eval import EvalReport, Floor, require_dir
from storyline.eval.extraction_scores import (
    aeb_scores,
    date_matches,
    mean,
    shingle_counts,
    snippet_rate,
    title_matches,
    word_prf,
)
from storyline.ingest.html import extract_page

logger = logging.getLogger(__name__)

# Published or reference numbers for bare extractors on these sets (bare trafilatura is
# also measured in every run: see details["trafilatura"]).
PEERS: dict[str, dict[str, float]] = {
    "aeb": {
        "trafilatura 2.0 f1 (published)": 0.958,
        "newspaper4k f1 (published)": 0.949,
        "news-please f1 (published)": 0.948,
        "readability-lxml f1 (published)": 0.922,
    },
    "wcxb": {
        "trafilatura word_f1 (reference)": 0.94,
        "trafilatura leaked (reference)": 0.056,
        "trafilatura date_accuracy (reference, low)": 0.85,
        "trafilatura date_accuracy (reference, high)": 0.87,
    },
}


@dataclass(frozen=True)
class Extraction:
    """What one extractor made of one page; the fields both benchmarks score."""

    text: str
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    url: str | None
    truth: dict[str, Any]


Extractor = Callable[[bytes, str | None], Extraction]


def ours(html: bytes, url: str | None) -> Extraction:
    page = extract_page(html, url=url)
    if page is None:
        return Extraction(text="")
    day = page.published.isoformat() if page.published else None
    return Extraction(text=page.text, title=page.title, date=day)


def bare_trafilatura(html: bytes, url: str | None) -> Extraction:
    """``trafilatura.extract`` with its defaults, and its metadata for title and date."""
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url) or ""
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception:  # the peer failing on a page scores as an empty extraction
        logger.debug("bare trafilatura failed on %s", url, exc_info=True)
        return Extraction(text="")
    if meta is None:
        return Extraction(text=text)
    return Extraction(text=text, title=meta.title, date=meta.date)


def detect_benchmark(data: Path) -> str:
    """``aeb`` or ``wcxb``, from the folder's layout."""
    require_dir(data, "an extraction benchmark (AEB or WCXB) folder")
    if not (data / "html").is_dir():
        raise EvalDataError(f"{data}: no html/ folder of pages")
    if (data / "ground-truth.json").is_file():
        return "aeb"
    if (data / "ground-truth").is_dir():
        return "wcxb"
    raise EvalDataError(f"{data}: neither ground-truth.json (AEB) nor ground-truth/ (WCXB)")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise EvalDataError(f"{path}: unreadable ground truth ({err})") from err


def _html(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def _page_files(data: Path) -> dict[str, Path]:
    files = {}
    for path in sorted((data / "html").iterdir()):
        page_id = path.name.split(".", 1)[0]
        files[page_id] = path
    return files


def load_pages(data: Path, benchmark: str, limit: int | None = None) -> Iterator[Page]:
    """The benchmark's pages in id order, with their ground truth."""
    files = _page_files(data)
    if benchmark == "aeb":
        truth: dict[str, Any] = _read_json(data / "ground-truth.json")
        ids = sorted(truth)
    else:
        ids = sorted(p.stem for p in (data / "ground-truth").glob("*.json"))
    for page_id in ids[:limit] if limit is not None else ids:
        if page_id not in files:
            raise EvalDataError(f"{data}: no html page for ground truth {page_id}")
        if benchmark == "aeb":
            record = truth[page_id]
        else:
            record = _read_json(data / "ground-truth" / f"{page_id}.json")
            record = {**(record.get("ground_truth") or {}), "url": record.get("url")}
        yield Page(page_id, _html(files[page_id]), record.get("url"), record)


def _score_aeb(pages: list[Page], runs: dict[str, dict[str, Extraction]]) -> dict[str, Any]:
    scores = {}
    for name, outputs in runs.items():
        counts = [
            shingle_counts(p.truth.get("articleBody") or "", outputs[p.id].text) for p in pages
        ]
        scores[name] = aeb_scores(counts)
    return scores


def _score_wcxb(pages: list[Page], runs: dict[str, dict[str, Extraction]]) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    titled = [p for p in pages if p.truth.get("title")]
    dated = [p for p in pages if p.truth.get("publish_date")]
    for name, outputs in runs.items():
        prf = [word_prf(outputs[p.id].text, p.truth.get("main_content") or "") for p in pages]
        scores[name] = {
            "word_f1": mean(f for _, _, f in prf),
            "word_precision": mean(p for p, _, _ in prf),
            "word_recall": mean(r for _, r, _ in prf),
            "with": mean(
                snippet_rate(outputs[p.id].text, p.truth.get("with") or []) for p in pages
            ),
            # As WCXB's script computes it: a page with no `without` snippets counts 1.0
            # (one dev page), which makes the leak rate slightly pessimistic.
            "leaked": mean(
                snippet_rate(outputs[p.id].text, p.truth.get("without") or []) for p in pages
            ),
            "title_accuracy": mean(
                float(title_matches(outputs[p.id].title, p.truth["title"])) for p in titled
            ),
            "date_accuracy": mean(
                float(date_matches(outputs[p.id].date, p.truth["publish_date"])) for p in dated
            ),
        }
    scores["counts"] = {"pages": len(pages), "titled": len(titled), "dated": len(dated)}
    return scores


def evaluate(data: Path, limit: int | None = None) -> EvalReport:
    """Score ``extract_page`` (and bare trafilatura beside it) on an AEB or WCXB folder."""
    benchmark = detect_benchmark(data)
    pages = list(load_pages(data, benchmark, limit))
    extractors: dict[str, Extractor] = {"ours": ours, "trafilatura": bare_trafilatura}
    runs: dict[str, dict[str, Extraction]] = {name: {} for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    started = time.perf_counter()
    for index, page in enumerate(pages):
        # Alternate who goes first so caches and CPU bursts favour neither.
        order = list(extractors) if index % 2 == 0 else list(reversed(extractors))
        for name in order:
            tick = time.perf_counter()
            runs[name][page.id] = extractors[name](page.html, page.url)
            seconds[name] += time.perf_counter() - tick
    scorer = _score_aeb if benchmark == "aeb" else _score_wcxb
    scores = scorer(pages, runs)
    ours_scores = scores["ours"]
    if benchmark == "aeb":
        metrics = {
            "f1": ours_scores["f1"],
            "precision": ours_scores["precision"],
            "recall": ours_scores["recall"],
        }
    else:
        metrics = dict(ours_scores)
    details: dict[str, Any] = {
        "benchmark": benchmark,
        "pages": len(pages),
        "trafilatura": scores["trafilatura"],
        "seconds_by_extractor": seconds,
        "peers": PEERS[benchmark],
        "no_article": sorted(pid for pid, out in runs["ours"].items() if not out.text),
    }
    if "counts" in scores:
        details["counts"] = scores["counts"]
    logger.info("extract eval on %s (%s pages): %s", data, len(pages), metrics)
    return EvalReport(
        suite="extract",
        dataset=f"{benchmark}:{data.name}",
        metrics=metrics,
        seconds=time.perf_counter() - started,
        details=details,
    )


def floors(data: Path) -> list[Floor]:
    """Pinned floors: above bare trafilatura's published AEB F1 level and its WCXB scores."""
    if detect_benchmark(data) == "aeb":
        return [Floor("f1", minimum=0.95)]
    return [
        Floor("word_f1", minimum=0.94),
        Floor("leaked", maximum=0.085),
        Floor("date_accuracy", minimum=0.88),
    ]
