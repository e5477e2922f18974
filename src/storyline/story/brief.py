"""The brief: headline, lead, a few cited paragraphs and what's next — extractive and grounded.

Every sentence carries its citations (article, span). Before anything is published a
grounding check compares each sentence's claims — names, numbers, dates — with the text of
the spans it cites; a sentence with an unsupported claim is withheld and reported. The
extractive writer passes by construction; the check is what a generative writer (an
OpenAI-compatible endpoint, later) must pass too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from storyline.story.overview import StoryOverview
from storyline.story.roles_as_of import mark_then
from storyline.story.timeline import TimelineItem
from storyline.story.timeline_view import DatedEntry

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|of|the|de|al))*")
# Capitalised words that carry no claim on their own when they open a sentence.
_FUNCTION_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Even",
        "Still",
        "Now",
        "Then",
        "Just",
        "Some",
        "Also",
        "Both",
        "If",
        "Whether",
        "Following",
    ]
)


@dataclass(frozen=True)
class Citation:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[Citation, ...]
    date: str | None = None


@dataclass
class Brief:
    headline: str
    lead: list[BriefSentence] = field(default_factory=list)
    paragraphs: list[list[BriefSentence]] = field(default_factory=list)
    upcoming: list[BriefSentence] = field(default_factory=list)
    # Sentences the grounding check withheld, with the claims it could not find.
    withheld: list[tuple[BriefSentence, list[str]]] = field(default_factory=list)


def claims(text: str) -> list[str]:
    """The checkable claims of a sentence: numbers and capitalised names."""
    found = [m.group(0).rstrip(".,") for m in _NUMBER.finditer(text)]
    for m in _NAME.finditer(text):
        name = m.group(0).strip()
        if name in _FUNCTION_WORDS:
            continue
        first = name.split()[0]
        if first in _FUNCTION_WORDS and " " in name:
            name = name[len(first) :].strip()
        found.append(name)
    return [c for c in found if c]


def unsupported_claims(sentence: BriefSentence, view: StoryOverview) -> list[str]:
    """Claims of ``sentence`` that none of its cited spans contains (empty: grounded)."""
    if not sentence.citations:
        return ["no citation"]
    support = " ".join(view.text_of(c.article, c.start, c.end) for c in sentence.citations)
    if not support:
        return ["cited span not found"]
    folded = support.casefold()
    return [c for c in claims(sentence.text) if c.casefold() not in folded]


# The lead is the most salient of the latest few dated entries: the latest major development.
LATEST_ENTRIES = 5


def build_brief(view: StoryOverview, paragraphs: int = 3, per_paragraph: int = 3) -> Brief:
    """Lead: the latest major development; then background paragraphs from the timeline,
    earliest first; then what's next."""
    brief = Brief(headline=view.headline)
    latest = latest_development(view)
    if latest is not None:
        told = latest.entry.items
        lead = next((i for i in told if _reads_as_report(i.text)), told[0])
        brief.lead = [_as_of_today(_cited(lead, latest.label), view)]
    used = {s.text for s in brief.lead}
    items = [
        (d.entry.score, _cited(item, d.label))
        for d in view.timeline
        if d is not latest and (item := _background_item(d)) is not None and item.text not in used
    ]
    for chunk in _chunks(items, paragraphs, per_paragraph):
        brief.paragraphs.append([_as_of_today(s, view) for s in chunk])
    brief.upcoming = [
        BriefSentence(u.text, (Citation(u.article, u.start, u.end),), u.value)
        for u in view.upcoming[:3]
    ]
    _check(brief, view)
    return brief


def latest_development(view: StoryOverview) -> DatedEntry | None:
    """The most salient of the latest dated (day) entries of the timeline."""
    days = [d for d in view.timeline if d.precision == "day" and d.entry.items]
    if not days:
        return None
    recent = sorted(days, key=lambda d: d.entry.date)[-LATEST_ENTRIES:]
    return max(recent, key=lambda d: (d.entry.score, d.entry.date))


def _background_item(dated: DatedEntry) -> TimelineItem | None:
    """A date's first item that reads on its own (a date with none is left to the timeline)."""
    return next((i for i in dated.entry.items if _reads_as_report(i.text, alone=True)), None)


def _reads_as_report(text: str, alone: bool = False) -> bool:
    """A sentence that can open a brief: not a quotation torn from its speaker, not a question.
    ``alone``: nor one that leans on a sentence before it ("They are trying …", "But the
    killing …") or lists a book ("… (320pp, Public Affairs, £14.99)")."""
    text = text.strip()
    if not text or text[0] in "\"“‘'«" or text.endswith("?"):
        return False
    if not alone:
        return True
    first = text.split(maxsplit=1)[0].strip(",;:").lower()
    return first not in _LEANS_ON_BEFORE and not _BOOK_LISTING.search(text)


# Words that open a sentence continuing the one before it.
_LEANS_ON_BEFORE = frozenset(
    {"he", "she", "they", "it", "this", "that", "these", "those", "but", "and", "so", "yet"}
    | {"however", "also", "still", "then", "there"}
)
_BOOK_LISTING = re.compile(r"\(\d+\s?pp\b")


def _cited(item: TimelineItem, label: str) -> BriefSentence:
    return BriefSentence(
        item.text,
        (
            Citation(item.article, item.start, item.end),
            *(Citation(a, s, e) for a, s, e in item.also),
        ),
        label,
    )


def _as_of_today(sentence: BriefSentence, view: StoryOverview) -> BriefSentence:
    """The sentence with "then-" before titles that have since passed to someone else."""
    cited = sentence.citations[0]
    doc = next((d for d in view.docs if d.article.id == cited.article), None)
    if doc is None or not view.succeeded:
        return sentence
    inside = [m for m in doc.mentions if cited.start <= m.span.start < cited.end]
    text = mark_then(sentence.text, cited.start, inside, view.succeeded)
    return sentence if text == sentence.text else replace(sentence, text=text)


def _check(brief: Brief, view: StoryOverview) -> None:
    def keep(sentences: list[BriefSentence]) -> list[BriefSentence]:
        kept = []
        for s in sentences:
            missing = unsupported_claims(s, view)
            if missing:
                brief.withheld.append((s, missing))
            else:
                kept.append(s)
        return kept

    brief.lead = keep(brief.lead)
    brief.paragraphs = [p for p in (keep(p) for p in brief.paragraphs) if p]
    brief.upcoming = keep(brief.upcoming)


def _chunks(
    items: Sequence[tuple[float, BriefSentence]], paragraphs: int, size: int
) -> list[list[BriefSentence]]:
    """Spread the timeline over a few paragraphs: its earliest, middle and latest part, each
    told by its most salient dates (in date order), not by whatever date comes first: the
    stray early dates of a long timeline are its least salient."""
    if not items:
        return []
    step = max(1, -(-len(items) // paragraphs))
    parts = [items[i : i + step] for i in range(0, len(items), step)]
    picks = []
    for part in parts:
        best = sorted(range(len(part)), key=lambda i: (-part[i][0], i))[:size]
        picks.append([part[i][1] for i in sorted(best)])
    return picks
