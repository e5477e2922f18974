"""The main text of a parsed page: trafilatura twice, balanced and recall-leaning, best kept.

trafilatura's balanced mode is precise but sometimes stops at the first block of a long
article (a page built of several sections, a story continued after an inline widget). Its
recall mode then finds the rest, but on other pages drags in sidebars. On AEB and WCXB the
recall reading is the better one when it adds a substantial amount of text beyond what the
balanced one found; otherwise the balanced reading is kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from storyline.ingest.html_clean import clean_text

logger = logging.getLogger(__name__)

# The recall reading wins when its extra lines hold at least this many words and this share
# of the balanced reading's words (round numbers: the result is flat around them).
_MIN_EXTRA_WORDS = 50
_MIN_EXTRA_SHARE = 0.2


@dataclass(frozen=True)
class TextOptions:
    include_tables: bool = True
    include_comments: bool = False
    # Read each page a second time in recall mode and keep the better reading.
    second_reading: bool = True
    # The second reading skips trafilatura's fallback extractors (much faster).
    second_reading_fast: bool = True


def _read(tree: Any, url: str | None, options: TextOptions, *, recall: bool) -> str:
    from trafilatura import bare_extraction

    document = bare_extraction(
        tree,
        url=url,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        favor_recall=recall,
        fast=recall and options.second_reading_fast,
    )
    if document is None:
        return ""
    return clean_text(getattr(document, "text", None) or "")


def choose_reading(balanced: str, wide: str) -> str:
    """The recall reading when it adds substantial text the balanced one lacks."""
    if not balanced.strip():
        return wide
    seen = set(balanced.split("\n"))
    extra_words = sum(len(line.split()) for line in wide.split("\n") if line not in seen)
    if extra_words >= _MIN_EXTRA_WORDS and extra_words >= _MIN_EXTRA_SHARE * len(balanced.split()):
        return wide
    return balanced


def main_text(tree: Any, url: str | None, options: TextOptions) -> str:
    """The article text of a parsed page, one paragraph a line ("" when none is found)."""
    balanced = _read(tree, url, options, recall=False)
    if not options.second_reading:
        return balanced
    wide = _read(tree, url, options, recall=True)
    return choose_reading(balanced, wide)
