"""The flow end to end: an interrupted ingest leaves the store consistent; a re-run completes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.store import open_store
from storyline.views.demo import bundled_corpus
from storyline.workflow import IngestOptions, ProgressStep, ingest


class Crash(Exception):
    pass


def test_crash_mid_batch_then_rerun(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    corpus = str(bundled_corpus())

    def crash_after_first(step: ProgressStep) -> None:
        if step.phase == "read" and step.done == 1:
            raise Crash(step.item)  # the process dies after the first page is written

    with open_store(url) as store, pytest.raises(Crash):
        ingest(store, [corpus], IngestOptions(annotate=False), progress=crash_after_first)
    with open_store(url) as store:
        first = store.articles()
        assert len(first) == 1  # page 000: one story, no blurbs; nothing half-written
        ids = {a.id for a in first}
        assert all(a.parent is None or a.parent in ids for a in first)
        report = ingest(store, [corpus], IngestOptions(annotate=False))
        counts = report.counts()
        assert (counts["ingested"], counts["duplicate"]) == (9, 1)
        articles = store.articles()
        ids = {a.id for a in articles}
        assert len(articles) == 10
        assert all(a.parent is None or a.parent in ids for a in articles)
        assert len(store.search("Pyongyang")) >= 2  # the search index kept in step
