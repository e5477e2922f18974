"""A headline run into its lead: "Jackson death was 'not suspicious' Medical experts say ...".

Some archives keep an article as bare lines, the headline glued to the first sentence with
nothing between them. A headline is short, carries no closing punctuation, and its words come
back in the lead that follows (a lead restates its headline). :func:`split_fused_headline`
finds the first place where all of that holds: a capital opening the lead after a lower-case
word, and most of the words before it said again after it.
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_WORDS = 3
MAX_WORDS = 20
LEAD_WORDS = 60  # how far into the lead the headline's words are looked for
SHARED = 0.6  # share of the headline's content words the lead says again
MIN_SHARED = 2


def split_fused_headline(line: str) -> tuple[str, str] | None:
    """(headline, rest) when ``line`` opens with a headline glued to its lead, else None.

    Of the places that could end a headline, the one whose words the lead says again most
    (the later one on a tie: "Jindal criticizes | Obama over BP oil spill | OCEAN SPRINGS"
    ends after "spill", not at the name that is the headline's object).
    """
    words = list(_WORD.finditer(line))
    best: tuple[float, int] | None = None
    for i in range(MIN_WORDS, min(MAX_WORDS, len(words) - MIN_WORDS) + 1):
        before, opening = words[i - 1].group(), words[i].group()
        if not _opens_sentence(opening) or not _ends_headline(before):
            continue
        if words[i - 2].group().lower() == "to":  # "... plan to award | GCSEs": an object follows
            continue
        if not _reads_as_headline(line[: words[i - 1].end()]):
            break
        headline = _content(line[: words[i - 1].end()])
        lead = _content(line[words[i].start() : words[min(len(words), i + LEAD_WORDS) - 1].end()])
        said_again = [w for w in headline if w in lead]
        share = len(said_again) / len(headline) if headline else 0.0
        if len(said_again) >= MIN_SHARED and share >= SHARED and (best is None or share >= best[0]):
            best = (share, i)
    if best is None:
        return None
    i = best[1]
    return line[: words[i - 1].end()], line[words[i].start() :]


def _opens_sentence(word: str) -> bool:
    letters = word.lstrip("\"'“‘(")
    return bool(letters) and letters[0].isupper()


def _ends_headline(word: str) -> bool:
    """A headline's last word: no closing punctuation, not a name or a word that goes on
    ("says" wants its speaker: "..., says US")."""
    letters = word.rstrip("\"'”’")
    if not letters or not letters[-1].isalpha():
        return False
    letters = letters.lstrip("\"'“‘(")
    return (
        bool(letters)
        and not letters[0].isupper()
        and letters.lower() not in ENGLISH_STOP_WORDS
        and letters.lower() not in _GOES_ON
    )


_GOES_ON = frozenset({"says", "said", "say", "warns", "tells", "told", "claims", "reports"})


def _reads_as_headline(text: str) -> bool:
    """Not a byline ("By ..."), a dateline ("WILMINGTON, Delaware |") or a bulleted list."""
    return not (text.startswith(("By ", "BY ", "*", "•")) or any(c in text for c in "|*•"))


def _content(text: str) -> list[str]:
    """Content words, cut to a stem-like prefix ("suspicious" and "suspicion" agree)."""
    seen: dict[str, None] = {}
    for m in _LETTERS.finditer(text.lower()):
        w = m.group()
        if len(w) > 2 and w not in ENGLISH_STOP_WORDS:
            seen.setdefault(w[:6], None)
    return list(seen)
