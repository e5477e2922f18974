"""The API's records as OpenAPI schemas, for the spec and its clients.

These document what :mod:`storyline.views.records` and :mod:`storyline.serialize` return; the
routes send those records as they are (the CLI's JSON), so the models never reshape data.
Every model allows extra fields: a new annotation layer is not a breaking change.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpanRecord(Record):
    start: int
    end: int


class ArticleSummary(Record):
    """An article's metadata (``storyline list --format json``)."""

    id: str
    url: str | None
    source: str | None
    title: str | None
    published: str | None = Field(description="ISO date at its precision, or null")
    published_precision: str
    published_from: str
    language: str | None
    chrome_language: str | None
    kind: str = Field(description="article or blurb")
    parent: str | None
    near_duplicates: list[str]


class ArticleRecord(ArticleSummary):
    """One article with its text and every annotation layer (the export schema)."""

    text: str
    sentences: list[SpanRecord]
    mentions: list[dict[str, Any]]
    times: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    stances: list[dict[str, Any]]


class StorylineRecord(Record):
    id: str
    label: str
    articles: list[str]
    entities: list[str]
    first: str | None
    last: str | None
    related: list[str]


class CitedSpan(Record):
    article: str
    start: int
    end: int


class TimelineItem(CitedSpan):
    text: str
    also: list[CitedSpan]


class TimelineEntry(Record):
    date: str
    items: list[TimelineItem]


class TimelineRecord(Record):
    entries: list[TimelineEntry]


class RoleRecord(Record):
    title: str
    start: str | None
    end: str | None


class ActorRecord(Record):
    id: str
    name: str
    kind: str
    aliases: list[str]
    roles: list[RoleRecord]
    mentions: int
    articles: int


class QuoteRecord(Record):
    date: str
    speaker: str
    via: str | None
    kind: str
    text: str = Field(description="the quote, verbatim from the article")
    article: str
    start: int
    end: int


class StancePointRecord(Record):
    date: str | None
    position: str
    shift: bool
    condition: str | None
    article: str
    evidence: SpanRecord
    evidence_text: str


class StanceTrackRecord(Record):
    holder: str
    issue: str
    points: list[StancePointRecord]


class NamedEntity(Record):
    id: str
    name: str


class EventRecord(Record):
    date: str | None
    date_from: str | None = Field(description="text: its own time expression; article: published")
    type: str = Field(description="PLOVER 2.0 event type")
    quad: str
    pentacode: int
    actors: list[NamedEntity]
    targets: list[NamedEntity]
    location: str | None
    trigger: str
    sentence: str
    article: str
    source: str | None
    start: int
    end: int


class EventsRecord(Record):
    events: list[EventRecord]


class SearchHit(Record):
    id: str
    title: str | None
    score: float


class ArticleIn(Record):
    """One article to ingest: the fields of a line of a JSONL input."""

    text: str = Field(description="the article's text (required)")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(None, description="the outlet")
    published: str | None = Field(None, description="YYYY-MM-DD, YYYY-MM or YYYY")
    author: str | None = None
    language: str | None = Field(None, description="ISO 639-1; detected when absent")


class ItemOutcome(Record):
    item: int | None = Field(description="the item's position in the request, from 1")
    status: Literal["ingested", "duplicate", "skipped"]
    id: str | None
    title: str | None
    kind: str | None
    reason: str | None = Field(description="why it was skipped, or a warning")


class JobRecord(Record):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    source: str
    articles: list[str]
    annotated: int
    storylines: list[str]
    error: str | None
    created: float
    finished: float | None


class IngestAnswer(Record):
    counts: dict[str, int]
    outcomes: list[ItemOutcome]
    job: JobRecord


class Health(Record):
    status: Literal["ok"]
    articles: int
    revision: str


class Problem(Record):
    detail: Any
