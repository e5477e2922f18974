"""A real browser: Playwright driving Debian's chromium (nothing is downloaded at run time).

Without chromium the browser tests skip with the reason, unless STORYLINE_REQUIRE_BROWSER=1
(CI sets it), where its absence is a failure. Install it with ``apt-get install chromium``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import LiveServer, copy_store, start_server, stop_server

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = os.environ.get("STORYLINE_CHROMIUM") or shutil.which("chromium")
    if found and Path(found).exists():
        return found
    if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium is required (STORYLINE_REQUIRE_BROWSER=1) but is not installed")
    pytest.skip("chromium not installed (apt-get install chromium); browser tests skipped")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        pw.storyline_chromium = executable
        yield pw


@pytest.fixture
def browser(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A fresh chromium profile for each test, phone-sized pages on request."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=playwright.storyline_chromium,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1100, "height": 900},
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="module")
def live_server(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``storyline serve`` over a copy of the demo store, one for a module's tests."""
    folder = tmp_path_factory.mktemp("served")
    server = start_server(copy_store(demo_db, folder / "store"), folder)
    yield server
    stop_server(server)
