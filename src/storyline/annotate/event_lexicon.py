"""Word lists of the events stage, read once from ``data/event_words.json`` (package data).

They are data a user may replace (the file says what each list is for); the code keeps
only the mechanisms that use them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Final


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    raw = resources.files("storyline.annotate").joinpath("data/event_words.json")
    data = json.loads(raw.read_text("utf-8"))
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


AGENT_NOUNS: Final = _lists()["agent_nouns"]
BOILERPLATE_VERBS: Final = _lists()["boilerplate_verbs"]
HYPOTHETICAL_MARKERS: Final = _lists()["hypothetical_markers"]
PARTITIVE_NOUNS: Final = _lists()["partitive_nouns"]
RELATIONAL_NOUNS: Final = _lists()["relational_nouns"]
