"""The ``storyline`` command: thin commands over library calls; only this package prints."""

from __future__ import annotations

import sys

from storyline.cli import eval_cmd, serve_cmd, store_cmds, story_cmds  # noqa: F401  (register commands)
from storyline.cli.common import app, err
from storyline.errors import StorylineError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except StorylineError as exc:  # anything a command did not map itself
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2)
