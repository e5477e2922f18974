"""The whole store as the export JSON of DESIGN.md."""

from __future__ import annotations

from typing import Any

from storyline.serialize import annotated_json, entity_json
from storyline.store import Store
from storyline.views.records import storyline_records


def export_store(store: Store) -> dict[str, Any]:
    return {
        "articles": [annotated_json(doc) for doc in store.iter_annotated()],
        "entities": [entity_json(e) for e in store.entities()],
        "storylines": storyline_records(store),
    }
