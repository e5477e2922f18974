"""The store behind one interface: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import os
from pathlib import Path

from storyline.errors import StoreError
from storyline.store.store import AddResult, Store

__all__ = ["AddResult", "Store", "default_url", "open_store"]

ENV_DB = "STORYLINE_DB"


def default_url() -> str:
    """``$STORYLINE_DB``, else an SQLite file in the user's data directory."""
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("storyline", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'storyline.db'}"


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``url``.

    Accepts ``sqlite:///path``, ``postgresql://...`` and a bare file path.
    """
    url = url or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    elif url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if str(path) not in ("", ":memory:") and not path.parent.exists():
            raise StoreError(f"cannot open store {url}: folder {path.parent} does not exist")
    return Store(url)
