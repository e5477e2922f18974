"""JSON Lines: one article per line with ``url, title, published, text, source``.

A line with ``"kind": "post"`` is a social post: ``author``, ``handle``, ``time`` (or
``published``), ``text``, ``url``; the author is stored as "Name (@handle)".
"""

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
        kind = _str(obj.get("kind")) or "article"
        if kind not in ("article", "post"):
            yield RecordError(origin, f'line {lineno}: kind {kind!r} is not "article" or "post"')
            continue
        record = SourceRecord(
            origin=origin,
            text=body,
            title=_str(obj.get("title")),
            url=_str(obj.get("url")),
            source=_str(obj.get("source")),
            author=_author(obj),
            language=_str(obj.get("language")),
            kind="post" if kind == "post" else "article",
        )
        when = obj.get("published") or (obj.get("time") if kind == "post" else None)
        parsed = parse_date(when)
        if parsed is not None:
            record.published, record.published_precision = parsed
            record.published_from = "metadata"
        elif when:
            yield RecordError(origin, f"line {lineno}: published {when!r} is not a date")
            continue
        yield record


def _author(obj: dict[str, object]) -> str | None:
    """ "Name (@handle)" for a post that gives a handle, else the author as given."""
    name = _str(obj.get("author"))
    handle = _str(obj.get("handle"))
    if handle:
        handle = handle if handle.startswith("@") else f"@{handle}"
        return f"{name} ({handle})" if name else handle
    return name


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
