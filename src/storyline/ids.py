"""Ids as users type them: the whole id or a prefix that only one id starts with."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from storyline.errors import IdError

if TYPE_CHECKING:
    from storyline.store import Store

# How many ids a prefix lookup fetches: enough to list candidates without reading them all.
CANDIDATES = 50


def resolve_id(kind: str, given: str, ids: Iterable[str], *, list_known: bool = False) -> str:
    """The id in ``ids`` equal to ``given``, else the only one starting with it.

    Raises IdError naming the candidates when several start with it, and when none does
    (with some known ids when ``list_known``).
    """
    pool = list(ids)
    if given in pool:
        return given
    matches = sorted(i for i in pool if given and i.startswith(given))
    if len(matches) == 1:
        return matches[0]
    known = pool if list_known and not matches else []
    raise IdError(kind, given, matches, known=known, none_stored=list_known and not pool)


def resolve_article_id(store: Store, given: str) -> str:
    """The stored article whose id is ``given`` or starts with it; IdError otherwise."""
    found = store.article_ids(given, limit=CANDIDATES + 1)
    if given in found:
        return given
    if len(found) == 1 and given:
        return found[0]
    raise IdError(
        "article", given, found[:CANDIDATES] if given else [], more=len(found) > CANDIDATES
    )
