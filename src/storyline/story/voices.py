"""Who said what, ranked across the storyline, and what people outside it say.

A quote earns its place on the page by who said it (how much of the coverage names the
speaker), by being carried by several articles (the same words in two outlets are one quote
citing both) and by being recent; a speaker gets a few quotes at most, so one voice does not
drown the rest. Quotes without a speaker, or whose speaker is only a pronoun, stay off the
page: a reader cannot weigh words from nobody.

"What people say" is the same ranking over the voices outside the principal actors (the
storyline's most covered players): other governments, organisations, experts and witnesses,
each with the stance the coverage records for them, and the social posts the user ingested.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from storyline.ingest.dates import format_date
from storyline.model import AnnotatedArticle, Entity, Quote
from storyline.story.issue_discovery import issue_labels, issue_of

# Weights of the quote ranking: design choices (no benchmark holds quote salience).
PROMINENCE = 1.0
REPEATED = 0.7
RECENCY = 0.5
PER_SPEAKER = 3
# Fewer words than this is a fragment ("the block"), not something a reader can weigh.
MIN_WORDS = 6
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "their", "its"]
)
_CONTENT_KEY = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class QuoteLine:
    date: str
    speaker: str
    via: str | None
    kind: str
    text: str  # the verbatim content span
    article: str
    start: int
    end: int
    speaker_entity: str | None = None
    # Other articles carrying the same words (article, start, end).
    also: tuple[tuple[str, int, int], ...] = ()
    score: float = 0.0
    # How the words were introduced ("said", "warned"): reported speech is shown with it.
    cue: str | None = None

    @property
    def reported(self) -> str | None:
        """Reported speech as a reader says it ("China warned that ..."), None for a quote."""
        if self.kind != "indirect":
            return None
        verb = self.cue if self.cue and _VERB_CUE.fullmatch(self.cue) else "said"
        # Words written before their cue open a sentence ("The woman ... died, the ministry
        # said"): a colon keeps them readable after the verb.
        joint = ": " if self.text[:1].isupper() else " "
        return f"{verb}{joint}{self.text}"


# A cue that reads as the verb of the sentence ("says", "warned", "told reporters").
_VERB_CUE = re.compile(r"[a-z]+(?:s|ed|old|aid)(?: [a-z]+)?")


@dataclass(frozen=True)
class Voice:
    """One voice in "what people say": a quote or a social post, with the stance known."""

    speaker: str
    kind: str  # "quote" or "post"
    text: str
    article: str
    start: int
    end: int
    date: str
    stance: str | None = None  # "supports a no-fly zone" where the coverage records one
    also: tuple[tuple[str, int, int], ...] = field(default=())


def all_quotes(docs: Sequence[AnnotatedArticle]) -> list[QuoteLine]:
    """Every quote with its speaker, in date order; content is always the verbatim span."""
    lines = [_line(doc, q) for doc in docs for q in doc.quotes]
    lines.sort(key=lambda q: (q.date, q.article, q.start))
    return lines


def ranked_quotes(
    docs: Sequence[AnnotatedArticle],
    limit: int = 30,
    per_speaker: int = PER_SPEAKER,
    exclude: frozenset[str] = frozenset(),
    places: frozenset[str] = frozenset(),
) -> list[QuoteLine]:
    """The storyline's quotes ranked (module docstring), repeats merged, newest first.

    ``exclude``: speaker entities whose quotes are left out; ``places``: entities that are
    places (a place does not speak: such a speaker is a mistake of attribution).
    """
    merged = _merge_repeats(
        [
            q
            for q in all_quotes(docs)
            if _attributed(q)
            and len(q.text.split()) >= MIN_WORDS
            and q.speaker_entity not in places
        ]
    )
    prominence = _prominence(docs)
    top = max(prominence.values(), default=1)
    dates = [d.article.published for d in docs if d.article.published]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    published = {d.article.id: d.article.published for d in docs}
    scored = []
    for q in merged:
        if q.speaker_entity in exclude:
            continue
        seen = prominence.get(q.speaker_entity or "", 0)
        score = (
            PROMINENCE * math.log1p(seen) / math.log1p(top)
            + REPEATED * math.log1p(len(q.also)) / math.log1p(4)
            + RECENCY * _position(published.get(q.article), first, last)
        )
        scored.append(replace(q, score=score))
    scored.sort(key=lambda q: (-q.score, q.date, q.article, q.start))
    chosen: list[QuoteLine] = []
    per: Counter[str] = Counter()
    for q in scored:
        key = q.speaker_entity or q.speaker.casefold()
        if per[key] >= per_speaker:
            continue
        per[key] += 1
        chosen.append(q)
        if limit and len(chosen) >= limit:
            break
    chosen.sort(key=lambda q: (q.date, q.article, q.start), reverse=True)
    return chosen


def what_people_say(
    docs: Sequence[AnnotatedArticle],
    principals: Sequence[str],
    entities: Sequence[Entity] = (),
    limit: int = 12,
    shown: Sequence[QuoteLine] = (),
) -> list[Voice]:
    """Voices from outside the principal actors, one a speaker, with their stance; then posts.

    ``shown``: quotes the page already shows, not repeated here.
    """
    stances = _latest_stances(docs)
    seen = {(q.article, q.start) for q in shown}
    quotes = [
        q
        for q in ranked_quotes(
            docs,
            limit=limit + len(shown),
            per_speaker=1,
            exclude=frozenset(principals),
            places=places_of(entities),
        )
        if (q.article, q.start) not in seen
    ][:limit]
    voices = [
        Voice(
            speaker=q.speaker,
            kind="quote",
            text=q.text,
            article=q.article,
            start=q.start,
            end=q.end,
            date=q.date,
            stance=stances.get(q.speaker_entity or ""),
            also=q.also,
        )
        for q in quotes
    ]
    for doc in docs:
        a = doc.article
        if a.kind == "post":
            voices.append(
                Voice(
                    speaker=a.author or a.source or "a post",
                    kind="post",
                    text=a.text,
                    article=a.id,
                    start=0,
                    end=len(a.text),
                    date=format_date(a.published, a.published_precision) or "date unknown",
                )
            )
    return voices


def places_of(entities: Sequence[Entity]) -> frozenset[str]:
    return frozenset(e.id for e in entities if e.kind == "place")


def _line(doc: AnnotatedArticle, q: Quote) -> QuoteLine:
    a = doc.article
    when = format_date(a.published, a.published_precision) or "date unknown"
    speaker = q.speaker_name or (
        a.text[q.speaker.start : q.speaker.end] if q.speaker else "unattributed"
    )
    return QuoteLine(
        date=q.date or when,
        speaker=speaker,
        via=a.text[q.via.start : q.via.end] if q.via else None,
        kind=q.kind,
        text=a.text[q.content.start : q.content.end],
        article=a.id,
        start=q.content.start,
        end=q.content.end,
        speaker_entity=q.speaker_entity,
        cue=a.text[q.cue.start : q.cue.end] if q.cue else None,
    )


def _attributed(q: QuoteLine) -> bool:
    name = q.speaker.strip().casefold()
    return bool(name) and name != "unattributed" and name not in _PRONOUNS


def _merge_repeats(lines: list[QuoteLine]) -> list[QuoteLine]:
    """The same words in several articles become one quote citing them all."""
    groups: dict[str, list[QuoteLine]] = defaultdict(list)
    for q in lines:
        key = _CONTENT_KEY.sub(" ", q.text.casefold()).strip()[:160]
        groups[key].append(q)
    merged = []
    for group in groups.values():
        first = group[0]
        others = tuple(
            dict.fromkeys(
                (q.article, q.start, q.end) for q in group[1:] if q.article != first.article
            )
        )
        merged.append(replace(first, also=others))
    return merged


def _prominence(docs: Sequence[AnnotatedArticle]) -> Counter[str]:
    """Per entity, the number of articles that name it."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update({m.entity for m in doc.mentions if m.entity})
    return counts


def _latest_stances(docs: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """Per holder, its latest recorded position in words ("supports: a ceasefire"), on the
    storyline's issues (an open stance's target counts once it belongs to a found issue)."""
    labels = issue_labels(docs)
    latest: dict[str, tuple[str, str]] = {}
    for doc in docs:
        for s in doc.stances:
            issue = issue_of(s, labels)
            if issue is None:
                continue
            when = s.date or ""
            if s.holder not in latest or when >= latest[s.holder][0]:
                latest[s.holder] = (
                    when,
                    f"{_POSITION_WORDS.get(s.position, s.position)}: {issue}",
                )
    return {holder: words for holder, (_, words) in latest.items()}


_POSITION_WORDS = {
    "support": "supports",
    "oppose": "opposes",
    "conditional": "supports, on conditions",
    "neutral": "undecided on",
}


def _position(when: date | None, first: date | None, last: date | None) -> float:
    if when is None or first is None or last is None or last <= first:
        return 1.0
    return (when - first).days / (last - first).days
