"""Who acts and who is acted on: the argument phrases of an event trigger, as entity ids.

The subject side of the trigger gives the actors, the object side and prepositional
recipients ("talks with", "fired at") the targets. A phrase stands for the entities its head
names, or, when the head is a common noun, for those that modify it as its owner or its
nationality only where the noun acts for them: "Israeli troops", "Iran's foreign minister"
and "the government of Egypt" are their state, but "a son of the leader", "supporters of
Ben Bella" and "Kim's sister" are not the leader, Ben Bella or Kim.

Entity ids come from the ``entities`` stage's mentions (governments from their people,
capitals and demonyms are resolved there); without mentions, spaCy's entities give
``text:`` ids. Lookups go through :class:`MentionIndex`, built once per article, so the cost
stays linear in the text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from storyline.annotate.event_lexicon import AGENT_NOUNS, PARTITIVE_NOUNS, RELATIONAL_NOUNS
from storyline.model import AnnotatedArticle, Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "obj", "dative", "oprd", "attr"})
# Prepositions whose object is on the receiving end of an act ("talks with", "fired at").
RECIPIENT_PREPS = frozenset(
    {"to", "with", "against", "at", "on", "toward", "towards", "upon", "into"}
)
# Dependents through which a trigger inherits its governing verb's subject ("agreed to
# meet", "is open to holding talks").
_INHERIT_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "pobj"})
# Mention labels that never act: numbers, dates, and places that are not polities.
NOT_ACTORS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LOC", "FAC"}
)
ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
# Entity ids of governments (the entities stage resolves countries to them).
_POLITY = "gov:"
# Modifiers that say whose a common noun is ("Iran's", "Israeli", "Hamas", "of Egypt").
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Prepositions that say where an unowned agent noun is based ("security forces in Guinea").
_BASED_PREPS = frozenset({"in", "from"})
# Modifiers that extend a phrase to more of the same (conjuncts, appositions).
_SAME_DEPS = frozenset({"conj", "appos", "cc", "det", "nummod", "quantmod", "punct"})
# Prepositions inside an unnamed target phrase that lead to who is on the receiving end.
# ("positions in Gaza" are Hamas's: a place is a target only when no one else is.)
_TARGET_PREPS = frozenset(
    {"of", "from", "by", "to", "on", "against", "with", "for", "over", "between", "among"}
)
# Words of a plain noun phrase (for a preposition the parser left without its object).
_NOMINAL_POS = frozenset({"DET", "NUM", "ADJ", "NOUN", "PROPN"})
# Pronouns that in news mostly stand for the last group actor (a country, a government).
GROUP_PRONOUNS = frozenset({"it", "they", "its", "their"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
# The reporter's or the outlet's voice, or the reader's: boilerplate outside a quote.
FIRST_SECOND = frozenset({"i", "we", "you", "us", "our", "my", "your"})


class MentionIndex:
    """Actor mentions of one article by character position (binary search, built once)."""

    def __init__(self, doc: AnnotatedArticle, labels: frozenset[str] | None = None) -> None:
        self.mentions: list[Mention] = sorted(
            (m for m in doc.mentions if (m.label in labels if labels is not None else _may_act(m))),
            key=lambda m: m.span,
        )
        self._starts = [m.span.start for m in self.mentions]
        self.text = doc.text

    def at(self, char: int) -> Mention | None:
        """The actor mention covering ``char``, if any."""
        i = bisect.bisect_right(self._starts, char) - 1
        # Mentions do not nest, but a long one may start before a short one ends: look back
        # a few (a constant), not the whole list.
        for j in range(i, max(i - 3, -1), -1):
            m = self.mentions[j]
            if m.span.start <= char < m.span.end:
                return m
        return None

    def id_of(self, mention: Mention) -> str:
        return mention.entity or text_id(mention.span.text(self.text))


def _may_act(mention: Mention) -> bool:
    """An actor's mention: not a number or a bare place, unless the entities stage resolved
    the place to its government ("Ivory Coast rebels": spaCy's LOC, Cote d'Ivoire's)."""
    return mention.label not in NOT_ACTORS or (mention.entity or "").startswith(_POLITY)


def text_id(name: str) -> str:
    """An id for an actor known only by its words ("text:North Korea"), sans possessive."""
    for suffix in ("’s", "'s", "’", "'"):
        name = name.removesuffix(suffix)
    return f"text:{name.strip()}"


def pobjs(prep: Token) -> list[Token]:
    """The objects of a preposition; a dangling one's (the parser hung its noun phrase
    elsewhere: "granted asylum to five army officers holed up ...") is the noun phrase
    right after it."""
    found = [g for g in prep.children if g.dep_ == "pobj"]
    if found or prep.dep_ not in ("prep", "dative"):
        return found
    head: Token | None = None
    for tok in prep.doc[prep.i + 1 : prep.i + 8]:
        if tok.pos_ not in _NOMINAL_POS:
            break
        if tok.pos_ in ("NOUN", "PROPN"):
            head = tok
    return [head] if head is not None else []


def verb_preps(verb: Token) -> list[Token]:
    """The verb's prepositions, with those hanging off its particle ("kidnapped up to 16
    advisers", "handed over to Britain")."""
    found: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep":
            found.append(c)
        elif c.dep_ == "prt":
            found.extend(g for g in c.children if g.dep_ == "prep")
    return found


def argument_tokens(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the subject side and the object side of the trigger."""
    actors: list[Token] = []
    recipients: list[Token] = []
    if trigger.pos_ == "NOUN":
        if trigger.dep_ == "compound":  # "mediation mission": the phrase's head has the args
            trigger = trigger.head
        for c in trigger.children:
            if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ACTOR_LABELS:
                actors.append(c)  # "Iran's talks", not "a 24-hour strike"
            elif c.dep_ == "prep" and c.lower_ in ("by", "between", "among"):
                actors.extend(pobjs(c))
            elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
                recipients.extend(pobjs(c))
        verb = trigger.head
        if not actors and trigger.dep_ in ("dobj", "pobj", "attr") and verb != trigger:
            if verb.dep_ == "prep":
                verb = verb.head
            actors, extra = _verb_arguments(verb, exclude=trigger)
            recipients.extend(extra)
        return actors, recipients
    return _verb_arguments(trigger, exclude=None)


def _verb_arguments(verb: Token, exclude: Token | None) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    recipients: list[Token] = []
    for c in verb.children:
        if c is exclude:
            continue
        if c.dep_ in SUBJECTS:
            actors.append(c)
        elif c.dep_ == "agent":
            actors.extend(pobjs(c))
        elif c.dep_ == "dative" and c.pos_ == "ADP":
            recipients.extend(pobjs(c))  # "extended an invitation to Mr. Moon"
        elif c.dep_ in OBJECTS or c.dep_ == "nsubjpass":
            recipients.append(c)
    for prep in verb_preps(verb):
        if prep is not exclude and prep.lower_ in RECIPIENT_PREPS:
            recipients.extend(pobjs(prep))
    if not actors and verb.dep_ == "acl" and verb.tag_ != "VBN":
        actors.append(verb.head)  # "aid groups donating food": the noun acts
    head = verb
    for _ in range(4):  # "agreed to meet": the subject of "agreed" meets
        if actors or head.dep_ not in _INHERIT_SUBJECT or head.head.i == head.i:
            break
        head = head.head
        actors = [c for c in head.children if c.dep_ in SUBJECTS]
    return actors, recipients


def phrase_tokens(
    heads: Iterable[Token], index: MentionIndex | None, target: bool = False
) -> list[Token]:
    """The tokens of the argument phrases under ``heads`` that say who the argument is.

    A named head and its conjuncts and appositions count; a common-noun head counts its
    nationality ("Kurdish protesters", "Hamas fighters"), and its owner ("Iran's foreign
    minister", "the government of Egypt") when the noun acts for its owner; a target's
    owner counts unless the noun is a person tied to it ("Haiti's efforts" is Haiti, "Kim's
    sister" is not Kim). "Thousands of Iraqi Kurds" are the Kurds.
    """
    out: list[Token] = []
    stack = list(heads)
    # A dangling preposition's noun phrase (see pobjs) may be the phrase's own head or above
    # it: each token is visited once, or the walk would go round for ever.
    seen: set[int] = set()
    while stack:
        tok = stack.pop()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        out.append(tok)
        named = bool(tok.ent_type_) or (index is not None and index.at(tok.idx) is not None)
        word = tok.lower_
        lemma = tok.lemma_.lower()
        relational = word in RELATIONAL_NOUNS or lemma in RELATIONAL_NOUNS
        owned = named or word in AGENT_NOUNS or lemma in AGENT_NOUNS or (target and not relational)
        through_of = owned or word in PARTITIVE_NOUNS or tok.pos_ == "NUM"
        for c in tok.children:
            dep = c.dep_
            if dep in _SAME_DEPS or dep in ("amod", "compound", "nmod"):
                stack.append(c)  # "Israeli troops", "Hamas fighters", "U.N. envoy"
            elif dep == "poss" and owned and not relational:
                stack.append(c)  # "Iran's foreign minister", not "Kim's sister"
            elif dep == "prep" and c.lower_ == "of" and through_of and not relational:
                stack.extend(pobjs(c))  # "the government of Egypt", not "a son of the leader"
            elif dep == "prep" and target and not named and c.lower_ in _TARGET_PREPS:
                # "accepted demands from the rebels", "lift the ban on the FIS"
                stack.extend(pobjs(c))
            elif dep == "prep" and c.lower_ in _BASED_PREPS and _unowned_agent(tok, index):
                stack.extend(pobjs(c))  # "security forces in Guinea", "rebels from Chad"
            elif dep == "acl" and target and not named:
                # "refugees fleeing the war in Liberia", "the curfew imposed in Sudan", "the
                # demonstration staged by students": who the unnamed thing belongs to
                stack.extend(_clause_arguments(c))
    return out


def _unowned_agent(tok: Token, index: MentionIndex | None) -> bool:
    """A noun that acts for someone ("forces", "rebels", "officials") with no one named on
    it ("Israeli forces in Lebanon" are Israel's, not Lebanon's)."""
    if tok.lower_ not in AGENT_NOUNS and tok.lemma_.lower() not in AGENT_NOUNS:
        return False
    if tok.ent_type_ or (index is not None and index.at(tok.idx) is not None):
        return False
    return not any(
        c.dep_ in _OWNER_DEPS and (c.ent_type_ or (index is not None and index.at(c.idx)))
        for c in tok.children
    )


def _clause_arguments(clause: Token) -> list[Token]:
    """The objects and prepositional objects of a participle clause on a noun."""
    found = [c for c in clause.children if c.dep_ in ("dobj", "agent")]
    found += [g for p in verb_preps(clause) for g in pobjs(p)]
    found += [g for a in clause.children if a.dep_ == "agent" for g in pobjs(a)]
    return found


def entity_ids(
    doc: AnnotatedArticle,
    heads: Sequence[Token],
    index: MentionIndex | None,
    within: Span | None = None,
    target: bool = False,
) -> tuple[str, ...]:
    """Ids of the actors named in the phrases under ``heads`` (inside ``within``)."""
    tokens = [
        t
        for t in phrase_tokens(heads, index, target)
        if within is None or within.start <= t.idx < within.end  # not across a bad split
    ]
    ids: list[str] = []
    if index is not None and index.mentions:
        for t in sorted(tokens, key=lambda t: t.i):
            m = index.at(t.idx)
            if m is not None:
                ids.append(index.id_of(m))
    elif tokens:
        for t in sorted(tokens, key=lambda t: t.i):
            if t.ent_type_ in ACTOR_LABELS:
                ids.append(text_id(entity_text(t)))
    return tuple(dict.fromkeys(ids))


def pronoun_of(heads: Sequence[Token]) -> str | None:
    """The pronoun an argument is, lower-cased, when it is one ("it", "they", "we")."""
    for h in heads:
        if h.pos_ == "PRON" or h.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS | FIRST_SECOND:
            return h.lower_
    return None


def antecedent_subject(trigger: Token) -> list[Token]:
    """The nearest governing clause's non-pronoun subject: "Syria says it is willing to
    withdraw" makes "it" Syria, "Bouteflika said he is prepared to lift" makes "he" him,
    "the King was quoted as saying he would host" makes "he" the King."""
    tok = trigger
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS or c.dep_ == "nsubjpass"]
        if subjects and pronoun_of(subjects) is None:
            return subjects  # the pronoun's own clause is passed over: it says "it"
    return []


def place_targets(trigger: Token, places: MentionIndex | None) -> list[str]:
    """Where an act with no one on its receiving end was done to: "lifted a state of
    emergency in West Darfur", "staged rallies in Baku" (CAMEO's target convention)."""
    if places is None:
        return []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    found: list[str] = []
    for prep in (
        *verb.children,
        *(g for c in verb.children if c.dep_ == "dobj" for g in c.children),
    ):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "into", "at", "near", "inside"):
            continue
        for obj in pobjs(prep):
            for tok in (obj, *(g for p in obj.children if p.lower_ == "of" for g in pobjs(p))):
                m = places.at(tok.idx)
                if m is not None and m.label in ("GPE", "LOC"):
                    found.append(places.id_of(m))
    return list(dict.fromkeys(found))


def entity_text(tok: Token) -> str:
    """The words of spaCy's entity around ``tok``, read off the tokens (``Span.ents`` walks
    every entity of the document on each call: quadratic over a long article)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def sentence_entities(sent: SpacySpan, labels: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of spaCy's entities with ``labels`` that begin in ``sent``."""
    found: list[tuple[int, int]] = []
    for tok in sent:
        if tok.ent_iob_ == "B" and tok.ent_type_ in labels:
            end = tok.i + 1
            while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
                end += 1
            last = tok.doc[end - 1]
            found.append((tok.idx, last.idx + len(last)))
    return found
