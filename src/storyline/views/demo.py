"""``storyline demo``: the bundled Korea corpus into a fresh store, then the story page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from storyline.annotate.pipeline import PipelineOptions
from storyline.ingest.sidecar import KNOWLEDGE_FILE
from storyline.store import open_store
from storyline.views.page import write_story_page
from storyline.workflow import IngestOptions, IngestReport, ingest

# The demo corpus's own issue file: what its coverage argues about, as a user would write it.
SEED_ISSUES = "issues.json"


@dataclass(frozen=True)
class DemoResult:
    db: str
    html: Path
    markdown: Path
    report: IngestReport
    inputs: int
    blurbs: int


def bundled_corpus() -> Path:
    """The folder of the bundled seed pages (with their sidecar)."""
    return Path(str(resources.files("storyline") / "data" / "korea-seeds"))


def run_demo(folder: Path, progress: Callable[[str], None] | None = None) -> DemoResult:
    folder.mkdir(parents=True, exist_ok=True)
    db_path = folder / "storyline.db"
    for stale in (
        db_path,
        db_path.with_name(db_path.name + "-wal"),
        db_path.with_name(db_path.name + "-shm"),
    ):
        stale.unlink(missing_ok=True)
    url = f"sqlite:///{db_path.resolve()}"
    corpus = bundled_corpus()
    say = progress or (lambda _msg: None)
    with open_store(url) as store:
        say(f"ingesting and annotating {corpus}")
        issues = str(corpus / SEED_ISSUES)
        knowledge = str(corpus / KNOWLEDGE_FILE)
        options = IngestOptions(
            pipeline=PipelineOptions(issues_file=issues, knowledge_file=knowledge)
        )
        report = ingest(store, [str(corpus / "*.txt")], options)
        say("writing the story page")
        html_path, md_path = write_story_page(store, folder)
    articles = [o for o in report.outcomes if o.status == "ingested"]
    return DemoResult(
        db=url,
        html=html_path,
        markdown=md_path,
        report=report,
        inputs=len({o.name.split("#")[0].split(" ")[0] for o in articles}),
        blurbs=sum(1 for o in articles if o.kind == "blurb"),
    )
