"""The annotation version: one digest of everything that decides what the stages store.

Stored with each article's layers (``annotation_runs``), so a later run can tell what is
missing or stale: a stage whose version was bumped, another spaCy model, an edited identity,
knowledge or issue file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from storyline.annotate.pipeline import PipelineOptions, check_pipeline, default_stage_names
from storyline.errors import PipelineError


def annotation_version(names: Sequence[str] | None, options: PipelineOptions) -> str:
    """A short digest of the stages (names and versions), the model and the option files."""
    stages = check_pipeline(list(names) if names is not None else default_stage_names())
    parts = {
        "stages": [[st.name, st.version] for st in stages],
        "model": options.spacy_model,
        "pentacode_model": options.pentacode_model,
        "english": list(options.english),
        "identity": file_digest(options.identity_file),
        "knowledge": file_digest(options.knowledge_file),
        "issues": file_digest(options.issues_file),
    }
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def file_digest(path: str | None) -> str | None:
    """The content digest of an option file (its edits count, its name and mtime do not)."""
    if path is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PipelineError(f"cannot read option file {path}: {exc.strerror}") from exc
    return hashlib.sha256(data).hexdigest()[:16]
