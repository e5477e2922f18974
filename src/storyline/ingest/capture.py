"""Text captures of news pages: the story, its related-story blurbs, and the chrome removed.

A capture is what a reader copies or saves from a page: the story with its title, UI chrome
in the reader's own language (a Danish cookie banner on a Korean outlet's English page),
image captions, "Posted/Updated" lines, a dateline, and sometimes a list of related stories
with their own dates. :func:`parse_capture` keeps only text found verbatim in the input
(apart from whitespace), turns the dates it finds into metadata, and never raises.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from storyline.ingest.chrome import (
    NOT_UI,
    RELATED_HEADING,
    PageLine,
    classify_chrome,
)
from storyline.ingest.language import detect_language
from storyline.ingest.textdates import (
    TimestampLine,
    latest_date_in,
    parse_timestamp_line,
    report_date_in,
)
from storyline.model import ArticleKind, DatePrecision, DateProvenance

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


@dataclass
class CapturedStory:
    """One story cut from a capture: the page's main story or a related-story blurb."""

    title: str | None
    text: str
    published: date | None
    published_precision: DatePrecision
    published_from: DateProvenance
    kind: ArticleKind
    language: str | None
    dateline: str | None


@dataclass
class CapturedPage:
    """A parsed capture: the main story, its blurbs, and what was removed as chrome."""

    main: CapturedStory
    blurbs: list[CapturedStory] = field(default_factory=list)
    chrome_language: str | None = None
    removed: list[str] = field(default_factory=list)


# "WASHINGTON — ", "SEOUL, Dec. 19 (Yonhap) -- ", "NEW YORK (Reuters) - ".
_DATELINE = re.compile(
    r"(?P<dateline>(?P<place>[^\W\d_][^\W\d_.'’\-]*\.?(?:[ ][^\W\d_][^\W\d_.'’\-]*\.?){0,3})"
    r"(?P<extra>(?:,[ ]?[^\W\d_][\w.'’\-]*(?:[ ][\w.'’\-]+){0,2}){0,2})"
    r"(?:[ ]?\([^()\n]{1,40}\))?)"
    r"[ ]?(?:—|–|--|-(?=[ ]))[ ]?"
)
_TERMINAL = tuple(".!?:;,\"”’'»)…")
_TITLE_END_FORBIDDEN = tuple(".:;,")
# A line this long without end punctuation was hard-wrapped mid-sentence.
_WRAP_MIN_CHARS = 50
# Long lines decide the page's language; short ones are where chrome hides.
_CONTENT_MIN_WORDS = 12


def page_lines(raw: str) -> list[PageLine]:
    """The non-blank lines of a capture, whitespace collapsed, numbered by block."""
    lines: list[PageLine] = []
    block = 0
    for raw_line in raw.splitlines():
        text = " ".join(raw_line.split())
        if not text:
            block += 1
            continue
        lines.append(PageLine(len(lines), block, text))
    return lines


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """``("SEOUL, Dec. 19 (Yonhap)", "Unification Minister ...")`` or ``(None, paragraph)``."""
    m = _DATELINE.match(paragraph)
    if m is None:
        return None, paragraph
    place, rest = m["place"], paragraph[m.end() :]
    extras = [part.strip() for part in m["extra"].split(",") if part.strip()]
    if (
        place != place.upper()
        or sum(ch.isalpha() for ch in place) < 3
        or not all(part[0].isupper() or part[0].isdigit() for part in extras)
        or not rest
        or not (rest[0].isupper() or rest[0] in "\"“'‘")
    ):
        return None, paragraph
    return m["dateline"].strip(), rest


def _is_title_like(paragraph: str) -> bool:
    words = len(paragraph.split())
    return (
        1 <= words <= 25
        and len(paragraph) <= 200
        and not paragraph.endswith(_TITLE_END_FORBIDDEN)
        and any(ch.isalpha() for ch in paragraph)
        and split_dateline(paragraph)[0] is None
    )


@dataclass
class _Paragraph:
    text: str
    related: bool


def _paragraphs(
    lines: list[PageLine], removed: set[int], related_from: int | None
) -> list[_Paragraph]:
    """Kept lines grouped into paragraphs; a removed line or a blank line ends one."""
    paragraphs: list[_Paragraph] = []
    previous: PageLine | None = None
    for line in lines:
        if line.index in removed:
            previous = None
            continue
        related = related_from is not None and line.index > related_from
        joins = (
            previous is not None
            and paragraphs
            and previous.block == line.block
            and paragraphs[-1].related == related
            and len(previous.text) >= _WRAP_MIN_CHARS
            and not previous.text.endswith(_TERMINAL)
        )
        if joins:
            paragraphs[-1].text += " " + line.text
        else:
            paragraphs.append(_Paragraph(line.text, related))
        previous = line
    return paragraphs


def _content_language(lines: list[PageLine]) -> str | None:
    long_lines = [line.text for line in lines if line.words >= _CONTENT_MIN_WORDS]
    return detect_language(" ".join(long_lines or [line.text for line in lines]))


def _anchor(published: date, precision: DatePrecision) -> date:
    # A page dated only to its month may have been written on the month's last day.
    if precision == "month":
        return published.replace(day=calendar.monthrange(published.year, published.month)[1])
    if precision == "year":
        return published.replace(month=12, day=31)
    return published


def _page_date(
    published: date | None,
    precision: DatePrecision,
    stamps: list[TimestampLine],
    main_text: str,
) -> tuple[date | None, DatePrecision, DateProvenance]:
    if published is not None:
        return published, precision, "metadata"
    posted = [s.date for s in stamps if s.kind == "published"]
    updated = [s.date for s in stamps if s.kind == "updated"]
    if posted or updated:
        return min(posted or updated), "day", "text"
    reported = report_date_in(main_text)
    if reported is not None:
        return reported, "day", "text"
    return None, "unknown", "unknown"


def _label(story_title: str | None, text: str) -> str:
    return repr((story_title or text)[:60])


def _blurbs(
    paragraphs: list[str], anchor: date | None, content_language: str | None
) -> list[CapturedStory]:
    blurbs: list[CapturedStory] = []
    pending_title: str | None = None
    for i, paragraph in enumerate(paragraphs):
        is_last = i == len(paragraphs) - 1
        if _is_title_like(paragraph) and not is_last and not _is_title_like(paragraphs[i + 1]):
            pending_title = paragraph
            continue
        dateline, text = split_dateline(paragraph)
        when = latest_date_in(f"{dateline or ''}\n{text}", anchor)
        number = len(blurbs) + 1
        if when is None:
            logger.warning(
                "related story %d %s gives no date in its text; its date is unknown",
                number,
                _label(pending_title, text),
            )
        blurbs.append(
            CapturedStory(
                title=pending_title,
                text=text,
                published=when,
                published_precision="day" if when else "unknown",
                published_from="text" if when else "unknown",
                kind="blurb",
                language=detect_language(text) or content_language,
                dateline=dateline,
            )
        )
        pending_title = None
    return blurbs


def _parse(raw: str, published: date | None, precision: DatePrecision) -> CapturedPage:
    lines = page_lines(raw)
    content_language = _content_language(lines)
    stamps: dict[int, TimestampLine] = {}
    for line in lines:
        stamp = parse_timestamp_line(line.text)
        if stamp is not None:
            stamps[line.index] = stamp
    verdicts = classify_chrome(lines, content_language, skip=frozenset(stamps))
    reasons = verdicts.reasons
    related_from = min(
        (i for i, reason in reasons.items() if reason == RELATED_HEADING), default=None
    )
    gone = set(reasons) | set(stamps)
    paragraphs = _paragraphs(lines, gone, related_from)
    main_paragraphs = [p.text for p in paragraphs if not p.related]
    title: str | None = None
    if len(main_paragraphs) >= 2 and _is_title_like(main_paragraphs[0]):
        title = main_paragraphs.pop(0)
    dateline: str | None = None
    if main_paragraphs:
        dateline, main_paragraphs[0] = split_dateline(main_paragraphs[0])
    main_text = "\n\n".join(main_paragraphs)

    page_date, page_precision, page_from = _page_date(
        published, precision, list(stamps.values()), main_text
    )
    if page_date is None:
        logger.warning("page %s gives no date; its date is unknown", _label(title, main_text))
    main = CapturedStory(
        title=title,
        text=main_text,
        published=page_date,
        published_precision=page_precision,
        published_from=page_from,
        kind="article",
        language=detect_language(main_text) or content_language,
        dateline=dateline,
    )
    anchor = _anchor(page_date, page_precision) if page_date else None
    blurbs = _blurbs([p.text for p in paragraphs if p.related], anchor, main.language)
    # Captions and repeats are in the story's language; the UI's language is the rest.
    ui_lines = [
        line.text for line in lines if line.index in reasons and reasons[line.index] not in NOT_UI
    ]
    chrome_language = detect_language(" ".join(ui_lines))
    if chrome_language is None and verdicts.foreign_languages:
        chrome_language = Counter(verdicts.foreign_languages).most_common(1)[0][0]
    return CapturedPage(
        main=main,
        blurbs=blurbs,
        chrome_language=chrome_language,
        removed=[line.text for line in lines if line.index in gone],
    )


def parse_capture(
    raw: str, *, published: date | None = None, published_precision: DatePrecision = "day"
) -> CapturedPage:
    """Split a text capture of a news page into its story, its related-story blurbs and chrome.

    ``published`` is the page's date from metadata (a sidecar, the CLI); without it the
    date comes from a "Posted ..." line or a full date in the text, else it is unknown.
    Blurbs are dated by the latest date their own text gives, not after the page's date.
    Never raises: on an internal failure the whole input comes back as the story.
    """
    try:
        return _parse(raw, published, published_precision)
    except Exception:  # a bad page is an outcome, not a crash; the log says which
        logger.exception("could not parse a capture of %d characters; keeping it whole", len(raw))
        text = "\n\n".join(line.text for line in page_lines(raw))
        return CapturedPage(
            main=CapturedStory(
                title=None,
                text=text,
                published=published,
                published_precision=published_precision if published else "unknown",
                published_from="metadata" if published else "unknown",
                kind="article",
                language=None,
                dateline=None,
            )
        )
