"""Concurrent writers: several real ``storyline ingest`` processes on one store all finish.

Each store test runs on SQLite and PostgreSQL (the ``store_url`` fixture). The processes
start together on overlapping folders of the seed pages, on a fresh store, so they race
to create the schema, to store the shared pages, and to save entities and storylines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

from storyline.ingest.identity import article_id
from storyline.model import Article, Entity
from storyline.store import Store, open_store
from storyline.store import schema as t
from storyline.views.demo import bundled_corpus

SIDECAR = "storyline.meta.json"

# Three folders, each sharing one page with each other folder.
FOLDERS = {"a": ("000", "001"), "b": ("001", "002"), "c": ("002", "000")}


def _folders(tmp_path: Path) -> list[Path]:
    corpus = bundled_corpus()
    made = []
    for name, prefixes in FOLDERS.items():
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(corpus / SIDECAR, folder / SIDECAR)
        for prefix in prefixes:
            page = next(corpus.glob(f"{prefix}_*.txt"))
            shutil.copy(page, folder / page.name)
        made.append(folder)
    return made


def test_concurrent_ingests_all_finish_and_annotate_each_article_once(
    store_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "storyline.cli", "ingest", str(folder), "--db", store_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        for folder in _folders(tmp_path)
    ]
    outputs = [p.communicate(timeout=600)[0] for p in processes]
    for p, out in zip(processes, outputs, strict=True):
        assert p.returncode == 0, out
        assert "Traceback" not in out, out
    annotated = [int(m) for out in outputs for m in re.findall(r"(\d+) annotated", out)]
    with open_store(store_url) as store:
        articles = store.articles()
        assert len(articles) == 10  # three pages and their seven blurbs, each stored once
        # Each article annotated by exactly one of the processes: the one that stored it.
        assert sum(annotated) == len(articles), outputs
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(t.annotations.c.article_id, t.annotations.c.data).where(
                    t.annotations.c.layer == "sentences"
                )
            ).all()
        sentences = {r.article_id: r.data for r in rows}
        assert set(sentences) == {a.id for a in articles}
        assert all(json.dumps(s) != "[]" for s in sentences.values())
        # Every article found its storyline: no process's clustering overwrote another's.
        placed = {aid for s in store.storylines() for aid in s.articles}
        assert placed == {a.id for a in articles}


def _race(store_url: str, work: Callable[[Store], object], writers: int = 4) -> None:
    """Run ``work`` in ``writers`` threads at once, each with its own store (own engine and
    connections, as separate processes have); re-raise the first failure."""
    stores = [open_store(store_url) for _ in range(writers)]
    barrier = threading.Barrier(writers)

    def run(store: Store) -> object:
        barrier.wait()
        return work(store)

    try:
        with ThreadPoolExecutor(writers) as pool:
            for future in [pool.submit(run, s) for s in stores]:
                future.result()
    finally:
        for s in stores:
            s.close()


def _wire(n: int) -> Article:
    text = (
        f"SEOUL, Dec. {n % 28 + 1} (Yonhap) -- North Korea fired {n} artillery shells into the "
        f"sea on day {n}, officials said, in drill number {n * 7 + 3} of the season."
    )
    return Article(id=article_id(text), text=text, source="Yonhap")


def test_concurrent_add_group_stores_each_article_once(store_url: str) -> None:
    open_store(store_url).close()  # the schema exists: the race is on the rows
    pages = [[_wire(n), _wire(n + 1000)] for n in range(40)]
    statuses: list[str] = []
    lock = threading.Lock()

    def add_all(store: Store) -> None:
        for group in pages:
            results = store.add_group(group)
            with lock:
                statuses.extend(r.status for r in results)

    _race(store_url, add_all)
    assert statuses.count("ingested") == 80  # each article stored by exactly one writer
    assert statuses.count("duplicate") == 3 * 80
    with open_store(store_url) as store:
        assert store.count() == 80


def test_concurrent_entity_saves_merge_every_alias(store_url: str) -> None:
    open_store(store_url).close()
    counter = iter(range(100))
    lock = threading.Lock()

    def save(store: Store) -> None:
        with lock:
            n = next(counter)
        for round_ in range(10):
            store.save_entities(
                Entity(f"ent-{k}", f"Name {k}", "PER", [f"alias {n}-{round_}"], [])
                for k in range(20)
            )

    _race(store_url, save)
    with open_store(store_url) as store:
        saved = store.entities(resolved=False)
    assert len(saved) == 20
    for entity in saved:
        assert len(entity.aliases) == 4 * 10  # no writer's aliases lost
