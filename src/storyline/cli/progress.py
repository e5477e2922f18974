"""Progress of a long run, as the CLI shows it: one bar on a terminal, log lines elsewhere."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.cli.common import err
from storyline.workflow import ProgressFn, ProgressStep

# Seconds between progress lines when stderr is not a terminal (a log, a CI job).
LOG_EVERY = 5.0

_WORDS = {"read": "reading", "annotate": "annotating", "cluster": "clustering"}
_UNITS = {"read": "inputs", "annotate": "articles", "cluster": "articles"}


def describe(step: ProgressStep) -> str:
    what = f"{_WORDS[step.phase]} {step.done}/{step.total} {_UNITS[step.phase]}"
    return f"{what} ({Path(step.item).name[:40]})" if step.item else what


@contextmanager
def work_progress() -> Iterator[ProgressFn]:
    """A progress callback for :func:`storyline.workflow.ingest` and its kin."""
    if err.is_terminal:
        with _bar() as show:
            yield show
    else:
        yield _LogLines(time.monotonic)


@contextmanager
def _bar() -> Iterator[ProgressFn]:
    # One bar across reading, annotating and clustering: the phase names the unit counted.
    with Progress(
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def show(step: ProgressStep) -> None:
            label = _WORDS[step.phase] + (f" {Path(step.item).name[:40]}" if step.item else "")
            bar.update(task, completed=step.done, total=step.total, description=label)

        yield show


class _LogLines:
    """A line when a phase starts or ends, otherwise at most one every ``every`` seconds."""

    def __init__(self, clock: Callable[[], float], every: float = LOG_EVERY) -> None:
        self.clock, self.every = clock, every
        self.last_at = float("-inf")
        self.phase = ""

    def __call__(self, step: ProgressStep) -> None:
        now = self.clock()
        boundary = step.phase != self.phase or step.done == step.total
        if boundary or now - self.last_at >= self.every:
            err.print(describe(step), highlight=False, soft_wrap=True)
            self.last_at, self.phase = now, step.phase
