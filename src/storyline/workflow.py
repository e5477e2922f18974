"""The flow end to end: inputs → records → Articles → store, then the annotate stages.

Ingest knows nothing of NLP and the stages nothing of storage; this module joins them.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from storyline.annotate.pipeline import PipelineOptions, default_stage_names, run_pipeline
from storyline.annotate.version import annotation_version
from storyline.errors import InputError
from storyline.ingest.articles import build_articles
from storyline.ingest.boilerplate import Boilerplate, learn_all
from storyline.ingest.identity import article_id
from storyline.ingest.reader import read_input
from storyline.ingest.records import SourceRecord
from storyline.ingest.sidecar import InputMeta, sidecar_for
from storyline.ingest.sources import DEFAULT_MAX_BYTES, InputFile, expand_inputs, read_bytes
from storyline.model import AnnotatedArticle, Article, StageFailure
from storyline.store import Store
from storyline.store.source_lines import known_ids, load_line_stats, save_line_stats
from storyline.story.identities import resolve_identities
from storyline.story.storylines import update_storylines

log = logging.getLogger(__name__)

OutcomeStatus = Literal["ingested", "duplicate", "skipped"]


@dataclass(frozen=True)
class Outcome:
    """What became of one input or one record in it."""

    name: str
    status: OutcomeStatus
    article_id: str | None = None
    title: str | None = None
    kind: str | None = None
    reason: str | None = None  # why skipped, or a warning (no date, near-duplicate of ...)


@dataclass
class AnnotationReport:
    """What an annotation run did: articles annotated (failures included), which failed at
    which stage, which stages skipped how many articles and why, how many were clustered."""

    annotated: int = 0
    failed: list[tuple[str, StageFailure]] = field(default_factory=list)
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (stage, reason)
    clustered: int = 0


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)
    annotation: AnnotationReport | None = None  # None: not annotated (--no-annotate)

    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def annotated(self) -> int:
        return self.annotation.annotated if self.annotation else 0

    @property
    def new_ids(self) -> list[str]:
        return [o.article_id for o in self.outcomes if o.status == "ingested" and o.article_id]


ProgressPhase = Literal["read", "annotate", "cluster"]


@dataclass(frozen=True)
class ProgressStep:
    """Where a run is: ``done`` of ``total`` inputs read, or articles annotated or clustered."""

    phase: ProgressPhase
    done: int
    total: int
    item: str = ""  # the input just read


ProgressFn = Callable[[ProgressStep], None]


@dataclass(frozen=True)
class IngestOptions:
    """How to ingest: metadata from the command line, limits, and whether to annotate."""

    meta: InputMeta = field(default_factory=InputMeta)
    max_bytes: int = DEFAULT_MAX_BYTES
    annotate: bool = True
    stages: tuple[str, ...] | None = None  # None: all built-in stages
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


# Inputs read before their articles are stored: boilerplate is learned over a window.
READ_WINDOW = 256


def ingest(
    store: Store,
    specs: Sequence[str],
    options: IngestOptions | None = None,
    progress: ProgressFn | None = None,
) -> IngestReport:
    """Ingest every input named by ``specs`` into ``store``; bad inputs become outcomes."""
    options = options or IngestOptions()
    report = IngestReport()
    items = list(expand_inputs(specs))
    done = 0
    for start in range(0, len(items), READ_WINDOW):
        window = [_read_one(item, options) for item in items[start : start + READ_WINDOW]]
        skipped = cut_boilerplate(store, [r for read in window for r in read.records])
        for read in window:
            report.outcomes.extend(read.outcomes)
            report.outcomes.extend(_store_records(store, read.records, read.meta, skipped))
            done += 1
            if progress:
                progress(ProgressStep("read", done, len(items), read.name))
    if options.annotate:
        # Not only what is new: whatever an earlier run left missing, stale or unclustered.
        report.annotation = annotate_and_cluster(store, None, options, progress)
    return report


def ingest_data(
    store: Store, name: str, data: bytes, options: IngestOptions | None = None
) -> IngestReport:
    """Ingest one input held in memory (a request body, say) as a file called ``name`` is.

    Only stores: the caller runs :func:`annotate_and_cluster` on ``report.new_ids`` when it
    suits it (``storyline serve`` does so in the background).
    """
    options = options or IngestOptions()
    report = IngestReport()
    meta = InputMeta().overlaid(options.meta)
    if len(data) > options.max_bytes:
        reason = f"too large (over the {options.max_bytes / 1e6:.0f} MB limit)"
        read = _Read(name, meta, outcomes=[Outcome(name, "skipped", reason=reason)])
    else:
        read = _read_data(name, data, meta)
    skipped = cut_boilerplate(store, read.records)
    report.outcomes.extend(read.outcomes)
    report.outcomes.extend(_store_records(store, read.records, read.meta, skipped))
    return report


def annotate_and_cluster(
    store: Store,
    ids: Sequence[str] | None,
    options: IngestOptions,
    progress: ProgressFn | None = None,
) -> AnnotationReport:
    """Annotate stored articles (``ids``, or every one pending: not annotated at the current
    version), then place every annotated article that is in no storyline.

    State lives in the store, so running this again completes an interrupted run.
    """
    version = annotation_version(options.stages, options.pipeline)
    todo = store.pending_ids(version) if ids is None else list(ids)
    report = annotate_stored(store, todo, options, version, progress, only_pending=ids is None)
    pending = set(store.pending_ids(version))
    unclustered = [i for i in store.unclustered_ids() if i not in pending]
    if report.annotated or unclustered:
        # Identity is decided over the whole store, again as coverage grows.
        resolve_identities(store)
    if unclustered:
        if progress:
            progress(ProgressStep("cluster", 0, len(unclustered)))
        # Storylines compare entities and text, so they follow annotation.
        update_storylines(store, unclustered)
        report.clustered = len(unclustered)
        if progress:
            progress(ProgressStep("cluster", len(unclustered), len(unclustered)))
    return report


@dataclass
class _Read:
    """One input read but not stored yet: its records, or why (parts of) it were skipped."""

    name: str
    meta: InputMeta
    records: list[SourceRecord] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def _read_one(item: InputFile | InputError, options: IngestOptions) -> _Read:
    if isinstance(item, InputError):
        return _Read(
            item.path, InputMeta(), outcomes=[Outcome(item.path, "skipped", reason=item.reason)]
        )
    try:
        meta = sidecar_for(item.path) if item.path else InputMeta()
        meta = meta.overlaid(options.meta)
        data = read_bytes(item, options.max_bytes)
    except InputError as exc:
        log.warning("skipped %s: %s", exc.path, exc.reason)
        return _Read(
            item.name, InputMeta(), outcomes=[Outcome(exc.path, "skipped", reason=exc.reason)]
        )
    return _read_data(item.name, data, meta)


def _read_data(name: str, data: bytes, meta: InputMeta) -> _Read:
    try:
        found = read_input(name, data, meta)
    except InputError as exc:
        log.warning("skipped %s: %s", exc.path, exc.reason)
        return _Read(name, InputMeta(), outcomes=[Outcome(exc.path, "skipped", reason=exc.reason)])
    for record in found.records:
        # What the user said about the outlet counts for learning its boilerplate too.
        record.source = meta.source or record.source
    errors = [Outcome(e.origin, "skipped", reason=e.reason) for e in found.errors]
    return _Read(name, meta, found.records, errors)


def _store_records(
    store: Store, records: list[SourceRecord], meta: InputMeta, skipped: dict[str, str]
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for record in records:
        if record.origin in skipped:
            outcomes.append(Outcome(record.origin, "skipped", reason=skipped[record.origin]))
            continue
        built = build_articles(record, meta)
        results = store.add_group([a for a, _ in built], origin=record.origin)
        for (article, warning), result in zip(built, results, strict=True):
            notes = [warning] if warning else []
            if result.near_duplicate_of:
                notes.append("near-duplicate of " + ", ".join(result.near_duplicate_of))
            outcomes.append(
                Outcome(
                    name=record.origin if article.kind == "article" else f"{record.origin} (blurb)",
                    status=result.status,
                    article_id=article.id,
                    title=article.title,
                    kind=article.kind,
                    reason="; ".join(notes) or None,
                )
            )
    return outcomes


def cut_boilerplate(store: Store, records: Sequence[SourceRecord]) -> dict[str, str]:
    """Learn each source's boilerplate from ``records`` and the store; cut it from them.

    Records already stored (same identity) teach nothing new. Returns the origins of
    records nothing was left of, with the reason.
    """
    by_source = [(r, _outlet(r)) for r in records]
    for record, _source in by_source:
        record.identity_text = record.identity_text or record.text
    new_ids = {article_id(r.identity_text or r.text) for r in records}
    stored = known_ids(store, new_ids)
    learned = learn_all(
        (source, r.text, r.published)
        for r, source in by_source
        if article_id(r.identity_text or r.text) not in stored
    )
    save_line_stats(store, learned)
    keys = {source: list(table) for source, table in learned.lines.items()}
    for _record, source in by_source:
        keys.setdefault(source, [])
    known = load_line_stats(store, keys)
    boilerplate = Boilerplate(known)
    skipped: dict[str, str] = {}
    for record, source in by_source:
        text, removed = boilerplate.clean(source, record.text)
        if removed:
            log.debug("%s: %d boilerplate lines cut", record.origin, len(removed))
        if text.strip():
            record.text = text
        else:
            skipped[record.origin] = "nothing but the outlet's boilerplate"
    return skipped


def _outlet(record: SourceRecord) -> str:
    """Who wrapped the article in its boilerplate: the source, else the site, else the folder."""
    if record.source:
        return record.source
    if record.url:
        host = urlsplit(record.url).hostname
        if host:
            return host.removeprefix("www.")
    return str(Path(record.origin.split("#", 1)[0]).parent)


def annotate_docs(
    articles: Sequence[Article],
    stages: Sequence[str] | None = None,
    options: PipelineOptions | None = None,
) -> list[AnnotatedArticle]:
    """Run the annotate stages over ``articles`` (no store involved)."""
    docs = [AnnotatedArticle(a) for a in articles]
    run_pipeline(docs, list(stages) if stages is not None else default_stage_names(), options)
    return docs


def annotate_stored(
    store: Store,
    ids: Sequence[str],
    options: IngestOptions,
    version: str | None = None,
    progress: ProgressFn | None = None,
    *,
    only_pending: bool = False,
) -> AnnotationReport:
    """Annotate stored articles and save their layers, entities and runs, batch by batch.

    ``only_pending``: each batch is taken under the store's annotate lock and keeps only what
    is still pending then, so ingests running at once annotate every article once.
    """
    version = version or annotation_version(options.stages, options.pipeline)
    report = AnnotationReport()
    batch = max(1, options.pipeline.batch_size)
    for start in range(0, len(ids), batch):
        batch_ids = list(ids[start : start + batch])
        with store.lock(ANNOTATE_LOCK) if only_pending else nullcontext():
            if only_pending:  # another writer may have annotated some since we looked
                batch_ids = store.pending_ids(version, among=batch_ids)
            if batch_ids:
                _annotate_batch(store, batch_ids, options, version, report)
        done = min(start + batch, len(ids))
        log.info("annotated %d of %d articles", done, len(ids))
        if progress:
            progress(ProgressStep("annotate", done, len(ids)))
    return report


# Held while one batch is annotated and saved (see annotate_stored).
ANNOTATE_LOCK = "annotate"


def _annotate_batch(
    store: Store, ids: list[str], options: IngestOptions, version: str, report: AnnotationReport
) -> None:
    # Read per batch: a large backlog is never held in memory at once.
    chunk = store.articles(ids=ids)
    docs = annotate_docs(chunk, options.stages, options.pipeline)
    # Entities first: a run recorded ok always has its entity records stored.
    store.save_entities(collect_entities(docs))
    store.save_annotations(docs, version)
    for d in docs:
        if d.failure:
            report.failed.append((d.article.id, d.failure))
        report.skipped.update(d.skipped.items())
    report.annotated += len(docs)


def collect_entities(docs: Sequence[AnnotatedArticle]) -> list:  # type: ignore[type-arg]
    """Corpus-level entity records from the entities stage, when it ran."""
    try:
        from storyline.annotate.entities import collect_entities as collect
    except ModuleNotFoundError:
        return []
    return list(collect(docs))
