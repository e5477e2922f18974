"""Running the real ``storyline`` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

from spacy.tokens import Span as SpacySpan

from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pipeline import PipelineOptions, run_pipeline
from storyline.ingest.sidecar import KNOWLEDGE_FILE
from storyline.model import AnnotatedArticle, Article


def run_cli(
    *args: str,
    db: Path | str | None = None,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    timeout: int = 600,
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "storyline.cli", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        cmd,
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
    )


# The seeds' own knowledge file (what a bare "North" means in Korea coverage), as the demo
# passes it: knowledge a user writes for their story, not a rule in the code.
SEED_KNOWLEDGE = str(resources.files("storyline") / "data" / "korea-seeds" / KNOWLEDGE_FILE)


# The seed pages' publication dates (their sidecar), keyed by file-name prefix.
SEED_DATES = {"000": date(2018, 2, 13), "001": date(2026, 2, 27), "002": date(2026, 1, 16)}


def seed_articles(seeds_dir: Path) -> list[Article]:
    """The raw seed pages as English articles with their dates, ids "000", "001", "002".

    Raw: the page chrome is still in the text (the stages must cope with it).
    """
    return [
        Article(
            id=prefix,
            text=next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"),
            published=published,
            published_precision="day",
            language="en",
        )
        for prefix, published in SEED_DATES.items()
    ]


def seed_options() -> PipelineOptions:
    """Pipeline options with the demo corpus's own issue and knowledge files, as
    ``storyline demo`` runs."""
    from storyline.views.demo import SEED_ISSUES, bundled_corpus

    return PipelineOptions(
        issues_file=str(bundled_corpus() / SEED_ISSUES), knowledge_file=SEED_KNOWLEDGE
    )


_CITIES = [
    "Seoul",
    "Busan",
    "Incheon",
    "Daegu",
    "Gwangju",
    "Tokyo",
    "Osaka",
    "Beijing",
    "Shanghai",
    "Washington",
    "Geneva",
    "Hanoi",
    "Singapore",
    "Ulaanbaatar",
    "Moscow",
    "Stockholm",
    "Helsinki",
    "Jakarta",
    "Manila",
    "Canberra",
]
_SPEAKERS = [
    "officials",
    "diplomats",
    "lawmakers",
    "analysts",
    "negotiators",
    "aides",
    "envoys",
    "ministers",
    "observers",
    "military officers",
    "trade officials",
    "party officials",
    "delegates",
    "advisers",
    "spokespeople",
    "researchers",
    "commentators",
    "legislators",
    "generals",
    "governors",
]
_VERBS = [
    "said",
    "noted",
    "argued",
    "warned",
    "insisted",
    "stressed",
    "suggested",
    "added",
    "claimed",
    "acknowledged",
]
_TOPICS = [
    "the sanctions relief",
    "the summit schedule",
    "the family reunions",
    "the joint drills",
    "the tariff plan",
    "the humanitarian aid",
    "the liaison office",
    "the rail project",
    "the fishing rights",
    "the missile tests",
    "the border patrols",
    "the prisoner exchange",
    "the energy talks",
    "the vaccine shipments",
    "the tourism zone",
    "the nuclear freeze",
    "the food assistance",
    "the cyber dialogue",
    "the airline routes",
    "the peace declaration",
]


def long_article_text(size: int) -> str:
    """A news article of about ``size`` characters, as a long live blog reads: the seed
    pages' paragraphs over and over, each time with its numbers changed and a sentence of
    its own (who said what where), so that no paragraph repeats another (ingest drops a
    page's repeated lines). Paragraphs are separated by blank lines."""
    import re

    from storyline.views.demo import bundled_corpus

    paragraphs = [
        " ".join(p.split())
        for page in sorted(bundled_corpus().glob("*.txt"))
        for p in page.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 120
    ]
    parts = ["Live updates: talks on the Korean Peninsula", "SEOUL, Jan. 16 (Yonhap) --"]
    length = sum(len(p) + 2 for p in parts)
    n = 0
    while length < size:
        p = paragraphs[n % len(paragraphs)]
        step = n // len(paragraphs) + 1
        varied = re.sub(r"\d+", lambda m, k=step: str(int(m.group()) + k), p)
        k = n
        city, k = _CITIES[k % 20], k // 20
        who, k = _SPEAKERS[k % 20], k // 20
        topic, k = _TOPICS[k % 20], k // 20
        verb = _VERBS[k % 10]
        varied += f" {who.capitalize()} in {city} {verb} that {topic} would be discussed again."
        parts.append(varied)
        length += len(varied) + 2
        n += 1
    return "\n\n".join(parts) + "\n"


# One sentence through the stages the events stage needs (real spaCy), for the events tests.
EVENT_STAGES = ["sentences", "time", "entities", "quotes", "events"]


def annotated(text: str) -> AnnotatedArticle:
    doc = AnnotatedArticle(Article("t", text, published=date(2020, 3, 5), language="en"))
    run_pipeline([doc], EVENT_STAGES)
    return doc


def parsed_sentence(text: str) -> SpacySpan:
    parsed = spacy_doc(annotated(text))
    assert parsed is not None
    return next(iter(parsed.sents))


def first_type(text: str) -> str | None:
    doc = annotated(text)
    return doc.events[0].type if doc.events else None
