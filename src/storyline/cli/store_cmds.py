"""Commands over the store: ingest, list, show, search, export, annotate, stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer
from rich.table import Table
from rich.text import Text

from storyline import __version__
from storyline.cli.common import (
    BatchSizeOption,
    DbOption,
    FormatOption,
    IdentityOption,
    IssuesOption,
    JsonFormatOption,
    KnowledgeOption,
    ModelOption,
    OutputFileOption,
    app,
    fail,
    open_db,
    out,
    parse_day,
    pipeline_options,
    write_json,
)
from storyline.errors import IdError, InputError, StorylineError
from storyline.ingest.dates import format_date
from storyline.ingest.sidecar import InputMeta

T = TypeVar("T")

# What was saved stays saved (per page, per batch): the same command picks up the rest.
INTERRUPTED = "interrupted; run the same command again to complete the work"


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
    max_bytes: Annotated[
        int, typer.Option(help="Skip inputs larger than this many bytes.", min=1)
    ] = 50_000_000,
    identity: IdentityOption = None,
    knowledge: KnowledgeOption = None,
    model: ModelOption = None,
    issues: IssuesOption = None,
    batch_size: BatchSizeOption = 32,
) -> None:
    """Ingest news coverage (text captures, HTML, JSONL, feeds, WARC, Timeline17).

    Then annotate every stored article that is not annotated at the current version (new,
    left by an interrupted run, or stale after an edited option file) and cluster what is in
    no storyline: running the same command again completes an interrupted run.
    """
    from storyline.workflow import IngestOptions
    from storyline.workflow import ingest as run_ingest

    day = parse_day(published, "--published")
    meta = InputMeta(
        source=source,
        language=language,
        published=day[0] if day else None,
        published_precision=day[1] if day else "unknown",
    )
    store = open_db(db)
    options = IngestOptions(
        meta=meta,
        max_bytes=max_bytes,
        annotate=annotate,
        pipeline=replace(
            pipeline_options(model, identity, issues, knowledge), batch_size=batch_size
        ),
    )
    report = _with_progress(lambda progress: run_ingest(store, paths, options, progress))
    _print_ingest_report(report)
    counts = report.counts()
    if counts["ingested"] + counts["duplicate"] == 0:
        raise fail("nothing could be read", 1)


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
            o.name, Text(o.status, style=style[o.status]), (o.article_id or "")[:12], detail
        )
    out.print(table)
    counts = report.counts()
    summary = (
        f"{counts['ingested']} ingested, {counts['duplicate']} duplicate, "
        f"{counts['skipped']} skipped; "
    )
    if report.annotation is None:
        out.print(summary + "not annotated (run `storyline annotate --pending`)", soft_wrap=True)
        return
    _print_annotation_report(report.annotation, summary)


def _print_annotation_report(report: Any, prefix: str = "") -> None:
    failed = f", {len(report.failed)} failed" if report.failed else ""
    out.print(
        f"{prefix}{report.annotated} annotated{failed}, {report.clustered} placed in storylines",
        highlight=False,
        soft_wrap=True,
    )
    for (stage_name, reason), n in sorted(report.skipped.items()):
        noun = "article" if n == 1 else "articles"
        out.print(
            f"stage {stage_name} skipped on {n} {noun}: {reason}", highlight=False, soft_wrap=True
        )
    for article_id, failure in report.failed:
        out.print(
            Text.assemble(
                ("failed", "red"),
                f": {article_id[:12]} at stage {failure.stage}: {failure.error}",
            ),
            highlight=False,
            soft_wrap=True,
        )


@app.command("list")
def list_articles(
    db: DbOption = None,
    since: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last date.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List stored articles in date order."""
    store = open_db(db)
    lo, hi = parse_day(since, "--from"), parse_day(until, "--to")
    if fmt == "json":
        from storyline.views.records import ArticleQuery, article_listing

        records, _ = article_listing(
            store, ArticleQuery(since=lo[0] if lo else None, until=hi[0] if hi else None)
        )
        out.print_json(data=records)
        return
    articles = store.articles(since=lo[0] if lo else None, until=hi[0] if hi else None)
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
    fmt: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="Output format: text or json.")
    ] = "text",
) -> None:
    """Show one article with its metadata and annotations.

    Exit 1 when no article matches the id, 2 when several do (they are listed).
    """
    from storyline.views.records import article_record

    try:
        store = open_db(db)
        data = article_record(store, article_id)
    except IdError as exc:
        raise fail(str(exc), 2 if exc.ambiguous else 1) from exc
    # The JSON is the one article record the API and export write; the run is for the reader.
    found = store.annotation_runs([data["id"]]).get(data["id"])
    run = _run_json(found) if found else None
    if fmt == "json":
        out.print_json(data=data)
        return
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
        out.print(_field(key, str(data[key])), highlight=False)
    if data["near_duplicates"]:
        out.print(_field("near-duplicates", ", ".join(data["near_duplicates"])))
    counts = ", ".join(
        f"{k} {len(data[k])}"
        for k in ("sentences", "mentions", "times", "quotes", "events", "stances")
    )
    out.print(_field("annotations", counts))
    if run is None:
        out.print(_field("annotation run", "none (run `storyline annotate --pending`)"))
    elif run["status"] == "failed":
        out.print(
            Text.assemble(
                ("annotation run", "bold"),
                ": ",
                ("failed", "red"),
                f" at stage {run['stage']}: {run['error']}",
            ),
            highlight=False,
            soft_wrap=True,
        )
    else:
        out.print(_field("annotation run", f"ok ({run['finished_at']})"))
    for stage_name, reason in sorted((run or {}).get("skipped", {}).items()):
        out.print(_field("skipped", f"{stage_name}: {reason}"), highlight=False)
    out.print()
    out.print(data["text"], highlight=False)


def _field(name: str, value: str) -> Text:
    return Text.assemble((name, "bold"), ": ", value)


def _run_json(run: Any) -> dict[str, Any]:
    return {
        "version": run.version,
        "status": run.status,
        "stage": run.stage,
        "error": run.error,
        "skipped": run.skipped,
        "finished_at": run.finished_at.isoformat(),
    }


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to search for.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many results.", min=1)] = 20,
    fmt: FormatOption = "table",
) -> None:
    """Full-text search over stored articles."""
    store = open_db(db)
    if fmt == "json":
        from storyline.views.records import search_records

        out.print_json(data=search_records(store, query, limit))
        return
    hits = store.search(query, limit=limit)
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
    fmt: JsonFormatOption = "json",
    output: OutputFileOption = None,
) -> None:
    """Export the whole store as JSON (articles with annotations, entities, storylines)."""
    from storyline.views.export import export_store

    data = export_store(open_db(db))
    write_json(data, output)


@app.command()
def annotate(
    file: Annotated[
        Path | None, typer.Argument(help="A text file (one document) or a JSONL file.")
    ] = None,
    pending: Annotated[
        bool,
        typer.Option(
            "--pending",
            help="Annotate the store's articles not annotated at the current version (never, "
            "interrupted, or stale after an edited option file), then cluster.",
        ),
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Annotate every stored article again, then cluster.")
    ] = False,
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="The document's publication date (YYYY-MM-DD).")
    ] = None,
    fmt: JsonFormatOption = "json",
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated stages (default: all).")
    ] = None,
    model: ModelOption = None,
    identity: IdentityOption = None,
    knowledge: KnowledgeOption = None,
    issues: IssuesOption = None,
    batch_size: BatchSizeOption = 32,
    output: OutputFileOption = None,
) -> None:
    """Annotate one document (or a JSONL of many) without a store; text is kept as given.

    With --pending or --all, annotate the store's articles instead and cluster them.
    """
    options = replace(pipeline_options(model, identity, issues, knowledge), batch_size=batch_size)
    stage_names = stages.split(",") if stages else None
    if pending or every:
        if file is not None or (pending and every):
            raise fail("give a FILE, --pending or --all (one of them)", 2)
        _annotate_store(db, every, stage_names, options)
        return
    if file is None:
        raise fail("give a FILE to annotate, or --pending / --all for the store", 2)
    from storyline.views.annotate import annotate_file

    day = parse_day(published, "--published")
    try:
        data = annotate_file(file, published=day, stages=stage_names, options=options)
    except InputError as exc:
        raise fail(str(exc), 1) from exc
    except StorylineError as exc:
        raise fail(str(exc), 2) from exc
    write_json(data, output)


def _annotate_store(db: str | None, every: bool, stages: list[str] | None, options: Any) -> None:
    from storyline.workflow import IngestOptions, annotate_and_cluster

    store = open_db(db)
    ingest_options = IngestOptions(stages=tuple(stages) if stages else None, pipeline=options)
    ids = store.article_ids("") if every else None  # ids only: no article text is read
    report = _with_progress(
        lambda progress: annotate_and_cluster(store, ids, ingest_options, progress)
    )
    _print_annotation_report(report)


def _with_progress(work: Callable[[Any], T]) -> T:
    """Run ``work`` with the progress display; errors and Ctrl-C become exits (2, 130)."""
    from storyline.cli.progress import work_progress

    with work_progress() as progress:
        try:
            return work(progress)
        except StorylineError as exc:
            raise fail(str(exc), 2) from exc
        except KeyboardInterrupt:
            raise fail(INTERRUPTED, 130) from None


@app.command()
def stages() -> None:
    """List the annotate stages: what each requires, uses when present, and provides."""
    from storyline.annotate.pipeline import default_stage_names, registered_stages

    table = Table()
    for col in ("stage", "requires", "uses", "provides", "default", "what it does"):
        table.add_column(col, overflow="fold")
    defaults = set(default_stage_names())
    for name, st in registered_stages().items():
        table.add_row(
            name,
            ", ".join(st.requires),
            ", ".join(st.uses),
            ", ".join(st.provides),
            "yes" if name in defaults else "",
            st.doc.splitlines()[0] if st.doc else "",
        )
    out.print(table)
