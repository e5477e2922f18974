"""A served store: the app in-process (TestClient) or ``storyline serve`` as a real process.

Write tests work on a copy of the session's demo store, so other tests keep theirs intact.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from storyline.api import ServeSettings, create_app

TOKEN = "test-token-3f9c"


def copy_store(db_url: str, folder: Path) -> str:
    """A copy of an SQLite store (its WAL too, if one is left)."""
    source = Path(db_url.removeprefix("sqlite:///"))
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        part = source.with_name(source.name + suffix)
        if part.exists():
            shutil.copy(part, folder / (source.name + suffix))
    return f"sqlite:///{folder / source.name}"


@pytest.fixture
def store_copy(demo_db: str, tmp_path: Path) -> str:
    return copy_store(demo_db, tmp_path / "store")


@pytest.fixture
def client(store_copy: str) -> Iterator[TestClient]:
    """The app over a copy of the demo store, writes on with :data:`TOKEN`."""
    app = create_app(ServeSettings(db=store_copy, token=TOKEN, poll_seconds=0.2))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def reader(demo_db: str) -> Iterator[TestClient]:
    """The app over the shared demo store, read-only (no token: writes disabled)."""
    app = create_app(ServeSettings(db=demo_db))
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def post(self, path: str, json: object, token: str | None = TOKEN) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.post(self.url + path, json=json, headers=headers, timeout=60)

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.url + path, timeout=60)


def start_server(db: str, folder: Path, *extra: str) -> LiveServer:
    """``storyline serve`` in its own process, as a user starts it; waits until it answers."""
    port = free_port()
    token_file = folder / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    log = folder / "serve.log"
    cmd = [sys.executable, "-m", "storyline.cli", "serve", "--db", db, "--port", str(port)]
    cmd += ["--token-file", str(token_file), "--poll", "0.3", *extra]
    env = {k: v for k, v in os.environ.items() if k != "STORYLINE_TOKEN"}
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    server = LiveServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"storyline serve exited: {log.read_text()}")
        try:
            if httpx.get(server.url + "/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise AssertionError(f"storyline serve did not answer: {log.read_text()}")


def stop_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture
def live_server(store_copy: str, tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(store_copy, tmp_path)
    yield server
    stop_server(server)


def wait_job(get: object, job: str, timeout: float = 240) -> dict[str, object]:
    """Poll ``GET /api/v1/jobs/{job}`` until it is done or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = get(f"/api/v1/jobs/{job}").json()  # type: ignore[operator]
        if found["status"] in ("done", "failed"):
            return found  # type: ignore[no-any-return]
        time.sleep(0.2)
    raise AssertionError(f"job {job} still not finished after {timeout}s")


from tests.store.conftest import store_url  # noqa: E402, F401  (SQLite and PostgreSQL stores)
