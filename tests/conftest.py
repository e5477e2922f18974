"""Shared fixtures: the evaluation sets and the seed corpus from ../shared, when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "korea-seeds"


def _need(path: Path, what: str) -> Path:
    if path.exists():
        return path
    # CI sets STORYLINE_REQUIRE_EVAL=1: there, absent data is a failure, not a skip.
    if os.environ.get("STORYLINE_REQUIRE_EVAL") == "1":
        pytest.fail(f"{what} is required in CI but {path} is absent")
    pytest.skip(f"{what} not available at {path}")


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """``../shared/eval`` (skips when absent, fails in CI)."""
    return _need(SHARED / "eval", "the evaluation sets")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS, "the korea-seeds corpus")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the bundled seeds, ingested and annotated once per test session."""
    from storyline.views.demo import run_demo

    result = run_demo(tmp_path_factory.mktemp("demo-store"))
    return result.db
