"""The store's revision, polled once for every client, and pages cached at a revision.

Whichever process writes to the store (this server, a ``storyline ingest`` beside it), the
revision changes; pages built at an older revision are rebuilt on their next request. While
one thread rebuilds a page, other readers get the previous version instead of waiting, so
reads stay fast while an ingest runs.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from storyline.store import Store

log = logging.getLogger(__name__)


class RevisionMonitor:
    """Polls :meth:`Store.revision` in a thread; ``token`` is the latest as a short string."""

    def __init__(self, store: Store, interval: float) -> None:
        self.store = store
        self.interval = interval
        self._lock = threading.Lock()
        self._local = 0  # bumped by this process's own writes, so they show at once
        self._token = self._read()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def token(self) -> str:
        return self._token

    def _read(self) -> str:
        raw = repr((self.store.revision(), self._local))
        return hashlib.sha1(raw.encode()).hexdigest()[:12]

    def refresh(self) -> str:
        """Read the revision now (after a write of our own, say)."""
        with self._lock:
            self._local += 1
            self._token = self._read()
            return self._token

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="storyline-revision", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                with self._lock:
                    self._token = self._read()
            except Exception:  # a store hiccup must not end live updates
                log.exception("could not read the store's revision")


@dataclass(frozen=True)
class Cached:
    revision: str
    value: Any


class PageCache:
    """Values built from the store, each valid at the revision it was built at."""

    def __init__(self, monitor: RevisionMonitor, size: int = 256) -> None:
        self.monitor = monitor
        self.size = size
        self._entries: OrderedDict[Hashable, Cached] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Any]) -> Cached:
        """The value for ``key`` at the current revision, built once however many ask.

        A stale value is served while another thread rebuilds it.
        """
        revision = self.monitor.token
        entry = self._peek(key)
        if entry is not None and entry.revision == revision:
            return entry
        lock = self._lock_for(key)
        if entry is not None and not lock.acquire(blocking=False):
            return entry  # someone is rebuilding it: the previous version will do
        if entry is None:
            lock.acquire()
        try:
            entry = self._peek(key)
            revision = self.monitor.token
            if entry is not None and entry.revision == revision:
                return entry
            entry = Cached(revision, build())
            with self._guard:
                self._entries[key] = entry
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    old, _ = self._entries.popitem(last=False)
                    self._locks.pop(old, None)
            return entry
        finally:
            lock.release()

    def _peek(self, key: Hashable) -> Cached | None:
        with self._guard:
            return self._entries.get(key)

    def _lock_for(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())
