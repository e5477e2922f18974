"""Article identity: a hash of the normalized text, so re-ingesting is a no-op."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """What identity is computed over: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(text: str) -> str:
    """A stable id for an article's text (20 hex digits of SHA-256)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:20]
