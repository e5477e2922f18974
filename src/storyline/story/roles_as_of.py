"""Roles as of a date: whose title has since passed to someone else ("then-President").

A brief is read as of its latest coverage, but an extractive sentence speaks as of its
source's date: "South Korean President Moon Jae-in" was true in 2018 and is stale in 2026.
The corpus itself says when a title has passed on: another person holds the same title after
the last day this one was seen holding it. Such a title in a brief sentence is marked "then-".

Only a title that names its office passes on: "President of South Korea" has one holder at a
time, a bare "president" or "vice president" has many (of countries, banks, unions), and the
last one seen is no successor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from storyline.annotate.roles import TITLE_HEADS
from storyline.model import Entity, Mention

_HEADS = frozenset(w for h in TITLE_HEADS for w in h.lower().split())

# A title right before a name: "South Korean President ", "Secretary of State ",
# "the South Korean president, " (an apposition).
_TITLE_BEFORE = re.compile(
    r"(?P<title>(?:(?:[A-Z][\w.’'-]*|vice|prime|deputy|acting|top|chief|foreign|defen[cs]e|"
    r"finance|unification|nuclear|security|national)\s+(?:of\s+)?){0,4}"
    rf"(?P<head>(?i:{'|'.join(sorted(TITLE_HEADS, key=len, reverse=True))}))"
    r"(?:\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?)?)(?:,\s*|\s+)$"
)


def succeeded_roles(entities: Iterable[Entity], as_of: date | None) -> dict[str, set[str]]:
    """Per entity id, the titles (lower case) someone else held after it, by ``as_of``.

    A title is judged over all its holder's evidence ("Interior Secretary" and "interior
    secretary" are one): it has passed on only when another holder was first seen with it
    after this one was last seen with it.
    """
    spans: dict[tuple[str, str], tuple[date | None, date | None]] = {}
    for e in entities:
        for r in e.roles:
            if not names_its_office(r.title):
                continue
            key = (r.title.lower(), e.id)
            first, last = spans.get(key, (None, None))
            spans[key] = (_earliest(first, r.start), _latest(last, r.end))
    holders: dict[str, list[tuple[str, date | None, date | None]]] = defaultdict(list)
    for (title, entity), (first, last) in spans.items():
        holders[title].append((entity, first, last))
    out: dict[str, set[str]] = defaultdict(set)
    for title, held in holders.items():
        for entity, _start, end in held:
            if end is None:
                continue
            if any(
                other != entity
                and start is not None
                and end < start
                and (as_of is None or start <= as_of)
                for other, start, _ in held
            ):
                out[entity].add(title)
    return dict(out)


# Words that rank a title without saying whose office it is.
_RANKING = frozenset(
    {"vice", "deputy", "acting", "chief", "top", "senior", "first", "next", "former", "then"}
    | {"interim", "the", "a", "an", "of", "and", "co"}
)


def _earliest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def names_its_office(title: str) -> bool:
    """Whether a title says which office it is ("Treasury Secretary"), not just its rank."""
    words = re.findall(r"[a-z]+", title.lower())
    return any(w not in _RANKING and w not in _HEADS for w in words)


def mark_then(
    text: str, offset: int, mentions: Sequence[Mention], succeeded: dict[str, set[str]]
) -> str:
    """``text`` (starting at ``offset`` of its article) with "then-" before stale titles."""
    inserts: list[int] = []
    for m in mentions:
        titles = succeeded.get(m.entity or "")
        start = m.span.start - offset
        if not titles or not 0 < start <= len(text):
            continue
        found = _TITLE_BEFORE.search(text[:start])
        if found is None or not any(found.group("head").lower() in t for t in titles):
            continue
        at = _office_start(found, titles)
        if _inside_quote(text[:at]):
            continue  # a quotation stays verbatim
        if not text[max(0, at - 7) : at].lower().endswith(("then-", "former ")):
            inserts.append(at)
    for at in sorted(set(inserts), reverse=True):
        text = text[:at] + "then-" + text[at:]
    return text


def _office_start(found: re.Match[str], titles: set[str]) -> int:
    """Where the stale title starts in the match: at its first word the title shares.

    The words before a title are not all of it ("Federal Role in Markets President Obama",
    a headline run into its lead, does not make "Markets" part of the office).
    """
    known = {w[:4] for t in titles for w in re.findall(r"[a-z]+", t)}
    for word in re.finditer(r"[\w’'.-]+", found.group("title")):
        if word.group().lower()[:4] in known:
            return found.start("title") + word.start()
    return found.start("head")


def _inside_quote(before: str) -> bool:
    """Whether a quotation opened in ``before`` is still open."""
    curly = before.count("“") > before.count("”")
    return curly or before.count('"') % 2 == 1
