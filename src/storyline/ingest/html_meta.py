"""The headline and the visible dateline of a page, read from its parsed tree.

Both are what a reader sees: the ``<h1>`` that matches the page's ``<title>`` (which itself
usually carries the site's name, "Headline | Site"), and the date printed in the byline
around that headline ("By Jane Doe · March 9, 2026 · 5 min read"). Metadata dates are often
the CMS's first draft or a template's build date; the printed dateline is what the outlet
claims, so it wins when it is labelled as (or not labelled otherwise than) a publication.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]\s+")
# h1s inside page chrome are logos and section names, not headlines.
_CHROME_ANCESTOR = (
    "ancestor::header[not(ancestor::article)]|ancestor::nav|ancestor::footer|ancestor::aside"
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})

# The byline sits right around the headline: this many characters before and after it.
_BEFORE_HEADLINE = 160
_AFTER_HEADLINE = 600
# Dates this close together belong to one byline.
_SIDE_BY_SIDE_CHARS = 60

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # March 9, 2026
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),  # 9 March 2026
    re.compile(rf"\b{_YEAR}-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2026-03-09
    # 03/09/2026 and 09.03.2026: slashes read month-first, dots day-first, unless impossible.
    re.compile(rf"\b(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep){_YEAR}\b"),
]
_UPDATED_LABEL = re.compile(
    r"(?:updat|modif|revis|amended|edited|refresh)\w*\W*(?:on|at)?\W*$", re.I
)

DatelineKind = Literal["published", "updated"]


@dataclass(frozen=True)
class Dateline:
    date: datetime.date
    kind: DatelineKind


def _tokens(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").casefold()))


def _flat(element: Any) -> str:
    return " ".join(element.text_content().split())


def find_headline(tree: Any, page_title: str | None) -> tuple[Any | None, str | None]:
    """The headline element and text: the h1 that best matches the page title.

    Falls back to the page title without its site-name part when no h1 fits.
    """
    reference = _tokens(page_title)
    best: tuple[tuple[bool, float, bool, int], Any, str] | None = None
    first_plain: tuple[Any, str] | None = None
    for index, element in enumerate(tree.iter("h1")):
        text = _flat(element)
        if not text or len(text) > 300:
            continue
        in_chrome = bool(element.xpath(_CHROME_ANCESTOR))
        if first_plain is None and not in_chrome and len(_tokens(text)) >= 3:
            first_plain = (element, text)
        tokens = _tokens(text)
        shared = len(tokens & reference)
        # Mostly made of title words, and covering as much of the title as possible.
        rank = (
            bool(reference) and shared >= 0.5 * len(tokens),
            shared / len(reference) if reference else 0.0,
            not in_chrome,
            -index,
        )
        if best is None or rank > best[0]:
            best = (rank, element, text)
    if best is not None and (best[0][0] or not reference):
        return best[1], best[2]
    if first_plain is not None:
        return first_plain
    return None, _strip_site_name(page_title)


def _strip_site_name(title: str | None) -> str | None:
    if not title:
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    # "Headline | Site" is the common order; a short first part is more likely the site.
    return parts[0] if len(parts[0].split()) >= 3 else max(parts, key=len)


def _visible_text(tree: Any, headline: Any) -> Iterator[tuple[str, bool]]:
    """The page's visible text in order, each piece marked when it is inside the headline."""
    # Depth-first with an explicit stack (no recursion limit on deep pages); a subtree that
    # is never rendered (scripts, styles, templates) is skipped whole.
    stack: list[tuple[Any, bool, bool]] = [(tree, False, False)]
    while stack:
        element, in_headline, closing = stack.pop()
        if closing:
            if element.tail:
                yield element.tail, in_headline
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        inside = in_headline or element is headline
        # The tail belongs to the parent's flow: emit it after the subtree.
        stack.append((element, in_headline, True))
        if not tag or tag in _SKIPPED_TAGS:
            continue
        if element.text:
            yield element.text, inside
        stack.extend((child, inside, False) for child in reversed(element))


def byline_window(tree: Any, headline: Any) -> tuple[str, str]:
    """Visible text just before and just after the headline, where bylines and dates sit."""
    before: list[str] = []
    after: list[str] = []
    seen_headline = False
    after_chars = 0
    for text, in_headline in _visible_text(tree, headline):
        if in_headline:
            seen_headline = True
        elif not seen_headline:
            before.append(text)
        else:
            after.append(text)
            after_chars += len(text)
            if after_chars >= _AFTER_HEADLINE:
                break
    if not seen_headline:
        return "", ""
    head = " ".join(" ".join(before[-50:]).split())[-_BEFORE_HEADLINE:]
    tail = " ".join(" ".join(after).split())[:_AFTER_HEADLINE]
    return head, tail


def _to_date(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
    elif groups.get("nmonth"):
        month, day = int(groups["nmonth"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (a, b) if groups["sep"] == "/" else (b, a)
        if month > 12:
            month, day = day, month
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_datelines(text: str, latest: datetime.date) -> list[tuple[int, int, Dateline]]:
    """Dates printed in a stretch of text: (start, end, dateline), in reading order.

    Each is labelled an update when the words just before it say so ("Last updated:").
    """
    found: list[tuple[int, int, Dateline]] = []
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            if any(start <= match.start() < end for start, end, _ in found):
                continue
            day = _to_date(match)
            if day is None or day > latest:
                continue
            label = text[max(0, match.start() - 30) : match.start()]
            kind: DatelineKind = "updated" if _UPDATED_LABEL.search(label) else "published"
            found.append((match.start(), match.end(), Dateline(day, kind)))
    return sorted(found, key=lambda item: item[0])


def printed_publication_date(
    tree: Any, headline: Any, latest: datetime.date
) -> datetime.date | None:
    """The byline date nearest the headline that is not labelled as an update.

    Two dates printed side by side ("May 21, 2025 April 24, 2025") are an update and the
    original in the template's order, whichever it is: the earlier one is the original.
    """
    if headline is None:
        return None
    head, tail = byline_window(tree, headline)
    # Distance from the headline: back from its start, or on from its end.
    candidates = [
        (len(head) - end, "before", d)
        for _, end, d in find_datelines(head, latest)
        if d.kind == "published"
    ] + [
        (start, "after", d) for start, _, d in find_datelines(tail, latest) if d.kind == "published"
    ]
    if not candidates:
        return None
    distance, side, _ = min(candidates, key=lambda c: c[0])
    return min(
        d.date
        for dist, s, d in candidates
        if s == side and abs(dist - distance) <= _SIDE_BY_SIDE_CHARS
    )
