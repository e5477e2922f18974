"""Sidecar metadata: what a capture lost (outlet, URL, date, language), kept next to it.

Two forms, both JSON:

- ``NAME.meta.json`` beside ``NAME``: one object for that file;
- ``storyline.meta.json`` in a folder: ``{"files": {"NAME": {...}, ...}, "defaults": {...}}``
  for the files of that folder (``defaults`` apply to each of them).

Keys: ``source`` (outlet), ``url``, ``published`` (ISO date, ``YYYY-MM`` or ``YYYY``),
``language``, ``title``, ``encoding``, ``format``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.dates import parse_date
from storyline.model import DatePrecision

log = logging.getLogger(__name__)

FOLDER_SIDECAR = "storyline.meta.json"
FILE_SUFFIX = ".meta.json"
KEYS = frozenset({"source", "url", "published", "language", "title", "encoding", "format"})


@dataclass(frozen=True)
class InputMeta:
    """Metadata for one input, from a sidecar or the command line."""

    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_precision: DatePrecision = "unknown"
    language: str | None = None
    title: str | None = None
    encoding: str | None = None
    format: str | None = None

    def overlaid(self, other: InputMeta) -> InputMeta:
        """``self`` with every field that ``other`` sets replaced by ``other``'s value."""
        changes = {k: v for k, v in vars(other).items() if v not in (None, "unknown")}
        return replace(self, **changes)


# A story's knowledge file may sit in its corpus folder; it is read with --knowledge.
KNOWLEDGE_FILE = "storyline.knowledge.toml"


def is_sidecar(path: Path) -> bool:
    return path.name in (FOLDER_SIDECAR, KNOWLEDGE_FILE) or path.name.endswith(FILE_SUFFIX)


def meta_from_mapping(raw: object, where: str) -> InputMeta:
    if not isinstance(raw, dict):
        raise InputError(where, "sidecar entry must be a JSON object")
    unknown = set(raw) - KEYS
    if unknown:
        raise InputError(where, f"unknown sidecar keys {sorted(unknown)}; known: {sorted(KEYS)}")
    published = None
    precision: DatePrecision = "unknown"
    if raw.get("published") is not None:
        parsed = parse_date(raw["published"])
        if parsed is None:
            raise InputError(where, f"published {raw['published']!r} is not a date (YYYY-MM-DD)")
        published, precision = parsed
    strs = {k: raw.get(k) for k in ("source", "url", "language", "title", "encoding", "format")}
    for key, value in strs.items():
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"{key} must be a string")
    return InputMeta(
        source=strs["source"],
        url=strs["url"],
        published=published,
        published_precision=precision,
        language=strs["language"],
        title=strs["title"],
        encoding=strs["encoding"],
        format=strs["format"],
    )


@lru_cache(maxsize=256)
def _folder_sidecar(folder: Path) -> tuple[InputMeta, dict[str, InputMeta]]:
    path = folder / FOLDER_SIDECAR
    if not path.is_file():
        return InputMeta(), {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"unreadable sidecar: {exc}") from exc
    if not isinstance(raw, dict):
        raise InputError(str(path), "sidecar must be a JSON object")
    defaults = meta_from_mapping(raw.get("defaults", {}), f"{path} (defaults)")
    files = raw.get("files", {})
    if not isinstance(files, dict):
        raise InputError(str(path), '"files" must map file names to objects')
    return defaults, {
        name: meta_from_mapping(entry, f"{path} (files.{name})") for name, entry in files.items()
    }


def sidecar_for(path: Path) -> InputMeta:
    """The sidecar metadata that applies to ``path`` (folder defaults, then its own)."""
    defaults, files = _folder_sidecar(path.parent)
    meta = defaults.overlaid(files.get(path.name, InputMeta()))
    own = path.with_name(path.name + FILE_SUFFIX)
    if own.is_file():
        try:
            raw = json.loads(own.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(str(own), f"unreadable sidecar: {exc}") from exc
        meta = meta.overlaid(meta_from_mapping(raw, str(own)))
    return meta
