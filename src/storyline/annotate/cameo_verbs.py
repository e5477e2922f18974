"""PETRARCH's CAMEO verb dictionary as PLOVER types: the verbs the trigger lexicon lacks.

``data/cameo_verbs.tsv`` (extracted by ``tools/build_cameo_verbs.py`` from the Open Event
Data Alliance's ``CAMEO.verbpatterns`` dictionary, MIT, see ``data/CAMEO-VERBS-LICENSE.txt``;
converted to PLOVER 2.0 by the PLOVER project's CAMEO2PLOVER table) holds some 1,100 verbs
with the type of their CAMEO code, and the object words that change a verb's code ("express
indignation" accuses, "express satisfaction" supports). An empty type is CAMEO's 01 (a
public statement) or a verb it codes as no event. Read once, on first use.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    raw = resources.files("storyline.annotate").joinpath("data/cameo_verbs.tsv")
    verbs: dict[str, str] = {}
    objects: dict[tuple[str, str], str] = {}
    for line in raw.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        verb, obj, _code, plover_type = [*line.split("\t"), "", "", ""][:4]
        if obj:
            objects[(verb, obj)] = plover_type
        else:
            verbs[verb] = plover_type
    return verbs, objects


def verb_type(lemma: str) -> str | None:
    """The PLOVER type CAMEO gives a verb by default; "" for a statement, None if unknown."""
    return _table()[0].get(lemma)


def verb_object_type(lemma: str, noun: str) -> str | None:
    """The type a verb takes with this object word ("express" + "condemnation"), if CAMEO
    gives one that differs from the verb's own; "" where the pair is no event."""
    return _table()[1].get((lemma, noun))
