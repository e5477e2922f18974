"""``storyline serve``: the REST API and the living story page over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.common import (
    DbOption,
    IdentityOption,
    ModelOption,
    app,
    err,
    fail,
    pipeline_options,
)
from storyline.errors import StorylineError


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File whose first line is the Bearer token writes need "
            "(default: $STORYLINE_TOKEN; neither: writes disabled).",
        ),
    ] = None,
    watch: Annotated[
        Path | None,
        typer.Option(help="Folder to watch: files dropped into it are ingested as they arrive."),
    ] = None,
    max_body: Annotated[
        int, typer.Option(help="Largest request body accepted, in bytes (413 above).", min=1)
    ] = 10 * 1024 * 1024,
    poll: Annotated[
        float,
        typer.Option(help="Seconds between looks at the store and the watched folder.", min=0.1),
    ] = 1.0,
    model: ModelOption = None,
    identity: IdentityOption = None,
) -> None:
    """Serve the story pages and the REST API (OpenAPI at /openapi.json)."""
    import uvicorn

    from storyline.api import ServeSettings, create_app
    from storyline.api.settings import read_token
    from storyline.store import default_url

    if watch is not None and not watch.is_dir():
        raise fail(f"--watch {watch}: not a folder", 2)
    try:
        settings = ServeSettings(
            db=db,
            token=read_token(token_file),
            max_body=max_body,
            watch=watch,
            poll_seconds=poll,
            pipeline=pipeline_options(model, identity),
        )
        application = create_app(settings)
    except StorylineError as exc:
        raise fail(str(exc), 2) from exc
    writes = "on (Bearer token)" if settings.token else "off (no token configured)"
    err.print(f"storyline serving {_redacted(settings.db or default_url())}", highlight=False)
    err.print(
        f"  pages: http://{host}:{port}/   API: http://{host}:{port}/api/v1/", highlight=False
    )
    err.print(f"  writes: {writes}" + (f"; watching {watch}" if watch else ""), highlight=False)
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level="warning",
        # Open event streams would hold a shutdown for ever; give them a moment, then close.
        timeout_graceful_shutdown=3,
    )


def _redacted(url: str) -> str:
    """The store URL without its password, fit to print."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url  # a bare file path
