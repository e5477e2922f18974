"""The project's own scorers, run as benchmarks (``storyline eval SUITE --data DIR``).

Each suite is a module with ``evaluate(data, limit=None) -> EvalReport`` and
``floors(data) -> list[Floor]``: the pinned minimum (or maximum) scores CI checks, so a change
that lowers a score fails.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from storyline.errors import EvalDataError

SUITES: dict[str, str] = {
    "extract": "storyline.eval.extraction",
    "time": "storyline.eval.tempeval",
    "quotes": "storyline.eval.polnear",
    "events": "storyline.eval.events",
    "tls": "storyline.eval.tls",
    "entities": "storyline.eval.entities",
}


@dataclass
class EvalReport:
    suite: str
    dataset: str
    # Headline scores, by the benchmark's own definitions.
    metrics: dict[str, float]
    seconds: float
    # Anything else worth printing or saving: per-document scores, counts, peers' numbers.
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Floor:
    metric: str
    minimum: float | None = None
    maximum: float | None = None

    def check(self, metrics: dict[str, float]) -> str | None:
        """None when met, else a line saying what fell short."""
        if self.metric not in metrics:
            return f"{self.metric}: not reported"
        value = metrics[self.metric]
        if self.minimum is not None and value < self.minimum:
            return f"{self.metric} = {value:.4f} is below the floor {self.minimum}"
        if self.maximum is not None and value > self.maximum:
            return f"{self.metric} = {value:.4f} is above the ceiling {self.maximum}"
        return None


class Suite(Protocol):
    def evaluate(self, data: Path, limit: int | None = None) -> EvalReport: ...

    def floors(self, data: Path) -> list[Floor]: ...


def load_suite(name: str) -> Suite:
    try:
        module = SUITES[name]
    except KeyError:
        raise EvalDataError(f"no evaluation suite {name!r} (known: {', '.join(SUITES)})") from None
    return cast(Suite, importlib.import_module(module))


def require_dir(data: Path, what: str) -> Path:
    """Fail clearly when an evaluation set is absent."""
    if not data.is_dir():
        raise EvalDataError(f"{data}: not a directory; expected {what}")
    return data


def check_floors(report: EvalReport, floors: list[Floor]) -> list[str]:
    return [msg for f in floors if (msg := f.check(report.metrics)) is not None]


Progress = Callable[[int, int], None]
