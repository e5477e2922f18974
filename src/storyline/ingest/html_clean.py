"""Post-cleaning of extracted page text and titles: what trafilatura leaves behind.

trafilatura keeps short page-chrome lines that sit inside the article container: calls to
subscribe or share, "Advertisement", "5 min read", affiliate disclosures, "Next article".
They are dropped here by what they say, and only when the whole line is short, so a
sentence of the story that merely mentions a newsletter stays.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_WORDS = re.compile(r"\w+")

# Lines at most this long may be chrome; longer lines are prose and always kept.
_CHROME_MAX_CHARS = 120

# Whole lines that are page chrome, in the words sites use for them (one kind a line).
_CHROME_KINDS = [
    r"advertisements?|sponsored(?: content)?|ad|promoted",
    r"(?:\d+\s*)?(?:min(?:ute)?s?|hrs?)\s+read",
    r"table of contents|contents|in this article|jump to(?: the)? \w+",
    r"(?:tags?|topics?|categories|filed under)\s*:.*|tags|related(?: articles| posts| stories)?:?",
    r"(?:next|previous|prev) (?:article|post|story)\b.*",
    r"back to (?:top|blogs?|news|articles?|home|all \w+)",
    r"share|share (?:this (?:article|post|story|page)|on|via)\b.*",
    r"tweet|pin (?:it|for later)|email|print|copy link",
    r"(?:follow us|like us|find us)\b.*",
    r"you (?:may|might) (?:also )?(?:like|enjoy)\b.*|most (?:popular|read)",
    r"recommended(?: for you| reading| articles| posts| stories| videos)?",
    r"(?:sign (?:up|in)|log ?in|register|subscribe|join (?:our|us|the|now|today|free))\b.*",
    r"(?:our |the )?newsletters?",
    r".*\b(?:sign up|subscribe|join|get|receive)\b.*\b(?:newsletters?|mailing list|inbox)\b.*",
    r"book a (?:demo|call)|request a (?:quote|demo)|get started (?:today|now)",
    r"get a (?:free )?quote|contact us today|shop now|buy now",
    r"(?:written|posted|published|reviewed|fact[- ]checked|edited) by [\w\s.,'’&-]{1,60}",
    r".*\b(?:all rights reserved|cookie (?:policy|settings|preferences)|privacy policy)\b.*",
    r".*\bterms (?:of (?:use|service)|& conditions)\b.*",
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).*",
    r".*\b(?:affiliate (?:links?|commission|disclosure)|advertiser disclosure)\b.*",
    r".*\b(?:earn (?:a|an affiliate) commission|may earn (?:a|us a) commission)\b.*",
    r".*\b(?:qualifying purchases|chosen independently by our editors)\b.*",
]
_CHROME_LINE = re.compile(
    r"^[\W_]*(?:" + "|".join(f"(?:{kind})" for kind in _CHROME_KINDS) + r")[\W_]*$",
    re.IGNORECASE,
)


def is_chrome_line(line: str) -> bool:
    """True for a short line that is page furniture rather than article text."""
    return len(line) <= _CHROME_MAX_CHARS and _CHROME_LINE.match(line) is not None


def clean_text(text: str) -> str:
    """Lines trimmed, blank runs collapsed, chrome lines dropped: one paragraph per line."""
    kept = []
    for raw_line in text.splitlines():
        line = _SPACES.sub(" ", raw_line).strip()
        if line and not is_chrome_line(line):
            kept.append(line)
    return "\n".join(kept)


def drop_leading_headline(text: str, headline: str | None) -> str:
    """The text without a first line that repeats the headline (it is the title, not body)."""
    if not headline:
        return text
    first, _, rest = text.partition("\n")
    if _comparable(first) == _comparable(headline):
        return rest
    return text


def _comparable(line: str) -> str:
    return " ".join(_WORDS.findall(line.casefold()))


def clean_title(title: str | None) -> str | None:
    if not title:
        return None
    return _SPACES.sub(" ", title).strip() or None
