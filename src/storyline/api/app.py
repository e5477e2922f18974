"""The FastAPI application of ``storyline serve``: routes, limits and background parts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline import __version__
from storyline.api import pages, read, schemas, write
from storyline.api.settings import ServeSettings
from storyline.api.state import ServerState, server_state
from storyline.errors import StorylineError


class BodyLimit:
    """413 for a request body over ``limit`` bytes, declared or streamed, before any route;
    422 for a NUL character in the path or query."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # A NUL in a path or query is never a real id or word (and PostgreSQL refuses it).
        raw = scope.get("raw_path") or scope["path"].encode()
        if b"%00" in raw or b"\x00" in raw or b"%00" in scope.get("query_string", b""):
            problem = {"loc": ["path" if b"%00" in raw else "query"], "type": "value_error"}
            problem["msg"] = "NUL characters are not allowed"
            response = JSONResponse({"detail": [problem]}, 422)
            await response(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        # Read the body here (at most the limit) and hand it on whole.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body over the limit of {self.limit} bytes"}, status_code=413
        )
        await response(scope, receive, send)


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The application; the store is opened here, the background threads on startup."""
    settings = settings or ServeSettings()
    state = ServerState(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.start()
        try:
            yield
        finally:
            state.stop()

    app = FastAPI(
        title="storyline",
        version=__version__,
        summary="Follow an evolving news story: the story page and its data, read and write.",
        lifespan=lifespan,
        # The interactive docs load scripts from a CDN; storyline fetches nothing from outside.
        docs_url=None,
        redoc_url=None,
    )
    app.state.storyline = state
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.include_router(read.router)
    app.include_router(write.router)
    app.include_router(pages.router)

    @app.get(
        "/healthz",
        tags=["health"],
        summary="Liveness and the store's revision",
        response_model=None,
        responses={200: {"model": schemas.Health}},
    )
    def healthz(request: Request) -> Response:
        current = server_state(request)
        return JSONResponse(
            {
                "status": "ok",
                "articles": current.store.count(),
                "revision": current.monitor.token,
            }
        )

    @app.exception_handler(StorylineError)
    async def storyline_error(_: Request, exc: StorylineError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
            )
            # The request body of POST /articles is documented by hand (one or a list).
            spec.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = (
                schemas.ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")
            )
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
