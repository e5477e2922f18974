"""The story page's people-and-words sections: key players and quotes with speakers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.ingest.dates import format_date
from storyline.model import AnnotatedArticle, Entity


@dataclass(frozen=True)
class Player:
    entity: str
    name: str
    kind: str
    mentions: int
    articles: int
    roles: tuple[str, ...]  # "President of South Korea (2018-02-13)"


@dataclass(frozen=True)
class QuoteLine:
    date: str
    speaker: str
    via: str | None
    kind: str
    text: str  # the verbatim content span
    article: str
    start: int
    end: int


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


def quote_lines(docs: Sequence[AnnotatedArticle], limit: int = 40) -> list[QuoteLine]:
    """Quotes with their speakers in date order; content is always the verbatim span."""
    lines = []
    for doc in docs:
        a = doc.article
        when = format_date(a.published, a.published_precision) or "date unknown"
        for q in doc.quotes:
            speaker = q.speaker_name or (
                a.text[q.speaker.start : q.speaker.end] if q.speaker else "unattributed"
            )
            via = a.text[q.via.start : q.via.end] if q.via else None
            lines.append(
                QuoteLine(
                    date=q.date or when,
                    speaker=speaker,
                    via=via,
                    kind=q.kind,
                    text=a.text[q.content.start : q.content.end],
                    article=a.id,
                    start=q.content.start,
                    end=q.content.end,
                )
            )
    lines.sort(key=lambda q: (q.date, q.article, q.start))
    return lines[:limit] if limit else lines
