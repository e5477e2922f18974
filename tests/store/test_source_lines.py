"""Learned boilerplate persists in the store (both databases) and re-ingest stays a no-op."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.ingest.test_boilerplate import POLICY, _story

from storyline.ingest.sidecar import InputMeta
from storyline.store import Store
from storyline.workflow import IngestOptions, ingest


def test_boilerplate_is_learned_across_ingests(tmp_path: Path, store: Store) -> None:
    day = date(2010, 5, 1)
    for batch in range(2):
        folder = tmp_path / f"batch{batch}"
        folder.mkdir()
        for i in range(batch * 10, batch * 10 + 10):
            (folder / f"{i}.txt").write_text(_story(i, comments=True), encoding="utf-8")
        ingest(store, [str(folder)], IngestOptions(annotate=False, meta=_meta(day, batch)))
    texts = [a.text for a in store.articles()]
    assert len(texts) == 20
    assert not any(POLICY in t or "nonsense" in t or "©" in t for t in texts)
    # Re-ingesting the same files is a no-op, although the text was cut after reading.
    again = ingest(store, [str(tmp_path)], IngestOptions(annotate=False, meta=_meta(day, 0)))
    assert again.counts()["duplicate"] == 20


def _meta(day: date, batch: int) -> InputMeta:
    return InputMeta(
        source="planet", published=day + timedelta(batch * 5), published_precision="day"
    )
