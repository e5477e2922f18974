"""The served pages: ``GET /`` (storylines) and ``GET /storylines/{id}`` (the story page).

Both render the templates the static ``storyline page`` uses, plus storyline's own small
script (``/static/live.js``) that listens to ``.../events`` (server-sent events) and swaps in
the fresh page when the store changes. Nothing else runs in the page; nothing is fetched from
anywhere but this server.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from storyline.api.responses import NO_NUL, REVISION_HEADER, conditional
from storyline.api.state import ServerState, server_state
from storyline.errors import StorylineError
from storyline.ingest.dates import format_date
from storyline.story.overview import build_overview, pick_storyline
from storyline.story.storylines import stored_storylines
from storyline.views.page import page_context
from storyline.web.templates import render, static_file

router = APIRouter(tags=["pages"])
State = Annotated[ServerState, Depends(server_state)]

# A served page may run storyline's own script and talk back to storyline; nothing else.
SERVED_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
HTML_HEADERS = {
    "Content-Security-Policy": SERVED_CSP + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "An HTML page"}
}


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/") + "/"


def _html(request: Request, html: str, revision: str) -> Response:
    # The revision is in the page for its script; the ETag is of the content alone, so an
    # unrelated change elsewhere in the store answers a re-check with 304.
    digest = hashlib.sha1(html.replace(revision, "").encode("utf-8")).hexdigest()[:20]
    return conditional(
        request,
        html.encode("utf-8"),
        f'"{digest}"',
        "text/html; charset=utf-8",
        {**HTML_HEADERS, REVISION_HEADER: revision},
    )


@router.get("/", response_class=HTMLResponse, summary="Storylines (HTML)", responses=HTML_RESPONSES)
def index(request: Request, state: State) -> Response:
    """Every storyline with its headline, dates, sources and size; updates itself."""
    root = _root(request)

    def build() -> str:
        storylines = stored_storylines(state.store)
        articles = {a.id: a for a in state.store.articles()}
        rows = []
        for s in storylines:
            members = [articles[i] for i in s.articles if i in articles]
            outlets = {
                a.source or (articles[a.parent].source if a.parent in articles else None)
                for a in members
            }
            first, last = (format_date(d, "day") if d else "?" for d in (s.first, s.last))
            rows.append(
                {
                    "id": s.id,
                    "label": s.label,
                    "dates": first if first == last else f"{first} to {last}",
                    "sources": len(outlets - {None}),
                    "size": len(members),
                }
            )
        return render(
            "index.html",
            storylines=rows,
            total_articles=len(articles),
            live=True,
            csp=SERVED_CSP,
            root=root,
            revision=state.monitor.token,
        )

    cached = state.cache.get(("index", root), build)
    return _html(request, cached.value, cached.revision)


@router.get(
    "/storylines/{storyline}",
    response_class=HTMLResponse,
    summary="The story page (HTML)",
    responses={
        **HTML_RESPONSES,
        404: {"content": {"text/html": {}}, "description": "No such storyline"},
    },
)
def story_page(
    request: Request,
    state: State,
    storyline: Annotated[
        str,
        Path(
            description="Storyline id (a unique prefix is enough).", max_length=200, pattern=NO_NUL
        ),
    ],
) -> Response:
    """The living story page: brief, timeline, players, quotes, stances, sources, coverage."""
    root = _root(request)

    def build() -> str:
        chosen = pick_storyline(state.store, storyline)
        assert chosen is not None
        view = build_overview(state.store, chosen.id)
        return render(
            "story.html",
            **page_context(view),
            live=True,
            csp=SERVED_CSP,
            allow_files=False,
            root=root,
            storyline_id=chosen.id,
            revision=state.monitor.token,
        )

    try:
        cached = state.cache.get(("page", storyline, root), build)
    except StorylineError as exc:
        html = render("missing.html", message=str(exc), root=root, csp=SERVED_CSP, live=False)
        return HTMLResponse(html, status_code=404, headers=HTML_HEADERS)
    return _html(request, cached.value, cached.revision)


async def _revisions(request: Request, state: ServerState) -> Any:
    """``revision`` events whenever the store changes; a comment now and then keeps it open."""
    yield "retry: 3000\n\n"
    last = None
    quiet = 0.0
    step = min(1.0, state.settings.poll_seconds)
    while True:  # the response ends (cancelling this) when the client goes away
        token = state.monitor.token
        if token != last:
            yield f"event: revision\ndata: {token}\n\n"
            last, quiet = token, 0.0
        elif quiet >= 15:
            yield ": still here\n\n"
            quiet = 0.0
        await asyncio.sleep(step)
        quiet += step


SSE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/event-stream": {}}, "description": "Server-sent events"}
}


@router.get("/events", summary="Store changes (server-sent events)", responses=SSE_RESPONSES)
async def events(request: Request, state: State) -> StreamingResponse:
    """A ``revision`` event each time the store changes (what the pages listen to)."""
    return StreamingResponse(
        _revisions(request, state),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get(
    "/storylines/{storyline}/events",
    summary="Changes for a story page (server-sent events)",
    responses=SSE_RESPONSES,
)
async def storyline_events(
    request: Request, state: State, storyline: Annotated[str, Path(max_length=200, pattern=NO_NUL)]
) -> StreamingResponse:
    """As ``/events``; the page re-checks itself (a 304 when its storyline did not change)."""
    return await events(request, state)


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    try:
        body = static_file(name)
    except FileNotFoundError as exc:
        raise HTTPException(status_code=404, detail=f"no static file {name!r}") from exc
    media = "text/javascript; charset=utf-8" if name.endswith(".js") else "text/plain"
    return Response(body, media_type=media, headers={"Cache-Control": "max-age=300"})
