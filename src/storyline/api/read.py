"""The read API: ``GET /api/v1/...``, the same records as the CLI's ``--format json``.

Each route calls one function of :mod:`storyline.views.records`, the functions the CLI calls.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from storyline.api import schemas
from storyline.api.responses import JSON, NO_NUL, cached_json, day, dump, not_found
from storyline.api.state import ServerState, server_state
from storyline.errors import IdError, StorylineError
from storyline.views import records

router = APIRouter(prefix="/api/v1", tags=["read"])

State = Annotated[ServerState, Depends(server_state)]
StorylineId = Annotated[
    str,
    Path(description="Storyline id (a unique prefix is enough).", max_length=200, pattern=NO_NUL),
]
StorylineFilter = Annotated[
    str | None,
    Query(
        description="Only this storyline's coverage (id or unique prefix).",
        max_length=200,
        pattern=NO_NUL,
    ),
]
# Documented as dates; YYYY-MM and YYYY are accepted too, as on the command line.
Since = Annotated[
    str | None,
    Query(
        alias="from",
        description="First date: YYYY-MM-DD (or YYYY-MM, YYYY).",
        json_schema_extra={"format": "date"},
        max_length=40,
        pattern=NO_NUL,
    ),
]
Until = Annotated[
    str | None,
    Query(
        alias="to",
        description="Last date: YYYY-MM-DD (or YYYY-MM, YYYY).",
        json_schema_extra={"format": "date"},
        max_length=40,
        pattern=NO_NUL,
    ),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": schemas.Problem, "description": "No such storyline or article"}
}
BAD_QUERY: dict[int | str, dict[str, Any]] = {
    422: {"model": schemas.Problem, "description": "A parameter is not valid"}
}


def _with_storyline(build: Any) -> Any:
    try:
        return build()
    except StorylineError as exc:
        raise not_found(exc) from exc


@router.get(
    "/storylines",
    summary="Storylines, largest first",
    response_model=None,
    responses={200: {"model": list[schemas.StorylineRecord]}},
)
def list_storylines(request: Request, state: State) -> Response:
    """As ``storyline storylines --format json``."""
    return cached_json(
        request, state, ("storylines",), lambda: records.storyline_records(state.store)
    )


@router.get(
    "/storylines/{storyline}",
    summary="One storyline",
    response_model=None,
    responses={200: {"model": schemas.StorylineRecord}, **NOT_FOUND},
)
def get_storyline(request: Request, state: State, storyline: StorylineId) -> Response:
    return cached_json(
        request,
        state,
        ("storyline", storyline),
        lambda: _with_storyline(lambda: records.storyline_record(state.store, storyline)),
    )


@router.get(
    "/storylines/{storyline}/timeline",
    summary="A storyline's timeline",
    response_model=None,
    responses={200: {"model": schemas.TimelineRecord}, **NOT_FOUND, **BAD_QUERY},
)
def get_timeline(
    request: Request,
    state: State,
    storyline: StorylineId,
    since: Since = None,
    until: Until = None,
    dates: Annotated[int, Query(ge=1, le=500, description="How many dates (N).")] = 20,
    sentences: Annotated[int, Query(ge=1, le=50, description="Items a date (K).")] = 2,
    query: Annotated[
        str | None,
        Query(description="Words or entity names to focus on.", max_length=500, pattern=NO_NUL),
    ] = None,
) -> Response:
    """As ``storyline timeline --storyline ID --format json``: N dates, up to K cited items."""
    lo, hi = day(since, "from"), day(until, "to")

    def build() -> Any:
        entries = records.select_timeline(
            state.store,
            storyline=storyline,
            query=query,
            since=lo,
            until=hi,
            dates=dates,
            sentences=sentences,
        )
        return records.timeline_json(entries)

    key = ("timeline", storyline, lo, hi, dates, sentences, query)
    return cached_json(request, state, key, lambda: _with_storyline(build))


@router.get(
    "/articles",
    summary="Articles in date order, paged",
    response_model=None,
    responses={
        200: {
            "model": list[schemas.ArticleSummary],
            "headers": {
                "X-Total-Count": {
                    "description": "How many articles match, all pages together",
                    "schema": {"type": "integer"},
                },
                "Link": {"description": 'The next page, rel="next"', "schema": {"type": "string"}},
            },
        },
        **NOT_FOUND,
        **BAD_QUERY,
    },
)
def list_articles(
    request: Request,
    state: State,
    since: Since = None,
    until: Until = None,
    q: Annotated[
        str | None,
        Query(description="Only articles matching these words.", max_length=500, pattern=NO_NUL),
    ] = None,
    kind: Annotated[
        str | None, Query(description="article or blurb", max_length=20, pattern=NO_NUL)
    ] = None,
    storyline: StorylineFilter = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    """As ``storyline list --format json`` (metadata, no text), a page at a time."""
    query = records.ArticleQuery(
        since=day(since, "from"),
        until=day(until, "to"),
        kind=kind,
        query=q,
        storyline=storyline,
        offset=offset,
        limit=limit,
    )

    def build() -> tuple[bytes, int]:
        page, total = _with_storyline(lambda: records.article_listing(state.store, query))
        return dump(page), total

    body, total = state.cache.get(("articles", query), build).value
    headers = {"X-Total-Count": str(total)}
    if offset + limit < total:
        nxt = request.url.include_query_params(offset=offset + limit, limit=limit)
        headers["Link"] = f'<{nxt}>; rel="next"'
    return Response(body, media_type=JSON, headers=headers)


@router.get(
    "/articles/{article}",
    summary="One article with its annotations",
    response_model=None,
    responses={200: {"model": schemas.ArticleRecord}, **NOT_FOUND},
)
def get_article(
    state: State,
    article: Annotated[
        str,
        Path(description="Article id (a unique prefix is enough).", max_length=200, pattern=NO_NUL),
    ],
) -> Response:
    """As ``storyline show ID --format json``: text and every layer, spans as offsets."""
    try:
        found = records.article_record(state.store, article)
    except IdError as exc:  # none, or a prefix several articles share (listed)
        raise not_found(exc) from exc
    return Response(dump(found), media_type=JSON)


def _listing(name: str, fn: Any, model: Any, what: str) -> None:
    def route(request: Request, state: State, storyline: StorylineFilter = None) -> Response:
        return cached_json(
            request,
            state,
            (name, storyline),
            lambda: _with_storyline(lambda: fn(state.store, storyline)),
        )

    route.__name__ = f"list_{name}"
    route.__doc__ = what
    router.add_api_route(
        f"/{name}",
        route,
        methods=["GET"],
        summary=what.split(".")[0],
        response_model=None,
        responses={200: {"model": list[model]}, **NOT_FOUND},
    )


_listing(
    "actors",
    records.actor_records,
    schemas.ActorRecord,
    "People, governments and organisations, most covered first. As `storyline actors`.",
)
_listing(
    "quotes",
    records.quote_records,
    schemas.QuoteRecord,
    "Who said what, in date order. As `storyline quotes --format json`.",
)
_listing(
    "stances",
    records.stance_records,
    schemas.StanceTrackRecord,
    "Stance tracks: positions over time, shifts marked. As `storyline stances`.",
)


@router.get(
    "/events",
    summary="Who did what to whom",
    response_model=None,
    responses={200: {"model": schemas.EventsRecord}, **NOT_FOUND, **BAD_QUERY},
)
def list_events(
    request: Request,
    state: State,
    storyline: StorylineFilter = None,
    actor: Annotated[
        str | None,
        Query(
            description="Entity id or words of a name, as actor or target.",
            max_length=200,
            pattern=NO_NUL,
        ),
    ] = None,
    kinds: Annotated[
        list[Annotated[str, Field(max_length=60, pattern=NO_NUL)]] | None,
        Query(
            alias="type",
            description="PLOVER type (ASSAULT, AGREE, ...) or quad; repeat for several.",
        ),
    ] = None,
    since: Since = None,
    until: Until = None,
    own_dates: Annotated[
        bool, Query(description="Only events dated by their own time expression.")
    ] = False,
    limit: Annotated[int, Query(ge=0, le=100_000, description="At most N events (0: all).")] = 0,
) -> Response:
    """Coded events (PLOVER) with actors, targets, dates and sentences, in date order. As
    ``storyline events --format json``."""
    types = tuple(kinds or ())
    lo, hi = day(since, "from"), day(until, "to")

    def build() -> Any:
        return records.event_records(
            state.store,
            storyline,
            actor=actor,
            types=types,
            since=lo,
            until=hi,
            own_dates=own_dates,
            limit=limit,
        )

    key = ("events", storyline, actor, types, lo, hi, own_dates, limit)
    return cached_json(request, state, key, lambda: _with_storyline(build))


@router.get(
    "/search",
    summary="Full-text search",
    response_model=None,
    responses={200: {"model": list[schemas.SearchHit]}},
)
def search(
    state: State,
    q: Annotated[str, Query(description="Words to search for.", max_length=500, pattern=NO_NUL)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> Response:
    """As ``storyline search QUERY --format json``: best matches first."""
    return Response(dump(records.search_records(state.store, q, limit)), media_type=JSON)
