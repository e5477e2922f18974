"""The Timeline17 layout: ``InputDocs/<YYYY-MM-DD>/<id>.htm.txt``, the date from the folder."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from storyline.ingest.detokenize import detokenize
from storyline.ingest.headline import split_fused_headline
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
    """One Timeline17 document: tokenised sentences, one a line (made prose by ingest).

    The dataset names its folders ``<topic>_<outlet>`` ("bpoil_reuters"): the outlet is the
    source.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    folder = Path(name).parts[-4] if len(Path(name).parts) >= 4 else None
    prose = detokenize("\n".join(lines), tokenized=True)
    # The dataset keeps no title apart: where the headline runs into the lead, it is the title.
    first, newline, rest = prose.partition("\n")
    fused = split_fused_headline(first)
    title = None
    if fused is not None:
        title, first = fused
        prose = first + newline + rest
    return SourceRecord(
        origin=name,
        text=prose,
        title=title,
        source=folder.rsplit("_", 1)[-1] if folder else None,
        published=published,
        published_precision="day",
        published_from="folder",
    )
