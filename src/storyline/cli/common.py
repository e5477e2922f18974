"""What every command shares: the app, consoles, common options and error mapping."""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.text import Text

from storyline.errors import IdError, StoreError, StorylineError
from storyline.ingest.dates import parse_date

app = typer.Typer(
    help="Follow an evolving news story: ingest coverage, annotate it, and write a story page.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Titles, sources, ids and paths are data: a "[/]" or ":smile:" in them must print as typed,
# so these consoles interpret no markup and no emoji codes; styled words are Text objects.
out = Console(markup=False, emoji=False)
err = Console(stderr=True, markup=False, emoji=False)

# Stores storyline can open: SQLite (the default) and PostgreSQL (teams).
DB_SCHEMES = ("sqlite", "postgresql", "postgres")
DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def check_db(value: str | None) -> str | None:
    """``--db`` as given, when it names a store storyline can open; exit 2 otherwise.

    Takes ``sqlite:///path``, ``postgresql://...``, a path ending .db/.sqlite/.sqlite3 or an
    existing file; anything else is more likely a typo than a new store's name.
    """
    if value is None:
        return None
    scheme, sep, rest = value.partition("://")
    if sep:
        if scheme.lower().split("+", 1)[0] not in DB_SCHEMES:
            raise typer.BadParameter(
                f"unsupported database {scheme}://; storyline stores in SQLite "
                "(sqlite:///PATH, or a file path ending .db) or PostgreSQL (postgresql://...)"
            )
        if not scheme.lower().startswith("sqlite") or rest in ("", "/:memory:"):
            return value
        if not rest.startswith("/"):
            raise typer.BadParameter(
                f"{value}: an SQLite URL has three slashes before a relative path "
                "(sqlite:///store.db) and four before an absolute one (sqlite:////tmp/store.db)"
            )
        path = Path(rest[1:])  # as SQLAlchemy reads it: no ~ expansion
    else:
        path = Path(value).expanduser()
        if not path.is_dir() and not path.is_file() and path.suffix.lower() not in DB_SUFFIXES:
            raise typer.BadParameter(
                f"{value!r} is neither a database URL nor a store file; give sqlite:///PATH, "
                "postgresql://USER@HOST/DB, or a file path ending .db or .sqlite"
            )
    if path.is_dir():
        raise typer.BadParameter(
            f"{path} is a folder; name a store file in it, such as {path / 'storyline.db'}"
        )
    if not path.parent.is_dir():
        raise typer.BadParameter(f"{path}: folder {path.parent} does not exist")
    return value


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store URL: sqlite:///path, postgresql://..., or a file path ending .db "
        "(default: $STORYLINE_DB, else a file in your data directory).",
        envvar="STORYLINE_DB",
        show_envvar=False,
        callback=check_db,
    ),
]
TableFormat = Literal["table", "json"]
FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output format: table or json.")
]
JsonFormatOption = Annotated[
    Literal["json"], typer.Option("--format", "-f", help="Output format: json.")
]


def _folder_problem(path: Path) -> str | None:
    """Why files cannot be written into folder ``path`` (created if missing), or None."""
    if path.exists():
        if not path.is_dir():
            return "is a file, not a folder"
        if not os.access(path, os.W_OK | os.X_OK):
            return "folder is not writable"
        return None
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        return f"cannot create it: {ancestor} is a file, not a folder"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return f"cannot create it: {ancestor} is not writable"
    return None


def check_output_folder(value: Path) -> Path:
    """An output folder option: one that is or can become a writable folder; exit 2 if not."""
    problem = _folder_problem(value)
    if problem:
        raise typer.BadParameter(f"{value}: {problem}")
    return value


def check_output_file(value: Path | None) -> Path | None:
    """An output file option: its folder must exist and be writable; exit 2 if not."""
    if value is None:
        return None
    if value.is_dir():
        raise typer.BadParameter(f"{value} is a folder; name a file to write in it")
    folder = value.parent
    if not folder.exists():
        raise typer.BadParameter(f"{value}: folder {folder} does not exist")
    if not folder.is_dir():
        raise typer.BadParameter(f"{value}: {folder} is a file, not a folder")
    if not os.access(value if value.exists() else folder, os.W_OK):
        raise typer.BadParameter(f"{value}: not writable")
    return value


OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="File to write (default: stdout).", callback=check_output_file
    ),
]


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
    """Print ``message`` (data in it printed as is) as an error; the Exit to raise."""
    err.print(Text.assemble(("error:", "red"), " ", message), highlight=False)
    return typer.Exit(code)


def fail_on(exc: StorylineError, code: int = 1) -> typer.Exit:
    """``fail`` for a library error: 2 when the user named an id matching none or several."""
    return fail(str(exc), 2 if isinstance(exc, IdError) else code)


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
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}", 1) from exc
    err.print(f"wrote {output}")
