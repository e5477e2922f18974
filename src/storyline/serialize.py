"""The export JSON schema of DESIGN.md: model objects to plain dicts and back.

A span is ``{"start": i, "end": j}``; annotations are lists per layer on each article.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from storyline.ingest.dates import format_date
from storyline.model import (
    AnnotatedArticle,
    Article,
    Entity,
    Event,
    Mention,
    Quote,
    Role,
    Span,
    Stance,
    Storyline,
    TimeExpression,
)

JsonDict = dict[str, Any]


def span_json(span: Span | None) -> JsonDict | None:
    return None if span is None else {"start": span.start, "end": span.end}


def span_from(obj: Any) -> Span | None:
    return None if obj is None else Span(int(obj["start"]), int(obj["end"]))


def _span(obj: Any) -> Span:
    span = span_from(obj)
    if span is None:
        raise ValueError("span expected")
    return span


def article_json(article: Article) -> JsonDict:
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": format_date(article.published, article.published_precision),
        "published_precision": article.published_precision,
        "published_from": article.published_from,
        "language": article.language,
        "chrome_language": article.chrome_language,
        "author": article.author,
        "place": article.place,
        "kind": article.kind,
        "parent": article.parent,
        "near_duplicates": list(article.near_duplicates),
        "text": article.text,
    }


def layers_json(doc: AnnotatedArticle) -> dict[str, list[JsonDict]]:
    return {
        "sentences": [cast(JsonDict, span_json(s)) for s in doc.sentences],
        "mentions": [mention_json(m) for m in doc.mentions],
        "times": [time_json(t) for t in doc.times],
        "quotes": [quote_json(q) for q in doc.quotes],
        "events": [event_json(e) for e in doc.events],
        "stances": [stance_json(s) for s in doc.stances],
    }


def annotated_json(doc: AnnotatedArticle) -> JsonDict:
    out = article_json(doc.article)
    out.update(layers_json(doc))
    if doc.skipped:
        out["skipped"] = dict(doc.skipped)
    return out


def mention_json(m: Mention) -> JsonDict:
    return {**cast(JsonDict, span_json(m.span)), "label": m.label, "entity": m.entity}


def time_json(t: TimeExpression) -> JsonDict:
    return {
        **cast(JsonDict, span_json(t.span)),
        "type": t.type,
        "value": t.value,
        "mod": t.mod,
        "anchor": t.anchor,
    }


def quote_json(q: Quote) -> JsonDict:
    return {
        "content": span_json(q.content),
        "cue": span_json(q.cue),
        "speaker": span_json(q.speaker),
        "speaker_entity": q.speaker_entity,
        "speaker_name": q.speaker_name,
        "kind": q.kind,
        "date": q.date,
        "via": span_json(q.via),
    }


def event_json(e: Event) -> JsonDict:
    return {
        "type": e.type,
        "quad": e.quad,
        "pentacode": e.pentacode,
        "actors": list(e.actors),
        "recipients": list(e.recipients),
        "date": e.date,
        "date_from": e.date_from,
        "trigger": span_json(e.trigger),
        "sentence": span_json(e.sentence),
        "location": e.location,
    }


def stance_json(s: Stance) -> JsonDict:
    return {
        "holder": s.holder,
        "issue": s.issue,
        "position": s.position,
        "date": s.date,
        "evidence": span_json(s.evidence),
        "condition": span_json(s.condition),
        "target": span_json(s.target),
    }


def entity_json(e: Entity) -> JsonDict:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "aliases": list(e.aliases),
        "roles": [role_json(r) for r in e.roles],
    }


def role_json(r: Role) -> JsonDict:
    return {
        "title": r.title,
        "start": r.start.isoformat() if r.start else None,
        "end": r.end.isoformat() if r.end else None,
    }


def role_from(obj: Any) -> Role:
    return Role(
        title=str(obj["title"]),
        start=date.fromisoformat(obj["start"]) if obj.get("start") else None,
        end=date.fromisoformat(obj["end"]) if obj.get("end") else None,
    )


def fill_layers(doc: AnnotatedArticle, layers: dict[str, list[JsonDict]]) -> None:
    """Put stored layers back on ``doc`` (the inverse of :func:`layers_json`)."""
    for obj in layers.get("sentences", []):
        doc.sentences.append(_span(obj))
    for obj in layers.get("mentions", []):
        doc.mentions.append(Mention(_span(obj), obj["label"], obj.get("entity")))
    for obj in layers.get("times", []):
        doc.times.append(
            TimeExpression(_span(obj), obj["type"], obj["value"], obj.get("mod"), obj.get("anchor"))
        )
    for obj in layers.get("quotes", []):
        doc.quotes.append(
            Quote(
                content=_span(obj["content"]),
                cue=span_from(obj.get("cue")),
                speaker=span_from(obj.get("speaker")),
                speaker_entity=obj.get("speaker_entity"),
                speaker_name=obj.get("speaker_name"),
                kind=obj["kind"],
                date=obj.get("date"),
                via=span_from(obj.get("via")),
            )
        )
    for obj in layers.get("events", []):
        doc.events.append(
            Event(
                type=obj["type"],
                quad=obj["quad"],
                pentacode=int(obj["pentacode"]),
                actors=tuple(obj.get("actors", [])),
                recipients=tuple(obj.get("recipients", [])),
                date=obj.get("date"),
                trigger=_span(obj["trigger"]),
                sentence=_span(obj["sentence"]),
                location=obj.get("location"),
                date_from=obj.get("date_from"),
            )
        )
    for obj in layers.get("stances", []):
        doc.stances.append(
            Stance(
                holder=obj["holder"],
                issue=obj["issue"],
                position=obj["position"],
                date=obj.get("date"),
                evidence=_span(obj["evidence"]),
                condition=span_from(obj.get("condition")),
                target=span_from(obj.get("target")),
            )
        )
    doc.provided.update(layers)


def storyline_json(s: Storyline) -> JsonDict:
    return {
        "id": s.id,
        "label": s.label,
        "articles": list(s.articles),
        "entities": list(s.entities),
        "first": s.first.isoformat() if s.first else None,
        "last": s.last.isoformat() if s.last else None,
        "related": list(s.related),
    }
