"""WARC files: the HTML of each response record, with its URL and capture date."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.records import RecordError


class WarcPage:
    """One HTML response from a WARC file, before main-text extraction."""

    # The capture date (WARC-Date) is not a publication date, so it is not kept.
    def __init__(self, origin: str, url: str | None, html: bytes) -> None:
        self.origin = origin
        self.url = url
        self.html = html


def read_warc(name: str, data: bytes) -> Iterator[WarcPage | RecordError]:
    count = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            count += 1
            origin = f"{name}#{count}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (
                record.http_headers.get_header("Content-Type") if record.http_headers else ""
            ) or ""
            if ctype and "html" not in ctype.lower():
                continue
            try:
                body = record.content_stream().read()
            except (OSError, ValueError, EOFError) as exc:
                yield RecordError(origin, f"unreadable response record ({exc})")
                continue
            yield WarcPage(origin, url, body)
    # warcio raises whatever its parsing hits on a malformed file (AttributeError on a
    # record without a URI, say): any of it means the WARC is malformed from here on.
    except (ArchiveLoadFailed, Exception) as exc:
        yield RecordError(
            name, f"malformed WARC after {count} records ({exc.__class__.__name__}: {exc})"
        )
        return
    if count == 0:
        yield RecordError(name, "no response records in this WARC")
