"""Named locks shared by every process that writes one store.

Most writes are safe on their own (one transaction each, inserts that tolerate a row
another writer added first). A few steps read the store, think, and write back a whole
state (the schema migration, the identity map, the storylines); two writers doing that at
once would lose one's work, so they hold a named lock for the whole step.

PostgreSQL: a session advisory lock (``pg_advisory_lock``) on a connection held for the
step. SQLite: a write transaction (``BEGIN IMMEDIATE``) on an empty sibling file
(``<store>.<name>.lock``), so the lock needs nothing but SQLite, waits through SQLite's
busy timeout, and is released by the operating system if the process dies. An in-memory store
has one process: a thread lock is enough.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from storyline.errors import StoreError

# How long a writer waits for another's step before giving up (seconds).
LOCK_TIMEOUT = 600.0

_memory_locks: dict[str, threading.Lock] = {}
_memory_guard = threading.Lock()


@contextmanager
def store_lock(engine: Engine, name: str) -> Iterator[None]:
    """Hold the store-wide lock ``name`` for the block (waits for other holders)."""
    if engine.dialect.name == "postgresql":
        with _pg_lock(engine, name):
            yield
        return
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        with _memory_guard:
            lock = _memory_locks.setdefault(f"{id(engine)}:{name}", threading.Lock())
        with lock:
            yield
        return
    with _sqlite_lock(Path(database), name):
        yield


@contextmanager
def _pg_lock(engine: Engine, name: str) -> Iterator[None]:
    key = _key(name)
    with engine.connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()


@contextmanager
def _sqlite_lock(database: Path, name: str) -> Iterator[None]:
    # An empty file per lock: SQLite's write lock on it is the mutex (nothing is written).
    path = database.with_name(f"{database.name}.{name}.lock")
    conn = None
    try:
        conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"cannot take the store lock {path}: {exc}") from exc
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def _key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (what ``pg_advisory_lock`` takes)."""
    return zlib.crc32(f"storyline:{name}".encode()) - 2**31
