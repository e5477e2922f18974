"""From source records to Articles: identity, metadata precedence, language, date warnings."""

from __future__ import annotations

import logging

from storyline.ingest.identity import article_id
from storyline.ingest.language import detect_language
from storyline.ingest.records import SourceRecord
from storyline.ingest.sidecar import InputMeta
from storyline.model import Article

log = logging.getLogger(__name__)


def build_articles(record: SourceRecord, meta: InputMeta) -> list[tuple[Article, str | None]]:
    """The page's article followed by its blurbs (``parent`` set), each with a warning or None.

    What the user said (sidecar, command line) wins over what the page said; blurbs keep their
    own dates and inherit the page's outlet and URL.
    """
    main, warning = _article(record, meta, parent=None)
    articles = [(main, warning)]
    blurb_meta = InputMeta(source=meta.source, language=meta.language)
    for blurb in record.blurbs:
        if not blurb.text.strip():
            continue
        blurb.source = blurb.source or main.source
        blurb.url = blurb.url or main.url
        articles.append(_article(blurb, blurb_meta, parent=main.id))
    return articles


def _article(
    record: SourceRecord, meta: InputMeta, parent: str | None
) -> tuple[Article, str | None]:
    article = Article(
        id=article_id(record.identity_text or record.text),
        text=record.text,
        url=meta.url or record.url,
        source=meta.source or record.source,
        title=meta.title or record.title,
        published=record.published,
        published_precision=record.published_precision,
        published_from=record.published_from,
        language=meta.language or record.language or detect_language(record.text),
        kind=record.kind if parent else ("post" if record.kind == "post" else "article"),
        parent=parent,
        chrome_language=record.chrome_language,
        author=record.author,
        place=record.place,
        origin=record.origin,
    )
    if parent is not None:
        article.kind = "blurb"
    if meta.published is not None and parent is None:
        article.published = meta.published
        article.published_precision = meta.published_precision
        article.published_from = "metadata"
    if article.published is None:
        warning = (
            "no publication date found; stored as unknown (give one with --published or a sidecar)"
        )
        log.warning("article %s from %s: %s", article.id, record.origin, warning)
        return article, warning
    return article, None
