"""JSON Lines: one article per line with ``url, title, published, text, source``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from storyline.ingest.dates import parse_date
from storyline.ingest.records import RecordError, SourceRecord


def read_jsonl(name: str, text: str) -> Iterator[SourceRecord | RecordError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{name}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(origin, f"line {lineno} is not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield RecordError(origin, f"line {lineno} is not a JSON object")
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield RecordError(origin, f'line {lineno} has no "text"')
            continue
        record = SourceRecord(
            origin=origin,
            text=body,
            title=_str(obj.get("title")),
            url=_str(obj.get("url")),
            source=_str(obj.get("source")),
            author=_str(obj.get("author")),
            language=_str(obj.get("language")),
        )
        parsed = parse_date(obj.get("published"))
        if parsed is not None:
            record.published, record.published_precision = parsed
            record.published_from = "metadata"
        elif obj.get("published"):
            yield RecordError(
                origin, f"line {lineno}: published {obj['published']!r} is not a date"
            )
            continue
        yield record


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
