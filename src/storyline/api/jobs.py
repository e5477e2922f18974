"""The background worker: annotate and cluster what the API or the watched folder stored.

One thread hands the work to one child process (spawned, so it shares no lock or thread with
the server): the NLP never holds the server's interpreter, so pages and API answers keep
flowing while it runs, and a crash in it fails the job, not the server. One at a time, so
storylines are updated by one writer. Jobs queued while it works are taken together on its
next round (one annotation batch is cheaper than many). Job records are kept in memory for
the life of the server; the articles are in the store from the moment the request was
answered, so a restart loses no coverage.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Literal

from storyline.store import Store, open_store
from storyline.workflow import IngestOptions, annotate_and_cluster

log = logging.getLogger(__name__)

JobStatus = Literal["queued", "running", "done", "failed"]
KEEP_JOBS = 1000


@dataclass
class Job:
    id: str
    article_ids: list[str]
    source: str  # "api" or the watched file's path
    status: JobStatus = "queued"
    created: float = field(default_factory=time.time)
    finished: float | None = None
    annotated: int = 0
    storylines: list[str] = field(default_factory=list)
    error: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status,
            "source": self.source,
            "articles": list(self.article_ids),
            "annotated": self.annotated,
            "storylines": list(self.storylines),
            "error": self.error,
            "created": self.created,
            "finished": self.finished,
        }


class Worker:
    """Runs :func:`storyline.workflow.annotate_and_cluster` for queued jobs, in order."""

    def __init__(
        self, store: Store, options: IngestOptions, on_change: Callable[[], object]
    ) -> None:
        self.store = store
        self.options = options
        self.on_change = on_change  # called after each round wrote to the store
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, article_ids: list[str], source: str) -> Job:
        job = Job(f"job-{next(self._ids)}-{int(time.time())}", list(article_ids), source)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
            self._idle.clear()
        if article_ids:
            self._queue.put(job)
        else:
            self._finish([job])
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running (for tests and orderly shutdown)."""
        return self._idle.wait(timeout)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="storyline-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Finish the round in progress, then stop."""
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while True:  # take whatever else is waiting: one annotation round for all
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            self._round(batch)
            if stop:
                return

    def _round(self, batch: list[Job]) -> None:
        ids = list(dict.fromkeys(i for job in batch for i in job.article_ids))
        for job in batch:
            job.status = "running"
        log.info("annotating %d article(s) for %s", len(ids), ", ".join(j.id for j in batch))
        try:
            home = self._annotate(ids)
        except Exception as exc:  # reported on the job; the server goes on
            log.exception("job(s) %s failed", ", ".join(j.id for j in batch))
            for job in batch:
                job.status, job.error = "failed", f"{exc.__class__.__name__}: {exc}"
            self._finish(batch)
            return
        for job in batch:
            job.status = "done"
            job.annotated = len(job.article_ids)
            job.storylines = sorted({home[a] for a in job.article_ids if a in home})
        self._finish(batch)

    def _annotate(self, ids: list[str]) -> dict[str, str]:
        if self._pool is None:
            spawn = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=spawn)
        try:
            return self._pool.submit(annotate_in_child, self.store.url, ids, self.options).result()
        except BrokenProcessPool:
            self._pool = None  # the child died (killed, out of memory): a fresh one next time
            raise

    def _finish(self, batch: list[Job]) -> None:
        now = time.time()
        for job in batch:
            if job.status not in ("done", "failed"):
                job.status = "done"
            job.finished = now
        try:
            self.on_change()
        except Exception:
            log.exception("could not refresh the store's revision")
        if self._queue.empty() and all(
            j.status in ("done", "failed") for j in list(self._jobs.values())
        ):
            self._idle.set()


_CHILD_STORES: dict[str, Store] = {}


def annotate_in_child(url: str, ids: list[str], options: IngestOptions) -> dict[str, str]:
    """In the worker process: annotate and cluster ``ids``; returns article → storyline."""
    store = _CHILD_STORES.get(url)
    if store is None:
        store = _CHILD_STORES[url] = open_store(url)
    annotate_and_cluster(store, ids, options)
    wanted = set(ids)
    return {a: s.id for s in store.storylines() for a in s.articles if a in wanted}
