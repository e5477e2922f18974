"""Storylines: incremental, deterministic clustering and overrides that survive re-clustering."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.store import Store, open_store
from storyline.story import storylines as sl
from storyline.workflow import IngestOptions, ingest


def _topic_docs(eval_dir: Path, topic: str, n: int) -> list[str]:
    days = sorted((eval_dir / "tls" / "t17" / topic / "InputDocs").iterdir())
    files = [f for d in days for f in sorted(d.iterdir())]
    return [str(f) for f in files[:: max(1, len(files) // n)][:n]]


@pytest.fixture
def two_topics(eval_dir: Path, tmp_path: Path) -> tuple[Store, list[str], list[str]]:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    oil = _topic_docs(eval_dir, "bpoil_bbc", 6)
    mj = _topic_docs(eval_dir, "MJ_bbc", 6)
    report = ingest(store, oil + mj, IngestOptions(annotate=False))
    ids = {o.name: o.article_id for o in report.outcomes if o.article_id}
    return store, [ids[p] for p in oil if p in ids], [ids[p] for p in mj if p in ids]


def _storyline_of(storylines: list, article: str) -> str:  # type: ignore[type-arg]
    return next(s.id for s in storylines if article in s.articles)


def test_topics_become_separate_storylines(two_topics: tuple[Store, list[str], list[str]]) -> None:
    store, oil, mj = two_topics
    sl.update_storylines(store, oil[:3] + mj[:3])  # one batch...
    sl.update_storylines(store, oil[3:] + mj[3:])  # ...then another, incrementally
    result = sl.stored_storylines(store)
    oil_ids = {_storyline_of(result, a) for a in oil}
    mj_ids = {_storyline_of(result, a) for a in mj}
    assert not oil_ids & mj_ids  # never mixed
    assert len(oil_ids) <= 2
    assert len(mj_ids) <= 2


def test_reclustering_is_deterministic(two_topics: tuple[Store, list[str], list[str]]) -> None:
    store, _oil, _mj = two_topics
    first = [(s.id, sorted(s.articles)) for s in sl.recluster(store)]
    second = [(s.id, sorted(s.articles)) for s in sl.recluster(store)]
    assert first == second


def test_overrides_survive_reclustering(two_topics: tuple[Store, list[str], list[str]]) -> None:
    store, oil, mj = two_topics
    result = sl.recluster(store)
    oil_sid, mj_sid = _storyline_of(result, oil[0]), _storyline_of(result, mj[0])
    sl.override(store, "rename", {"storyline": oil_sid, "label": "Deepwater Horizon spill"})
    sl.override(store, "move", {"article": mj[1], "to": oil_sid})
    after = sl.recluster(store)  # a fresh clustering, then the overrides replayed
    renamed = next(s for s in after if s.id == oil_sid)
    assert renamed.label == "Deepwater Horizon spill"
    assert mj[1] in renamed.articles
    sl.override(store, "split", {"storyline": oil_sid, "articles": [mj[1]]})
    after = sl.recluster(store)
    assert _storyline_of(after, mj[1]) not in (oil_sid, mj_sid)
    sl.override(store, "merge", {"into": oil_sid, "other": _storyline_of(after, mj[1])})
    assert mj[1] in next(s for s in sl.recluster(store) if s.id == oil_sid).articles
    with pytest.raises(ValueError, match="unknown storyline override"):
        sl.override(store, "explode", {})


def test_seed_corpus_is_one_storyline(demo_db: str) -> None:
    with open_store(demo_db) as store:
        (only,) = sl.stored_storylines(store)
    assert len(only.articles) == 10
    assert only.first is not None
    assert only.first.year == 2018
