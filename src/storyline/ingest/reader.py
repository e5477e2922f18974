"""One entry point for every input format: bytes in, source records out.

The format comes from the sidecar, the file name, or the content, in that order.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.capture import CapturedStory, parse_capture
from storyline.ingest.html import extract_page
from storyline.ingest.readers.feeds import is_json_feed, read_json_feed, read_xml_feed
from storyline.ingest.readers.jsonl import read_jsonl
from storyline.ingest.readers.t17 import read_t17, t17_date
from storyline.ingest.readers.warc import WarcPage, read_warc
from storyline.ingest.records import RecordError, SourceRecord
from storyline.ingest.sidecar import InputMeta
from storyline.ingest.sources import decode_text, looks_binary
from storyline.ingest.wire import apply_conventions

log = logging.getLogger(__name__)

MIN_ARTICLE_WORDS = 8
FORMATS = ("capture", "html", "jsonl", "feed", "jsonfeed", "warc", "t17")
_XML_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_SITEMAP = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html|body|article|div|p)[\s>]", re.IGNORECASE)


@dataclass
class InputRead:
    """What one input gave: records, and the records inside it that could not be read."""

    name: str
    format: str
    records: list[SourceRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)


def sniff_format(name: str, data: bytes) -> str:
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz", ".arc.gz")) or data[:5] == b"WARC/":
        return "warc"
    if lower.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return "jsonl"
    head = data[:4096].lstrip()
    if lower.endswith(".json") or head[:1] in (b"{", b"["):
        return "jsonfeed" if is_json_feed(data[:4096].decode("utf-8", "replace")) else "jsonl"
    if t17_date(Path(name)) is not None:
        return "t17"
    if lower.endswith((".rss", ".atom")) or (head.startswith(b"<?xml") and _XML_FEED.search(head)):
        return "feed"
    if _XML_FEED.search(head[:512]) or _SITEMAP.search(head[:512]):
        return "feed"
    if lower.endswith((".html", ".htm", ".xhtml")) or _HTML.search(head[:1024]):
        return "html"
    return "capture"


def read_input(name: str, data: bytes, meta: InputMeta) -> InputRead:
    """Records from one input's bytes. Raises InputError when nothing in it is readable."""
    fmt = meta.format or sniff_format(name, data)
    if fmt != "warc" and looks_binary(data):
        raise InputError(name, "binary file, not text, HTML, a feed or WARC")
    if fmt not in FORMATS:
        raise InputError(name, f"unknown format {fmt!r} in sidecar (known: {', '.join(FORMATS)})")
    result = InputRead(name, fmt)
    for item in _records(name, fmt, data, meta):
        if isinstance(item, RecordError):
            result.errors.append(item)
        elif not item.text.strip():
            result.errors.append(RecordError(item.origin, "no text"))
        else:
            if fmt != "capture":  # captures have their own, page-aware cleaning
                apply_conventions(item)
            result.records.append(item)
    if not result.records:
        reasons = "; ".join(e.reason for e in result.errors[:3]) or "nothing to read"
        raise InputError(name, reasons)
    return result


def _records(
    name: str, fmt: str, data: bytes, meta: InputMeta
) -> Iterator[SourceRecord | RecordError]:
    if fmt == "warc":
        for page in read_warc(name, data):
            if isinstance(page, WarcPage):
                yield _html_record(page.origin, page.html, page.url)
            else:
                yield page
    elif fmt == "html":
        yield _html_record(name, data, meta.url)
    elif fmt == "feed":
        if b"<urlset" in data[:2048] or b"<sitemapindex" in data[:2048]:
            yield RecordError(name, "a sitemap lists URLs, not articles; fetch the pages first")
            return
        yield from read_xml_feed(name, data)
    else:
        text = decode_text(name, data, meta.encoding)
        if fmt == "jsonl":
            if text.lstrip().startswith("["):
                text = _array_to_lines(name, text)
            yield from read_jsonl(name, text)
        elif fmt == "jsonfeed":
            yield from read_json_feed(name, text)
        elif fmt == "t17":
            published = t17_date(Path(name))
            assert published is not None  # sniffed from the path
            yield read_t17(name, text, published)
        else:
            yield _capture_record(name, text, meta)


def _array_to_lines(name: str, text: str) -> str:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(items, list):
        raise InputError(name, "expected a JSON array of articles or a JSON Feed")
    return "\n".join(json.dumps(item) for item in items)


def _html_record(origin: str, data: bytes, url: str | None) -> SourceRecord | RecordError:
    page = extract_page(data, url=url)
    # A menu or a lone link that survives extraction is not an article.
    if page is None or len(page.text.split()) < MIN_ARTICLE_WORDS:
        return RecordError(origin, "no article text found in this HTML page")
    return SourceRecord(
        origin=origin,
        text=page.text,
        title=page.title,
        url=page.url or url,
        author=page.author,
        published=page.published,
        published_precision=page.published_precision,
        published_from=page.published_from,
    )


def _capture_record(name: str, text: str, meta: InputMeta) -> SourceRecord | RecordError:
    page = parse_capture(
        text,
        published=meta.published,
        published_precision=meta.published_precision if meta.published else "day",
    )
    if not page.main.text.strip():
        return RecordError(name, "no story text left once page chrome was removed")
    main = _story_record(name, page.main)
    main.chrome_language = page.chrome_language
    main.blurbs = [
        _story_record(f"{name}#blurb{i}", blurb) for i, blurb in enumerate(page.blurbs, start=1)
    ]
    return main


def _story_record(origin: str, story: CapturedStory) -> SourceRecord:
    return SourceRecord(
        origin=origin,
        text=story.text,
        title=story.title,
        published=story.published,
        published_precision=story.published_precision,
        published_from=story.published_from,
        language=story.language,
        kind=story.kind,
    )
