"""RSS, Atom and JSON Feed files: one record per entry with text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from storyline.ingest.dates import parse_date
from storyline.ingest.readers.fragments import fragment_to_text
from storyline.ingest.records import RecordError, SourceRecord


def read_xml_feed(name: str, data: bytes) -> Iterator[SourceRecord | RecordError]:
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        yield RecordError(name, f"malformed feed ({reason})")
        return
    source = parsed.get("feed", {}).get("title")
    for i, entry in enumerate(parsed.get("entries", []), start=1):
        origin = f"{name}#{i}"
        html = _entry_html(entry)
        text = fragment_to_text(html) if html else ""
        if not text.strip():
            yield RecordError(origin, f"entry {i} has no text")
            continue
        record = SourceRecord(
            origin=origin,
            text=text,
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            source=source or None,
            author=entry.get("author") or None,
        )
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            record.published = date(when.tm_year, when.tm_mon, when.tm_mday)
            record.published_precision = "day"
            record.published_from = "metadata"
        yield record


def _entry_html(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value:
            return str(value)
    return str(entry.get("summary") or entry.get("description") or "")


def read_json_feed(name: str, text: str) -> Iterator[SourceRecord | RecordError]:
    try:
        feed = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RecordError(name, f"malformed JSON Feed ({exc.msg} at line {exc.lineno})")
        return
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list):
        yield RecordError(name, 'malformed JSON Feed (no "items" list)')
        return
    source = feed.get("title") if isinstance(feed.get("title"), str) else None
    for i, item in enumerate(items, start=1):
        origin = f"{name}#{i}"
        if not isinstance(item, dict):
            yield RecordError(origin, f"item {i} is not an object")
            continue
        text = item.get("content_text") or ""
        if not text and item.get("content_html"):
            text = fragment_to_text(str(item["content_html"]))
        text = text or item.get("summary") or ""
        if not isinstance(text, str) or not text.strip():
            yield RecordError(origin, f"item {i} has no text")
            continue
        author = item.get("author") or (item.get("authors") or [{}])[0]
        record = SourceRecord(
            origin=origin,
            text=text,
            title=item.get("title") or None,
            url=item.get("url") or item.get("external_url") or None,
            source=source,
            author=author.get("name") if isinstance(author, dict) else None,
            language=item.get("language") or None,
        )
        parsed = parse_date(item.get("date_published"))
        if parsed:
            record.published, record.published_precision = parsed
            record.published_from = "metadata"
        yield record


def is_json_feed(text: str) -> bool:
    return '"version"' in text[:2000] and "jsonfeed.org" in text[:2000]
