"""Commands over storylines: demo, page, timeline, storylines, actors, quotes, stances."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.common import (
    DbOption,
    FormatOption,
    app,
    err,
    fail,
    open_db,
    out,
    parse_day,
    write_json,
)
from storyline.errors import StorylineError


@app.command()
def demo(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the store and the story page.")
    ] = Path("storyline-demo"),
) -> None:
    """Ingest the bundled Korea corpus into a fresh store and write the story page."""
    from storyline.views.demo import run_demo

    try:
        result = run_demo(output, progress=lambda msg: err.print(f"[dim]{msg}[/dim]"))
    except StorylineError as exc:
        raise fail(str(exc), 2) from exc
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
        Path, typer.Option("--output", "-o", help="Folder to write story.html and story.md.")
    ] = Path("."),
) -> None:
    """Write the story page (HTML and Markdown) for a storyline."""
    from storyline.views.page import write_story_page

    try:
        html_path, md_path = write_story_page(open_db(db), output, storyline)
    except StorylineError as exc:
        raise fail(str(exc), 1) from exc
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
    dates: Annotated[int, typer.Option("--dates", help="How many dates (N).")] = 20,
    sentences: Annotated[int, typer.Option("--sentences", help="Items a date (K).")] = 2,
    granularity: Annotated[
        str,
        typer.Option(
            "--granularity",
            help="mixed: days and months compete for the N dates (as on the page); day: days only.",
        ),
    ] = "mixed",
    fmt: FormatOption = "table",
) -> None:
    """A dated timeline across sources: N dates, up to K cited items a date."""
    if granularity not in ("mixed", "day"):
        raise fail(f"--granularity must be mixed or day, not {granularity!r}", 2)
    from storyline.story.timeline_view import story_timeline, timeline_json

    store = open_db(db)
    lo, hi = parse_day(since, "--from"), parse_day(until, "--to")
    articles = None
    if storyline:
        from storyline.story.overview import pick_storyline

        try:
            chosen = pick_storyline(store, storyline)
        except StorylineError as exc:
            raise fail(str(exc), 1) from exc
        articles = store.articles(ids=chosen.articles) if chosen else []
    if query:
        found = [a for a, _ in store.search(query, limit=10_000)]
        keep = {a.id for a in articles} if articles is not None else None
        articles = [a for a in found if keep is None or a.id in keep]
    docs = store.annotated(articles if articles is not None else store.articles())
    entries = story_timeline(
        docs,
        n_dates=dates,
        per_date=sentences,
        start=lo[0] if lo else None,
        end=hi[0] if hi else None,
        query=query.split() if query else (),
        granularity=granularity,
    )
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
    """Storylines (articles clustered as they arrive), with merge/split/rename/move overrides."""
    from storyline.serialize import storyline_json
    from storyline.story import storylines as sl

    store = open_db(db)
    if merge:
        result = sl.override(store, "merge", {"into": merge[0], "other": merge[1]})
    elif split:
        sid, _, ids = split.partition(":")
        result = sl.override(store, "split", {"storyline": sid, "articles": ids.split(",")})
    elif rename:
        result = sl.override(store, "rename", {"storyline": rename[0], "label": rename[1]})
    elif move:
        result = sl.override(store, "move", {"article": move[0], "to": move[1]})
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
    from storyline.serialize import entity_json
    from storyline.story.sections import key_players

    store = open_db(db)
    players = key_players(list(store.iter_annotated()), store.entities(), limit=0)
    if fmt == "json":
        by_id = {e.id: e for e in store.entities()}
        write_json(
            [
                {**entity_json(by_id[p.entity]), "mentions": p.mentions, "articles": p.articles}
                for p in players
            ],
            None,
        )
        return
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
    from dataclasses import asdict

    from storyline.story.voices import all_quotes

    lines = all_quotes(list(open_db(db).iter_annotated()))
    if fmt == "json":
        write_json([asdict(q) for q in lines], None)
        return
    table = Table()
    for col in ("date", "speaker", "kind", "quote", "article"):
        table.add_column(col, overflow="fold")
    for q in lines:
        speaker = f"{q.speaker} (via {q.via})" if q.via else q.speaker
        table.add_row(q.date, speaker, q.kind, q.text, q.article[:8])
    out.print(table)


@app.command()
def stances(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Each actor's position on each issue over time, with the shifts marked."""
    from storyline.story.stance_tracks import build_tracks

    docs = list(open_db(db).iter_annotated())
    tracks = build_tracks(docs)
    text = {d.article.id: d.article.text for d in docs}
    if fmt == "json":
        write_json(
            [
                {
                    "holder": t.holder,
                    "issue": t.issue,
                    "points": [
                        {
                            "date": p.date,
                            "position": p.position,
                            "shift": p.shift,
                            "condition": p.condition_text,
                            "article": p.article,
                            "evidence": {"start": p.evidence.start, "end": p.evidence.end},
                            "evidence_text": text[p.article][p.evidence.start : p.evidence.end],
                        }
                        for p in t.points
                    ],
                }
                for t in tracks
            ],
            None,
        )
        return
    table = Table()
    for col in ("holder", "issue", "date", "position", "evidence"):
        table.add_column(col, overflow="fold")
    for t in tracks:
        for p in t.points:
            position = f"[bold]{p.position} (shift)[/]" if p.shift else p.position
            evidence = text[p.article][p.evidence.start : p.evidence.end]
            table.add_row(t.holder, t.issue, p.date or "?", position, evidence)
    out.print(table)
