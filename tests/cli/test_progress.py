"""Progress when stderr is not a terminal: a line per phase boundary, else every few seconds."""

from __future__ import annotations

import pytest

from storyline.cli.progress import LOG_EVERY, _LogLines, describe
from storyline.workflow import ProgressStep


def test_log_lines_at_phase_boundaries_and_every_few_seconds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = [0.0]
    show = _LogLines(lambda: now[0])
    show(ProgressStep("read", 1, 3, "folder/a.txt"))  # a phase starts: a line
    show(ProgressStep("read", 2, 3, "folder/b.txt"))  # too soon: none
    show(ProgressStep("read", 3, 3, "folder/c.txt"))  # the phase ends: a line
    for done in range(1, 10):
        now[0] += LOG_EVERY / 2
        show(ProgressStep("annotate", done, 10))
    show(ProgressStep("annotate", 10, 10))
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "reading 1/3 inputs (a.txt)",
        "reading 3/3 inputs (c.txt)",
        "annotating 1/10 articles",
        "annotating 3/10 articles",
        "annotating 5/10 articles",
        "annotating 7/10 articles",
        "annotating 9/10 articles",
        "annotating 10/10 articles",
    ]


def test_describe_names_the_unit_counted() -> None:
    assert describe(ProgressStep("cluster", 4, 20)) == "clustering 4/20 articles"
