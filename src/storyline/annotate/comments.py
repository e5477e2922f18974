"""Where an article's body ends and its reader comments begin.

A captured page often carries its comment thread: readers' posts around a comment policy
("Comments are not pre-screened before they post"). Their words are nobody's quotes in the
story. A page has a comment zone when it holds a comment-furniture line
(``annotate/data/comment_markers.txt``); the zone starts at the first run of comment-like
lines before or after that line (a run: a line and two of the three after it), and runs to
the end of the page, which past the thread is navigation and promotions.

A comment-like line is one that news copy does not write outside quotation marks: it opens
in lower case, shouts in capitals, addresses someone ("@Joel"), speaks in the first or second
person, or is comment furniture itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_PERSONAL = re.compile(r"(?<![\w'’])(?:i|i'm|i’m|im|you|u|your|ur|my|lol)(?![\w'’])", re.I)
_ADDRESS = re.compile(r"(?:^|\s)@\w")
# A thread's post signature: "January 28, 2011 05:44 pm at 5:44 pm |".
_SIGNATURE = re.compile(r"\b\d{1,2}:\d{2}\s?[ap]\.?m\.?\s*\|", re.I)
# A post's header: "At 9:08 pm on 28 May 2009, flu_watcher wrote:", "jd_1962 wrote:".
_POST_HEADER = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s?[ap]\.?m\.?\b[^\n]{0,40}?,\s+\S{2,40}\s+wrote\s?:"
    r"|(?:^|\s)[\w.\-]*[_\d][\w.\-]*\s+wrote\s?:",
    re.I,
)
_QUOTES = re.compile(r"[\"“”«»]|``|''")
# Lines shorter than this say too little to be judged either way.
_MIN_LETTERS = 12


@lru_cache(maxsize=1)
def comment_markers() -> tuple[str, ...]:
    """The comment-furniture phrases shipped with the package, lower case."""
    text = resources.files("storyline.annotate").joinpath("data/comment_markers.txt")
    lines = (line.strip().lower() for line in text.read_text("utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def is_marker(line: str) -> bool:
    lower = line.lower()
    return bool(_SIGNATURE.search(line) or _POST_HEADER.search(line)) or any(
        marker in lower for marker in comment_markers()
    )


def comment_like(line: str) -> bool:
    """Whether a line reads as a reader's post rather than news copy."""
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    if is_marker(stripped) or _ADDRESS.search(stripped):
        return True
    if stripped[0].isalpha() and stripped[0].islower():
        return True
    if sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return True
    return not _QUOTES.search(stripped) and bool(_PERSONAL.search(stripped))


def comment_zone(text: str) -> int | None:
    """The offset where the page's reader comments begin, or None when it has none."""
    lines = text.split("\n")
    starts: list[int] = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    markers = [i for i, line in enumerate(lines) if is_marker(line)]
    if not markers:
        return None
    like = [comment_like(line) for line in lines]
    for i in range(len(lines)):
        if like[i] and sum(like[i + 1 : i + 4]) >= 2:
            return starts[i]
    return starts[markers[0]]


def comments_start(text: str) -> int:
    """Where the page's reader comments begin, its end when it has none. A thread never
    opens a page: a marker in its first paragraph is the story's ("posted by a reader")."""
    zone = comment_zone(text)
    first = text.find("\n")
    return len(text) if zone is None or first < 0 or zone <= first else zone
