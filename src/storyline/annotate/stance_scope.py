"""Where an open stance cue states no position of its holder.

:func:`storyline.annotate.stance_rules.asserted` leaves out conditions, hypotheticals and
predictions. An open cue (:mod:`.stance_targets`) is also out of its holder's mouth when its
clause is

- **prescribed** from above: "Egyptians need to see that *the US is supporting* them" is
  ElBaradei's wish, not the US's stance (the prescription is ElBaradei's own stance);
- **demanded** by another cue: "urged Egypt *to support* X", "calls for the administration
  *to push for* X": the outer cue's holder asks for it; the one asked holds nothing yet;
- **hedged** or **asked** in the passive: "it has been suggested that *BP lobbied for* his
  release", "France was urged *to support* X";
- the **content of a noun**: "no indication *that he will bow* to demands", "it is not the
  place of the United States *to support or oppose* his ouster". A noun of intention keeps
  its holder's position ("his decision *to reject* the plan").
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from storyline.annotate.stance_rules import path_up
from storyline.annotate.stance_targets import (
    CueWords,
    actor_of_act,
    is_cue,
    modal_of,
    targets_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def unasserted(cue: Token, words: CueWords, prescribed: bool = False) -> str | None:
    """Why ``cue`` gives its holder no position (a short reason), or None when it does.

    ``prescribed`` marks a cue that is itself a prescription ("Mubarak must step down"),
    whose own modal is what makes it a stance."""
    path = path_up(cue)
    for below, token in pairwise(path):
        if not prescribed and modal_of(token) is not None:
            return "under a prescription"
        if _demanded(below, token, words):
            return "asked for by another cue"
        lemma = token.lemma_.lower()
        voiced = prescribed and lemma in words.voiced_nouns  # "his statement that X should"
        noun = token.pos_ == "NOUN" and lemma not in words.intention_nouns and not voiced
        if noun and below.dep_ in ("acl", "relcl") and _content(below):
            return "the content of a noun"
        if below.dep_ == "advcl" and _for_to(below):
            return "a clause of what is wanted"
        if below.dep_ in ("ccomp", "xcomp", "oprd") and _passive(token):
            return "reported or asked by someone unnamed"
    return None


def _demanded(act: Token, cue: Token, words: CueWords) -> bool:
    """``act`` is what ``cue`` asks someone else to do ("urged Egypt to support", "demanded
    that he resign"): a target of the cue, in the base form, done by someone named. A told
    fact ("promised that America supported") is no demand."""
    if act.tag_ != "VB" or not is_cue(cue, words):
        return False
    if all(r.i != act.i for r, _ in targets_of(cue, words)):
        return False
    return actor_of_act(cue, act, words) is not None


def _content(clause: Token) -> bool:
    """A clause that spells out a noun: "the indication that ...", "the place to ..."."""
    return any(
        (c.dep_ == "mark" and c.lower_ == "that") or (c.dep_ == "aux" and c.lower_ == "to")
        for c in clause.children
    )


def _passive(verb: Token) -> bool:
    """ "It has been suggested that BP lobbied for", "France was urged to support": what a
    passive verb says of its subject comes from someone else."""
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "auxpass" for c in verb.children)


def _for_to(clause: Token) -> bool:
    """ "for the administration to push for X": a wanted act, not a done one."""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return "for" in marks and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
