"""Commands over storylines: demo, page, timeline, storylines, actors, quotes, stances."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table
from rich.text import Text

from storyline.cli.common import (
    DbOption,
    FormatOption,
    app,
    check_output_folder,
    err,
    fail,
    fail_on,
    open_db,
    out,
    parse_day,
    write_json,
)
from storyline.errors import IdError, StorylineError


@app.command()
def demo(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the store and the story page (created if missing).",
            callback=check_output_folder,
        ),
    ] = Path("storyline-demo"),
) -> None:
    """Ingest the bundled Korea corpus into a fresh store and write the story page."""
    from storyline.views.demo import run_demo

    try:
        result = run_demo(output, progress=lambda msg: err.print(msg, style="dim"))
    except StorylineError as exc:
        raise fail(str(exc), 2) from exc
    except OSError as exc:
        raise fail(f"cannot write into {output}: {exc.strerror or exc}", 1) from exc
    counts = result.report.counts()
    out.print(
        f"ingested {counts['ingested']} articles ({result.blurbs} blurbs) from "
        f"{result.inputs} pages into {result.db}"
    )
    out.print(f"story page (HTML):     {result.html}")
    out.print(f"story page (Markdown): {result.markdown}")


@app.command()
def page(
    storyline: Annotated[
        str | None, typer.Argument(help="Storyline id or prefix (default: the largest).")
    ] = None,
    db: DbOption = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write story.html and story.md (created if missing).",
            callback=check_output_folder,
        ),
    ] = Path("."),
) -> None:
    """Write the story page (HTML and Markdown) for a storyline."""
    from storyline.views.page import write_story_page

    try:
        html_path, md_path = write_story_page(open_db(db), output, storyline)
    except IdError as exc:  # none matches: 1, as for show; several: 2, they are listed
        raise fail(str(exc), 2 if exc.ambiguous else 1) from exc
    except StorylineError as exc:
        raise fail(str(exc), 1) from exc
    except OSError as exc:
        raise fail(f"cannot write into {output}: {exc.strerror or exc}", 1) from exc
    out.print(f"story page (HTML):     {html_path}")
    out.print(f"story page (Markdown): {md_path}")


@app.command()
def timeline(
    db: DbOption = None,
    storyline: Annotated[
        str | None, typer.Option("--storyline", help="Storyline id (default: all coverage).")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="Words or entity names to focus on.")
    ] = None,
    since: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date.")] = None,
    dates: Annotated[int, typer.Option("--dates", help="How many dates (N).", min=1)] = 20,
    sentences: Annotated[int, typer.Option("--sentences", help="Items a date (K).", min=1)] = 2,
    granularity: Annotated[
        Literal["mixed", "day"],
        typer.Option(
            "--granularity",
            help="mixed: days and months compete for the N dates (as on the page); day: days only.",
        ),
    ] = "mixed",
    fmt: FormatOption = "table",
) -> None:
    """A dated timeline across sources: N dates, up to K cited items a date."""
    from storyline.views.records import select_timeline, timeline_json

    lo, hi = parse_day(since, "--from"), parse_day(until, "--to")
    try:
        entries = select_timeline(
            open_db(db),
            storyline=storyline,
            query=query,
            since=lo[0] if lo else None,
            until=hi[0] if hi else None,
            dates=dates,
            sentences=sentences,
            granularity=granularity,
        )
    except StorylineError as exc:
        raise fail_on(exc) from exc
    if fmt == "json":
        write_json(timeline_json(entries), None)
        return
    table = Table()
    for col in ("date", "item", "sources"):
        table.add_column(col, overflow="fold")
    for d in entries:
        for item in d.entry.items:
            sources = ", ".join(a[:8] for a in [item.article, *(o for o, _, _ in item.also)])
            table.add_row(d.label, item.text, sources)
    out.print(table)


@app.command()
def storylines(
    db: DbOption = None,
    recluster: Annotated[
        bool, typer.Option("--recluster", help="Cluster everything again (keeps overrides).")
    ] = False,
    merge: Annotated[
        tuple[str, str] | None, typer.Option(help="Merge storyline B into A: --merge A B.")
    ] = None,
    split: Annotated[
        str | None, typer.Option(help="Split these articles (comma-separated ids) out: ID:A,B.")
    ] = None,
    rename: Annotated[
        tuple[str, str] | None, typer.Option(help="Rename a storyline: --rename ID LABEL.")
    ] = None,
    move: Annotated[
        tuple[str, str] | None, typer.Option(help="Move an article: --move ARTICLE STORYLINE.")
    ] = None,
    fmt: FormatOption = "table",
) -> None:
    """Storylines (articles clustered as they arrive), with merge/split/rename/move overrides.

    Ids may be unique prefixes. An override naming a storyline or article that is not stored
    exits 2 and stores nothing.
    """
    from storyline.serialize import storyline_json
    from storyline.story import storylines as sl

    store = open_db(db)
    edit: tuple[str, dict[str, object]] | None = None
    if merge:
        edit = ("merge", {"into": merge[0], "other": merge[1]})
    elif split:
        sid, _, ids = split.partition(":")
        edit = ("split", {"storyline": sid, "articles": ids.split(",")})
    elif rename:
        edit = ("rename", {"storyline": rename[0], "label": rename[1]})
    elif move:
        edit = ("move", {"article": move[0], "to": move[1]})
    if edit is not None:
        try:
            result = sl.override(store, *edit)
        except StorylineError as exc:  # an unknown or ambiguous id, an empty label
            raise fail(str(exc), 2) from exc
    elif recluster:
        result = sl.recluster(store)
    else:
        result = sl.stored_storylines(store)
    if fmt == "json":
        write_json([storyline_json(s) for s in result], None)
        return
    table = Table()
    for col in ("id", "articles", "first", "last", "label", "related"):
        table.add_column(col, overflow="fold")
    for s in result:
        table.add_row(
            s.id,
            str(len(s.articles)),
            str(s.first or "?"),
            str(s.last or "?"),
            s.label,
            ", ".join(s.related),
        )
    out.print(table)


@app.command()
def actors(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """People, governments and organisations in the coverage, with roles and mentions."""
    from storyline.story.sections import key_players
    from storyline.views.records import actor_records

    store = open_db(db)
    if fmt == "json":
        write_json(actor_records(store), None)
        return
    players = key_players(list(store.iter_annotated()), store.entities(), limit=0)
    table = Table()
    for col in ("id", "name", "kind", "articles", "mentions", "roles"):
        table.add_column(col, overflow="fold")
    for p in players:
        table.add_row(
            p.entity, p.name, p.kind, str(p.articles), str(p.mentions), "; ".join(p.roles)
        )
    out.print(table)


@app.command()
def quotes(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Who said what: quotes with speakers and dates, content verbatim from the source."""
    from storyline.views.records import quote_records

    records = quote_records(open_db(db))
    if fmt == "json":
        write_json(records, None)
        return
    table = Table()
    for col in ("date", "speaker", "kind", "quote", "article"):
        table.add_column(col, overflow="fold")
    for q in records:
        speaker = f"{q['speaker']} (via {q['via']})" if q["via"] else q["speaker"]
        table.add_row(q["date"], speaker, q["kind"], q["text"], q["article"][:8])
    out.print(table)


@app.command()
def stances(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Each actor's position on each issue over time, with the shifts marked."""
    from storyline.views.records import stance_records

    tracks = stance_records(open_db(db))
    if fmt == "json":
        write_json(tracks, None)
        return
    table = Table()
    for col in ("holder", "issue", "date", "position", "evidence"):
        table.add_column(col, overflow="fold")
    for t in tracks:
        for p in t["points"]:
            position = (
                Text(f"{p['position']} (shift)", style="bold") if p["shift"] else p["position"]
            )
            table.add_row(t["holder"], t["issue"], p["date"] or "?", position, p["evidence_text"])
    out.print(table)
