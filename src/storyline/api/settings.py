"""What ``storyline serve`` is configured with: one object, each field with its default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from storyline.annotate.pipeline import PipelineOptions
from storyline.errors import StorylineError

TOKEN_ENV = "STORYLINE_TOKEN"
DEFAULT_MAX_BODY = 10 * 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    # Store URL (sqlite:///path, postgresql://..., a file path); None: the default store.
    db: str | None = None
    # Bearer token that writes must carry; None disables writes (reads stay open).
    token: str | None = None
    # Largest request body accepted, in bytes; larger ones get 413.
    max_body: int = DEFAULT_MAX_BODY
    # Folder whose new files are ingested as they arrive; None: no watching.
    watch: Path | None = None
    # Seconds between looks at the store (live pages) and at the watched folder.
    poll_seconds: float = 1.0
    # How the background worker annotates what was stored.
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


def read_token(token_file: Path | None) -> str | None:
    """The write token: the file's first line if given, else ``$STORYLINE_TOKEN``, else None."""
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise StorylineError(f"cannot read token file {token_file}: {exc}") from exc
        token = lines[0].strip() if lines else ""
        if not token:
            raise StorylineError(f"token file {token_file} is empty")
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None
