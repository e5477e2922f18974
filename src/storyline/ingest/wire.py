"""Wire and archive conventions: time stamps, bylines and datelines become metadata.

Archived and syndicated articles open with what the page around them said: a time stamp
("Thu Apr 29, 2010 11:29 am EDT", "Tuesday 11 January 2005 09.11 GMT"), a byline ("By Maggie
Fox, Health and Science Editor"), a dateline with the agency ("LONDON (Reuters) - ",
"Cairo, Egypt (CNN) -- ") and sometimes the title run into the first sentence. Live blogs
open each update with its own stamp ("(Update 9:16 p.m. Cairo, 2:16 p.m. ET)"). None of it
is the story's text: :func:`read_conventions` cuts it off and returns it as metadata.
Everything here is shape, not vocabulary: no outlet, place or agency is named in the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from storyline.ingest.detokenize import detokenize
from storyline.ingest.headline import split_fused_headline
from storyline.ingest.records import SourceRecord
from storyline.ingest.textdates import find_dates
from storyline.knowledge import country_named, is_place

# How far into the first line a stamp may sit (after a title and standfirst).
_HEAD_CHARS = 420
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?"
_ZONE = r"(?-i:[A-Z]{2,4}(?:\s+time)?|UK(?:\s+time)?|local\s+time)"
_CLOCK = re.compile(
    rf"\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?\s?m\.?)?(?:\s+{_ZONE}(?![\w]))?",
    re.IGNORECASE,
)
# "Last updated at", "Posted:" between a date and its clock time.
_LABEL = r"(?:page\s+)?(?:last\s+)?(?:updated|posted|published|modified)(?:\s+(?:on|at))?\s*:?"
_STAMP_PART = rf"(?:{_WEEKDAY}|{_LABEL}\s*{_CLOCK.pattern}|{_CLOCK.pattern})"
_GLUE = re.compile(rf"(?:[\s,;|\-–—]*{_STAMP_PART}(?![\w]))*[\s,;]*", re.IGNORECASE)
_GLUE_BEFORE = re.compile(rf"(?:{_STAMP_PART}[\s,;]*)+$", re.IGNORECASE)
_SPACED_DATE = re.compile(r"\b(?P<year>(?:19|20)\d{2}) (?P<month>\d{2}) (?P<day>\d{2})\b")
_STAMP_LABEL = re.compile(
    r"(?:\bpage\s+)?(?:\blast\s+)?\b(?:updated|posted|published|modified)(?:\s+(?:on|at))?\s*:?\s*$",
    re.IGNORECASE,
)
# "(Update 9:16 p.m. Cairo, 2:16 p.m. ET)" or "5.15 pm CDT:" opening a live-blog paragraph;
# "Last updated at 06:28" opening a page's text.
_UPDATE_STAMP = re.compile(
    r"^\((?=[^()]{0,90}\d{1,2}[:.]\d{2})[^()]{1,90}\)\s*(?:[-–—:]+\s*)?"
    rf"|^{_CLOCK.pattern}\s*[:|]\s+"
    rf"|^{_LABEL}\s*{_CLOCK.pattern}[\s,;|\-–—]+",
    re.IGNORECASE,
)
# A picture credit: "Photograph: Gerald Herbert/AP" (the agency from data/photo_agencies.txt).
_CREDIT_LABEL = re.compile(
    r"^(?:Photograph|Photo|Photos|Picture|Image|Illustration|Composite)s?\s*:\s*"
    r"(?P<who>[^/\n]{1,60}?)/",
)
# Lines before a picture credit near the top are the title, standfirst and caption.
_CREDIT_HEAD_LINES = 4
_DATELINE_HEAD_LINES = 8
# A reference code in brackets: "(IDn: nN26150882)", "(ID:nWEN3872)".
_REFERENCE_CODE = re.compile(
    r"\s*\((?:[A-Za-z]{1,6}\s*:\s*)?(?=[A-Za-z\d]*\d[A-Za-z\d]*\d)[A-Za-z\d]{7,}\)"
)
# "PLACE[, Region][ Month Day] (Agency) - " or just "(Agency) - ".
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][^\s()]*(?:[ ,]+[A-Za-z0-9][^\s()]*){0,6})?)\s*"
    r"\((?P<agency>[A-Z][A-Za-z&.' ]{0,29})\)\s*(?:-{1,2}|–|—|:)\s+"
)
# "BELTON, Mo., Oct. 20 -- ", "RIO DE JANEIRO, Dec. 9 -- ", "ON BAYOU DUFRENE, LA. -- ".
_CAPS_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’/\-]+(?: [A-Z][A-Z.'’/\-]+){0,4})"
    r"(?P<extra>(?:,\s?[A-Z][\w.'’\-]*(?: [\w.'’\-]+){0,2}){0,2})\s*(?:--|–|—)\s+"
)
# A name's words have a lower-case letter: "By Ann Lee TOLEDO, Ohio --" ends at the place.
_NAME_WORD = r"[A-Z](?=[\w.'’\-]*[a-z])[\w.'’\-]+"
_BYLINE = re.compile(
    rf"^(?:By|by:?) (?P<names>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}"
    rf"(?:(?:,| and) {_NAME_WORD}(?: {_NAME_WORD}){{1,2}})*)"
    r"(?:, (?P<affiliation>[A-Z][A-Z.]{1,7}(?= )))?\s*"
)
# "By the CNN Wire Staff", "By Reuters staff".
_STAFF_BYLINE = re.compile(
    r"^(?:By|by:?) (?:the )?(?P<staff>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3} [Ss]taff)\b\s*"
)
# A wire dateline run into the page's first line after its headline, summary bullets and an
# editor's note ("* Spat revives old tensions MEXICO CITY, May 5 (Reuters) - China's ..."):
# a place in capitals, its date and the agency, within the line's first characters.
_INLINE_DATELINE = re.compile(
    r"(?<=\s)[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][\w.]*){0,2},? "
    r"[A-Z][a-z]{2,8}\.? \d{1,2} \([A-Z][A-Za-z&.' ]{0,29}\)\s*(?:-{1,2}|–|—)\s"
)
_INLINE_DATELINE_CHARS = 300
# A place in a signature: up to three capitalised words, the longest the gazetteer knows.
_PLACE_WORDS = re.compile(r"\s*,\s*((?:[A-Z][\w'’\-]+)(?: [A-Z][\w'’\-]+){0,2})")
_CAPS_PLACE_END = re.compile(r"\s(?P<place>[A-Z]{3,}(?:[ /][A-Z]{3,}){0,3})$")


@dataclass
class Conventions:
    """What the head of an article said about it, and the text left once that is cut off."""

    text: str
    title: str | None = None
    author: str | None = None
    place: str | None = None
    agency: str | None = None
    stamp_date: date | None = None
    removed: list[str] = field(default_factory=list)


def read_conventions(text: str) -> Conventions:
    """Prose (see :mod:`storyline.ingest.detokenize`) without stamps, byline and dateline."""
    lines = detokenize(text).split("\n")
    found = Conventions(text="")
    cleaned = [_strip_credit(_strip_line_stamps(line, found), found) for line in lines]
    # A credit near the top closes the page's header: what precedes it is title, standfirst
    # and caption, not the story.
    for index, line in enumerate(lines[:_CREDIT_HEAD_LINES]):
        if _CREDIT_LABEL.match(line) and index > 0 and cleaned[index].strip():
            found.removed.extend(cleaned[:index])
            cleaned = cleaned[index:]
            break
    # So does an agency's dateline a few lines down ("HOUSTON | Thu Apr 22, 2010 7:30 pm EDT
    # HOUSTON (Reuters) - "): the story starts there; the header's first line may be the
    # title, when the dateline's line names none.
    header_title = None
    first = next((i for i, line in enumerate(cleaned) if line.strip()), None)
    head = cleaned[first][:_INLINE_DATELINE_CHARS] if first is not None else ""
    if first is not None and (m := _INLINE_DATELINE.search(head)):
        # The header and the story on one line: as if the dateline opened the next one.
        line = cleaned[first]
        cleaned[first : first + 1] = [line[: m.start()].rstrip(), line[m.start() :]]
    for index in range(min(len(cleaned), _DATELINE_HEAD_LINES)):
        credit = _credit_before_dateline(cleaned[index])
        if credit:
            # "May 23: An oil-covered pelican ..." / "AP2010 WASHINGTON — Congress ...": a
            # picture's caption, then its credit run into the story's dateline.
            found.removed.extend([*(h for h in cleaned[:index] if h.strip()), credit])
            cleaned = [cleaned[index][len(credit) :].lstrip(), *cleaned[index + 1 :]]
            break
    for index in range(1, min(len(cleaned), _DATELINE_HEAD_LINES)):
        if _opens_with_agency_dateline(cleaned[index]):
            header = [h for h in cleaned[:index] if h.strip()]
            fused = split_fused_headline(header[0]) if header else None
            if fused is not None:
                header_title = fused[0]
            elif (
                header and 3 <= len(header[0].split()) <= 30 and header[0].strip()[-1] not in ".!?"
            ):
                header_title = header[0].strip()  # a headline, not a caption's sentence
            found.removed.extend(header)
            cleaned = cleaned[index:]
            break
    while cleaned and not cleaned[0].strip():
        cleaned.pop(0)
    if cleaned:
        cleaned[0] = _read_head(cleaned[0], found)
    found.title = found.title or header_title
    if cleaned and len(cleaned) > 1 and not cleaned[0].strip():
        cleaned.pop(0)
    found.text = "\n".join(cleaned).strip()
    return found


def _fused_credit(line: str) -> str:
    """A credit the capture ran into the line's first sentence: "(AP Photo) " or an agency
    with the picture's year, "AP2010 ", before a capitalised word; else "" (also before a
    dateline, which :func:`_credit_before_dateline` reads with the caption above it)."""
    m = _fused_credit_pattern().match(line)
    if m is None or _credit_before_dateline(line):
        return ""
    return m.group(0)


@cache
def _fused_credit_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in photo_agencies())
    return re.compile(rf"(?:\((?:{names}) Photo\) |(?:{names})(?:19|20)\d\d )(?=[A-Z])")


# A picture credit, "AP", "AP2010" or "Coast Guard via AP", run into the dateline after it.
_CREDIT_SOURCE = re.compile(r"(?:[A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3} via )?")


def _credit_before_dateline(line: str) -> str:
    """The picture credit opening ``line`` when a dateline in capitals follows it, else ""."""
    source = _CREDIT_SOURCE.match(line)
    at = source.end() if source else 0
    for agency in photo_agencies():
        if not line.startswith(agency, at):
            continue
        end = at + len(agency)
        while end < len(line) and line[end].isdigit():
            end += 1  # "AP2010": the agency and the picture's year
        if end < len(line) and line[end] == " " and _CAPS_DATELINE.match(line[end + 1 :]):
            return line[:end]
    return ""


def _opens_with_agency_dateline(line: str) -> bool:
    stamp = _find_stamp(line)
    rest = line[stamp[1] :] if stamp is not None else line
    return _AGENCY_DATELINE.match(rest) is not None


def _strip_line_stamps(line: str, found: Conventions) -> str:
    stripped = line
    m = _UPDATE_STAMP.match(stripped)
    if m and len(stripped) > m.end():
        found.removed.append(m.group(0).strip())
        stripped = stripped[m.end() :]
    codes = _REFERENCE_CODE.findall(stripped)
    if codes:
        found.removed.extend(c.strip() for c in codes)
        stripped = _REFERENCE_CODE.sub("", stripped).strip()
        # A line that held only a code keeps nothing but its full stop.
        if stripped in {"", ".", "(.)"}:
            return ""
    return stripped


def _strip_credit(line: str, found: Conventions) -> str:
    """The line without a picture credit opening it ("Photograph: Gerald Herbert/AP ...",
    "(AP Photo) President Obama warned", "AP2010 President Obama will address")."""
    fused = _fused_credit(line)
    if fused:
        found.removed.append(fused.strip())
        return line[len(fused) :]
    m = _CREDIT_LABEL.match(line)
    if m is None:
        return line
    rest = line[m.end() :]
    agency = next((a for a in photo_agencies() if rest.startswith(a + " ")), None)
    taken = len(agency) if agency else len(rest.split(" ", 1)[0])
    found.removed.append(line[: m.end() + taken])
    return rest[taken:].lstrip()


@cache
def photo_agencies() -> tuple[str, ...]:
    """Agency names of picture credits, longest first (data/photo_agencies.txt)."""
    text = (
        resources.files("storyline.ingest").joinpath("data/photo_agencies.txt").read_text("utf-8")
    )
    names = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    return tuple(sorted(names, key=len, reverse=True))


def _read_head(line: str, found: Conventions) -> str:
    """The first line without its stamp, byline and dateline; what they say goes to ``found``."""
    rest = line
    stamp = _find_stamp(line)
    if stamp is not None:
        start, end, day = stamp
        found.stamp_date = day
        found.removed.append(line[start:end].strip())
        _read_before(line[:start], found)
        rest = line[end:].lstrip(" |;,-")
    bylined = _read_byline(rest, found)
    # Syndicated copies may carry the outlet's dateline and the agency's ("GRAND ISLE, La. --
    # GRAND ISLE, La. (AP) --").
    dated = _read_dateline(bylined, found)
    if dated == bylined:
        dated = _read_signature(bylined, found, after_byline=bylined != rest)
    return _read_dateline(dated, found)


def _find_stamp(line: str) -> tuple[int, int, date | None] | None:
    """``(start, end, date)`` of a time stamp in the head of ``line``, or None.

    A stamp is a full date with a clock time next to it, or a full date set off by "|" or
    opening the line; weekdays, times and zones around it belong to it.
    """
    head = line[:_HEAD_CHARS]
    dates = [(m.start, m.end, m.resolve(None)) for m in find_dates(head) if m.year is not None]
    dates += [
        (m.start(), m.end(), _safe(int(m["year"]), int(m["month"]), int(m["day"])))
        for m in _SPACED_DATE.finditer(head)
    ]
    for start, end, day in sorted(dates, key=lambda d: d[0]):
        if day is None:
            continue
        after = _GLUE.match(line, end)
        new_end = after.end() if after else end
        before = _GLUE_BEFORE.search(line[:start])
        new_start = before.start() if before else start
        region = line[new_start:new_end]
        set_off = (
            "|" in line[max(0, new_start - 3) : new_start] or "|" in line[new_end : new_end + 3]
        )
        if _CLOCK.search(region) or set_off or new_start == 0:
            new_end += len(line[new_end:]) - len(line[new_end:].lstrip(" |;,-"))
            return new_start, new_end, day
    return None


def _read_before(before: str, found: Conventions) -> None:
    """What precedes a stamp: a place or an author set off by "|", a byline, or the title."""
    before = _STAMP_LABEL.sub("", before).strip(" |;,-")
    for part in (p.strip() for p in before.split("|")):
        if not part:
            continue
        part = _read_byline(part, found, whole=True)
        if m := _CAPS_PLACE_END.search(" " + part):
            found.place = found.place or m["place"]
            part = (" " + part)[: m.start()].strip()
        if not part:
            continue
        words = part.split()
        if words[0].isupper() and len(words) <= 4:
            found.place = found.place or part
        elif len(words) <= 3 and all(w[0].isupper() for w in words) and found.author is None:
            found.author = part
        elif 3 <= len(words) <= 30 and found.title is None:
            found.title = part


def _read_byline(text: str, found: Conventions, whole: bool = False) -> str:
    """Cut "By Name[ and Name][, AFFILIATION]" off the front of ``text``."""
    if staff := _STAFF_BYLINE.match(text):
        found.author = found.author or staff["staff"]
        return text[staff.end() :]
    m = _BYLINE.match(text)
    if m is None:
        return text
    if whole:
        # Before a stamp the byline runs to the end ("By Maggie Fox, Health Editor").
        found.author = found.author or text[3:].strip(" ,")
        place = _CAPS_PLACE_END.search(" " + found.author)
        if place:
            found.place = found.place or place["place"]
            found.author = (" " + found.author)[: place.start()].strip(" ,")
        return ""
    found.author = found.author or m["names"]
    found.agency = found.agency or m["affiliation"]
    return text[m.end() :]


@cache
def _signature_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A broadcaster's signature after a byline, one opening a line, and a desk word opening
    the text (from data/newsroom_words.txt)."""
    words: dict[str, list[str]] = {}
    text = resources.files("storyline.ingest").joinpath("data/newsroom_words.txt")
    for line in text.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            tag, *rest = line.split()
            words.setdefault(tag, []).extend(rest)
    roles = "|".join(words["role"])
    outlet_words = "|".join(words["outlet"])
    desk = rf"(?P<desk>(?:[A-Z][a-z]+ ){{0,2}}(?i:{roles})s?)"
    outlet = rf"(?P<outlet>[A-Z]{{2,6}}(?: (?:{outlet_words}))*)(?![\w'’])"
    after = re.compile(rf"^,?\s*(?:{desk}(?:\s*,\s*|\s+(?=[A-Z]{{2}})|(?=\s|$)))?(?:{outlet})?")
    name = rf"(?P<names>{_NAME_WORD}(?: {_NAME_WORD}){{1,2}})"
    opening = re.compile(rf"^{name}\s*,?\s*(?:{desk}\s*,?\s*)?{outlet}")
    role = re.compile(rf"^(?i:{roles})s?\b")
    return after, opening, role


def _read_signature(text: str, found: Conventions, after_byline: bool) -> str:
    """Cut a reporter's signature off the front of ``text``: after a byline, the desk and the
    outlet ("Environment correspondent, BBC News"); without one, a name with an outlet
    ("Fred Poe, CNN"); then the place it was filed from, when the gazetteer knows it."""
    after, opening, role = _signature_patterns()
    if after_byline and found.author and role.match(text):
        # The byline took the desk's first word for a name ("By Jane Roe Science reporter").
        *name, modifier = found.author.split(" ")
        if len(name) >= 2:
            found.author, text = " ".join(name), f"{modifier} {text}"
    m = after.match(text) if after_byline else opening.match(text)
    if m is None or not (m["desk"] or m["outlet"]):
        return text
    end = m.end()
    places = []
    for _ in range(2):  # "Cairo, Egypt"
        place = _signature_place(text, end)
        if place is None:
            break
        places.append(text[place[0] : place[1]])
        end = place[1]
    # Without a byline, a name and an acronym ("John Roe UN envoy") are a signature only
    # with the place it was filed from, or alone on their line.
    if not after_byline and not places and text[end:].strip(" ,."):
        return text
    if not after_byline:
        found.author = found.author or m["names"]
    found.agency = found.agency or m["outlet"]
    found.place = found.place or (places[0] if places else None)
    found.removed.append(text[:end].strip(" ,"))
    return text[end:].lstrip(" ,.")


def _signature_place(text: str, at: int) -> tuple[int, int] | None:
    """(start, end) of the known place after a comma at ``at``: its longest run of words."""
    m = _PLACE_WORDS.match(text, at)
    if m is None:
        return None
    words = m[1].split(" ")
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if is_place(name) or country_named(name) is not None:
            return m.start(1), m.start(1) + len(name)
    return None


def _read_dateline(text: str, found: Conventions) -> str:
    if m := _AGENCY_DATELINE.match(text):
        place = m["place"].strip(" ,")
        found.place = found.place or _place_only(place) or None
        found.agency = found.agency or m["agency"].strip()
        found.removed.append(m.group(0).strip())
        return text[m.end() :]
    if m := _CAPS_DATELINE.match(text):
        found.place = found.place or m["place"]
        found.removed.append(m.group(0).strip())
        return text[m.end() :]
    return text


def _place_only(place: str) -> str:
    """ "LONDON May 11" and "HOUSTON/SEATTLE, April 30" → the place without the date."""
    cut = [m.start for m in find_dates(place)]
    if cut:
        place = place[: cut[0]]
    return place.strip(" ,")


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def apply_conventions(record: SourceRecord) -> None:
    """Cut ``record``'s stamps, byline and dateline into its metadata (what it lacks)."""
    found = read_conventions(record.text)
    if not found.text.strip():
        return
    record.text = found.text
    record.title = record.title or found.title
    record.author = record.author or found.author
    record.place = record.place or found.place
    record.source = record.source or found.agency
    if record.published is None and found.stamp_date is not None:
        record.published = found.stamp_date
        record.published_precision = "day"
        record.published_from = "text"
