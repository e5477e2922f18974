"""``storyline events``: who did what to whom, from the store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.common import (
    DbOption,
    FormatOption,
    app,
    fail,
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
    limit: Annotated[int, typer.Option("--limit", help="At most N events (0: all).")] = 0,
    fmt: FormatOption = "table",
) -> None:
    """Who did what to whom: coded events with actors, targets, dates and sources."""
    from storyline.story.events_view import EventFilter, event_json, story_events

    store = open_db(db)
    lo, hi = parse_day(since, "--from"), parse_day(until, "--to")
    articles = None
    if storyline:
        from storyline.story.overview import pick_storyline

        try:
            chosen = pick_storyline(store, storyline)
        except StorylineError as exc:
            raise fail(str(exc), 1) from exc
        articles = frozenset(chosen.articles) if chosen else frozenset()
    where = EventFilter(
        actor=actor,
        types=tuple(types or ()),
        start=lo[0] if lo else None,
        end=hi[0] if hi else None,
        articles=articles,
        with_article_dates=not own_dates,
    )
    lines = story_events(store.iter_annotated(), store.entities(), where, limit)
    if fmt == "json":
        write_json({"events": [event_json(e) for e in lines]}, None)
        return
    table = Table()
    for col in ("date", "actor", "event", "target", "where", "sentence", "article"):
        table.add_column(col, overflow="fold")
    for e in lines:
        when = (e.date or "?") + ("*" if e.date_from == "article" else "")
        table.add_row(
            when,
            ", ".join(e.actor_names) or "—",
            e.type,
            ", ".join(e.target_names) or "—",
            e.location or "",
            e.sentence,
            e.article[:8],
        )
    out.print(table)
    if any(e.date_from == "article" for e in lines):
        out.print("[dim]* dated by the article's publication date[/dim]")
