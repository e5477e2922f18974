"""When, where and whether: an event's date, its place, and what makes a clause no event.

- **Date**: the time stage's expression that governs the trigger (it hangs off the
  trigger's clause, not a relative clause or another event's phrase) dates the event
  (``date_from="text"``); without one the article's publication date stands in
  (``date_from="article"``), and the event says so.
- **Place**: the first place named after "in", "at", "near" ... in the sentence.
- **Not an event**: a question, a condition or supposition ("if Iran attacks"), an act
  denied ("did not attack"), a modal possibility ("could impose"), and the outlet's own voice
  ("We welcome comments", "Subscribe to our newsletter").

Everything here is computed per sentence from a per-article index built once, so the stage
stays linear in the length of the text.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from storyline.annotate.event_args import FIRST_SECOND, sentence_entities
from storyline.annotate.event_lexicon import BOILERPLATE_VERBS, HYPOTHETICAL_MARKERS
from storyline.model import AnnotatedArticle, EventDateSource, Quote, Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across"})
_POSSIBLE = frozenset({"may", "might", "could", "should", "can"})
_SAY_NOT = frozenset({"not", "n't", "never", "no"})
# Dependencies that open another clause: a date beyond one is another event's.
_CLAUSE_EDGES = frozenset({"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj"})
# Dependency steps from a time expression up to the trigger that still count as governing.
_MAX_HOPS = 8


class ArticleIndex:
    """Times, places and quotes of one article by position, for per-sentence lookups."""

    def __init__(self, doc: AnnotatedArticle) -> None:
        self.doc = doc
        self.times: list[TimeExpression] = sorted(
            (
                t
                for t in doc.times
                if t.type in ("DATE", "TIME") and t.value[:1].isdigit()  # a calendar date
            ),
            key=lambda t: t.span,
        )
        self._time_starts = [t.span.start for t in self.times]
        places = [(m.span.start, m.span.end) for m in doc.mentions if m.label in _PLACE_LABELS]
        self.places = sorted(set(places))
        self._place_starts = [p[0] for p in self.places]
        self.quotes: list[Quote] = sorted(doc.quotes, key=lambda q: q.content)
        self._quote_starts = [q.content.start for q in self.quotes]

    def times_in(self, start: int, end: int) -> list[TimeExpression]:
        lo = bisect.bisect_left(self._time_starts, start)
        hi = bisect.bisect_left(self._time_starts, end)
        return [t for t in self.times[lo:hi] if t.span.end <= end]

    def places_in(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self._place_starts, start)
        hi = bisect.bisect_left(self._place_starts, end)
        return self.places[lo:hi]

    def quote_at(self, char: int) -> Quote | None:
        """The quote whose content holds ``char``, if any."""
        i = bisect.bisect_right(self._quote_starts, char) - 1
        for j in range(i, max(i - 3, -1), -1):
            if self.quotes[j].content.start <= char < self.quotes[j].content.end:
                return self.quotes[j]
        return None


def event_date(
    index: ArticleIndex, sent: SpacySpan, trigger: Token
) -> tuple[str | None, EventDateSource | None]:
    """(date, where it came from: "text" or "article"; None when there is no date at all)."""
    governing = [
        (hops, abs(t.span.start - trigger.idx), t)
        for t in index.times_in(sent.start_char, sent.end_char)
        if (hops := _hops_to(sent, t, trigger)) < _MAX_HOPS
    ]
    if governing:
        # A date elsewhere in the sentence ("a deal struck in 1994") is another event's.
        return min(governing, key=lambda g: g[:2])[2].value, "text"
    published = index.doc.article.published
    if published is None:
        return None, None
    return published.isoformat(), "article"


def _hops_to(sent: SpacySpan, time: TimeExpression, trigger: Token) -> int:
    """Dependency steps from the time expression up to the trigger's clause (large if it
    hangs elsewhere). The clause is the trigger and the heads it leans on without crossing
    into another clause: "held talks on Tuesday", "agreed on Wednesday to meet"."""
    span = sent.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if span is None:
        return 99
    anchors = {trigger.i}
    tok = trigger
    while tok.dep_ not in _CLAUSE_EDGES and tok.head.i != tok.i and len(anchors) < 4:
        tok = tok.head
        anchors.add(tok.i)
    tok = span.root
    for hops in range(_MAX_HOPS):
        if tok.i in anchors:
            return hops
        if tok.head.i == tok.i or tok.dep_ in _CLAUSE_EDGES:
            break
        tok = tok.head
    return 99


def event_location(index: ArticleIndex, sent: SpacySpan) -> str | None:
    """The first place named right after a locative preposition in the sentence."""
    text = index.doc.text
    places = index.places_in(sent.start_char, sent.end_char)
    if not index.places:  # no entities stage: spaCy's own entities of this sentence
        places = sentence_entities(sent, _PLACE_LABELS)
    for start, end in places:
        before = text[max(sent.start_char, start - 12) : start].lower().split()
        # "in Seoul", "at the Panmunjom truce village", "near the border town of"
        if any(word in _PLACE_PREPS for word in before[-2:]):
            return text[start:end]
    return None


def not_an_event(trigger: Token, sent: SpacySpan, index: ArticleIndex) -> str | None:
    """Why the clause around ``trigger`` reports no event (None when it does)."""
    if sent.text.rstrip().endswith("?"):
        return "question"
    clause = _clause_head(trigger)
    if any(m.lower_ in HYPOTHETICAL_MARKERS for m in clause.children if m.dep_ == "mark"):
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE for c in clause.children):
        return "hypothetical"
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    quoted = index.quote_at(trigger.idx) is not None
    if not quoted and (subject is None or subject.lower_ in FIRST_SECOND):
        if clause.tag_ == "VB" and subject is None and clause.dep_ == "ROOT":
            return "boilerplate"  # an imperative: "Subscribe to our newsletter"
        if subject is not None and clause.lemma_.lower() in BOILERPLATE_VERBS:
            return "boilerplate"  # "We welcome comments"
    return None


def is_denied(trigger: Token) -> bool:
    """ "did not attack", "never met", "held no talks": negated, at the trigger or its verb."""
    heads = {trigger, _clause_head(trigger)}
    return any(
        c.dep_ == "neg" or (c.lower_ in _SAY_NOT and c.dep_ in ("advmod", "det"))
        for h in heads
        for c in h.children
    )


def _clause_head(trigger: Token) -> Token:
    """The verb whose clause the trigger belongs to (an event noun's governing verb)."""
    tok = trigger
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def sentence_span(doc: AnnotatedArticle, starts: list[int], sent: SpacySpan, char: int) -> Span:
    """The ``sentences`` stage's span holding ``char`` (``starts``: their sorted starts)."""
    i = bisect.bisect_right(starts, char) - 1
    if i >= 0 and doc.sentences[i].start <= char < doc.sentences[i].end:
        return doc.sentences[i]
    return Span(sent.start_char, sent.end_char)
