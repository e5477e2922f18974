"""Who a quote's speaker is: an entity's name, a fuller name, or a description.

"he" resolves to the nearest fitting person before it; "the official" to the description
that introduced the official ("a government official"); "Jeong" to the fuller name the
article used first ("Jeong Yeon-doo"). Mentions from the ``entities`` stage win when they
cover the speaker; without them the parse's PERSON names are used.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.model import AnnotatedArticle, Entity, Mention, Span

_PERSONAL = frozenset({"he", "she", "him", "her"})
_TITLES = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "president",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "minister",
        "secretary",
        "senator",
    }
)
# How far back (characters) a pronoun or a definite description looks for its referent.
_LOOKBACK = 1500
_PERSON_LABELS = ("PERSON", "PER")


@dataclass(frozen=True)
class Speaker:
    entity: str | None
    name: str | None


@dataclass(frozen=True)
class _Named:
    span: Span
    name: str
    entity: str | None
    head_lemma: str


class SpeakerResolver:
    """Names speakers in text order, remembering the ones already named."""

    def __init__(self, doc: AnnotatedArticle, parsed: Doc) -> None:
        self._text = doc.text
        self._parsed = parsed
        self._mentions = sorted(doc.mentions, key=lambda m: m.span)
        self._names = _entity_names(doc)
        persons = [m for m in self._mentions if m.label in _PERSON_LABELS]
        if not persons:
            persons = [
                Mention(Span(e.start_char, e.end_char), "PERSON")
                for e in parsed.ents
                if e.label_ == "PERSON"
            ]
        self._persons = persons
        self._person_starts = [m.span.start for m in persons]
        self._speakers: list[_Named] = []
        self._chunks: list[tuple[int, str, str]] | None = None

    def resolve(self, head: Token, span: Span) -> Speaker:
        """Name the speaker whose phrase is ``span`` with syntactic head ``head``."""
        word = head.lower_
        if head.pos_ == "PRON" or word in _PERSONAL:
            found = self._antecedent(span) if word in ("he", "she") else None
            return (
                Speaker(found.entity, found.name) if found else Speaker(None, span.text(self._text))
            )
        mention = self._mention_over(span)
        if mention is not None and mention.entity is not None:
            named = Speaker(
                mention.entity, self._names.get(mention.entity) or mention.span.text(self._text)
            )
        elif head.pos_ == "PROPN":
            named = Speaker(None, self._fuller_name(span))
        else:
            earlier = self._description(head, span)
            named = Speaker(None, earlier or span.text(self._text))
        self._remember(span, named, head)
        return named

    def _remember(self, span: Span, named: Speaker, head: Token) -> None:
        if named.name:
            self._speakers.append(_Named(span, named.name, named.entity, head.lemma_.lower()))

    def _mention_over(self, span: Span) -> Mention | None:
        over = [m for m in self._mentions if m.span.overlaps(span)]
        with_entity = [m for m in over if m.entity is not None]
        found = with_entity or over
        return found[-1] if found else None

    def _antecedent(self, pronoun: Span) -> _Named | None:
        """The nearest preceding person, preferring subjects: a named speaker or a PERSON
        name that is the subject of its clause, else the nearest PERSON name."""
        spoke = next(
            (
                n
                for n in reversed(self._speakers)
                if n.span.end <= pronoun.start
                and pronoun.start - n.span.end < _LOOKBACK
                and (n.entity is not None or _is_name(n.name))
            ),
            None,
        )
        at = bisect.bisect_left(self._person_starts, pronoun.start)
        nearby = [
            p
            for p in reversed(self._persons[:at])
            if p.span.end <= pronoun.start and pronoun.start - p.span.end < _LOOKBACK
        ]
        subject = next((p for p in nearby if self._is_subject(p.span)), None)
        person = subject or (nearby[0] if nearby and spoke is None else None)
        if person is None or (spoke is not None and spoke.span.start > person.span.start):
            return spoke
        name = self._names.get(person.entity) if person.entity is not None else None
        return _Named(person.span, name or self._fuller_name(person.span), person.entity, "")

    def _is_subject(self, span: Span) -> bool:
        chars = self._parsed.char_span(span.start, span.end, alignment_mode="expand")
        return chars is not None and chars.root.dep_ in ("nsubj", "nsubjpass")

    def _fuller_name(self, span: Span) -> str:
        """The longest earlier PERSON name ending with this name's surname, or this name."""
        words = _name_words(span.text(self._text))
        if not words:
            return span.text(self._text)
        best = " ".join(words)
        for person in self._persons:
            if person.span.start >= span.start:
                break
            other = _name_words(person.span.text(self._text))
            if len(other) > len(words) and words[-1] in other and len(" ".join(other)) > len(best):
                best = " ".join(other)
        if best == " ".join(words):
            return span.text(self._text)
        return best

    def _description(self, head: Token, span: Span) -> str | None:
        """ "the official" → the earlier "a government official" it refers back to."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            return None
        lemma = head.lemma_.lower()
        for spoke in reversed(self._speakers):
            if spoke.head_lemma == lemma and spoke.span.end <= span.start:
                return spoke.name
        earlier = [c for c in self._indefinites() if c[0] <= span.start and c[1] == lemma]
        return earlier[-1][2] if earlier else None

    def _indefinites(self) -> list[tuple[int, str, str]]:
        """Indefinite noun phrases ("a government official"): end, head lemma, text."""
        if self._chunks is None:
            self._chunks = [
                (c.end_char, c.root.lemma_.lower(), self._text[c.start_char : c.end_char])
                for c in self._parsed.noun_chunks
                if c[0].lower_ in ("a", "an")
            ]
        return self._chunks


def _is_name(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split()[1:]) or (
        name[:1].isupper() and " " not in name
    )


def _name_words(name: str) -> list[str]:
    words = name.replace("’s", "").replace("'s", "").split()
    return [w for w in words if w.lower() not in _TITLES]


def _entity_names(doc: AnnotatedArticle) -> dict[str, str]:
    """Entity id → name: the ``entities`` stage's table if it left one, else the longest
    mention of that entity."""
    names: dict[str, str] = {}
    table = doc.scratch.get("entities")
    if isinstance(table, dict):
        for key, value in table.items():
            if isinstance(key, str) and isinstance(value, Entity):
                names[key] = value.name
    longest: dict[str, str] = {}
    for m in doc.mentions:
        if m.entity is not None:
            text = m.span.text(doc.text)
            if len(text) > len(longest.get(m.entity, "")):
                longest[m.entity] = text
    return {**longest, **names}
