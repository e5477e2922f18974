"""The ``storyline`` command: thin commands over library calls; only this module prints."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline import __version__
from storyline.errors import EvalDataError, InputError, StoreError, StorylineError
from storyline.ingest.dates import format_date, parse_date
from storyline.ingest.sidecar import InputMeta

app = typer.Typer(
    help="Follow an evolving news story: ingest coverage, annotate it, and write a story page.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL: sqlite:///path, postgresql://..., or a file path "
        "(default: $STORYLINE_DB, else a file in your data directory).",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="Output format: table or json.")]


ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="Installed spaCy pipeline to use (package name or path)."),
]
IdentityOption = Annotated[
    Path | None,
    typer.Option(
        "--identity",
        help="Identity file (JSON/TOML: merge, split, rename, alias) applied on annotation.",
    ),
]


def _pipeline_options(model: str | None, identity: Path | None) -> Any:
    from storyline.annotate.pipeline import PipelineOptions

    if identity is not None and not identity.is_file():
        raise _fail(f"identity file {identity} does not exist", 2)
    return PipelineOptions(
        spacy_model=model or PipelineOptions().spacy_model,
        identity_file=str(identity) if identity else None,
    )


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def _parse_day(value: str | None, flag: str) -> tuple[date, Any] | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise _fail(f"{flag} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", 2)
    return parsed


def _open(db: str | None) -> Any:
    from storyline.store import open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise _fail(str(exc), 2) from exc


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )


@app.command()
def version() -> None:
    """Print storyline's version."""
    out.print(__version__)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs; - for stdin.")],
    db: DbOption = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for every input.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for every input (YYYY-MM-DD).")
    ] = None,
    language: Annotated[str | None, typer.Option(help="Content language (ISO 639-1).")] = None,
    annotate: Annotated[
        bool, typer.Option("--annotate/--no-annotate", help="Run the annotate stages.")
    ] = True,
    max_bytes: Annotated[int, typer.Option(help="Skip inputs larger than this.")] = 50_000_000,
    identity: IdentityOption = None,
    model: ModelOption = None,
) -> None:
    """Ingest news coverage (text captures, HTML, JSONL, feeds, WARC, Timeline17)."""
    from storyline.workflow import IngestOptions
    from storyline.workflow import ingest as run_ingest

    day = _parse_day(published, "--published")
    meta = InputMeta(
        source=source,
        language=language,
        published=day[0] if day else None,
        published_precision=day[1] if day else "unknown",
    )
    store = _open(db)
    options = IngestOptions(
        meta=meta,
        max_bytes=max_bytes,
        annotate=annotate,
        pipeline=_pipeline_options(model, identity),
    )
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name[:40])

        try:
            report = run_ingest(store, paths, options, progress)
        except StoreError as exc:
            raise _fail(str(exc), 2) from exc
    _print_ingest_report(report)
    counts = report.counts()
    if counts["ingested"] + counts["duplicate"] == 0:
        raise _fail("nothing could be read", 1)


def _print_ingest_report(report: Any) -> None:
    table = Table(title="ingest", show_lines=False)
    for col in ("input", "outcome", "article", "title / reason"):
        table.add_column(col, overflow="fold")
    style = {"ingested": "green", "duplicate": "yellow", "skipped": "red"}
    for o in report.outcomes:
        detail = o.title or ""
        if o.reason:
            detail = f"{detail} — {o.reason}" if detail else o.reason
        table.add_row(
            o.name, f"[{style[o.status]}]{o.status}[/]", (o.article_id or "")[:12], detail
        )
    out.print(table)
    counts = report.counts()
    out.print(
        f"{counts['ingested']} ingested, {counts['duplicate']} duplicate, "
        f"{counts['skipped']} skipped; {report.annotated} annotated"
    )


@app.command("list")
def list_articles(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List stored articles in date order."""
    store = _open(db)
    lo, hi = _parse_day(since, "--from"), _parse_day(until, "--to")
    articles = store.articles(since=lo[0] if lo else None, until=hi[0] if hi else None)
    if fmt == "json":
        from storyline.serialize import article_json

        out.print_json(
            data=[{k: v for k, v in article_json(a).items() if k != "text"} for a in articles]
        )
        return
    table = Table()
    for col in ("id", "published", "kind", "source", "title / lead"):
        table.add_column(col, overflow="fold")
    for a in articles:
        table.add_row(
            a.id[:12],
            format_date(a.published, a.published_precision) or "unknown",
            a.kind,
            a.source or "",
            a.title or a.text[:80],
        )
    out.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = None,
    fmt: FormatOption = "text",
) -> None:
    """Show one article with its metadata and annotations."""
    from storyline.serialize import annotated_json

    store = _open(db)
    article = store.get_article(article_id)
    if article is None:
        raise _fail(f"no article {article_id!r} in the store")
    doc = store.annotated([article])[0]
    if fmt == "json":
        out.print_json(data=annotated_json(doc))
        return
    data = annotated_json(doc)
    for key in (
        "id",
        "title",
        "source",
        "url",
        "published",
        "published_from",
        "language",
        "kind",
        "parent",
    ):
        out.print(f"[bold]{key}[/]: {data[key]}", highlight=False)
    if article.near_duplicates:
        out.print(f"[bold]near-duplicates[/]: {', '.join(article.near_duplicates)}")
    counts = ", ".join(
        f"{k} {len(data[k])}"
        for k in ("sentences", "mentions", "times", "quotes", "events", "stances")
    )
    out.print(f"[bold]annotations[/]: {counts}\n")
    out.print(article.text, highlight=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to search for.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    fmt: FormatOption = "table",
) -> None:
    """Full-text search over stored articles."""
    store = _open(db)
    hits = store.search(query, limit=limit)
    if fmt == "json":
        out.print_json(data=[{"id": a.id, "title": a.title, "score": s} for a, s in hits])
        return
    table = Table()
    for col in ("id", "published", "source", "title / lead", "score"):
        table.add_column(col, overflow="fold")
    for a, score in hits:
        table.add_row(
            a.id[:12],
            format_date(a.published, a.published_precision) or "unknown",
            a.source or "",
            a.title or a.text[:80],
            f"{score:.2f}",
        )
    out.print(table)


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Export format: json.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Export the whole store as JSON (articles with annotations, entities, storylines)."""
    from storyline.views.export import export_store

    if fmt != "json":
        raise _fail(f"unknown format {fmt!r}; supported: json", 2)
    data = export_store(_open(db))
    _write_json(data, output)


def _write_json(data: Any, output: Path | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {output}")


@app.command()
def annotate(
    file: Annotated[Path, typer.Argument(help="A text file (one document) or a JSONL file.")],
    published: Annotated[
        str | None, typer.Option(help="The document's publication date (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: json.")] = "json",
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated stages (default: all).")
    ] = None,
    model: ModelOption = None,
    identity: IdentityOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Annotate one document (or a JSONL of many) without a store; text is kept as given."""
    from storyline.views.annotate import annotate_file

    if fmt != "json":
        raise _fail(f"unknown format {fmt!r}; supported: json", 2)
    day = _parse_day(published, "--published")
    options = _pipeline_options(model, identity)
    try:
        data = annotate_file(
            file,
            published=day,
            stages=stages.split(",") if stages else None,
            options=options,
        )
    except InputError as exc:
        raise _fail(str(exc), 1) from exc
    except StorylineError as exc:
        raise _fail(str(exc), 2) from exc
    _write_json(data, output)


@app.command()
def stages() -> None:
    """List the annotate stages with what each requires and provides."""
    from storyline.annotate.pipeline import default_stage_names, registered_stages

    table = Table()
    for col in ("stage", "requires", "provides", "default", "what it does"):
        table.add_column(col, overflow="fold")
    defaults = set(default_stage_names())
    for name, st in registered_stages().items():
        table.add_row(
            name,
            ", ".join(st.requires),
            ", ".join(st.provides),
            "yes" if name in defaults else "",
            st.doc.splitlines()[0] if st.doc else "",
        )
    out.print(table)


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
        raise _fail(str(exc), 2) from exc
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
        html_path, md_path = write_story_page(_open(db), output, storyline)
    except StorylineError as exc:
        raise _fail(str(exc), 1) from exc
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
    fmt: FormatOption = "table",
) -> None:
    """A dated timeline across sources: N dates, up to K cited items a date."""
    from storyline.story.timeline_view import story_timeline, timeline_json

    store = _open(db)
    lo, hi = _parse_day(since, "--from"), _parse_day(until, "--to")
    articles = None
    if storyline:
        from storyline.story.overview import pick_storyline

        try:
            chosen = pick_storyline(store, storyline)
        except StorylineError as exc:
            raise _fail(str(exc), 1) from exc
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
    )
    if fmt == "json":
        _write_json(timeline_json(entries), None)
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

    store = _open(db)
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
        _write_json([storyline_json(s) for s in result], None)
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

    store = _open(db)
    players = key_players(list(store.iter_annotated()), store.entities(), limit=0)
    if fmt == "json":
        by_id = {e.id: e for e in store.entities()}
        _write_json(
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

    from storyline.story.sections import quote_lines

    lines = quote_lines(list(_open(db).iter_annotated()), limit=0)
    if fmt == "json":
        _write_json([asdict(q) for q in lines], None)
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

    docs = list(_open(db).iter_annotated())
    tracks = build_tracks(docs)
    text = {d.article.id: d.article.text for d in docs}
    if fmt == "json":
        _write_json(
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


@app.command("eval")
def evaluate(
    suite: Annotated[str, typer.Argument(help="extract, time, quotes, events or tls.")],
    data: Annotated[Path, typer.Option("--data", help="The evaluation set's folder.")],
    limit: Annotated[int | None, typer.Option(help="Evaluate on the first N items only.")] = None,
    gate: Annotated[
        bool, typer.Option("--gate", help="Exit 1 when a pinned quality floor is not met.")
    ] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write JSON here.")] = None,
) -> None:
    """Score storyline on an evaluation set with the benchmark's own metrics."""
    from storyline.eval import check_floors, load_suite

    try:
        module = load_suite(suite)
        report = module.evaluate(data, limit=limit)
    except EvalDataError as exc:
        raise _fail(str(exc), 2) from exc
    table = Table(title=f"{report.suite} on {report.dataset} ({report.seconds:.1f} s)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in report.metrics.items():
        table.add_row(key, f"{value:.4f}")
    out.print(table)
    if output:
        payload = {
            "suite": report.suite,
            "dataset": report.dataset,
            "metrics": report.metrics,
            "seconds": report.seconds,
            "details": report.details,
        }
        output.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    if gate:
        failures = check_floors(report, module.floors(data))
        if failures:
            for line in failures:
                err.print(f"[red]floor not met:[/red] {line}")
            raise typer.Exit(1)
        out.print("[green]all quality floors met[/green]")


def main() -> None:
    try:
        app()
    except StorylineError as exc:  # anything a command did not map itself
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
