"""Post-cleaning of extracted page text and titles: what trafilatura leaves behind."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_text(text: str) -> str:
    """Lines trimmed, blank runs collapsed, one paragraph per line."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def clean_title(title: str | None) -> str | None:
    if not title:
        return None
    return _SPACES.sub(" ", title).strip() or None
