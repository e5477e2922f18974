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
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
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
    built_at: float = 0.0
    build_seconds: float = 0.0


class PageCache:
    """Values built from the store, each valid at the revision it was built at.

    A value that is cheap to build is rebuilt at once. For an expensive one (a big story
    page), a request finding it stale gets it at once while a background thread rebuilds it
    (stale-while-revalidate), and its rebuilds are spaced by twice their cost, so a long
    ingest that changes the revision every second cannot keep the server busy rebuilding.
    Each answer says the revision it was built at, so a client can tell it was stale.
    """

    # Builds faster than this are done while the request waits.
    CHEAP_SECONDS = 0.3

    def __init__(self, monitor: RevisionMonitor, size: int = 256) -> None:
        self.monitor = monitor
        self.size = size
        self._entries: OrderedDict[Hashable, Cached] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="storyline-rebuild")

    def get(self, key: Hashable, build: Callable[[], Any]) -> Cached:
        revision = self.monitor.token
        entry = self._peek(key)
        if entry is not None and entry.revision == revision:
            return entry
        if entry is not None and entry.build_seconds >= self.CHEAP_SECONDS:
            if time.monotonic() - entry.built_at >= 2 * entry.build_seconds:
                self._pool.submit(self._rebuild_quietly, key, build)
            return entry
        return self._rebuild(key, build)

    def _rebuild_quietly(self, key: Hashable, build: Callable[[], Any]) -> None:
        lock = self._lock_for(key)
        if not lock.acquire(blocking=False):
            return  # already being rebuilt
        try:
            self._build_locked(key, build)
        except Exception:  # the stale value stays; the next request tries again
            log.exception("could not rebuild %r", key)
        finally:
            lock.release()

    def _rebuild(self, key: Hashable, build: Callable[[], Any]) -> Cached:
        with self._lock_for(key):
            entry = self._peek(key)
            if entry is not None and entry.revision == self.monitor.token:
                return entry
            return self._build_locked(key, build)

    def _build_locked(self, key: Hashable, build: Callable[[], Any]) -> Cached:
        revision = self.monitor.token  # before building: a write meanwhile makes it stale
        started = time.monotonic()
        value = build()
        now = time.monotonic()
        entry = Cached(revision, value, now, now - started)
        with self._guard:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                old, _ = self._entries.popitem(last=False)
                self._locks.pop(old, None)
        return entry

    def _peek(self, key: Hashable) -> Cached | None:
        with self._guard:
            return self._entries.get(key)

    def _lock_for(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
