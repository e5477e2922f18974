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
import unicodedata
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


# Honorifics that may precede a surname reference ("Mr. Moon"); never part of the name key.
HONORIFICS = frozenset(
    {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "madam", "dame"}
)

# Korean (and Chinese) surnames: a name that starts with one of these and continues with a
# Korean-style given name ("Jong-un", "Jae Myung") is written surname first.
_SURNAME_FIRST = frozenset(
    [
        "kim",
        "lee",
        "yi",
        "rhee",
        "ri",
        "park",
        "pak",
        "choi",
        "choe",
        "jung",
        "jeong",
        "chung",
        "kang",
        "cho",
        "jo",
        "yoon",
        "yun",
        "jang",
        "chang",
        "lim",
        "im",
        "han",
        "oh",
        "seo",
        "suh",
        "shin",
        "sin",
        "kwon",
        "hwang",
        "ahn",
        "an",
        "song",
        "ryu",
        "yoo",
        "yu",
        "hong",
        "jeon",
        "chun",
        "ko",
        "go",
        "moon",
        "mun",
        "yang",
        "son",
        "bae",
        "baek",
        "paik",
        "heo",
        "huh",
        "nam",
        "noh",
        "roh",
        "no",
        "ha",
        "kwak",
        "sung",
        "cha",
        "joo",
        "woo",
        "min",
        "choo",
        "byun",
        "yeo",
        "won",
        "chae",
        "pyo",
        "hyun",
        "xi",
        "wang",
        "zhang",
        "liu",
        "chen",
        "zhao",
        "zhou",
        "wu",
        "hu",
        "wen",
        "deng",
        "mao",
    ]
)

_APOSTROPHES = "'’"
_POSSESSIVE = re.compile(r"[’']s?$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Country:
    """A country with the words that stand for its government."""

    slug: str
    name: str
    # Names of the country itself ("U.S.", "America").
    names: tuple[str, ...]
    # Adjective and plural demonyms ("South Korean", "South Koreans").
    demonyms: tuple[str, ...]
    # Capitals and seats of government that stand for the government ("the White House").
    seats: tuple[str, ...]
    capital: str | None = None

    @property
    def id(self) -> str:
        return f"gov:{self.slug}"


COUNTRIES: tuple[Country, ...] = (
    Country(
        "united-states",
        "United States",
        ("United States", "U.S.", "US", "U.S.A.", "USA", "America", "United States of America"),
        ("American", "Americans", "U.S."),
        ("Washington", "White House", "Pentagon", "State Department", "Trump administration"),
        "Washington",
    ),
    Country(
        "north-korea",
        "North Korea",
        ("North Korea", "N. Korea", "DPRK", "D.P.R.K.", "Democratic People's Republic of Korea"),
        ("North Korean", "North Koreans"),
        ("Pyongyang",),
        "Pyongyang",
    ),
    Country(
        "south-korea",
        "South Korea",
        ("South Korea", "S. Korea", "ROK", "Republic of Korea"),
        ("South Korean", "South Koreans"),
        ("Seoul", "Blue House", "Cheong Wa Dae"),
        "Seoul",
    ),
    Country(
        "china",
        "China",
        ("China", "PRC", "People's Republic of China"),
        ("Chinese",),
        ("Beijing", "Zhongnanhai"),
        "Beijing",
    ),
    Country("japan", "Japan", ("Japan",), ("Japanese",), ("Tokyo",), "Tokyo"),
    Country(
        "russia",
        "Russia",
        ("Russia", "Russian Federation"),
        ("Russian", "Russians"),
        ("Moscow", "Kremlin"),
        "Moscow",
    ),
    Country("ukraine", "Ukraine", ("Ukraine",), ("Ukrainian", "Ukrainians"), ("Kyiv", "Kiev")),
    Country(
        "united-kingdom",
        "United Kingdom",
        ("United Kingdom", "U.K.", "UK", "Britain", "Great Britain"),
        ("British",),
        ("London", "Downing Street"),
        "London",
    ),
    Country("france", "France", ("France",), ("French",), ("Paris", "Elysee"), "Paris"),
    Country("germany", "Germany", ("Germany",), ("German", "Germans"), ("Berlin",), "Berlin"),
    Country("iran", "Iran", ("Iran",), ("Iranian", "Iranians"), ("Tehran",), "Tehran"),
    Country("israel", "Israel", ("Israel",), ("Israeli", "Israelis"), ()),
    Country("india", "India", ("India",), ("Indian", "Indians"), ("New Delhi",), "New Delhi"),
    Country("taiwan", "Taiwan", ("Taiwan",), ("Taiwanese",), ("Taipei",), "Taipei"),
    Country("vietnam", "Vietnam", ("Vietnam", "Viet Nam"), ("Vietnamese",), ()),
    Country("singapore", "Singapore", ("Singapore",), ("Singaporean",), ()),
)


def fold(text: str) -> str:
    """Lowercase ASCII with accents removed: the base of every comparison key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").casefold()


def strip_possessive(text: str) -> str:
    """``"North Korea’s"`` → ``"North Korea"``; ``"Kim Yo-jong's"`` → ``"Kim Yo-jong"``."""
    stripped = text.rstrip()
    if len(stripped) > 2 and stripped[-2] in _APOSTROPHES and stripped[-1] in "sS":
        return stripped[:-2]
    if stripped and stripped[-1] in _APOSTROPHES:
        return stripped[:-1]
    return stripped


def slug(text: str) -> str:
    """``"Workers' Party"`` → ``"workers-party"``; periods vanish so ``"U.S."`` → ``"us"``."""
    folded = fold(text).replace(".", "").replace("'", "")
    return _NON_WORD.sub("-", folded).strip("-")


def _table_key(text: str) -> str:
    return slug(re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE))


_COUNTRY_BY_NAME: dict[str, Country] = {_table_key(n): c for c in COUNTRIES for n in c.names}
_COUNTRY_BY_DEMONYM: dict[str, Country] = {_table_key(n): c for c in COUNTRIES for n in c.demonyms}
_COUNTRY_BY_SEAT: dict[str, Country] = {_table_key(n): c for c in COUNTRIES for n in c.seats}
_COUNTRY_BY_SLUG: dict[str, Country] = {c.slug: c for c in COUNTRIES}


def country_named(text: str) -> Country | None:
    """The country a name denotes: ``"the United States"``, ``"U.S."``, ``"North Korea’s"``."""
    return _COUNTRY_BY_NAME.get(_table_key(strip_possessive(text)))


def country_of_demonym(text: str) -> Country | None:
    """``"South Korean"``/``"South Koreans"`` → South Korea."""
    return _COUNTRY_BY_DEMONYM.get(_table_key(text))


def country_of_seat(text: str) -> Country | None:
    """Capitals and seats of government: ``"Pyongyang"``, ``"the White House"``."""
    return _COUNTRY_BY_SEAT.get(_table_key(strip_possessive(text)))


def country_by_slug(country_slug: str) -> Country | None:
    return _COUNTRY_BY_SLUG.get(country_slug)


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
    while tokens and tokens[0] + "." in HONORIFICS | {t.rstrip(".") for t in HONORIFICS}:
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
    if len(tokens) >= 2 and tokens[0] in _SURNAME_FIRST and not _is_initial(tokens[1]):
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
