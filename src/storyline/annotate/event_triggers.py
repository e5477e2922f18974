"""Where a sentence says something happened: trigger words and the PLOVER types they signal.

A trigger lexicon over the parse (``plover.TRIGGERS``) proposes types at verbs and event
nouns, refined by the clause: an object that names the act ("imposed sanctions", "opened
fire"), negation ("would not accept" rejects; "did not attack" is nothing), a condition
("will attack unless ..." threatens) or an intent ("agreed to withdraw" concedes), or a
pattern of PETRARCH's CAMEO verb dictionary ("began a hunger strike" protests). Each
candidate is weighted by where its trigger sits in the clause: main verbs outrank embedded
ones and verbs outrank event nouns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.annotate.cameo_verbs import (
    PatternPlace,
    match_places,
    verb_object_type,
    verb_patterns,
    verb_type,
)
from storyline.annotate.event_args import ACTOR_LABELS, OBJECTS, pobjs
from storyline.annotate.event_context import is_denied
from storyline.annotate.plover import (
    OBJECT_CUES,
    TRIGGERS,
    VERB_OBJECT_TYPES,
    WEAK_TRIGGERS,
    compatible_pentacodes,
    pentacode_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Words that make "strike", "fire" or "launch" military rather than a walkout or a test.
_MILITARY = {
    "air", "airstrike", "jet", "warplane", "aircraft", "drone", "missile", "rocket",
    "artillery", "bomb", "troop", "army", "military", "shell", "kill", "wound", "target",
}  # fmt: skip
_FUTURE = {"will", "would", "shall", "'ll", "’ll"}
_MODAL = _FUTURE | {"may", "might", "could"}
_INTENT_VERBS = {
    "agree", "promise", "pledge", "plan", "offer", "decide", "vow", "intend", "commit",
    "propose", "prepare", "swear", "ready", "willing", "prepared",
}  # fmt: skip
# The manual codes an act announced, promised or threatened as the verbal type: a future
# cooperative act is AGREE, a future retreat CONCEDE, a future use of force THREATEN.
_INTENT_TYPES = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "CONCEDE": "AGREE",  # CAMEO 035 "express intent to yield" is AGREE (CAMEO2PLOVER)
    "RETREAT": "CONCEDE",
    "ASSAULT": "THREATEN",
    "COERCE": "THREATEN",
    "SANCTION": "THREATEN",
    "PROTEST": "THREATEN",  # "said they would boycott all contact"
}
_SAYING = {
    "say", "declare", "state", "tell", "insist", "warn", "stress", "add", "announce",
    "reiterate", "repeat", "conclude", "emphasize", "emphasise", "argue", "write",
}  # fmt: skip
# Modals of obligation: what follows is demanded, not done ("Libya must hand over").
_OBLIGED = {"must"}
_ATTACK_PREPS = {"at", "on", "against", "toward", "towards"}
_TARGETS = {
    "target", "base", "position", "city", "town", "village", "ship", "force", "troop",
    "soldier", "civilian", "camp", "area", "neighborhood", "territory",
}  # fmt: skip


# How much more a trigger counts when its object names the act ("imposed sanctions",
# "halted aid", "fired rockets at") than a trigger word alone.
SPECIFIC_WEIGHT = 1.5


@dataclass(frozen=True)
class Candidate:
    """A trigger, the PLOVER types it may signal (most likely first), and its weight;
    ``cameo`` when only the CAMEO verb dictionary knows the verb (it names an act the
    classifier is sure of, but does not make one)."""

    trigger: Token
    types: tuple[str, ...]
    weight: float
    cameo: bool = False


def candidates(sent: SpacySpan) -> list[Candidate]:
    """Every trigger in the sentence with the types it may signal there; those inside a
    relative clause only where the rest of the sentence names no act ("lifted the curfew
    in Kano, where 30 people were killed" lifts; "has not tested since Nov. 29, when it
    launched a missile" launches)."""
    found = list(_triggers(sent))
    main = [c for c in found if not _in_relative_clause(c.trigger)]
    return main or found


def _triggers(sent: SpacySpan) -> Iterable[Candidate]:
    by_object: dict[int, str] = {}
    # An object that says what its verb did ("halted aid", "staged demonstrations") is the
    # verb's act, not one of its own.
    consumed: set[int] = set()
    by_pattern: dict[int, str] = {}
    for tok in sent:
        if tok.pos_ == "VERB":
            lemma = _phrasal_lemma(tok)
            found = _type_from_object(tok, lemma)
            if found is not None:
                by_object[tok.i] = found[0]
                if found[1] is not None:
                    consumed.add(found[1].i)
            elif (patterned := cameo_pattern_type(tok, lemma)) is not None:
                by_pattern[tok.i] = patterned  # "began a hunger strike" protests
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN") or tok.i in consumed or _in_obligation(tok):
            continue
        if _reacted_to(tok):
            continue
        lemma = _phrasal_lemma(tok)
        types = TRIGGERS.get(lemma, ())
        cameo = False
        if not types and lemma not in WEAK_TRIGGERS and tok.pos_ == "VERB":
            known_type = verb_type(lemma)  # "rioted", "shelled", "repatriated"
            if known_type and not _names_act_in_object(tok):
                types, cameo = (known_type,), True
        known = types or lemma in WEAK_TRIGGERS or tok.i in by_object  # "reduced supplies"
        known = known or tok.i in by_pattern
        if not known or _governed_by_trigger(tok):
            continue
        if tok.i in by_object:
            types = (by_object[tok.i],)
        elif tok.i in by_pattern:
            types, cameo = (by_pattern[tok.i],), False
        elif lemma in WEAK_TRIGGERS and not (
            types and (_refuses(tok, types) or _promises(tok, types))
        ):
            # A vague verb alone; but "will not accept (allow) refugees" rejects and "would
            # allow the return of inspectors" promises.
            continue
        types = _disambiguate(tok, lemma, types)
        if is_denied(tok):
            # "would not accept refugees" rejects; "did not attack" (or "held no talks")
            # is no event at all.
            if pentacode_of(types[0]) not in (1, 2):
                continue
            types = ("REJECT",)
        elif (condition := _condition(tok)) is not None:
            # "will boycott (or withdraw) unless the president steps down" threatens; "would
            # meet the mediator if he gave them a veto" offers.
            offer = condition == "if" and _cooperative(types[0])
            types = ("AGREE",) if offer else ("THREATEN",)
        elif _is_willing(tok):
            # "agreed to lift", "is willing to withdraw": the manual's AGREE ("agree to,
            # offer, promise, or otherwise indicate willingness ... to cooperate").
            types = tuple(
                dict.fromkeys(
                    "AGREE" if _cooperative(t) else _INTENT_TYPES.get(t, t) for t in types
                )
            )
        elif _is_intended(tok):
            types = tuple(dict.fromkeys(_INTENT_TYPES.get(t, t) for t in types))
        # A verb and its object together ("imposed sanctions") say more than a verb alone.
        specific = SPECIFIC_WEIGHT if tok.i in by_object else 1.0
        yield Candidate(tok, types, specific * _position_weight(tok), cameo and not specific > 1)
    yield from _obligations(sent)


def _phrasal_lemma(tok: Token) -> str:
    """ "called off" → "call off" when the lexicon (or CAMEO's) knows the phrasal verb."""
    lemma = _lemma(tok)
    for c in tok.children:
        if c.dep_ == "prt":
            phrasal = f"{lemma} {c.lower_}"
            if _known(phrasal):
                return phrasal
    return lemma


def _known(lemma: str) -> bool:
    return lemma in TRIGGERS or lemma in WEAK_TRIGGERS or verb_type(lemma) is not None


def _lemma(tok: Token) -> str:
    """The token's lemma; for a past form the lemmatizer got wrong ("staged" → "stag"),
    the regular stem that the lexicon or CAMEO knows ("stage")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN") or _known(lemma):
        return lemma
    word = tok.lower_
    if word.endswith("ed"):
        for stem in (word[:-1], word[:-2]):  # "staged" → "stage", "shelled" → "shell"
            if _known(stem):
                return stem
    return lemma


# How far around a verb CAMEO's pattern words are looked for (tokens before; tokens of
# its own phrase after).
_PATTERN_BEFORE = 3
_PATTERN_AFTER = 10


def cameo_pattern_type(tok: Token, lemma: str) -> str | None:
    """The type of the longest CAMEO pattern of the verb's block that the words around
    it match ("began a hunger strike" protests, "issued an ultimatum" threatens); None
    where none does. A pattern needs a content word: "clashed in" alone
    says nothing."""
    patterns = verb_patterns(lemma)
    if not patterns:
        return None
    own = _own_phrase(tok)
    before = [t.lower_ for t in own if tok.i - _PATTERN_BEFORE <= t.i < tok.i]
    after = [t.lower_ for t in own if tok.i < t.i <= tok.i + _PATTERN_AFTER]
    best: tuple[int, str] | None = None
    own_type = verb_type(lemma)
    listed = TRIGGERS.get(lemma, ())
    for pattern in patterns:
        if (best is not None and pattern.size <= best[0]) or pattern.plover_type == own_type:
            continue  # a pattern that repeats the verb's own code says nothing more
        if (pattern.size < 2 and _same_codes(pattern.plover_type, listed)) or not any(
            map(_content_place, (*pattern.before, *pattern.after))
        ):
            # One word may choose among the lexicon's types or change the pentacode, not
            # swap the type: the manual's "arrested protesters" is COERCE, not CAMEO's
            # 175 (repression, ASSAULT).
            continue
        if match_places(pattern.before, before) and match_places(pattern.after, after):
            best = (pattern.size, pattern.plover_type)
    return best[1] if best else None


# Clauses under a verb that say their own act: a pattern of the verb does not reach them.
_OWN_CLAUSES = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "csubj"})


def _same_codes(plover_type: str, listed: tuple[str, ...]) -> bool:
    """Whether a type is another the lexicon does not list for the word, in the same
    pentacode as the lexicon's first: a swap, not a choice among the word's senses."""
    return (
        bool(listed)
        and plover_type not in listed
        and compatible_pentacodes(plover_type) <= compatible_pentacodes(listed[0])
    )


def _content_place(place: PatternPlace) -> bool:
    """Whether a pattern's place names something: not only words like "in" or "against"."""
    return any(w.rstrip("_") not in STOP_WORDS for alt in place for w in alt)


def _own_phrase(tok: Token) -> list[Token]:
    """The verb's subtree without the clauses it reports or joins ("said they would
    boycott", "refused ... and urged"), in text order."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ not in _OWN_CLAUSES]
    return sorted(out, key=lambda t: t.i)


def _names_act_in_object(tok: Token) -> bool:
    """ "intensified its bombardment", "stepped up attacks": a verb of degree or phase
    whose object is itself an act leaves the act to its object."""
    return any(
        c.dep_ in OBJECTS and (c.lemma_.lower() in TRIGGERS or verb_type(c.lemma_.lower()))
        for c in tok.children
    )


def _governed_by_trigger(tok: Token) -> bool:
    """ "refused to meet", "urged Iraq to cooperate": the governing verb says what happened."""
    head = tok.head
    return (
        tok.dep_ in ("xcomp", "ccomp")
        and head.pos_ == "VERB"
        and head.lemma_.lower() in TRIGGERS
        and head.lemma_.lower() not in WEAK_TRIGGERS
        and head.lemma_.lower() not in _INTENT_VERBS
    )


def _is_intended(tok: Token) -> bool:
    """ "will provide aid", "agreed to allow", "is ready to contribute": not (yet) done."""
    if tok.pos_ != "VERB":
        return False
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children):
        return True
    return is_infinitive(tok) and tok.head.lemma_.lower() in _INTENT_VERBS


def _is_willing(tok: Token) -> bool:
    """ "agreed to lift", "is prepared to withdraw": an act under a verb of intent."""
    return tok.pos_ == "VERB" and is_infinitive(tok) and tok.head.lemma_.lower() in _INTENT_VERBS


def is_infinitive(tok: Token) -> bool:
    """Whether ``tok`` is the to-infinitive its head governs ("agreed to lift"); the parser
    labels some ("have sworn to fight until ...") as adverbial clauses."""
    if tok.dep_ == "xcomp":
        return True
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _refuses(tok: Token, types: tuple[str, ...]) -> bool:
    """ "will not accept", "did not allow": a cooperative verb denied is a refusal."""
    return tok.pos_ == "VERB" and _cooperative(types[0]) and is_denied(tok)


def _promises(tok: Token, types: tuple[str, ...]) -> bool:
    """ "would allow the return of inspectors", "will accept the plan": a cooperative verb
    in the future is a promise (AGREE), however vague the verb."""
    return _cooperative(types[0]) and not is_denied(tok) and _is_intended(tok)


def _cooperative(plover_type: str) -> bool:
    return pentacode_of(plover_type) in (1, 2)


def _condition(tok: Token) -> str | None:
    """ "if" or "unless" when the act is promised on a condition ("will boycott unless")."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ in _MODAL for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ == "advcl":
            for m in c.children:
                if m.lower_ in ("unless", "if"):
                    return m.lower_
    return None


def _is_obligation(clause: Token) -> bool:
    """ "(said that) Sudan must return the helicopter", "(reiterated its demand) that
    Israel ease restrictions": a clause that says what someone must do, reported by a verb
    of saying."""
    head = clause.head.lemma_.lower()
    reported = clause.dep_ == "ccomp" and head in _SAYING
    # "its demand that the president lift the curfew": the clause of a request noun
    requested = clause.dep_ in ("acl", "ccomp") and TRIGGERS.get(head, ("",))[0] == "REQUEST"
    return (
        clause.pos_ == "VERB"
        and (reported or requested)
        and (any(c.lower_ in _OBLIGED for c in clause.children) or _subjunctive(clause))
    )


def _subjunctive(clause: Token) -> bool:
    """ "(its demand) that Israel ease restrictions": a that-clause in the bare form with a
    subject and no auxiliary, English's mandative subjunctive (what is demanded)."""
    children = list(clause.children)
    return (
        clause.tag_ == "VB"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in children)
        and any(c.dep_ == "nsubj" for c in children)
        and not any(c.dep_ in ("aux", "auxpass") for c in children)
    )


def _in_relative_clause(tok: Token) -> bool:
    """ "Kano, where 30 people were killed in riots": a relative clause describes who or
    where; it reports the sentence's event only when nothing else does."""
    return any(t.dep_ == "relcl" for t in (tok, *tok.ancestors))


def _reacted_to(tok: Token) -> bool:
    """ "dismissed an appeal", "condemned the attack": an act named as the object of a
    verb that reacts to it is what the reaction is about, not the sentence's event."""
    head = tok.head
    lemma = head.lemma_.lower()
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "dobj"
        and head.pos_ == "VERB"
        and lemma in TRIGGERS
        and lemma not in WEAK_TRIGGERS
    )


def _in_obligation(tok: Token) -> bool:
    """Whether ``tok`` is inside what an obligation asks for: the act demanded, not done."""
    clause = tok
    for _ in range(6):
        if _is_obligation(clause):
            return True
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _obligations(sent: SpacySpan) -> Iterable[Candidate]:
    """ "Russia said Sudan must return the helicopter": a demand (REQUEST)."""
    for tok in sent:
        if _is_obligation(tok):
            yield Candidate(tok.head, ("REQUEST",), 0.95 * _position_weight(tok.head))


def _type_from_object(tok: Token, lemma: str) -> tuple[str, Token | None] | None:
    """The type a verb's object gives it ("imposed sanctions", "halted aid", "fired
    rockets"), with the object noun that says so (None for "called for")."""
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if lemma == "call" and any(p.lower_ in ("for", "on", "upon") for p in preps):
        return "REQUEST", None  # "called for sanctions", "called on Arabs to unite"
    objects = [c for c in tok.children if c.dep_ in OBJECTS or c.dep_ == "nsubjpass"]
    objects += [g for p in preps for g in pobjs(p)]
    # "photographs and other intelligence": each conjunct is an object.
    objects += [c for o in list(objects) for c in o.children if c.dep_ == "conj"]
    # "tons of aid", "a state of emergency": the thing is under the measure.
    objects += [g for o in list(objects) for c in o.children if c.lower_ == "of" for g in pobjs(c)]
    nouns = [
        head
        for obj in objects
        for head in (obj, *(c for c in obj.children if c.dep_ == "compound"))
    ]
    for noun in nouns:
        if (lemma, noun.lemma_.lower()) in VERB_OBJECT_TYPES:
            return VERB_OBJECT_TYPES[(lemma, noun.lemma_.lower())], noun
    if lemma in WEAK_TRIGGERS or verb_type(lemma) == "":
        # A verb that names no act alone takes CAMEO's code for its object: "expressed
        # condemnation" accuses ("- * CONDEMNATION [111]" under EXPRESS).
        for noun in (o for o in objects if o.dep_ in OBJECTS):
            found = verb_object_type(lemma, noun.lower_) or verb_object_type(lemma, noun.lemma_)
            if found:
                return found, noun
    if lemma not in WEAK_TRIGGERS:
        return None
    for noun in nouns:
        cue = OBJECT_CUES.get(noun.lemma_.lower())
        if cue is not None:
            aimed = cue == "MOBILIZE" and _aimed_at_someone(tok)
            return ("ASSAULT" if aimed else cue), noun
    return None


def _aimed_at_someone(tok: Token) -> bool:
    """ "fired rockets at Israel" is an attack; "fired a missile toward the sea" a test."""
    return any(
        g.ent_type_ in ACTOR_LABELS or g.lemma_.lower() in _TARGETS
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in _ATTACK_PREPS
        for g in pobjs(c)
    )


def _disambiguate(tok: Token, lemma: str, types: tuple[str, ...]) -> tuple[str, ...]:
    # Same quad, different type: the classifier cannot help, the words around can.
    if "PROTEST" in types and "ASSAULT" in types:
        military = any(t.lemma_.lower() in _MILITARY for t in tok.sent)
        first = "ASSAULT" if military else "PROTEST"
        return (first, *(t for t in types if t != first))
    if types[0] == "MOBILIZE" and _has_left(tok, ("joint", "combined")):
        return ("COOPERATE",)  # the manual: joint exercises cooperate, solo ones mobilize
    if lemma == "withdraw":
        military = any(t.lemma_.lower() in _MILITARY | {"force", "soldier"} for t in tok.sent)
        first = "RETREAT" if military else "SANCTION"
        return (first, *(t for t in types if t != first))
    return types


def _has_left(tok: Token, words: tuple[str, ...]) -> bool:
    """Whether a word of ``words`` modifies ``tok`` from the left ("joint air drills")."""
    return any(t.lower_ in words for t in tok.subtree if t.i < tok.i)


def _position_weight(tok: Token) -> float:
    """Main verbs outrank embedded ones; verbs outrank event nouns."""
    if tok.pos_ == "VERB":
        if tok.dep_ == "ROOT":
            return 1.0
        if tok.dep_ == "ccomp" and tok.head.dep_ == "ROOT" and tok.head.lemma_.lower() in _SAYING:
            return 1.0  # "leaders said they would boycott": the act reported is the event
        if tok.dep_ in ("ccomp", "xcomp", "conj") and tok.head.dep_ == "ROOT":
            return 0.85
        # Subordinate clauses ("after U.S. officials alleged ...") are background.
        return 0.4 if tok.dep_ in ("amod", "acl", "relcl", "advcl") else 0.6
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
        return 0.7
    return 0.5
