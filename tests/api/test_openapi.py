"""schemathesis against ``/openapi.json``: generated requests for every route, no 5xx, and
answers that match the spec (status codes, content types, headers, response schemas)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from storyline.api import ServeSettings, create_app, pages, read, write
from tests.api.conftest import TOKEN, copy_store

# Every documented operation but the event streams (they never end; a real browser and a
# real server test them).
OPERATIONS = [
    *sorted(
        (method, route.path)
        for router in (read.router, write.router, pages.router)
        for route in router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods
        if not route.path.endswith("events")
    ),
    ("GET", "/healthz"),
]


@pytest.fixture(scope="module")
def api_schema(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("fuzzed")
    app = create_app(ServeSettings(db=copy_store(demo_db, folder), token=TOKEN, max_body=200_000))
    with TestClient(app):  # runs the lifespan: the worker annotates what the fuzzer posts
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})

    check()


def test_every_operation_is_fuzzed(tmp_path: Path) -> None:
    with TestClient(create_app(ServeSettings(db=f"sqlite:///{tmp_path / 's.db'}"))) as c:
        spec = c.get("/openapi.json").json()
    documented = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if not path.endswith("events")
    }
    assert documented == set(OPERATIONS)
