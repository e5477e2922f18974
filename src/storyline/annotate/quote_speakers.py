"""Who a quote's speaker is: an entity's name, a fuller name, or a description.

"he" and "they" resolve to their antecedent by :mod:`storyline.annotate.coref` (salience,
gender, and the speakers of the quotes just before); "the ministry" and "a statement" to the
organisation behind them; "the spokesman" to the person named with that title earlier;
"the official" to the description that introduced the official ("a government official");
"Jeong" to the fuller name the article used first ("Jeong Yeon-doo"). Mentions from the
``entities`` stage win when they cover the speaker; without them the parse's PERSON names
are used.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from storyline.annotate.coref import ArticleReferents, Referent, gender_of_word, lexicon
from storyline.annotate.quote_rules import speaker_head
from storyline.annotate.span_index import SpanIndex
from storyline.model import AnnotatedArticle, Mention, Span

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

    def __init__(self, doc: AnnotatedArticle, parsed: Doc, quoted: Sequence[Span] = ()) -> None:
        self._text = doc.text
        self._parsed = parsed
        self._mentions = sorted(doc.mentions, key=lambda m: m.span)
        self._mention_index = SpanIndex(self._mentions, lambda m: (m.span.start, m.span.end))
        self._names = _entity_names(doc)
        persons = [m for m in self._mentions if m.label in _PERSON_LABELS]
        if not persons:
            persons = [
                Mention(Span(e.start_char, e.end_char), "PERSON")
                for e in parsed.ents
                if e.label_ == "PERSON"
            ]
        self._persons = persons
        self._referents = ArticleReferents(doc, parsed, self._names, quoted)
        self._speakers: list[_Named] = []
        self._chain: list[Referent] = []
        self._chunks: list[tuple[int, str, str]] | None = None

    def resolve(self, head: Token, span: Span) -> Speaker:
        """Name the speaker whose phrase is ``span`` with syntactic head ``head``."""
        word = head.lower_
        if head.pos_ == "PRON" or word in _PERSONAL:
            found = self._referents.pronoun(head, self._chain)
            if found is None:
                return Speaker(None, span.text(self._text))
            self._chain.append(replace(found, span=span))
            return Speaker(found.entity, found.name)
        head = speaker_head(head)
        mention = self._mention_at(head)
        if mention is None:
            # "One of the organisers, Steven Kull, said": the apposition names the speaker.
            appos = next((c for c in head.children if c.dep_ == "appos"), None)
            mention = self._mention_at(appos) if appos is not None else None
        if mention is None and head.pos_ != "NOUN":
            mention = self._mention_over(span)
        group = False
        if mention is not None and mention.entity is not None:
            named = Speaker(
                mention.entity, self._names.get(mention.entity) or mention.span.text(self._text)
            )
            group = ":" in mention.entity
        elif head.pos_ == "PROPN":
            named = Speaker(None, self._fuller_name(span))
        else:
            named, group = self._described(head, span)
        self._remember(span, named, head, group)
        return named

    def _described(self, head: Token, span: Span) -> tuple[Speaker, bool]:
        """A description: the organisation behind it ("the ministry", "a statement", "a
        spokesman for the army"), the named person it stands for ("the spokesman"), or the
        earlier description it refers back to ("the official")."""
        words = lexicon()
        lemma = head.lemma_.lower()
        organisation = self._referents.organisation(head)
        if organisation is not None:
            if lemma in words.group_heads or lemma in words.document_heads:
                return Speaker(organisation.entity, organisation.name), True
            return Speaker(organisation.entity, span.text(self._text)), False
        definite = any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children
        )
        if definite and head.tag_ != "NNS":
            person = self._referents.person_described(head)
            if person is not None:
                return Speaker(person.entity, person.name), False
        earlier = self._description(head, span)
        plural = head.tag_ == "NNS" or lemma in words.group_heads
        return Speaker(None, earlier or span.text(self._text)), plural

    def _remember(self, span: Span, named: Speaker, head: Token, group: bool) -> None:
        if named.name:
            self._speakers.append(_Named(span, named.name, named.entity, head.lemma_.lower()))
            gender = gender_of_word(head.lower_) or self._referents.gender(named.entity)
            self._chain.append(Referent(span, named.name, named.entity, group, gender))

    def _mention_at(self, token: Token) -> Mention | None:
        """The mention holding ``token`` (the speaker phrase's head), an entity's first."""
        over = self._mention_index.overlapping(token.idx, token.idx + 1)
        with_entity = [m for m in over if m.entity is not None]
        found = with_entity or over
        return found[-1] if found else None

    def _mention_over(self, span: Span) -> Mention | None:
        over = self._mention_index.overlapping(span.start, span.end)
        with_entity = [m for m in over if m.entity is not None]
        found = with_entity or over
        return found[-1] if found else None

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


# A transcript turn: a speaker label in capitals opening a line ("AZUZ:", "CARL AZUZ, CNN
# ANCHOR:"), before the words spoken.
_TURN = re.compile(r"^([A-Z][A-Z.'’\- ]{1,40}?)(?:,[^:\n]{0,80})?\s?:\s", re.M)
# An interview's turns under names ("Paxman: …", "Blair: …"): a transcript only where at
# least two such names each open two lines or more.
_NAMED_TURN = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?) ?: ", re.M)
_NAMED_TURNS_EACH = 2


@lru_cache(maxsize=4)
def _turns(text: str) -> tuple[list[int], list[str]]:
    """Where each transcript turn starts, and its speaker's label, in text order."""
    found = [(m.start(), _label(m.group(1))) for m in _TURN.finditer(text)]
    named = [(m.start(), m.group(1)) for m in _NAMED_TURN.finditer(text)]
    counts = Counter(label for _, label in named)
    if sum(1 for n in counts.values() if n >= _NAMED_TURNS_EACH) >= 2:
        found += [(at, label) for at, label in named if counts[label] >= _NAMED_TURNS_EACH]
    found.sort()
    return [at for at, _ in found], [label for _, label in found]


def transcript_speaker(text: str, position: int, addressee: bool = False) -> Speaker | None:
    """The speaker whose transcript turn holds ``position``, if the text is a transcript;
    with ``addressee``, the one spoken to ("you"): whoever had the turn before."""
    starts, all_labels = _turns(text)
    labels = all_labels[: bisect.bisect_left(starts, position)]
    if not labels:
        return None
    if addressee:
        other = next((x for x in reversed(labels) if x != labels[-1]), None)
        return Speaker(None, other) if other else None
    return Speaker(None, labels[-1]) if labels[-1] else None


def _label(label: str) -> str:
    return " ".join(w.capitalize() for w in label.split())


def _name_words(name: str) -> list[str]:
    words = name.replace("’s", "").replace("'s", "").split()
    return [w for w in words if w.lower() not in _TITLES]


def _entity_names(doc: AnnotatedArticle) -> dict[str, str]:
    """Entity id → name: the ``entities`` stage's table if it left one, else the longest
    mention of that entity."""
    names: dict[str, str] = {}
    for key, value in doc.entity_records.items():
        names[key] = value.name
    longest: dict[str, str] = {}
    for m in doc.mentions:
        if m.entity is not None:
            text = m.span.text(doc.text)
            if len(text) > len(longest.get(m.entity, "")):
                longest[m.entity] = text
    return {**longest, **names}
