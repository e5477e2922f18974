"""``storyline annotate``: one document or a JSONL of many, annotated without a store.

The text is returned exactly as given (no cleaning), so every offset matches the input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.annotate.pipeline import PipelineOptions
from storyline.errors import InputError
from storyline.ingest.dates import parse_date
from storyline.ingest.identity import article_id
from storyline.ingest.language import detect_language
from storyline.ingest.sources import decode_text, looks_binary
from storyline.model import Article, DatePrecision
from storyline.serialize import annotated_json
from storyline.workflow import annotate_docs


def annotate_file(
    path: Path,
    *,
    published: tuple[date, DatePrecision] | None = None,
    stages: Sequence[str] | None = None,
    options: PipelineOptions | None = None,
) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if looks_binary(data):
        raise InputError(str(path), "binary file, not text")
    text = decode_text(str(path), data)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        articles = list(_jsonl_articles(str(path), text, published))
    else:
        articles = [_article(text, published, None, None, None)]
    docs = annotate_docs(articles, stages, options)
    return {"articles": [annotated_json(d) for d in docs]}


def _jsonl_articles(
    name: str, text: str, published: tuple[date, DatePrecision] | None
) -> list[Article]:
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(name, f"line {lineno} is not JSON ({exc.msg})") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError(name, f'line {lineno} needs a "text" string')
        own = parse_date(obj.get("published")) or published
        out.append(_article(obj["text"], own, obj.get("title"), obj.get("url"), obj.get("source")))
    return out


def _article(
    text: str,
    published: tuple[date, DatePrecision] | None,
    title: str | None,
    url: str | None,
    source: str | None,
) -> Article:
    return Article(
        id=article_id(text),
        text=text,
        title=title,
        url=url,
        source=source,
        published=published[0] if published else None,
        published_precision=published[1] if published else "unknown",
        published_from="metadata" if published else "unknown",
        language=detect_language(text) or "en",
    )
