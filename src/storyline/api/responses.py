"""JSON and HTML responses built once per store revision, with ETags for cheap re-checks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from storyline.api.state import ServerState
from storyline.errors import StorylineError
from storyline.ingest.dates import parse_date

JSON = "application/json"
# What every string parameter must match: anything but NUL (never in an id or a word, and
# PostgreSQL refuses it).
NO_NUL = r"^[^\x00]*$"
# The store revision an answer was built at (older than /healthz's while it is rebuilt).
REVISION_HEADER = "X-Storyline-Revision"


def dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def cached_json(
    request: Request, state: ServerState, key: Hashable, build: Callable[[], Any]
) -> Response:
    """``build()``'s records as JSON, built at most once per store revision."""

    def encode() -> tuple[bytes, str]:
        body = dump(build())
        return body, etag_of(body)

    cached = state.cache.get(key, encode)
    body, etag = cached.value
    return conditional(request, body, etag, JSON, {REVISION_HEADER: cached.revision})


def conditional(
    request: Request, body: bytes, etag: str, media_type: str, headers: dict[str, str] | None = None
) -> Response:
    headers = {"ETag": etag, "Cache-Control": "no-cache", **(headers or {})}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def not_found(exc: StorylineError | str) -> HTTPException:
    return HTTPException(status_code=404, detail=str(exc))


def day(value: str | None, name: str) -> Any:
    """A ``from``/``to`` parameter as a date (YYYY-MM-DD, YYYY-MM or YYYY); 422 otherwise."""
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise HTTPException(
            status_code=422, detail=f"{name}={value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
        )
    return parsed[0]
