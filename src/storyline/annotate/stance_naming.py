"""A stance's target named as a reader would write it: "a no-fly zone over Libya", "Mubarak
stepping down", "stopping the drilling west of Shetland".

The words come from the parse of the target (:class:`.stance_targets.OpenTarget`): a noun
phrase with its own prepositional phrases, or an act with its particles, object and first
prepositional phrase, as one contiguous run; an act is named by its gerund after whoever does
it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from storyline.annotate.stance_targets import (
    _ACT_PARTS,
    _DETERMINERS,
    _PARTICLES,
    OpenTarget,
    _passive,
    cue_words,
)
from storyline.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Token

# Longest target phrase kept, in tokens: past that it is a clause, not a proposal.
MAX_TARGET_TOKENS = 12
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_TARGET_PREPS = frozenset({"of", "over", "on", "in", "for", "against", "to", "with", "from", "by"})
_QUOTE_MARKS = frozenset({"“", "”", '"', "``", "''", "‘", "’"})
_PHRASE_PARTS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})


def target_tokens(t: OpenTarget) -> list[Token]:
    """The words of the target as written: a noun phrase with its prepositional phrases, or
    an act with its particles, object and first prepositional phrase."""
    root = t.root
    keep: list[Token] = [root]
    # Quotation marks hang on the verb: 'hold “free and fair elections”'.
    keep.extend(c for c in root.children if c.text in _QUOTE_MARKS)
    if t.act:
        if t.actor is not None and t.actor.head.i == root.i:
            keep.extend(t.actor.subtree)
        for child in root.children:
            first_prep = (
                child.dep_ == "prep"
                and child.i > root.i  # "Instead of ..., the US should call for X"
                and not any(c.dep_ == "prep" and c.i > root.i for c in keep)
            )
            particle = child.dep_ == "advmod" and child.lower_ in _PARTICLES
            if first_prep or particle or child.dep_ in _ACT_PARTS:
                keep.extend(child.subtree)
    else:
        for child in root.children:
            own_prep = child.dep_ == "prep" and child.lower_ in _TARGET_PREPS
            if own_prep or child.dep_ in _PHRASE_PARTS:
                keep.extend(child.subtree)
    keep = sorted(set(keep), key=lambda x: x.i)
    # A contiguous run around the root, cut at punctuation and at the length limit.
    lo = hi = keep.index(root)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1 and _joins(keep[lo - 1]):
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1 and _joins(keep[hi + 1]):
        hi += 1
    run = keep[lo : hi + 1]
    doc = root.doc
    while run[0].i >= 2 and doc[run[0].i - 1].text in "-–" and not doc[run[0].i - 2].whitespace_:
        if doc[run[0].i - 1].whitespace_:
            break
        run = [doc[run[0].i - 2], doc[run[0].i - 1], *run]  # "re-election" split by the parser
    if len(run) > MAX_TARGET_TOKENS:
        start = max(0, run.index(root) - 4)
        run = run[start : start + MAX_TARGET_TOKENS]
    while run and (run[-1].dep_ in ("cc", "prep", "det", "case") or run[-1].is_punct):
        run.pop()
    while run and run[0].is_punct:
        run.pop(0)
    while run and (run[0].dep_ in ("cc", "mark", "aux", "preconj") or run[0].tag_ == "CC"):
        if run[0] is root:
            break
        run.pop(0)  # "support for both an ally and ...": "both" binds the pair, not the one
    return run


def _joins(token: Token) -> bool:
    """A token a target phrase runs through: a word, a hyphen inside a compound, or a
    quotation mark ("engage in “meaningful negotiations”")."""
    if not token.is_punct:
        return True
    return (token.text in "-–" and not token.whitespace_) or token.text in _QUOTE_MARKS


def target_span(t: OpenTarget) -> Span | None:
    run = target_tokens(t)
    if not run:
        return None
    return Span(run[0].idx, run[-1].idx + len(run[-1].text))


def target_name(
    t: OpenTarget, holder_name: str | None, name_of: Callable[[Token], str | None]
) -> str | None:
    """A readable name for the target: "a no-fly zone over Libya", "Mubarak stepping down".

    ``name_of`` gives an actor's display name for a token (a pronoun resolved), so "his
    resignation" reads "Mubarak's resignation".
    """
    run = target_tokens(t)
    if not run:
        return None
    words: list[str] = []
    for tok in run:
        if tok.text in _QUOTE_MARKS:
            continue
        if tok.text in "-–" and not tok.whitespace_ and words:
            words[-1] = words[-1] + tok.text
            continue
        if words and words[-1].endswith(("-", "–")):
            words[-1] = words[-1] + tok.text
            continue
        if tok.i == t.root.i and t.act:
            words.append(f"being {tok.text}" if _passive(tok) else gerund(tok))
            continue
        if t.actor is not None and t.actor.left_edge.i <= tok.i <= t.actor.right_edge.i:
            continue  # the actor is named in front
        if tok.lower_ in _POSSESSIVE_PRONOUNS and tok.dep_ == "poss":
            # Inside an act, "his" is the actor's own ("Mubarak dropping his plans").
            named = None if t.act else name_of(tok)
            if t.act:
                words.append(tok.text)
                continue
            words.append(f"{named}'s" if named else tok.text)
            continue
        if tok.lower_ == "to" and tok.dep_ == "aux" and tok.head.i == t.root.i:
            continue
        words.append(tok.text + tok.whitespace_ if tok.whitespace_ else tok.text)
    text = " ".join(w.strip() for w in words if w.strip())
    text = text.replace(" 's", "'s").replace(" ’s", "’s")
    first = text.split(" ", 1)
    if len(first) == 2 and first[0].lower() in _DETERMINERS and first[0].lower() != "a":
        text = first[1]
    elif len(first) == 2 and first[0].lower() == "no" and t.polarity < 0:
        text = first[1]  # "there must be no more delay": against more delay
    if t.act and (t.actor is not None or t.holder_acts or not t.prescribed):
        actor = name_of(t.actor) if t.actor is not None else holder_name
        if not actor:
            return None
        text = f"{actor} {text}"
    # A judged act nobody in particular does ("it is vital to switch to ...") stays bare.
    text = text.strip()
    if not t.act and text.lower() in cue_words().vague_alone:
        return None  # "called for an end", "backed the people": what end, which people?
    return text or None


# Verbs of two syllables stressed on the last, which double their final consonant.
_STRESSED_FINAL = frozenset(
    {"begin", "occur", "refer", "admit", "commit", "permit", "control", "prefer", "regret"}
    | {"forget", "submit", "omit", "transfer", "compel", "expel", "propel", "equip", "confer"}
    | {"deter", "incur", "recur", "rebel", "patrol", "acquit", "abet", "allot", "defer"}
    | {"infer", "upset", "forbid", "embed", "remit", "emit", "outbid"}
)


def gerund(verb: Token) -> str:
    """ "step" → "stepping", "leave" → "leaving", "resign" → "resigning"."""
    base = verb.lemma_.lower() if verb.lemma_ else verb.lower_
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    if base in _STRESSED_FINAL:
        return base + base[-1] + "ing"  # "beginning", "committing"
    vowels = "aeiou"
    if (
        len(base) >= 3
        and base[-1] not in vowels + "wxy"
        and base[-2] in vowels
        and base[-3] not in vowels
        and sum(ch in vowels for ch in base) == 1
    ):
        return base + base[-1] + "ing"
    return base + "ing"
