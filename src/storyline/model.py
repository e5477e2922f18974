"""The nouns of storyline: plain dataclasses, nothing else.

Every annotation is a :class:`Span` (character offsets into ``Article.text``) plus labels;
no annotation copies text that could drift from its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DatePrecision = Literal["day", "month", "year", "unknown"]
# How a publication date was found: page metadata or a sidecar/CLI flag, the text itself,
# a dataset's folder layout, inferred from context, or not at all.
DateProvenance = Literal["metadata", "text", "folder", "inferred", "unknown"]
# A post is a social-media post the user ingested (JSONL with "kind": "post").
ArticleKind = Literal["article", "blurb", "post"]


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character offsets ``[start, end)`` into an article's text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Article:
    """One document with its canonical cleaned text."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    published_precision: DatePrecision = "unknown"
    published_from: DateProvenance = "unknown"
    language: str | None = None
    kind: ArticleKind = "article"
    parent: str | None = None
    # Language of the UI chrome stripped from a capture ("da" for a Danish cookie banner),
    # kept apart from the content's language.
    chrome_language: str | None = None
    author: str | None = None
    # Where the story was filed from, as its dateline says ("GRAND ISLE, La.").
    place: str | None = None
    # Ids of articles that are near-duplicates of this one (same wire story elsewhere).
    near_duplicates: list[str] = field(default_factory=list)
    # Where it was read from: a path, or "path#12" for a record inside a container.
    origin: str | None = None


@dataclass(frozen=True)
class Role:
    """A role an entity holds, with validity dates where known."""

    title: str
    start: date | None = None
    end: date | None = None


@dataclass
class Entity:
    """A canonical actor: a person, government, organisation or place."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    span: Span
    label: str
    entity: str | None = None


TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class TimeExpression:
    """A TIMEX3 expression: type, normalized value, optional modifier and the anchor used."""

    span: Span
    type: TimexType
    value: str
    mod: str | None = None
    # ISO date the relative expression was resolved against (the DCT or a blurb's date).
    anchor: str | None = None


QuoteKind = Literal["direct", "indirect", "partial"]


@dataclass(frozen=True)
class Quote:
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_entity: str | None
    speaker_name: str | None
    kind: QuoteKind
    date: str | None = None
    # Who conveyed the words when not the speaker ("his spokesman, Kim Eui-kyeom").
    via: Span | None = None


EventDateSource = Literal["text", "article"]


@dataclass(frozen=True)
class Event:
    type: str  # PLOVER 2.0 event type
    quad: str  # verbal cooperation, material cooperation, verbal conflict, material conflict
    pentacode: int  # CAMEO pentacode 0-4
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    date: str | None
    trigger: Span
    sentence: Span
    location: str | None = None
    # Where ``date`` came from: "text" (the event's own time expression) or "article" (the
    # publication date standing in); None when there is no date.
    date_from: EventDateSource | None = None


StancePosition = Literal["support", "oppose", "conditional", "neutral"]


@dataclass(frozen=True)
class Stance:
    holder: str
    issue: str
    position: StancePosition
    date: str | None
    evidence: Span
    condition: Span | None = None
    # What the position is about as written ("a no-fly zone over Libya"), for an issue found
    # in the coverage rather than given; the story layer groups targets into issues.
    target: Span | None = None


@dataclass
class Storyline:
    """Articles that tell one story, clustered as they arrive (see story/storylines.py)."""

    id: str
    label: str
    articles: list[str] = field(default_factory=list)
    # The entity ids most articles of the storyline share.
    entities: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    related: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StageFailure:
    """Why a stage failed on one article: the stage's name and the error it raised."""

    stage: str
    error: str


@dataclass
class AnnotatedArticle:
    """An article with the annotations the pipeline's stages have added so far."""

    article: Article
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    # Names of what the stages have provided ("sentences", "times", ...), and why a stage
    # skipped this article ("quotes": "language is de, stage is English-only").
    provided: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)
    # The stage that raised on this article, if one did; later stages pass it by.
    failure: StageFailure | None = None
    # In-memory products one stage leaves for later ones, never stored; each is named in
    # the providing stage's ``provides`` and the reading stage's ``requires`` or ``uses``.
    # "parse": the spaCy Doc (typed loosely: the model imports no NLP library).
    parsed: object | None = None
    # "entity_records": this article's entity records by id (name, kind, aliases, roles).
    entity_records: dict[str, Entity] = field(default_factory=dict)
    # "stance_governments": each stance holder -> the government the text has them speak for.
    stance_governments: dict[str, str] = field(default_factory=dict)
    # What user stages hand each other, keyed by what they provide; built-in stages exchange
    # only the typed fields above.
    scratch: dict[str, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text
