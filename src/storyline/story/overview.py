"""What the story page shows, read from the store: headline, sources, coverage in date order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.annotate.sentences import split_sentences
from storyline.ids import resolve_id
from storyline.ingest.dates import format_date
from storyline.model import AnnotatedArticle, Article, Storyline
from storyline.store import Store
from storyline.story.roles_as_of import succeeded_roles
from storyline.story.sections import Player, key_players
from storyline.story.storylines import stored_storylines
from storyline.story.timeline_view import DatedEntry, UpcomingItem, story_timeline, whats_next
from storyline.story.voices import (
    QuoteLine,
    Voice,
    places_of,
    ranked_quotes,
    what_people_say,
)

# The principal actors: this many of the most covered players; "what people say" is the rest.
PRINCIPALS = 5

LEAD_CHARS = 320


@dataclass(frozen=True)
class SourceRef:
    outlet: str
    published: str  # ISO at its precision, or "date unknown"
    title: str
    link: str | None
    article_id: str


@dataclass(frozen=True)
class CoverageItem:
    article_id: str
    date_text: str
    kind: str
    title: str | None
    lead: str
    outlet: str
    link: str | None
    parent_title: str | None


@dataclass
class StoryOverview:
    headline: str
    first: date | None
    last: date | None
    sources: list[SourceRef] = field(default_factory=list)
    coverage: list[CoverageItem] = field(default_factory=list)
    docs: list[AnnotatedArticle] = field(default_factory=list)
    timeline: list[DatedEntry] = field(default_factory=list)
    upcoming: list[UpcomingItem] = field(default_factory=list)
    players: list[Player] = field(default_factory=list)
    quotes: list[QuoteLine] = field(default_factory=list)
    voices: list[Voice] = field(default_factory=list)
    # Stance tracks (storyline.story.stance_tracks.StanceTrack), when the stage ran.
    tracks: list[Any] = field(default_factory=list)
    # Storylines the clusterer found close to this one but not the same story.
    related: list[Storyline] = field(default_factory=list)
    # Per entity, the titles someone else held after it by the latest coverage.
    succeeded: dict[str, set[str]] = field(default_factory=dict)
    # Entity id → name, for every actor the sections name (not only the key players).
    names: dict[str, str] = field(default_factory=dict)

    def name_of(self, entity: str) -> str:
        """The actor's name; a group known by its words ("text:US senators") is those
        words; an id nobody named stays as it is."""
        return self.names.get(entity, entity.removeprefix("text:"))

    @property
    def outlets(self) -> list[str]:
        """The distinct outlets the storyline's articles come from."""
        return sorted({s.outlet for s in self.sources})

    def text_of(self, article: str, start: int, end: int) -> str:
        doc = next((d for d in self.docs if d.article.id == article), None)
        return doc.article.text[start:end] if doc else ""


def build_overview(store: Store, storyline: str | None = None) -> StoryOverview:
    """The page for one storyline (default: the largest), or all coverage if none exist."""
    docs = list(store.iter_annotated())
    storylines = stored_storylines(store)
    chosen = pick_storyline(store, storyline, storylines)
    if chosen is not None:
        members = set(chosen.articles)
        docs = [d for d in docs if d.article.id in members]
    articles = [d.article for d in docs]
    mains = [a for a in articles if a.kind == "article"]
    by_id = {a.id: a for a in articles}
    dated = [a.published for a in articles if a.published]
    overview = StoryOverview(
        headline=chosen.label if chosen is not None else _headline(mains),
        first=min(dated) if dated else None,
        last=max(dated) if dated else None,
        docs=docs,
    )
    for a in sorted(mains, key=_date_key):
        overview.sources.append(
            SourceRef(
                outlet=a.source or "unknown outlet",
                published=format_date(a.published, a.published_precision) or "date unknown",
                title=a.title or _lead(a, 90),
                link=link_for(a),
                article_id=a.id,
            )
        )
    for doc in sorted(docs, key=lambda d: _date_key(d.article)):
        a = doc.article
        parent = by_id.get(a.parent) if a.parent else None
        overview.coverage.append(
            CoverageItem(
                article_id=a.id,
                date_text=format_date(a.published, a.published_precision) or "date unknown",
                kind=a.kind,
                title=a.title,
                lead=_lead(a, LEAD_CHARS, doc),
                outlet=a.source or (parent.source if parent else None) or "unknown outlet",
                link=link_for(a),
                parent_title=(parent.title or _lead(parent, 60)) if parent else None,
            )
        )
    overview.timeline = story_timeline(docs)
    overview.upcoming = whats_next(docs)
    entities = store.entities()
    overview.players = key_players(docs, entities, as_of=overview.last)
    overview.names = {e.id: e.name for e in entities}
    overview.succeeded = succeeded_roles(entities, overview.last)
    overview.quotes = ranked_quotes(docs, places=places_of(entities))
    principals = [p.entity for p in overview.players if p.kind != "place"][:PRINCIPALS]
    overview.voices = what_people_say(docs, principals, entities, shown=overview.quotes)
    overview.tracks = _tracks(docs)
    if chosen is not None:
        known = {s.id: s for s in storylines}
        overview.related = [known[r] for r in chosen.related if r in known]
    return overview


def pick_storyline(
    store: Store, storyline: str | None, storylines: list[Storyline] | None = None
) -> Storyline | None:
    """The storyline with id (or unique id prefix) ``storyline``, else the largest one.

    IdError (a StorylineError) when ``storyline`` matches no storyline or several.
    """
    if storylines is None:
        storylines = stored_storylines(store)
    if storyline is None:
        return storylines[0] if storylines else None
    by_id = {s.id: s for s in storylines}
    return by_id[resolve_id("storyline", storyline, by_id, list_known=True)]


def _tracks(docs: list[AnnotatedArticle]) -> list[Any]:
    if not any(d.stances for d in docs):
        return []
    from storyline.story.stance_tracks import build_tracks

    return list(build_tracks(docs))


def _date_key(a: Article) -> tuple[int, date, str]:
    return (0 if a.published else 1, a.published or date.max, a.id)


def _headline(mains: list[Article]) -> str:
    """The latest titled main story's title: the story as it stands now."""
    titled = [a for a in mains if a.title]
    if not titled:
        return "Story"
    return sorted(titled, key=lambda a: (a.published or date.min, a.id))[-1].title or "Story"


def _lead(a: Article, limit: int, doc: AnnotatedArticle | None = None) -> str:
    spans = doc.sentences if doc and doc.sentences else split_sentences(a.text)
    lead = ""
    for span in spans:
        sentence = a.text[span.start : span.end]
        if lead and len(lead) + len(sentence) + 1 > limit:
            break
        lead = f"{lead} {sentence}".strip()
        if len(lead) >= limit:
            break
    if len(lead) > limit:
        lead = lead[: limit - 1].rsplit(" ", 1)[0] + "…"
    return lead


def link_for(a: Article) -> str | None:
    if a.url:
        return a.url
    if a.origin:
        return a.origin.split("#", 1)[0]
    return None
