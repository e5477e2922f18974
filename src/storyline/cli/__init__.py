"""The ``storyline`` command: thin commands over library calls; only this package prints."""

from __future__ import annotations

import sys

from storyline.cli import (  # noqa: F401  (they register commands)
    eval_cmd,
    events_cmd,
    serve_cmd,
    store_cmds,
    story_cmds,
)
from storyline.cli.common import app, fail
from storyline.errors import StorylineError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except StorylineError as exc:  # anything a command did not map itself
        fail(str(exc), 2)
        sys.exit(2)
