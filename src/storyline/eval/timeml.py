"""Reading TimeML (``.tml``): the plain text of ``<TEXT>``, its TIMEX3 spans and the DCT."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.errors import EvalDataError

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", re.DOTALL)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    dct: date | None
    text: str
    timexes: tuple[GoldTimex, ...]


def parse_timeml(source: str, name: str = "") -> TimeMLDocument:
    """The text inside ``<TEXT>`` with its TIMEX3 annotations as offsets into that text."""
    body = _TEXT.search(source)
    if body is None:
        raise EvalDataError(f"{name or 'document'}: no <TEXT> element; is this TimeML?")
    dct = None
    if (m := _DCT.search(source)) is not None:
        try:
            dct = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            dct = None
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    raw = body.group(1)
    pos = 0
    for tag in _TAG.finditer(raw):
        chunk = html.unescape(raw[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):  # closing tag
            if open_timex is not None:
                start, attrs = open_timex
                timexes.append(
                    GoldTimex(
                        start,
                        length,
                        attrs.get("type", ""),
                        attrs.get("value", ""),
                        attrs.get("mod"),
                    )
                )
                open_timex = None
        elif not tag.group(4):
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
    parts.append(html.unescape(raw[pos:]))
    return TimeMLDocument(name, dct, "".join(parts), tuple(timexes))


def read_timeml(path: Path) -> TimeMLDocument:
    try:
        source = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise EvalDataError(f"{path}: cannot read ({exc})") from exc
    return parse_timeml(source, path.name)
