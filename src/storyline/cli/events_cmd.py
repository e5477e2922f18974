"""``storyline events``: who did what to whom, from the store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.common import (
    DbOption,
    FormatOption,
    app,
    fail_on,
    open_db,
    out,
    parse_day,
    write_json,
)
from storyline.errors import StorylineError


@app.command()
def events(
    db: DbOption = None,
    storyline: Annotated[
        str | None, typer.Option("--storyline", help="Storyline id or prefix (default: all).")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", help="Entity id or words of a name, as actor or target."),
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type", help="PLOVER type (ASSAULT, AGREE, ...) or quad; repeat for several."
        ),
    ] = None,
    since: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date.")] = None,
    own_dates: Annotated[
        bool,
        typer.Option("--own-dates", help="Only events dated by their own time expression."),
    ] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most N events (0: all).", min=0)] = 0,
    fmt: FormatOption = "table",
) -> None:
    """Who did what to whom: coded events with actors, targets, dates and sources."""
    from storyline.views.records import event_records

    lo, hi = parse_day(since, "--from"), parse_day(until, "--to")
    try:
        records = event_records(
            open_db(db),
            storyline,
            actor=actor,
            types=tuple(types or ()),
            since=lo[0] if lo else None,
            until=hi[0] if hi else None,
            own_dates=own_dates,
            limit=limit,
        )
    except StorylineError as exc:
        raise fail_on(exc) from exc
    if fmt == "json":
        write_json(records, None)
        return
    table = Table()
    for col in ("date", "actor", "event", "target", "where", "sentence", "article"):
        table.add_column(col, overflow="fold")
    lines = records["events"]
    for e in lines:
        when = (e["date"] or "?") + ("*" if e["date_from"] == "article" else "")
        table.add_row(
            when,
            ", ".join(a["name"] for a in e["actors"]) or "—",
            e["type"],
            ", ".join(t["name"] for t in e["targets"]) or "—",
            e["location"] or "",
            e["sentence"],
            e["article"][:8],
        )
    out.print(table)
    if any(e["date_from"] == "article" for e in lines):
        out.print("* dated by the article's publication date", style="dim")
