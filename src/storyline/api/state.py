"""What one running server holds: the store, the worker, the live revision, the page cache."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

from starlette.requests import Request

from storyline.api.jobs import Job, Worker
from storyline.api.live import PageCache, RevisionMonitor
from storyline.api.settings import ServeSettings
from storyline.api.watch import FolderWatcher
from storyline.ingest.sidecar import InputMeta
from storyline.store import Store, open_store
from storyline.workflow import IngestOptions, IngestReport, ingest, ingest_data

log = logging.getLogger(__name__)


class ServerState:
    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.store: Store = open_store(settings.db)
        self.monitor = RevisionMonitor(self.store, settings.poll_seconds)
        self.cache = PageCache(self.monitor)
        self.options = IngestOptions(annotate=False, pipeline=settings.pipeline)
        self.worker = Worker(
            self.store, IngestOptions(pipeline=settings.pipeline), self.monitor.refresh
        )
        # Storing is serialised within the server: two requests carrying one article must
        # not race to insert it. Annotation runs beside reads in the worker.
        self.write_lock = threading.Lock()
        self.watcher = (
            FolderWatcher(settings.watch, settings.poll_seconds, self.ingest_file)
            if settings.watch is not None
            else None
        )
        self._requests = 0
        self._users = 0  # lifespans entered: a test client may nest one inside another
        self._users_lock = threading.Lock()

    def start(self) -> None:
        with self._users_lock:
            self._users += 1
            if self._users > 1:
                return
        self.monitor.start()
        self.worker.start()
        if self.watcher is not None:
            self.watcher.start()

    def stop(self) -> None:
        with self._users_lock:
            self._users -= 1
            if self._users > 0:
                return
        if self.watcher is not None:
            self.watcher.stop()
        self.worker.stop()
        self.monitor.stop()
        self.cache.close()
        self.store.close()

    def ingest_items(self, items: list[Any]) -> tuple[IngestReport, Job]:
        """Store posted articles (the JSONL fields) now; annotate and cluster them later."""
        with self.write_lock:
            self._requests += 1
            name = f"api:request-{int(time.time())}-{self._requests}"
            body = "\n".join(json.dumps(_without_nul(item), ensure_ascii=False) for item in items)
            options = IngestOptions(
                meta=InputMeta(format="jsonl"),
                annotate=False,
                max_bytes=self.settings.max_body,
                pipeline=self.settings.pipeline,
            )
            report = ingest_data(self.store, name, body.encode("utf-8"), options)
        self.monitor.refresh()
        return report, self.worker.submit(report.new_ids, "api")

    def ingest_file(self, path: Path) -> Job:
        with self.write_lock:
            report = ingest(self.store, [str(path)], self.options)
        for o in report.outcomes:
            if o.status == "skipped":
                log.warning("watched file %s: skipped: %s", o.name, o.reason)
        counts = report.counts()
        log.info(
            "watched file %s: %d ingested, %d duplicate, %d skipped",
            path,
            counts["ingested"],
            counts["duplicate"],
            counts["skipped"],
        )
        self.monitor.refresh()
        return self.worker.submit(report.new_ids, str(path))


def _without_nul(value: Any) -> Any:
    """``value`` with NUL characters dropped from its strings: never text, and PostgreSQL
    refuses them."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    return value


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.storyline
    return state
