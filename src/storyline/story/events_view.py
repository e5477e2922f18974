"""Who did what to whom: the coded events of a store, filtered and named for reading.

One library call, :func:`story_events`, serves the ``storyline events`` command, the story
page's "who did what" section and any API: it reads annotated articles, keeps the events
that pass the filters (storyline, actor, PLOVER type or quad, date range) and gives each one
its actors' and targets' display names, its date and where that date came from, the
trigger and the sentence, verbatim, and the article that says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.model import AnnotatedArticle, Entity, Event


@dataclass(frozen=True)
class EventLine:
    """One event as a reader sees it; names resolved, text verbatim from its article."""

    date: str | None
    date_from: str | None  # "text": its own time expression; "article": publication date
    type: str
    quad: str
    pentacode: int
    actors: tuple[str, ...]  # entity ids
    actor_names: tuple[str, ...]
    targets: tuple[str, ...]
    target_names: tuple[str, ...]
    location: str | None
    trigger: str
    sentence: str
    article: str
    source: str | None
    start: int  # the sentence's span in the article
    end: int


@dataclass(frozen=True)
class EventFilter:
    """Which events to keep; every field left at its default keeps all."""

    actor: str | None = None  # an entity id, or words of its name (matches actor or target)
    types: tuple[str, ...] = ()  # PLOVER types or quads ("ASSAULT", "material conflict")
    start: date | None = None
    end: date | None = None
    articles: frozenset[str] | None = None  # a storyline's articles
    # Keep events dated only by their article's publication date.
    with_article_dates: bool = True


def story_events(
    docs: Iterable[AnnotatedArticle],
    entities: Sequence[Entity] = (),
    where: EventFilter | None = None,
    limit: int = 0,
) -> list[EventLine]:
    """The events of ``docs`` that pass ``where``, in date order (undated last)."""
    where = where or EventFilter()
    names = {e.id: e.name for e in entities}
    wanted_types = {t.strip().upper() for t in where.types}
    wanted_quads = {t.strip().lower() for t in where.types}
    lines: list[EventLine] = []
    for doc in docs:
        if where.articles is not None and doc.article.id not in where.articles:
            continue
        for event in doc.events:
            if wanted_types and not (
                event.type in wanted_types or event.quad.lower() in wanted_quads
            ):
                continue
            if not where.with_article_dates and event.date_from == "article":
                continue
            if not _in_range(event.date, where.start, where.end):
                continue
            line = _line(doc, event, names)
            if where.actor and not _names_actor(line, where.actor):
                continue
            lines.append(line)
    lines.sort(key=lambda e: (e.date is None, e.date or "", e.article, e.start))
    return lines[:limit] if limit else lines


def event_json(line: EventLine) -> dict[str, object]:
    """The JSON record of ``storyline events --format json``."""
    return {
        "date": line.date,
        "date_from": line.date_from,
        "type": line.type,
        "quad": line.quad,
        "pentacode": line.pentacode,
        "actors": [
            {"id": i, "name": n} for i, n in zip(line.actors, line.actor_names, strict=True)
        ],
        "targets": [
            {"id": i, "name": n} for i, n in zip(line.targets, line.target_names, strict=True)
        ],
        "location": line.location,
        "trigger": line.trigger,
        "sentence": line.sentence,
        "article": line.article,
        "source": line.source,
        "start": line.start,
        "end": line.end,
    }


def display_name(entity_id: str, names: dict[str, str]) -> str:
    """An entity's name: the store's, else the words of a ``text:`` id, else a readable id."""
    if entity_id in names:
        return names[entity_id]
    if entity_id.startswith("text:"):
        return entity_id[5:]
    bare = entity_id.split(":", 1)[-1]
    return bare.replace("-", " ").title()


def _line(doc: AnnotatedArticle, event: Event, names: dict[str, str]) -> EventLine:
    text = doc.text
    return EventLine(
        date=event.date,
        date_from=event.date_from,
        type=event.type,
        quad=event.quad,
        pentacode=event.pentacode,
        actors=event.actors,
        actor_names=tuple(display_name(a, names) for a in event.actors),
        targets=event.recipients,
        target_names=tuple(display_name(r, names) for r in event.recipients),
        location=event.location,
        trigger=event.trigger.text(text),
        sentence=event.sentence.text(text).strip(),
        article=doc.article.id,
        source=doc.article.source,
        start=event.sentence.start,
        end=event.sentence.end,
    )


def _names_actor(line: EventLine, wanted: str) -> bool:
    wanted = wanted.strip().lower()
    ids = (*line.actors, *line.targets)
    if any(i.lower() == wanted for i in ids):
        return True
    return any(wanted in n.lower() for n in (*line.actor_names, *line.target_names))


def _in_range(value: str | None, start: date | None, end: date | None) -> bool:
    """Whether an ISO date, month or year overlaps [start, end]; undated only if open."""
    if start is None and end is None:
        return True
    if not value or not value[:4].isdigit():
        return False
    day = value[:10]
    # "2011-02" spans 2011-02-01 to 2011-02-31 as strings; "2011" the whole year.
    lo = day + "-01-01"[len(day) - 4 :] if len(day) < 10 else day
    hi = day + "-12-31"[len(day) - 4 :] if len(day) < 10 else day
    if start is not None and hi < start.isoformat():
        return False
    return end is None or lo <= end.isoformat()


def key_events(
    lines: Sequence[EventLine], prominent: Iterable[str] = (), limit: int = 15
) -> list[EventLine]:
    """The events worth a reader's eye, in date order: those with both sides named, dated by
    their own text, involving the story's prominent entities; one per sentence."""
    top = set(prominent)

    def weight(e: EventLine) -> tuple[int, ...]:
        return (
            -(bool(e.actors) + bool(e.targets)),
            -len(top.intersection((*e.actors, *e.targets))),
            e.date_from != "text",
            e.date is None,
        )

    seen: set[str] = set()
    chosen: list[EventLine] = []
    for e in sorted(lines, key=weight):
        if not e.actors or e.sentence in seen:
            continue
        seen.add(e.sentence)
        chosen.append(e)
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda e: (e.date is None, e.date or "", e.article, e.start))
    return chosen
