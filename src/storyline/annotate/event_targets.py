"""Where the target is when the trigger's own object names no one.

News often puts the one acted on one clause away from the trigger word:

- in a complement clause: "demanded that the US cancel the sale" (the US), "threatened to
  ban voting in East Jerusalem" (what is banned names no one: the place it is banned in);
- in a purpose clause: "opened fire to disperse fundamentalist demonstrators", "began a
  hunger strike to protest against Sweden's decision";
- in a protest phrase: "staged a strike in protest against the government's refusal".

:func:`target_alternatives` lists those phrases, most direct first; the stage takes the
first that names an entity (CAMEO's convention: the target is whoever the act is aimed at,
the place it was done in only when no one is named).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from storyline.annotate.event_args import SUBJECTS, argument_tokens, pobjs, verb_preps

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns that make "in X of/against Y" a protest aimed at Y ("in protest against the ban").
_PROTEST_NOUNS = frozenset({"protest", "opposition", "response", "retaliation", "solidarity"})
# Prepositions after those nouns that name what is protested ("in protest of", "against").
_AIMED_PREPS = frozenset({"of", "against", "at", "over", "to"})
# Subordinators of a clause that happens alongside the act ("when", "as street battles
# raged in central Baghdad") and may say where it happened.
_WHILE = frozenset({"when", "as", "while"})
_MARKS = frozenset({"mark", "advmod"})
# Prepositions that name what an accusation is about ("complained over the raids").
_GRIEVANCE_PREPS = frozenset({"over", "about"})
# Subordinators of the condition a threat or an offer is made on.
_CONDITIONS = frozenset({"if", "unless"})
# Subordinators that open a purpose clause ("in order to", "so as to").
_PURPOSE_MARKS = frozenset({"to", "in", "order", "so", "as"})


def governing_verb(trigger: Token) -> Token:
    """The verb whose clause an event noun belongs to ("began a hunger strike", "remained
    on alert"): up through its object or preposition; a verb trigger is its own."""
    tok = trigger
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        if tok.dep_ not in ("dobj", "pobj", "prep", "compound", "attr", "nsubjpass"):
            return tok
        tok = tok.head
    return tok


def is_purpose_clause(clause: Token) -> bool:
    """ "to protest", "in order to press": an infinitival adverbial clause of purpose."""
    if clause.dep_ != "advcl" or clause.pos_ not in ("VERB", "AUX"):
        return False
    return clause.tag_ == "VB" and any(
        c.dep_ in ("aux", "mark") and c.lower_ in _PURPOSE_MARKS for c in clause.children
    )


def target_alternatives(trigger: Token) -> Iterator[list[Token]]:
    """Heads of phrases that may name the trigger's target, most direct first."""
    verb = governing_verb(trigger)
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    for clause in clauses:
        subjects = [g for g in clause.children if g.dep_ in SUBJECTS or g.dep_ == "nsubjpass"]
        if subjects and clause.dep_ == "ccomp":
            yield subjects  # "demanded that the US cancel": the US is asked
        if clause.pos_ in ("VERB", "AUX"):
            yield argument_tokens(clause)[1]
    for clause in verb.children:
        if is_purpose_clause(clause):
            yield argument_tokens(clause)[1]
    yield from _protest_phrases(verb, trigger)
    # Last, whom the act takes something away from: "withdraw its troops from Lebanon",
    # "received observers from the OSCE".
    for acting in (verb, *complement_verbs(verb)):
        yield [g for p in verb_preps(acting) if p.lower_ == "from" for g in pobjs(p)]
    # Then whom or what it is for: "called for sanctions against Nigeria", "calling for
    # independence from Spain".
    for acting in (verb, *complement_verbs(verb)):
        yield [g for p in verb_preps(acting) if p.lower_ == "for" for g in pobjs(p)]
    # A participle or coordinated verb shares its governing act's target: "launched rocket
    # fire against guerrilla camps, killing or wounding 50".
    head = verb
    for _ in range(3):
        if head.dep_ not in ("conj", "advcl") or head.head.i == head.i:
            break
        if head.dep_ == "advcl" and head.tag_ != "VBG":
            break  # "after", "when", "because" clauses are other acts
        head = head.head
        yield argument_tokens(head)[1]


def _protest_phrases(verb: Token, trigger: Token) -> Iterator[list[Token]]:
    """ "in protest against the ban", "in response to the raid": what the act answers."""
    heads = {verb, trigger}
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "as"):
                continue
            for noun in pobjs(prep):
                if noun.lemma_.lower() not in _PROTEST_NOUNS:
                    continue
                for aimed in noun.children:
                    if aimed.dep_ == "prep" and aimed.lower_ in _AIMED_PREPS:
                        yield pobjs(aimed)


def condition_subjects(trigger: Token) -> list[Token]:
    """Who a conditional act is aimed at: "will stop negotiations if the United States
    deploys missiles", "will attack unless the army withdraws" (the one who must comply)."""
    verb = governing_verb(trigger)
    for acting in (verb, *complement_verbs(verb)):
        for clause in acting.children:
            if clause.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in clause.children
            ):
                return [c for c in clause.children if c.dep_ in SUBJECTS]
    return []


def accused_first(trigger: Token, heads: list[Token]) -> list[Token]:
    """An accusation's target is the accused, not its audience: "complained to the United
    Nations over Israeli air raids" accuses Israel (the UN only hears it); the audience
    stays the target when no grievance is named."""
    verb = governing_verb(trigger)
    grievance = [g for p in verb_preps(verb) if p.lower_ in _GRIEVANCE_PREPS for g in pobjs(p)]
    if not grievance:
        return heads
    audience = {g.i for p in verb_preps(verb) if p.lower_ == "to" for g in pobjs(p)}
    return grievance + [h for h in heads if h.i not in audience and h not in grievance]


def companion_verbs(verb: Token) -> list[Token]:
    """Verbs coordinated with the trigger's or of its time clause, which may name the place
    it happened in: "established ties with and opened an embassy in Tehran", "killed 23
    people when they blew themselves up in Tel Aviv"."""
    found = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    found += [
        c
        for c in verb.children
        if c.dep_ == "advcl" and any(m.lower_ in _WHILE for m in c.children if m.dep_ in _MARKS)
    ]
    return found


def complement_verbs(verb: Token) -> list[Token]:
    """The verbs of the trigger's complement and purpose clauses ("threatened to ban")."""
    return [
        c
        for c in verb.children
        if c.pos_ in ("VERB", "AUX") and (c.dep_ == "xcomp" or is_purpose_clause(c))
    ]
