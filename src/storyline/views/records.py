"""The JSON records the CLI's ``--format json`` and the REST API return: one function each.

``storyline export``, ``storyline <listing> --format json`` and ``GET /api/v1/...`` all call
these, so a script can move between the command line and the server without a new schema.
Per-article records come from :mod:`storyline.serialize` (the export schema of DESIGN.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from storyline.errors import IdError
from storyline.ids import resolve_article_id
from storyline.model import AnnotatedArticle, Article
from storyline.serialize import (
    JsonDict,
    annotated_json,
    article_json,
    entity_json,
    storyline_json,
)
from storyline.store import Store
from storyline.story.overview import pick_storyline
from storyline.story.sections import key_players
from storyline.story.storylines import stored_storylines
from storyline.story.timeline_view import DatedEntry, story_timeline, timeline_json
from storyline.story.voices import all_quotes

__all__ = [
    "ArticleQuery",
    "actor_records",
    "article_listing",
    "article_record",
    "event_records",
    "quote_records",
    "search_records",
    "select_timeline",
    "stance_records",
    "storyline_record",
    "storyline_records",
    "timeline_json",
]


def storyline_records(store: Store) -> list[JsonDict]:
    return [storyline_json(s) for s in stored_storylines(store)]


def storyline_record(store: Store, storyline: str) -> JsonDict:
    """One storyline by id or unique prefix; StorylineError when none or several match."""
    chosen = pick_storyline(store, storyline)
    assert chosen is not None  # an id was given, so pick_storyline raised or found it
    return storyline_json(chosen)


def _member_ids(store: Store, storyline: str | None) -> list[str] | None:
    if storyline is None:
        return None
    chosen = pick_storyline(store, storyline)
    return list(chosen.articles) if chosen else []


def _docs(store: Store, storyline: str | None) -> list[AnnotatedArticle]:
    ids = _member_ids(store, storyline)
    if ids is None:
        return list(store.iter_annotated())
    return store.annotated(store.articles(ids=ids))


def select_timeline(
    store: Store,
    *,
    storyline: str | None = None,
    query: str | None = None,
    since: date | None = None,
    until: date | None = None,
    dates: int = 20,
    sentences: int = 2,
    granularity: str = "mixed",
) -> list[DatedEntry]:
    """N dates, up to K items a date, over a storyline (or all coverage), focused on a query.

    ``granularity`` "mixed" lets months compete with days for the dates (as on the page),
    "day" keeps to days.
    """
    ids = _member_ids(store, storyline)
    articles = store.articles(ids=ids) if ids is not None else None
    if query:
        found = [a for a, _ in store.search(query, limit=10_000)]
        keep = {a.id for a in articles} if articles is not None else None
        articles = [a for a in found if keep is None or a.id in keep]
    docs = store.annotated(articles if articles is not None else store.articles())
    return story_timeline(
        docs,
        n_dates=dates,
        per_date=sentences,
        start=since,
        end=until,
        query=query.split() if query else (),
        granularity=granularity,
    )


@dataclass(frozen=True)
class ArticleQuery:
    """Filters and paging for article listings (``storyline list``, ``GET /articles``)."""

    since: date | None = None
    until: date | None = None
    kind: str | None = None
    query: str | None = None  # full-text: only articles matching these words
    storyline: str | None = None
    offset: int = 0
    limit: int | None = None  # None: all


def article_listing(store: Store, q: ArticleQuery) -> tuple[list[JsonDict], int]:
    """Articles in date order without their text, and how many match before paging."""
    ids = _member_ids(store, q.storyline)
    if q.query:
        hits = {a.id for a, _ in store.search(q.query, limit=100_000)}
        ids = [i for i in ids if i in hits] if ids is not None else sorted(hits)
    found = store.articles(since=q.since, until=q.until, kind=q.kind, ids=ids)
    end = None if q.limit is None else q.offset + q.limit
    return [listing_json(a) for a in found[q.offset : end]], len(found)


def listing_json(article: Article) -> JsonDict:
    return {k: v for k, v in article_json(article).items() if k != "text"}


def article_record(store: Store, article_id: str) -> JsonDict:
    """One article (a unique id prefix is enough) with every annotation layer.

    IdError when no stored article matches, or several do (their ids are in the error).
    """
    article = store.get_article(resolve_article_id(store, article_id))
    if article is None:  # deleted since the id was resolved
        raise IdError("article", article_id)
    return annotated_json(store.annotated([article])[0])


def actor_records(store: Store, storyline: str | None = None) -> list[JsonDict]:
    """Entities by how many articles mention them, with mention and article counts."""
    docs = _docs(store, storyline)
    entities = store.entities()
    by_id = {e.id: e for e in entities}
    return [
        {**entity_json(by_id[p.entity]), "mentions": p.mentions, "articles": p.articles}
        for p in key_players(docs, entities, limit=0)
    ]


def quote_records(store: Store, storyline: str | None = None) -> list[JsonDict]:
    """Quotes with speakers in date order; ``text`` is the verbatim content span."""
    return [asdict(q) for q in all_quotes(_docs(store, storyline))]


def stance_records(store: Store, storyline: str | None = None) -> list[JsonDict]:
    """Stance tracks: one holder's position on one issue over time, shifts marked."""
    from storyline.story.stance_tracks import build_tracks

    docs = _docs(store, storyline)
    text = {d.article.id: d.article.text for d in docs}
    return [
        {
            "holder": t.holder,
            "issue": t.issue,
            "points": [
                {
                    "date": p.date,
                    "position": p.position,
                    "shift": p.shift,
                    "condition": p.condition_text,
                    "article": p.article,
                    "evidence": {"start": p.evidence.start, "end": p.evidence.end},
                    "evidence_text": text[p.article][p.evidence.start : p.evidence.end],
                }
                for p in t.points
            ],
        }
        for t in build_tracks(docs)
    ]


def event_records(
    store: Store,
    storyline: str | None = None,
    *,
    actor: str | None = None,
    types: tuple[str, ...] = (),
    since: date | None = None,
    until: date | None = None,
    own_dates: bool = False,
    limit: int = 0,
) -> JsonDict:
    """Who did what to whom (``storyline events --format json``): ``{"events": [...]}``."""
    from storyline.story.events_view import EventFilter, event_json, story_events

    ids = _member_ids(store, storyline)
    where = EventFilter(
        actor=actor,
        types=types,
        start=since,
        end=until,
        articles=frozenset(ids) if ids is not None else None,
        with_article_dates=not own_dates,
    )
    docs = store.annotated(store.articles(ids=ids)) if ids is not None else store.iter_annotated()
    return {"events": [event_json(e) for e in story_events(docs, store.entities(), where, limit)]}


def search_records(store: Store, query: str, limit: int = 20) -> list[JsonDict]:
    return [{"id": a.id, "title": a.title, "score": s} for a, s in store.search(query, limit)]
