"""One store test suite, run against SQLite and PostgreSQL.

PostgreSQL: ``STORYLINE_TEST_PG_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``).
Each test gets a fresh database created there and dropped afterwards. When no server is
reachable the PostgreSQL run skips with the reason; CI sets STORYLINE_REQUIRE_PG=1, and then
an unreachable server is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from storyline.store import Store, open_store

PG_URL = os.environ.get("STORYLINE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_admin() -> sa.Engine:
    url = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    return sa.create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin = _pg_admin()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        if os.environ.get("STORYLINE_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}: {exc}")
        pytest.skip(f"no PostgreSQL server reachable at {PG_URL}")
    name = f"storyline_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = PG_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()
