"""The story page's key players: the most covered entities with their roles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.model import AnnotatedArticle, Entity, Mention
from storyline.story.roles_as_of import succeeded_roles


@dataclass(frozen=True)
class Player:
    entity: str
    name: str
    kind: str
    mentions: int
    articles: int
    roles: tuple[str, ...]  # "President of South Korea (2018-02-13)"


# The kinds of entity that act in a story; places are where it happens.
ACTOR_KINDS = frozenset({"person", "government", "organization"})


def key_players(
    docs: Sequence[AnnotatedArticle],
    entities: Sequence[Entity],
    limit: int = 12,
    as_of: date | None = None,
) -> list[Player]:
    """The most mentioned actors (people, governments, organisations), by the number of
    articles mentioning them, then mentions; a person or an organisation only where it
    acts (speaks, does something, takes a position) in a tenth of them. Roles are listed
    latest first, each with the dates the coverage shows it held; one the coverage shows
    passed to someone else by ``as_of`` (default: the latest evidence) reads "former".

    An outlet is the medium of its own articles, not an actor in them: the BBC in a BBC
    article ("told the BBC") and its staff ("the BBC's Paul Adams in Washington") do not
    count there; the BBC in another outlet's article does.
    """
    mentions: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    by_id = {e.id: e for e in entities}
    for doc in docs:
        ids = [m.entity for m in doc.mentions if m.entity and not _own_outlet(doc, m, by_id)]
        mentions.update(ids)
        articles.update(set(ids))
    acts = _acts(docs)
    succeeded = succeeded_roles(entities, as_of)
    ranked = sorted(articles, key=lambda i: (-articles[i], -mentions[i], i))
    players = []
    for entity_id in ranked:
        e = by_id.get(entity_id)
        if e is None or e.kind not in ACTOR_KINDS:
            continue
        if e.kind != "government" and acts[entity_id] < ACTING_SHARE * articles[entity_id]:
            continue  # named, never acting: a drug ("Tamiflu"), a word ("GP"), a disease
        players.append(
            Player(
                entity_id,
                e.name,
                e.kind,
                mentions[entity_id],
                articles[entity_id],
                _roles(e, succeeded.get(entity_id, set())),
            )
        )
        if limit and len(players) >= limit:
            break
    return players


# The least share of the articles naming a person or an organisation in which it speaks,
# acts in a coded event or holds a stance, for it to count as a player. A government is a
# player wherever its country is named: the coverage names it for what it does.
ACTING_SHARE = 0.1


def _acts(docs: Sequence[AnnotatedArticle]) -> Counter[str]:
    """How often each entity speaks, acts in an event, or holds a stance."""
    acts: Counter[str] = Counter()
    for doc in docs:
        acts.update(q.speaker_entity for q in doc.quotes if q.speaker_entity)
        acts.update(a for e in doc.events for a in e.actors)
        acts.update(s.holder for s in doc.stances)
    return acts


_OWNER = re.compile(r"([A-Z][\w.&]*(?: [A-Z][\w.&]*){0,3})['’]s\s+$")


_SIGNED = re.compile(r",\s+([A-Z][\w.&]*(?: [A-Z][\w.&]*){0,3})")


def _folded(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold().removeprefix("the "))


def _is_outlet(name: str, source: str) -> bool:
    """ "BBC", "BBC News", "The Guardian" for the source "bbc" or "guardian"."""
    folded = _folded(name)
    return len(folded) >= 3 and (folded == source or folded.startswith(source))


def _own_outlet(doc: AnnotatedArticle, mention: Mention, by_id: dict[str, Entity]) -> bool:
    """Whether the mention is the article's outlet, or one of its staff ("the BBC's X")."""
    source = _folded(doc.article.source or "")
    if not source:
        return False
    # The entity's name, not every alias: a noisy form ("CNN Mubarak") made CNN's coverage of
    # Mubarak its own medium and dropped him from the players.
    entity = by_id.get(mention.entity or "")
    if entity is not None and _is_outlet(entity.name, source):
        return True
    text = doc.article.text
    if _is_outlet(text[mention.span.start : mention.span.end], source):
        return True
    owner = _OWNER.search(text[max(0, mention.span.start - 40) : mention.span.start])
    if owner is not None and _is_outlet(owner.group(1), source):
        return True  # "the BBC's Paul Adams"
    signed = _SIGNED.match(text[mention.span.end : mention.span.end + 40])
    return signed is not None and _is_outlet(signed.group(1), source)  # "Paul Adams, BBC News"


def _roles(entity: Entity, passed_on: set[str]) -> tuple[str, ...]:
    """ "President of Egypt (2011-01-25 to 2011-02-11)", latest first; "former" where the
    coverage shows someone else holding it later."""
    latest = sorted(
        entity.roles, key=lambda r: (r.end or r.start or date.min, r.title), reverse=True
    )
    shown = []
    for r in latest:
        title = f"former {r.title}" if r.title.lower() in passed_on else r.title
        shown.append(f"{title} ({_validity(r.start, r.end)})" if r.start or r.end else title)
    return tuple(shown)


def _validity(start: object, end: object) -> str:
    s = str(start) if start else "?"
    e = str(end) if end else "?"
    return s if s == e else f"{s} to {e}"
