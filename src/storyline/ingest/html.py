"""Main text and metadata of an HTML page, through trafilatura and htmldate.

:func:`extract_page` is the one entry point: bytes or text in, an :class:`ExtractedPage`
out, or ``None`` when the page holds no article text. It never raises on bad input.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from storyline.ingest.html_clean import clean_title, drop_leading_headline
from storyline.ingest.html_meta import find_headline, printed_publication_date
from storyline.ingest.html_text import TextOptions, main_text
from storyline.model import DatePrecision

logger = logging.getLogger(__name__)

# Where the date came from: a subset of model.DateProvenance.
DateSource = Literal["metadata", "text", "unknown"]


@dataclass
class ExtractedPage:
    text: str
    title: str | None
    author: str | None
    published: datetime.date | None
    published_precision: DatePrecision
    published_from: DateSource
    url: str | None


@dataclass(frozen=True)
class ExtractionOptions:
    """How pages are read; the defaults are the ones measured best on AEB and WCXB."""

    # How the main text is read (tables kept, comments left out, two readings).
    text: TextOptions = field(default_factory=TextOptions)
    # Dates later than this are clock errors or "updated" stamps; None means today.
    latest_date: datetime.date | None = None
    # Below this many words a page holds no article: what is left is menu or footer text.
    min_words: int = 10


DEFAULT_OPTIONS = ExtractionOptions()

# A charset declared in the first bytes of a page: <meta charset=...> or http-equiv.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(raw: bytes | str) -> str:
    """Text of a page: UTF-8 when valid, else the declared charset, else a lossy decode."""
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[:4096])
    charset = declared.group(1).decode("ascii", errors="replace").lower() if declared else ""
    if charset and charset.replace("-", "") != "utf8":
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            logger.debug("declared charset %r does not decode the page", charset)
    # A UTF-8 page with a few broken bytes (a truncated character, one pasted Latin-1
    # quote) is still UTF-8: decoding it as anything else garbles every accent.
    lenient = raw.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    if sum(1 for ch in lenient if ch > "\x7f") - broken >= 4 * broken:
        return lenient
    # cp1252 decodes nearly any byte and is what undeclared Western pages mostly are;
    # charset guessing on a whole page is slow and often no better.
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def _parse_iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _same_moment(printed: datetime.date, markup: datetime.date | None) -> bool:
    """A printed date a day off the markup's timestamp is the same moment in another zone.

    The markup's is then the one to keep: it carries the time and zone the print lost.
    """
    return markup is not None and abs((printed - markup).days) == 1


def _date_params(latest: datetime.date, *, extensive: bool) -> dict[str, Any]:
    return {
        # The first publication, not the last "updated" stamp.
        "original_date": True,
        "extensive_search": extensive,
        "max_date": latest.isoformat(),
    }


def _find_published(
    tree: Any, url: str | None, latest: datetime.date, from_markup: str | None
) -> tuple[datetime.date | None, DatePrecision, DateSource]:
    """The original publication date: from markup when found there, else from the text."""
    if (day := _parse_iso_date(from_markup)) is not None:
        return day, "day", "metadata"
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, **_date_params(latest, extensive=True))
    except Exception:  # htmldate on hostile markup: a missing date, not a failed page
        logger.debug("date search failed for %s", url, exc_info=True)
        return None, "unknown", "unknown"
    if (day := _parse_iso_date(found)) is None:
        return None, "unknown", "unknown"
    # The free-text search fills what it did not find with 1s: "© 2018" becomes 2018-01-01
    # and "March 2024" 2024-03-01. Say so rather than claim a day.
    if day.day == 1:
        return day, "year" if day.month == 1 else "month", "text"
    return day, "day", "text"


def extract_page(
    raw: bytes | str, *, url: str | None = None, options: ExtractionOptions = DEFAULT_OPTIONS
) -> ExtractedPage | None:
    """Main text, title, author and original publication date of one HTML page.

    Returns ``None`` when the page has no article text (empty, not HTML, or only chrome).
    """
    try:
        return _extract(raw, url, options)
    except Exception:  # a bad page is an outcome for the caller, never a crash
        logger.warning("extraction failed for %s", url or "<page>", exc_info=True)
        return None


def _extract(raw: bytes | str, url: str | None, options: ExtractionOptions) -> ExtractedPage | None:
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    if not raw:
        return None
    tree = load_html(decode_html(raw))
    if tree is None:
        return None
    text = main_text(tree, url, options.text)
    if len(text.split()) < options.min_words:
        return None
    latest = options.latest_date or datetime.date.today()
    # Markup-only date search here; the slower search of the text runs only when neither
    # this nor the byline gives a date (see _find_published).
    metadata = extract_metadata(
        tree, default_url=url, date_config=_date_params(latest, extensive=False)
    )
    headline, title = find_headline(tree, getattr(metadata, "title", None))
    text = drop_leading_headline(text, title)
    if len(text.split()) < options.min_words:
        return None
    markup_date = getattr(metadata, "date", None)
    published: datetime.date | None = printed_publication_date(tree, headline, latest)
    precision: DatePrecision = "day"
    published_from: DateSource = "text"
    if published is None or _same_moment(published, _parse_iso_date(markup_date)):
        published, precision, published_from = _find_published(tree, url, latest, markup_date)
    return ExtractedPage(
        text=text,
        title=clean_title(title),
        author=getattr(metadata, "author", None) or None,
        published=published,
        published_precision=precision,
        published_from=published_from,
        url=url or getattr(metadata, "url", None) or None,
    )
