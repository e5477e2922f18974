"""Entity records merged by id, and stored annotations read through the identity map.

The ``entities`` stage writes *mention keys*: deterministic ids decided from one article and
its batch ("muammar-gaddafi", "moammar-gadhafi", "org:mrta"). The store-level identity pass
(:mod:`storyline.story.identities`) maps keys to canonical entity ids over everything
stored, and re-decides as coverage grows. The store keeps the keys in its layers and applies
the map when it reads (:func:`resolve_entities`, :func:`merge_records`), so a later decision
never needs the articles annotated again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from storyline.model import AnnotatedArticle, Entity, Mention, Role

_KINDS = {"gov": "government", "org": "organization", "place": "place"}


def kind_of(entity_id: str) -> str:
    """The kind an id's prefix encodes: person, government, organization or place."""
    prefix = entity_id.split(":", 1)[0] if ":" in entity_id else ""
    return _KINDS.get(prefix, "person")


def canonical(key: str | None, identities: Mapping[str, str]) -> str | None:
    """The canonical id of a mention key (None when the map says it names no actor)."""
    if key is None:
        return None
    target = identities.get(key, key)
    return target or None


def resolve_entities(doc: AnnotatedArticle, identities: Mapping[str, str]) -> None:
    """Rewrite every entity reference of ``doc`` (mentions, quotes, events, stances)."""

    def one(key: str | None) -> str | None:
        return canonical(key, identities)

    def moved(key: str | None) -> bool:
        return key is not None and identities.get(key, key) != key

    def many(keys: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for k in (one(x) for x in keys) if k))

    doc.mentions = [
        Mention(m.span, m.label, one(m.entity)) if moved(m.entity) else m for m in doc.mentions
    ]
    doc.quotes = [
        q
        if q.speaker_entity not in identities
        else replace(q, speaker_entity=one(q.speaker_entity))
        for q in doc.quotes
    ]
    doc.events = [
        replace(e, actors=many(e.actors), recipients=many(e.recipients))
        if any(moved(k) for k in (*e.actors, *e.recipients))
        else e
        for e in doc.events
    ]
    stances = []
    for s in doc.stances:
        holder = one(s.holder) if moved(s.holder) else s.holder
        if holder:
            stances.append(s if holder == s.holder else replace(s, holder=holder))
    doc.stances = stances


def merge_records(records: Iterable[Entity], identities: Mapping[str, str]) -> list[Entity]:
    """One record per canonical id: the records of its keys merged, sorted by id.

    The name is the canonical key's own, else the members' commonest; the kind follows the
    canonical id (a key found to be a place becomes a place).
    """
    groups: dict[str, list[Entity]] = defaultdict(list)
    for r in records:
        target = canonical(r.id, identities)
        if target:
            groups[target].append(r)
    return [merge(target, groups[target]) for target in sorted(groups)]


def merge(entity_id: str, records: list[Entity]) -> Entity:
    """Records of one entity (several articles, or several keys) as one.

    A role seen several times spans from its earliest to its latest evidence.
    """
    own = [r for r in records if r.id == entity_id]
    votes = Counter(r.name for r in own or records)
    name = sorted(votes, key=lambda n: (-votes[n], n.isupper(), -len(n), n))[0]
    aliases = sorted({a for r in records for a in [*r.aliases, r.name]} - {name})
    spans: dict[str, tuple[date | None, date | None]] = {}
    for role in (role for r in records for role in r.roles):
        start, end = spans.get(role.title, (role.start, role.end))
        spans[role.title] = (_earliest(start, role.start), _latest(end, role.end))
    roles = [Role(title, start, end) for title, (start, end) in sorted(spans.items())]
    kind = own[0].kind if own else kind_of(entity_id)
    return Entity(entity_id, name, kind, aliases, roles)


def _earliest(a: date | None, b: date | None) -> date | None:
    return min((x for x in (a, b) if x is not None), default=None)


def _latest(a: date | None, b: date | None) -> date | None:
    return max((x for x in (a, b) if x is not None), default=None)
