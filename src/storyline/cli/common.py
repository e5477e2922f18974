"""What every command shares: the app, consoles, common options and error mapping."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from storyline.errors import StoreError
from storyline.ingest.dates import parse_date

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


BatchSizeOption = Annotated[
    int,
    typer.Option(
        "--batch-size",
        min=1,
        help="Articles annotated and saved together; an interrupted run loses at most one "
        "batch's work.",
    ),
]


KnowledgeOption = Annotated[
    Path | None,
    typer.Option(
        "--knowledge",
        help="The story's knowledge file (TOML/JSON: words standing for a country in this "
        "coverage, such as a bare 'North').",
    ),
]


IssuesOption = Annotated[
    Path | None,
    typer.Option(
        "--issues",
        help="Issue file (JSON) whose issues stances are tracked on, beside those found in "
        "the coverage.",
    ),
]


def pipeline_options(
    model: str | None,
    identity: Path | None,
    issues: Path | None = None,
    knowledge: Path | None = None,
) -> Any:
    from storyline.annotate.pipeline import PipelineOptions

    if identity is not None and not identity.is_file():
        raise fail(f"identity file {identity} does not exist", 2)
    if issues is not None and not issues.is_file():
        raise fail(f"issue file {issues} does not exist", 2)
    if knowledge is not None and not knowledge.is_file():
        raise fail(f"knowledge file {knowledge} does not exist", 2)
    return PipelineOptions(
        spacy_model=model or PipelineOptions().spacy_model,
        identity_file=str(identity) if identity else None,
        knowledge_file=str(knowledge) if knowledge else None,
        issues_file=str(issues) if issues else None,
    )


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def parse_day(value: str | None, flag: str) -> tuple[date, Any] | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise fail(f"{flag} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", 2)
    return parsed


def open_db(db: str | None) -> Any:
    from storyline.store import open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise fail(str(exc), 2) from exc


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )


def write_json(data: Any, output: Path | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {output}")
