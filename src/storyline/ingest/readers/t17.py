"""The Timeline17 layout: ``InputDocs/<YYYY-MM-DD>/<id>.htm.txt``, the date from the folder."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from storyline.ingest.records import SourceRecord

_DAY_FOLDER = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def t17_date(path: Path) -> date | None:
    """The publication date a Timeline17 path carries, or None if it is not in that layout."""
    if len(path.parts) < 3 or path.parts[-3] != "InputDocs":
        return None
    m = _DAY_FOLDER.match(path.parts[-2])
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def read_t17(name: str, text: str, published: date) -> SourceRecord:
    """One Timeline17 document: tokenised sentences, one a line, kept as they are."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    topic = Path(name).parts[-4] if len(Path(name).parts) >= 4 else None
    return SourceRecord(
        origin=name,
        text="\n".join(lines),
        source=topic,
        published=published,
        published_precision="day",
        published_from="folder",
    )
