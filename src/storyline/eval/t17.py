"""Reader for Timeline17 (Tran et al. 2013) as laid out by news-tls's copy of the set.

One folder per source (``MJ_bbc``, ``bpoil_guardian``, ...), each holding
``InputDocs/<pub-date>/<id>.htm.txt`` (tokenised text, one sentence a line),
``timelines/*.txt`` (gold: a date line, its sentences, a ``-----`` separator) and
``keywords.json``. Gold timelines are read here only so the scorer can use them; the
system under evaluation is given documents alone.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.errors import EvalDataError

logger = logging.getLogger(__name__)

_DATE_LINE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\s*$")
_SEPARATOR = re.compile(r"^-{5,}\s*$")


@dataclass(frozen=True)
class GoldTimeline:
    """A reference timeline: dates mapped to their (tokenised) sentences."""

    name: str
    entries: dict[date, list[str]]

    @property
    def dates(self) -> list[date]:
        return sorted(self.entries)

    @property
    def n_dates(self) -> int:
        return len(self.entries)

    @property
    def sentences_per_date(self) -> int:
        """Mean sentences a date, rounded as news-tls does (Python's ``round``: half to even)."""
        lengths = [len(s) for s in self.entries.values()]
        return round(sum(lengths) / len(lengths))


@dataclass(frozen=True)
class T17Document:
    """One input article: id ``<pub-date>/<file stem>``, its date and its sentence lines."""

    id: str
    published: date
    sentences: list[str]


@dataclass
class T17Topic:
    """One source folder: its documents (read lazily), keywords and gold timelines."""

    name: str
    path: Path
    keywords: list[str]
    timelines: list[GoldTimeline] = field(default_factory=list)

    def documents(
        self, start: date | None = None, end: date | None = None
    ) -> Iterator[T17Document]:
        """Documents published within ``[start, end]``, in date then file-name order."""
        docs_dir = self.path / "InputDocs"
        for day_dir in sorted(p for p in docs_dir.iterdir() if p.is_dir()):
            published = _parse_day(day_dir.name)
            if published is None:
                logger.warning("%s: skipping folder %s, not a date", self.name, day_dir.name)
                continue
            if (start is not None and published < start) or (end is not None and published > end):
                continue
            for doc_path in sorted(day_dir.iterdir()):
                if not doc_path.is_file():
                    continue
                text = doc_path.read_text(encoding="utf-8", errors="replace")
                lines = [line.strip() for line in text.splitlines()]
                yield T17Document(
                    id=f"{day_dir.name}/{doc_path.name}",
                    published=published,
                    sentences=[line for line in lines if line],
                )


def _parse_day(text: str) -> date | None:
    match = _DATE_LINE.match(text)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def read_gold_timeline(path: Path) -> GoldTimeline:
    """Parse one gold timeline file; a date seen twice has its sentences merged."""
    entries: dict[date, list[str]] = {}
    current: date | None = None
    in_block = False
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        line = raw.strip()
        if not line:
            continue
        if _SEPARATOR.match(line):
            current, in_block = None, False
            continue
        if not in_block:
            in_block = True
            day = _parse_day(line)
            if day is None:
                # One gold file has "2011-04-0": its block cannot be placed, so it is dropped.
                logger.warning("%s:%d: skipping a block dated %r", path, number + 1, line[:40])
                continue
            current = day
            entries.setdefault(day, [])
            continue
        if current is not None:
            entries[current].append(line)
    # A date line with no sentences carries nothing to score against.
    entries = {d: sents for d, sents in entries.items() if sents}
    if not entries:
        raise EvalDataError(f"{path}: no dated sentences in this gold timeline")
    return GoldTimeline(name=path.stem, entries=dict(sorted(entries.items())))


def t17_root(data: Path) -> Path:
    """Accept the eval folder, ``tls/``, or ``t17/`` itself."""
    for candidate in (data / "tls" / "t17", data / "t17", data):
        if candidate.is_dir() and any((p / "InputDocs").is_dir() for p in candidate.iterdir()):
            return candidate
    raise EvalDataError(
        f"{data}: no Timeline17 topics found (expected <topic>/InputDocs under it, "
        "or under tls/t17/)"
    )


def load_topics(data: Path) -> list[T17Topic]:
    """All topics, sorted by folder name; gold timelines sorted by file name."""
    root = t17_root(data)
    topics: list[T17Topic] = []
    for folder in sorted(p for p in root.iterdir() if (p / "InputDocs").is_dir()):
        keywords_path = folder / "keywords.json"
        keywords: list[str] = []
        if keywords_path.is_file():
            loaded = json.loads(keywords_path.read_text(encoding="utf-8"))
            if not isinstance(loaded, list):
                raise EvalDataError(f"{keywords_path}: expected a JSON list of keywords")
            keywords = [str(k) for k in loaded]
        timelines = [read_gold_timeline(p) for p in sorted((folder / "timelines").glob("*.txt"))]
        topics.append(T17Topic(folder.name, folder, keywords, timelines))
    return topics
