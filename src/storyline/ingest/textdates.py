"""Dates written in the text of a page: "November 28", "Dec. 19", "February 27, 2026".

A month and day without a year is resolved against an anchor (the page's date) as the
latest such date not after it: news reports the past, so "on November 28" in a page of
February 2026 is 2025-11-28. Dates are found in English and, for the "Posted"/"Updated"
lines of a page, in a dozen other languages. Nothing here raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ENGLISH_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Full month names in the other languages whose pages we see, for "Posted"-style lines.
_OTHER_MONTHS = {
    # Danish, Norwegian, Swedish
    "januar": 1, "februar": 2, "marts": 3, "mars": 3, "maj": 5, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "desember": 12, "januari": 1, "februari": 2, "augusti": 8,
    # German
    "jänner": 1, "märz": 3, "dezember": 12,
    # French
    "janvier": 1, "février": 2, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    # Spanish, Portuguese, Italian
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
    "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Dutch
    "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_MONTHS = {**_OTHER_MONTHS, **_ENGLISH_MONTHS}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
# Not followed by a letter, so "Mar" does not match inside "Marshall".
_MONTH = rf"(?P<month>{_MONTH_ALT})(?![^\W\d_])\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"

_MONTH_DAY = re.compile(rf"(?<![^\W\d_]){_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", re.IGNORECASE)
_DAY_MONTH = re.compile(
    rf"(?<![\d.]){_DAY}\.?\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+)?{_YEAR})?", re.IGNORECASE
)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})([-./])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)")
_CJK = re.compile(
    r"(?P<year>\d{4})\s*[년年]\s*(?P<month>\d{1,2})\s*[월月]\s*(?P<day>\d{1,2})\s*[일日]"
)

MIN_YEAR, MAX_YEAR = 1800, 2200

# A date next to one of these words is the date of the report itself.
_REPORT_CUE = re.compile(
    r"\b(?:reported|published|posted|updated|released|issued|dated|as of)\b[^.!?\n]{0,20}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A calendar date written in a text: ``text[start:end]``, year None when not given."""

    start: int
    end: int
    month: int
    day: int
    year: int | None

    def resolve(self, anchor: date | None) -> date | None:
        """The date meant: as written when it has a year, else the latest not after ``anchor``."""
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if anchor is None:
            return None
        return resolve_month_day(self.month, self.day, anchor)


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_month_day(month: int, day: int, anchor: date) -> date | None:
    """The latest ``month``/``day`` on or before ``anchor`` (February 29 may go back years)."""
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    for candidate_year in range(year, year - 8, -1):
        found = _safe_date(candidate_year, month, day)
        if found is not None:
            return found
    return None


def _mentions_named(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            token = m["month"].lower()
            year = int(m["year"]) if m["year"] else None
            # "may 5" is a modal verb and a number; English month names count only when
            # capitalized, unless a year makes the date unmistakable ("16. august 2026").
            if token in _ENGLISH_MONTHS and not m["month"][0].isupper() and year is None:
                continue
            found.append(DateMention(m.start(), m.end(), _MONTHS[token], int(m["day"]), year))
    return found


def _mentions_numeric(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for pattern in (_ISO, _DMY, _CJK):
        for m in pattern.finditer(text):
            found.append(
                DateMention(m.start(), m.end(), int(m["month"]), int(m["day"]), int(m["year"]))
            )
    return found


def find_dates(text: str) -> list[DateMention]:
    """Every calendar date with a day in ``text``, in order, without overlaps.

    Months alone ("in April") and weekdays ("on Saturday") are not dates with a day and are
    left out; so are impossible ones (February 30).
    """
    candidates = _mentions_named(text) + _mentions_numeric(text)
    valid = [
        c
        for c in candidates
        if 1 <= c.month <= 12
        and 1 <= c.day <= 31
        and (c.year is None or _safe_date(c.year, c.month, c.day) is not None)
    ]
    # Longest first at each position, so "January 16, 2026" wins over "16, 2026"-like parts.
    valid.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[DateMention] = []
    for candidate in valid:
        if kept and candidate.start < kept[-1].end:
            continue
        kept.append(candidate)
    return kept


def latest_date_in(text: str, anchor: date | None) -> date | None:
    """The latest date written in ``text`` that is not after ``anchor``.

    Month-day dates are resolved against ``anchor``; without an anchor only dates with a
    year count. None when the text names no such date.
    """
    resolved = [d for m in find_dates(text) if (d := m.resolve(anchor)) is not None]
    if anchor is not None:
        resolved = [d for d in resolved if d <= anchor]
    return max(resolved, default=None)


def report_date_in(text: str) -> date | None:
    """The date a text says it was reported on, from a full date with a year.

    A full date after "reported", "published", "as of" and the like is preferred ("These
    statements were reported on February 27, 2026."); else the latest full date written,
    since a report postdates the past events it names.
    """
    full: list[tuple[DateMention, date]] = []
    for mention in find_dates(text):
        if mention.year is None:
            continue
        resolved = mention.resolve(None)
        if resolved is not None:
            full.append((mention, resolved))
    cued = [d for m, d in full if _REPORT_CUE.search(text[max(0, m.start - 60) : m.start])]
    if cued:
        return max(cued)
    return max((d for _, d in full), default=None)


# "Posted January. 16, 2026 08:55," / "Updated ..." and their kin in other languages.
_PUBLISHED_LABELS = (
    "posted|published|first published|posted on|published on|udgivet|publiceret|"
    "veröffentlicht|veröffentlicht am|erschienen|publié|publié le|publicado|publicado el|"
    "pubblicato|pubblicato il|gepubliceerd|gepubliceerd op|publicerad|publisert|"
    "opublikowano|입력|기사입력|公開|发布|發布"
)
_UPDATED_LABELS = (
    "updated|last updated|updated on|modified|last modified|opdateret|sidst opdateret|"
    "aktualisiert|aktualisiert am|zuletzt aktualisiert|mis à jour|mis à jour le|"
    "actualizado|actualizado el|atualizado|atualizado em|aggiornato|aggiornato il|"
    "bijgewerkt|bijgewerkt op|uppdaterad|oppdatert|zaktualizowano|수정|최종수정|更新"
)
_TIMESTAMP_LINE = re.compile(
    rf"^\W*(?:(?P<published>{_PUBLISHED_LABELS})|(?P<updated>{_UPDATED_LABELS}))"
    r"(?![^\W\d_])\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimestampLine:
    """A page's "Posted ..." or "Updated ..." line and the date it gives."""

    kind: str  # "published" or "updated"
    date: date


def parse_timestamp_line(line: str) -> TimestampLine | None:
    """The date of a "Posted/Published/Updated <date>" line, in a dozen languages, or None.

    Only short lines that are mostly a label and a full date count, so a sentence that
    starts with "Published reports say..." is left alone.
    """
    if len(line) > 120:
        return None
    m = _TIMESTAMP_LINE.match(line)
    if m is None:
        return None
    rest = m["rest"]
    mentions = [x for x in find_dates(rest) if x.year is not None]
    if not mentions:
        return None
    first = mentions[0]
    # What is left besides the date is a time, a timezone or punctuation, not prose.
    leftover = rest[: first.start] + rest[first.end :]
    if sum(ch.isalpha() for ch in leftover) > 12:
        return None
    resolved = first.resolve(None)
    if resolved is None:
        return None
    return TimestampLine("published" if m["published"] else "updated", resolved)
