"""What readers produce: a record of text plus whatever metadata came with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from storyline.model import ArticleKind, DatePrecision, DateProvenance


@dataclass
class SourceRecord:
    """One document found in an input, before it becomes an Article."""

    origin: str  # the file, or "file#12" for the twelfth record of a container
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: date | None = None
    published_precision: DatePrecision = "unknown"
    published_from: DateProvenance = "unknown"
    language: str | None = None
    chrome_language: str | None = None
    kind: ArticleKind = "article"
    place: str | None = None
    # The text the article's identity is computed over when it differs from ``text``: the
    # text as read, before learned boilerplate was cut (what is learned changes as coverage
    # grows; the identity of the same input must not).
    identity_text: str | None = None
    # Related-story blurbs cut out of the same page; stored with this record as parent.
    blurbs: list[SourceRecord] = field(default_factory=list)


@dataclass
class RecordError:
    """A record inside a container that could not be read; the rest of the input goes on."""

    origin: str
    reason: str
