"""Who a pronoun or a description refers to, within one article.

A salience-based antecedent finder in the manner of Lappin and Leass (1994), tuned for what
the quote and stance stages ask: who is "he" in "…,” he said", what organisation is "the
ministry" or "a statement", which named person is "the spokesman". No library on PyPI does
this offline for spaCy 3.8 (``coreferee`` ships empty model stubs and downloads the weights;
``fastcoref`` pulls a transformer from a model hub), so the rules are our own.

Candidates are the actor mentions of the ``entities`` stage (people, organisations,
governments; places never speak), or spaCy's PERSON/ORG names without it. A candidate's
salience is its grammatical role (subject of a main clause > subject > apposition > object >
other; a possessor or a name inside someone's quotation counts little) decaying by half a
sentence back, plus a bonus for the speakers of the quotes just before (quote chains:
"“…,” he added" continues the last speaker, who may be a description such as "a witness").
Gender comes from honorifics and gendered nouns beside a name ("Mr.", "his wife", "a
spokeswoman") and from the pronouns of sentences that name one person only; an unknown
gender fits either pronoun. The words live in ``annotate/data/referents.json``.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from storyline.annotate import identity
from storyline.annotate.quote_rules import is_speech_verb
from storyline.model import AnnotatedArticle, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Gender = Literal["male", "female"]
# How many sentences back a pronoun looks for its antecedent, and a quote chain for its speaker.
_REACH = 3
_CHAIN_REACH = 6
# With no candidate that near, main-clause subjects this far back still count.
_FAR_REACH = 8
# How many sentences back "it" looks for a document that says something.
_DOCUMENT_REACH = 2
# How often a person must be named before an unresolved "he"/"she" falls back to them.
_PROTAGONIST_MENTIONS = 2
_ROLE_WEIGHT = {"main": 4.0, "subject": 3.0, "appos": 2.0, "object": 1.5, "other": 1.0}
_PERSON_LABELS = frozenset({"PERSON", "PER", "TITLE"})
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Lexicon:
    male: frozenset[str]
    female: frozenset[str]
    group_heads: frozenset[str]
    document_heads: frozenset[str]
    person_heads: frozenset[str]
    plural_people: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The referent words shipped with the package (``annotate/data/referents.json``)."""
    raw = json.loads(
        resources.files("storyline.annotate").joinpath("data/referents.json").read_text("utf-8")
    )

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return Lexicon(
        words("male"),
        words("female"),
        words("group_heads"),
        words("document_heads"),
        words("person_heads"),
        words("plural_people"),
    )


@dataclass(frozen=True)
class Referent:
    """What a pronoun or description stands for: a mention (or a remembered speaker)."""

    span: Span
    name: str
    entity: str | None
    group: bool  # an organisation, a government or a group of people; not one person
    gender: Gender | None = None


@dataclass(frozen=True)
class _Candidate:
    referent: Referent
    sentence: int
    role: str
    quoted: bool  # inside quotation marks: someone else's words name it
    chained: bool = False  # a "he"/"she" standing for the referent, not a name of it
    spoke: bool = False  # a chained "he said": the speakers carry it when a pronoun is asked


def gender_of_word(word: str) -> Gender | None:
    w = word.lower()
    words = lexicon()
    if w in words.male:
        return "male"
    if w in words.female:
        return "female"
    return None


class ArticleReferents:
    """The antecedents of one parsed article, built once and asked many times."""

    def __init__(
        self,
        doc: AnnotatedArticle,
        parsed: Doc,
        names: Mapping[str, str],
        quoted: Sequence[Span] = (),
    ) -> None:
        self._text = doc.text
        self._parsed = parsed
        self._names = names
        self._quoted = sorted(quoted)
        self._quoted_starts = [q.start for q in self._quoted]
        self._sent_starts = [s.start_char for s in parsed.sents]
        mentions = [m for m in doc.mentions if _is_actor(m)]
        if not mentions:
            mentions = [
                Mention(Span(e.start_char, e.end_char), e.label_)
                for e in parsed.ents
                if e.label_ in _PERSON_LABELS | {"ORG"}
            ]
        self._counts = Counter(m.entity or m.span.text(doc.text) for m in mentions)
        self._genders = self._gender_votes(mentions)
        candidates = [c for c in (self._candidate(m) for m in mentions) if c is not None]
        covered = [c.referent.span for c in candidates]
        candidates.extend(self._descriptions(covered))
        self._candidates = sorted(candidates, key=lambda c: c.referent.span)
        self._starts = [c.referent.span.start for c in self._candidates]
        self._leaders: list[tuple[Referent, int, int] | None] | None = None
        self._chain_pronouns()

    # -- building ------------------------------------------------------------------------

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def in_quotation(self, char: int) -> bool:
        at = bisect.bisect_right(self._quoted_starts, char) - 1
        return at >= 0 and char < self._quoted[at].end

    def _key(self, m: Mention) -> str:
        return m.entity or m.span.text(self._text)

    def _candidate(self, m: Mention) -> _Candidate | None:
        span = self._parsed.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        key = self._key(m)
        group = _is_group(m)
        name = self._names.get(m.entity or "") or m.span.text(self._text)
        referent = Referent(m.span, name, m.entity, group, self._genders.get(key))
        return _Candidate(
            referent,
            self.sentence_of(m.span.start),
            _role(span.root),
            self.in_quotation(m.span.start),
        )

    def _descriptions(self, named: Sequence[Span]) -> list[_Candidate]:
        """People and groups written as descriptions ("a witness", "the soldier",
        "protesters"): candidates too, so "he" after "a witness said" is the witness."""
        words = lexicon()
        found: list[_Candidate] = []
        starts = sorted(s.start for s in named)
        for chunk in self._parsed.noun_chunks:
            root = chunk.root
            if root.dep_ not in _SUBJECTS or root.pos_ != "NOUN":
                continue
            lemma = root.lemma_.lower()
            plural = root.tag_ == "NNS" and root.lower_ in words.plural_people
            if not plural and (root.tag_ != "NN" or lemma not in words.person_heads):
                continue
            span = Span(chunk.start_char, chunk.end_char)
            at = bisect.bisect_right(starts, span.end) - 1
            if at >= 0 and starts[at] >= span.start:
                continue  # a name is in it ("Egyptian President Hosni Mubarak")
            gender = next(
                (gender_of_word(t.lower_) for t in chunk if gender_of_word(t.lower_)), None
            )
            referent = Referent(span, chunk.text, None, plural, gender)
            found.append(
                _Candidate(
                    referent,
                    self.sentence_of(span.start),
                    _role(root),
                    self.in_quotation(span.start),
                )
            )
        return found

    def _gender_votes(self, mentions: Sequence[Mention]) -> dict[str, Gender]:
        """Each person's gender where the article shows it; ties and silence give none."""
        votes: dict[str, Counter[Gender]] = {}
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            if _is_group(m):
                continue
            key = self._key(m)
            by_sentence.setdefault(self.sentence_of(m.span.start), []).append(m)
            span = self._parsed.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            cues = [span[0]]
            if span.start > 0:
                cues.append(self._parsed[span.start - 1])
            cues.extend(c for c in span.root.children if c.dep_ in ("appos", "attr"))
            if span.root.dep_ == "appos":
                cues.append(span.root.head)
            for cue in cues:
                g = gender_of_word(cue.lower_)
                if g is not None:
                    votes.setdefault(key, Counter())[g] += 2
        sents = list(self._parsed.sents)
        for index, named in by_sentence.items():
            keys = {self._key(m) for m in named}
            if len(keys) != 1 or index >= len(sents):
                continue
            after = named[0].span.end
            for tok in sents[index]:
                if tok.idx < after or self.in_quotation(tok.idx):
                    continue
                g = _pronoun_gender(tok.lower_)
                if g is not None:
                    votes.setdefault(next(iter(keys)), Counter())[g] += 1
        out: dict[str, Gender] = {}
        for key, counter in votes.items():
            ranked = counter.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                out[key] = ranked[0][0]
        return out

    # -- asking --------------------------------------------------------------------------

    def gender(self, entity: str | None) -> Gender | None:
        return self._genders.get(entity) if entity else None

    def pronoun(self, token: Token, speakers: Sequence[Referent] = ()) -> Referent | None:
        """The antecedent of a subject pronoun ("he", "she", "they", "it") outside quotes.

        ``speakers`` are the speakers of the quotes before it, latest last.
        """
        word = token.lower_
        if word in ("he", "she"):
            want_group, gender = False, _pronoun_gender(word)
        elif word in ("they", "it"):
            want_group, gender = True, None
        else:
            return None
        here = self.sentence_of(token.idx)
        scores = self._mention_scores(token, want_group, gender)

        def add(key: str, score: float, referent: Referent) -> None:
            best = scores.get(key)
            scores[key] = (score + (best[0] if best else 0.0), best[1] if best else referent)

        at = bisect.bisect_left(self._starts, token.idx)
        written = self._document_before(token) if word == "it" else None
        for spoke in speakers:
            back = here - self.sentence_of(spoke.span.start)
            # "…,” the report says. It continues: “…”: a document speaks on as "it", unless
            # another document was named since.
            document = word == "it" and _names_document(spoke.name)
            if document and written is not None and written.span.start > spoke.span.end:
                continue
            if back > _CHAIN_REACH or spoke.span.end > token.idx:
                continue
            if spoke.group != want_group and not document:
                continue
            if gender is not None and spoke.gender is not None and spoke.gender != gender:
                continue
            add(spoke.entity or spoke.name, 3.0 * 0.7**back, spoke)
        if not scores and not want_group:
            return self._named_speaker(here, speakers) or self._protagonist(at, gender)
        if not scores and word == "it":
            return written
        if not scores:
            return None
        return max(scores.values(), key=lambda s: s[0])[1]

    def _mention_scores(
        self, token: Token, want_group: bool, gender: Gender | None, links: bool = False
    ) -> dict[str, tuple[float, Referent]]:
        """The mentions before ``token`` that it may stand for, scored by role, nearness and
        how often the article names them (key → score, referent). ``links``: a chained
        "he said" counts too (building the chain; asked for a speaker, the speakers count
        it)."""
        here = self.sentence_of(token.idx)
        scores: dict[str, tuple[float, Referent]] = {}
        at = bisect.bisect_left(self._starts, token.idx)
        linked = False
        for c in reversed(self._candidates[:at]):
            back = here - c.sentence
            if back > _FAR_REACH or (back > _REACH and scores):
                break
            if back > _REACH and c.role != "main":
                continue
            r = c.referent
            if r.span.end > token.idx or r.group != want_group or c.quoted:
                continue
            if gender is not None and r.gender is not None and r.gender != gender:
                continue
            if c.chained and (linked or (c.spoke and not links)):
                continue  # one link of the chain, the latest: guesses must not pile up
            linked = linked or c.chained
            if token.lower_ == "it" and r.entity is None:
                continue
            key = r.entity or r.name
            score = _ROLE_WEIGHT[c.role] * 0.5**back
            if not c.chained:
                score += 0.25 * math.log1p(self._counts[key])
            best = scores.get(key)
            scores[key] = (score + (best[0] if best else 0.0), best[1] if best else r)
        return scores

    def _chain_pronouns(self) -> None:
        """A "he"/"she" subject outside quotation marks that stands for a named person is a
        mention of that person for what follows: "Sheikh Ali was accused … In July 2003 he
        arranged … He was flown to Mosul … 'I told them …,' he said" keeps him in reach
        however long the narrative runs between his names."""
        for token in self._parsed:
            gender = _pronoun_gender(token.lower_)
            if gender is None or token.dep_ not in _SUBJECTS or self.in_quotation(token.idx):
                continue
            scores = self._mention_scores(token, False, gender, links=True)
            if not scores:
                continue
            r = max(scores.values(), key=lambda s: s[0])[1]
            span = Span(token.idx, token.idx + len(token.text))
            chained = _Candidate(
                Referent(span, r.name, r.entity, r.group, r.gender or gender),
                self.sentence_of(token.idx),
                _role(token),
                False,
                chained=True,
                spoke=is_speech_verb(token.head),
            )
            at = bisect.bisect_left(self._starts, span.start)
            self._candidates.insert(at, chained)
            self._starts.insert(at, span.start)

    def _document_before(self, token: Token) -> Referent | None:
        """ "She pointed to a message written in lipstick. It said: …": with no organisation
        in reach, "it" is the document named last in the sentences just before (its issuer
        where the text names one: "The ministry issued a statement. It said …")."""
        here = self.sentence_of(token.idx)
        heads = lexicon().document_heads
        for i in range(token.i - 1, -1, -1):
            tok = self._parsed[i]
            if here - self.sentence_of(tok.idx) > _DOCUMENT_REACH:
                return None
            if (
                tok.pos_ == "NOUN"
                and tok.lemma_.lower() in heads
                and not self.in_quotation(tok.idx)
            ):
                issuer = self.organisation(tok)
                if issuer is not None:
                    return issuer
                words = [t for t in tok.subtree if t.i <= tok.i]
                at = Span(words[0].idx, tok.idx + len(tok.text))
                return Referent(at, f"the {tok.lower_}", None, True)
        return None

    def _protagonist(self, at: int, gender: Gender | None) -> Referent | None:
        """With nobody in reach, the person the piece is about: a profile or an interview
        names its subject now and then and says "he says" in between. The person named most
        so far, when at least half of the person mentions so far are theirs (twice at
        least) and the gender fits."""
        if self._leaders is None:
            self._leaders = self._named_most()
        leader = self._leaders[at - 1] if at else None
        if leader is None:
            return None
        r, count, total = leader
        if count < _PROTAGONIST_MENTIONS or count * 2 < total:
            return None
        if gender is not None and r.gender is not None and r.gender != gender:
            return None
        return r

    def _named_most(self) -> list[tuple[Referent, int, int] | None]:
        """For each candidate, the person named most up to it (first named on a tie), at
        their latest mention, with their count and all person mentions: one pass, asked by
        every unresolved pronoun."""
        people: Counter[str] = Counter()
        latest: dict[str, Referent] = {}
        top: str | None = None
        total = 0
        out: list[tuple[Referent, int, int] | None] = []
        for c in self._candidates:
            r = c.referent
            if not (r.group or c.quoted or c.chained or r.entity is None):
                people[r.entity] += 1
                latest[r.entity] = r
                total += 1
                if top is None or people[r.entity] > people[top]:
                    top = r.entity
            out.append((latest[top], people[top], total) if top is not None else None)
        return out

    def _named_speaker(self, here: int, speakers: Sequence[Referent]) -> Referent | None:
        """With no person in reach, the last speaker written as a personal name even if the
        name tagger took it for an organisation ("said Leo Poon, a microbiologist")."""
        for spoke in reversed(speakers):
            if here - self.sentence_of(spoke.span.start) > _CHAIN_REACH:
                return None
            if spoke.entity is not None and spoke.entity.startswith("gov:"):
                continue
            words = spoke.name.split()
            if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
                return spoke
        return None

    def organisation(self, head: Token) -> Referent | None:
        """The organisation behind a description: "the ministry", "a statement", "a spokesman
        for the ministry", "the army's statement"."""
        words = lexicon()
        lemma = head.lemma_.lower()
        for child in head.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in _ISSUER_PREPS):
                target = child if child.dep_ == "poss" else _pobj(child)
                found = self._group_at(target) if target is not None else None
                if found is not None:
                    return found
            if child.dep_ == "compound":
                found = self._group_at(child)
                if found is not None:
                    return found
        if lemma in words.document_heads:
            return self._issuer(head)
        if lemma in words.group_heads:
            return self._named_group(head, lemma)
        return None

    def person_described(self, head: Token) -> Referent | None:
        """The named person a definite description ("the spokesman") stands for: one written
        beside the same title earlier ("spokesman Robert Gibbs", "Gibbs, the spokesman")."""
        lemma = head.lemma_.lower()
        for c in reversed(self._candidates[: bisect.bisect_left(self._starts, head.idx)]):
            r = c.referent
            if r.group or c.quoted:
                continue
            span = self._parsed.char_span(r.span.start, r.span.end, alignment_mode="expand")
            if span is None:
                continue
            beside = list(span) + [t for t in span.root.children if t.dep_ in ("appos", "compound")]
            if span.start > 0:
                beside.append(self._parsed[span.start - 1])
            if span.root.dep_ == "appos":
                beside.append(span.root.head)
            if any(t.lemma_.lower() == lemma and t.i != head.i for t in beside):
                return r
        return None

    # -- helpers -----------------------------------------------------------------------

    def _group_at(self, token: Token) -> Referent | None:
        at = bisect.bisect_right(self._starts, token.idx) - 1
        for c in self._candidates[max(0, at - 3) : at + 1][::-1]:
            if c.referent.span.start <= token.idx < c.referent.span.end and c.referent.group:
                return c.referent
        return None

    def _named_group(self, head: Token, lemma: str) -> Referent | None:
        """The government of a place named in its clause ("In London, the government"); the
        latest organisation whose name has the description's head ("the Interior Ministry"
        for "the ministry"); else the government in focus for "the government"."""
        if lemma in _GOVERNMENT_HEADS:
            seated = _government_of_place(head)
            if seated is not None:
                return seated  # "In London, the government announced": Britain's
        before = self._candidates[: bisect.bisect_left(self._starts, head.idx)]
        for c in reversed(before):
            r = c.referent
            if r.group and r.entity and lemma in r.span.text(self._text).lower().split():
                return r
        if lemma in _GOVERNMENT_HEADS:
            govs = Counter(
                c.referent.entity
                for c in before
                if c.referent.entity and c.referent.entity.startswith("gov:") and not c.quoted
            )
            if govs:
                top = govs.most_common(1)[0][0]
                return next(c.referent for c in reversed(before) if c.referent.entity == top)
        return None

    def _issuer(self, head: Token) -> Referent | None:
        """Who issued "the statement": the subject of an earlier verb whose object or
        "in a …" phrase is the same document, else the nearest organisation subject."""
        lemma = head.lemma_.lower()
        here = self.sentence_of(head.idx)
        for i in range(head.i, -1, -1):  # backwards from the head, not a copy of all before
            tok = self._parsed[i]
            if self.sentence_of(tok.idx) < here - _REACH:
                break
            if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN":
                continue
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            for child in verb.children:
                if child.dep_ in _SUBJECTS:
                    found = self._group_at(child)
                    if found is not None:
                        return found
        at = bisect.bisect_left(self._starts, head.idx)
        for k in range(at - 1, -1, -1):
            c = self._candidates[k]
            if here - c.sentence > _REACH:
                break
            if c.referent.group and c.referent.entity and c.role in ("main", "subject"):
                return c.referent
        return None


_ISSUER_PREPS = frozenset({"for", "of", "from", "by", "at", "with"})
_GOVERNMENT_HEADS = frozenset({"government", "administration", "regime", "authorities", "cabinet"})


def _names_document(name: str) -> bool:
    """ "the report", "the ministry's statement": a speaker written as a document."""
    words = name.lower().split()
    return bool(words) and words[-1] in lexicon().document_heads


def _government_of_place(head: Token) -> Referent | None:
    """The government a place in the description's own clause stands for: "In London, the
    government announced" is Britain's, whatever country the article spoke of before."""
    verb = head.head if head.dep_ in _SUBJECTS else head
    for prep in (*head.children, *verb.children):
        if prep.dep_ != "prep" or prep.lower_ != "in" or prep.i > head.i:
            continue
        place = _pobj(prep)
        if place is None or place.ent_type_ != "GPE":
            continue
        words = place.doc[place.left_edge.i : place.i + 1]
        country = identity.country_in(words.text)
        if country is not None:
            at = Span(words.start_char, words.end_char)
            return Referent(at, country.name, f"gov:{country.slug}", group=True)
    return None


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _pronoun_gender(word: str) -> Gender | None:
    if word in ("he", "him", "his", "himself"):
        return "male"
    if word in ("she", "her", "hers", "herself"):
        return "female"
    return None


def _role(root: Token) -> str:
    if root.dep_ == "appos" and root.head.dep_ in _SUBJECTS:
        root = root.head
    if root.dep_ in _SUBJECTS:
        return "main" if root.head.dep_ == "ROOT" else "subject"
    if root.dep_ in ("appos", "attr"):
        return "appos"
    if root.dep_ in ("dobj", "dative", "pobj") and root.head.dep_ != "poss":
        return "object"
    return "other"


def _is_actor(m: Mention) -> bool:
    if m.entity is not None:
        return not m.entity.startswith("place:")
    return m.label in _PERSON_LABELS | {"ORG"}


def _is_group(m: Mention) -> bool:
    if m.entity is not None:
        return ":" in m.entity
    return m.label in _GROUP_LABELS


def is_pronoun_speaker(words: Iterable[str]) -> bool:
    """Whether a speaker phrase is a bare pronoun (what the coverage statistics count)."""
    # An acronym is a name, not a pronoun: "WHO said" is the World Health Organization.
    found = [w if len(w) > 1 and w.isupper() else w.lower() for w in words]
    return len(found) == 1 and found[0] in _SPEAKER_PRONOUNS


_SPEAKER_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "this", "that", "who"}
)
