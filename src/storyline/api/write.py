"""The write API: post articles (Bearer token), follow the job that annotates them.

``POST /api/v1/articles`` stores what it can at once, through the same reader and workflow
as ``storyline ingest`` of a JSONL file, and answers what was stored or skipped and why;
annotation and clustering follow in the background (``GET /api/v1/jobs/{id}``).
"""

from __future__ import annotations

import hmac
import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import Request
from starlette.responses import Response

from storyline.api import schemas
from storyline.api.responses import JSON, NO_NUL, dump
from storyline.api.state import ServerState, server_state
from storyline.workflow import Outcome

router = APIRouter(prefix="/api/v1", tags=["write"])

State = Annotated[ServerState, Depends(server_state)]
bearer = HTTPBearer(auto_error=False, description="The token given to `storyline serve`.")
_ITEM = re.compile(r"#(\d+)$")


def require_writer(
    state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """401 without a Bearer token, 403 with a wrong one or when writes are disabled."""
    token = state.settings.token
    if credentials is None:
        raise HTTPException(
            status_code=401,
            detail="writes need 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if token is None:
        raise HTTPException(
            status_code=403,
            detail="writes are disabled: start storyline serve with STORYLINE_TOKEN set "
            "or --token-file",
        )
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(status_code=403, detail="wrong token")


ARTICLES_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"$ref": "#/components/schemas/ArticleIn"},
                    {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/ArticleIn"},
                        "minItems": 1,
                    },
                ]
            }
        }
    },
}
DENIED: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.Problem, "description": "No Bearer token"},
    403: {"model": schemas.Problem, "description": "Wrong token, or writes disabled"},
    413: {"model": schemas.Problem, "description": "The body is over the size limit"},
    422: {"model": schemas.Problem, "description": "The body is not JSON articles"},
}


@router.post(
    "/articles",
    summary="Ingest articles",
    status_code=202,
    response_model=None,
    dependencies=[Depends(require_writer)],
    openapi_extra={"requestBody": ARTICLES_BODY},
    responses={202: {"model": schemas.IngestAnswer}, **DENIED},
)
async def post_articles(request: Request, state: State) -> Response:
    """One article or a list, with the fields of a JSONL line (``text`` required).

    Each is stored now or skipped with the reason (as ``storyline ingest`` reports it);
    annotation and clustering run in the background as the answer's ``job``.
    """
    items = _items(await request.body())
    from starlette.concurrency import run_in_threadpool

    report, job = await run_in_threadpool(state.ingest_items, items)
    answer = {
        "counts": {k: report.counts()[k] for k in ("ingested", "duplicate", "skipped")},
        "outcomes": [_outcome(o) for o in report.outcomes],
        "job": job.as_json(),
    }
    return Response(dump(answer), status_code=202, media_type=JSON)


def _items(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HTTPException(status_code=422, detail=f"the body is not JSON: {exc}") from exc
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(status_code=422, detail="no articles in the request")
    return items


def _outcome(o: Outcome) -> dict[str, Any]:
    found = _ITEM.search(o.name.removesuffix(" (blurb)"))
    return {
        "item": int(found[1]) if found else None,
        "status": o.status,
        "id": o.article_id,
        "title": o.title,
        "kind": o.kind,
        "reason": o.reason,
    }


@router.get(
    "/jobs/{job}",
    summary="A background job",
    response_model=None,
    responses={200: {"model": schemas.JobRecord}, 404: {"model": schemas.Problem}},
)
def get_job(state: State, job: Annotated[str, Path(max_length=200, pattern=NO_NUL)]) -> Response:
    """Where the annotation and clustering of posted (or watched) articles stand."""
    found = state.worker.job(job)
    if found is None:
        raise HTTPException(
            status_code=404, detail=f"no job {job!r} (jobs live as long as the server)"
        )
    return Response(dump(found.as_json()), media_type=JSON)
