"""The story page's key players: the most covered entities with their roles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import AnnotatedArticle, Entity


@dataclass(frozen=True)
class Player:
    entity: str
    name: str
    kind: str
    mentions: int
    articles: int
    roles: tuple[str, ...]  # "President of South Korea (2018-02-13)"


def key_players(
    docs: Sequence[AnnotatedArticle], entities: Sequence[Entity], limit: int = 12
) -> list[Player]:
    """The most mentioned entities, by the number of articles mentioning them, then mentions."""
    mentions: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for doc in docs:
        ids = [m.entity for m in doc.mentions if m.entity]
        mentions.update(ids)
        articles.update(set(ids))
    by_id = {e.id: e for e in entities}
    ranked = sorted(articles, key=lambda i: (-articles[i], -mentions[i], i))
    players = []
    for entity_id in ranked:
        e = by_id.get(entity_id)
        if e is None:
            continue
        roles = tuple(
            f"{r.title} ({_validity(r.start, r.end)})" if r.start or r.end else r.title
            for r in e.roles
        )
        players.append(
            Player(entity_id, e.name, e.kind, mentions[entity_id], articles[entity_id], roles)
        )
        if limit and len(players) >= limit:
            break
    return players


def _validity(start: object, end: object) -> str:
    s = str(start) if start else "?"
    e = str(end) if end else "?"
    return s if s == e else f"{s} to {e}"
