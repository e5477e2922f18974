"""Who a name stands for: name keys, entity ids, surnames, countries and their stand-ins.

Entity ids are deterministic slugs of a canonical key, so the same actor gets the same id in
every document and every run, whatever batch it was annotated in:

    person        ``kim-jong-un``          slug of the full name (hyphen, space and case variants
                                           collapse; middle initials dropped: ``rex-tillerson``)
    government    ``gov:north-korea``      a country and its government (country names,
                                           capitals, seats of government, safe demonym phrases)
    organisation  ``org:workers-party``    slug of the name without a leading "the"
    place         ``place:seoul``          a capital used as a place ("in Seoul", datelines)

Country names map to the ``gov:`` id too: in news coverage "North Korea fired a missile" is
the state acting, and a location use ("talks in North Korea") loses little by sharing the id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline import knowledge
from storyline.knowledge import Country, fold, slug

__all__ = ["Country", "fold", "slug"]

_APOSTROPHES = "'’"


def honorifics() -> frozenset[str]:
    """Honorifics that may precede a surname reference ("Mr. Moon"); never part of a name."""
    return knowledge.name_words("honorific")


def strip_possessive(text: str) -> str:
    """``"North Korea’s"`` → ``"North Korea"``; ``"Kim Yo-jong's"`` → ``"Kim Yo-jong"``."""
    stripped = text.rstrip()
    if len(stripped) > 2 and stripped[-2] in _APOSTROPHES and stripped[-1] in "sS":
        return stripped[:-2]
    if stripped and stripped[-1] in _APOSTROPHES:
        return stripped[:-1]
    return stripped


def country_named(text: str) -> Country | None:
    """The country a name denotes: ``"the United States"``, ``"U.S."``, ``"North Korea’s"``."""
    return knowledge.country_named(strip_possessive(text))


def country_of_demonym(text: str) -> Country | None:
    """``"South Korean"``/``"South Koreans"`` → South Korea."""
    return knowledge.country_of_demonym(text)


def country_of_seat(text: str) -> Country | None:
    """Capitals and seats of government: ``"Pyongyang"``, ``"the White House"``."""
    return knowledge.country_of_seat(strip_possessive(text))


def country_by_slug(country_slug: str) -> Country | None:
    return knowledge.country_by_slug(country_slug)


def country_in(text: str) -> Country | None:
    """A country named by a country name, demonym or seat of government."""
    return country_named(text) or country_of_demonym(text) or country_of_seat(text)


# --- person names -------------------------------------------------------------------------


def name_tokens(name: str) -> list[str]:
    """Folded name tokens with hyphens split: ``"Kim Jong-Un"`` → ``["kim", "jong", "un"]``."""
    name = strip_possessive(name)
    return [t for t in re.split(r"[\s\-‐‑–]+", fold(name).replace(".", ". ")) if t.strip(".")]


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1


def name_key(name: str) -> str:
    """The comparison key of a person's name, with honorifics and middle initials dropped.

    ``"Kim Jong-un"``, ``"Kim Jong Un"`` and ``"Kim Jong-Un"`` share ``"kim jong un"``;
    ``"Rex W. Tillerson"`` is ``"rex tillerson"``; ``"H. R. McMaster"`` keeps its initials
    because nothing else is left to tell him by.
    """
    tokens = [t.rstrip(".") for t in name_tokens(name)]
    titles = honorifics() | {t.rstrip(".") for t in honorifics()}
    while tokens and (tokens[0] in titles or tokens[0] + "." in titles):
        tokens = tokens[1:]
    if len(tokens) >= 3 and not _is_initial(tokens[0]):
        tokens = [tokens[0], *(t for t in tokens[1:-1] if not _is_initial(t)), tokens[-1]]
    return " ".join(t for t in tokens if t)


def person_id(name: str) -> str:
    """The id of a person: ``"Kim Jong-un"`` → ``"kim-jong-un"``."""
    return slug(name_key(name))


def surname(name: str) -> str:
    """The surname key: first token for Korean/Chinese order, last token otherwise."""
    tokens = name_key(name).split()
    if not tokens:
        return ""
    first_names = knowledge.name_words("surname_first")
    if len(tokens) >= 2 and tokens[0] in first_names and not _is_initial(tokens[1]):
        return tokens[0]
    return tokens[-1]


def is_full_name(name: str) -> bool:
    """More than a bare surname: two or more name tokens once honorifics are gone."""
    return len(name_key(name).split()) >= 2


def entity_kind(entity_id: str) -> str:
    """The kind an id's prefix encodes: person, government, organization or place."""
    prefix = entity_id.split(":", 1)[0] if ":" in entity_id else ""
    return {"gov": "government", "org": "organization", "place": "place"}.get(prefix, "person")


def display_name_for(entity_id: str) -> str | None:
    """The fixed display name of a government id (``"gov:north-korea"`` → ``"North Korea"``)."""
    if entity_id.startswith("gov:"):
        country = country_by_slug(entity_id[4:])
        return country.name if country else None
    return None


# --- surname references ---------------------------------------------------------------------


@dataclass(frozen=True)
class PersonCandidate:
    """A full-named person a bare surname ("Mr. Kim") could refer to."""

    id: str
    # Character offset of the first and last full-name mention in this document (or None).
    first: int | None
    last: int | None
    mentions_here: int
    # Documents of the batch that name this person in full, and whether they lead a state.
    documents: int
    leads: bool


def salience(candidate: PersonCandidate) -> int:
    """How strongly a person draws a bare surname: mentions, spread and standing."""
    return 2 * candidate.mentions_here + candidate.documents + (3 if candidate.leads else 0)


def choose_person(position: int, candidates: list[PersonCandidate]) -> str | None:
    """The person a surname at ``position`` refers to among same-surname ``candidates``.

    People named before the reference come first (a reader binds "Mr. Kim" to a Kim already
    introduced); among them the most salient wins, so a leader named once early is not
    displaced by his sister or a spokesman named once. Ties go to the most recent.
    """
    if not candidates:
        return None
    earlier = [c for c in candidates if c.first is not None and c.first < position]
    pool = earlier or candidates
    best = max(pool, key=lambda c: (salience(c), c.last if c.last is not None else -1, c.id))
    return best.id


def choose_corpus_person(counts: dict[str, int]) -> str | None:
    """A surname no one in its document carries: the batch's only bearer, or a dominant one."""
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None
