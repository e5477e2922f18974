"""Open stances: who argues for or against what, with no issue list given.

A *stance cue* (``annotate/data/stance_cues.json``) is a verb, noun or adjective whose object
or complement is what someone takes a position on: "support *a no-fly zone*", "called for
*a ceasefire*", "urged *Mubarak to step down*", "opposition to *the war*", "refused *to step
down*". For each cue in a sentence this module finds

- the **target**: the noun phrase it governs (with its prepositional phrases, "a no-fly zone
  over Libya"), or the act of a clause complement with who does it ("Mubarak to step down";
  the holder's own act for "refused to step down");
- the **holder**: the actor of the cue's subject (a pronoun resolved), a noun cue's
  possessor ("Obama's call for"), or the subject of the verb a noun cue hangs on ("voiced
  support for"); climbing "refused to support" to whoever refused;
- the **polarity**: the cue's, times a negation on it and the cues above it ("refused to
  support" is against), times a negation of the target's own verb ("urged them not to
  attack").

Besides cues, a **commitment** is a target: what a speaker says they themselves will (not) do
("the army announced that it would not open fire on protesters").

The target is named readably by :mod:`.stance_naming` ("Mubarak stepping down"); the story
layer (:mod:`storyline.story.issue_discovery`) groups the targets of a storyline into issues.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from storyline.annotate.quote_rules import speech_lemmas
from storyline.annotate.stance_rules import PRONOUNS_OF_SPEAKER, negated, reporter_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "any", "some"})
_ACT_PARTS = frozenset({"prt", "dobj", "dative", "acomp", "oprd", "attr", "ccomp", "xcomp"})
# Adverbs that belong to their verb ("step aside", "back down").
_PARTICLES = frozenset({"aside", "down", "away", "back", "out", "off", "up", "over", "in", "on"})
_PRESCRIBING = frozenset({"should", "must", "ought", "shall"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may"})
_POSSIBLE = frozenset({"could", "might", "may"})
# Adjectives a prescription sees through: "must be ready to act" prescribes the act.
_READY = frozenset({"ready", "willing", "prepared", "able"})
# A subject control verb: its holder does the act of its "to" clause ("refused to step down",
# "wants to hold talks").
_SUBJECT_CONTROLS = frozenset(
    {"refuse", "agree", "vow", "promise", "pledge", "decline", "want", "plan", "intend", "aim"}
    | {"propose", "offer", "seek", "hope"}
)
# Intention nouns whose act the holder is against ("its refusal to pay"), or takes no
# position on by the noun alone ("a threat to close the strait" is a threat, not a wish).
_REFUSALS = frozenset({"refusal"})
_NO_POSITION = frozenset({"threat"})


# Auxiliaries of a future act, and the verbs by which a speaker commits to one.
_FUTURE = frozenset({"will", "would", "'ll", "wo", "shall"})
_SELF_PRONOUNS = frozenset({"he", "she", "it", "they"})
_FIRST_PERSON = frozenset({"i", "we"})
_COMMITTING = frozenset(
    {"say", "tell", "state", "add", "confirm", "announce", "insist", "indicate", "signal"}
    | {"pledge", "promise", "vow", "declare"}
)
# Subject controls that also voice private wishes: their act is an issue only when it acts on
# something ("wants to hold talks", not "wants to leave").
_DESIRES = frozenset({"want", "plan", "intend", "aim", "hope"})


def _has_content(verb: Token) -> bool:
    """Whether an act has an object, a particle or a phrase of its own."""
    return any(c.dep_ in _ACT_PARTS or c.dep_ in ("prep", "advmod") for c in verb.children)


@dataclass(frozen=True)
class CueWords:
    verbs: dict[str, int]
    prep_verbs: dict[str, dict[str, int]]
    nouns: dict[str, dict[str, int]]
    adjectives: dict[str, dict[str, int]]
    object_controls: frozenset[str]
    not_issues: frozenset[str]
    # Verbs a noun cue's holder acts through ("voiced support for", "repeated calls for").
    light_verbs: frozenset[str]
    # Verbs that name no act to prescribe ("people need to see that ...").
    not_acts: frozenset[str]
    # Nouns whose "to" clause is their holder's own position ("his decision to reject").
    intention_nouns: frozenset[str]
    # Nouns whose "that" clause is their possessor's words ("Obama's statement that ...").
    voiced_nouns: frozenset[str]
    # Subjects of "is to X" that make X someone's aim ("the next step is to replace the cap").
    aim_nouns: frozenset[str]
    # Words that name an issue only with what follows them ("an end to the blockade").
    vague_alone: frozenset[str]
    # Adjectives of judgement: "X is not helpful", "it is vital to X" (+1 for, -1 against).
    evaluations: dict[str, int]
    # Verbs by which one puts forward or passes a bill, and the bills they back with it.
    sponsor_verbs: frozenset[str]
    bill_nouns: frozenset[str]
    # Nouns for people who speak for an actor named beside them ("U.S. officials").
    agent_nouns: frozenset[str]
    # Agent nouns that never speak for their country's government ("US senators").
    citizen_agents: frozenset[str]
    # People acting together who hold a stance as a group, named or not ("protesters").
    group_nouns: frozenset[str]
    # Bodies that hold a stance as the text names them ("the spill commission").
    body_nouns: frozenset[str]
    # Verbs that end what they govern: "stopped supporting X" is no longer for X.
    ending_verbs: frozenset[str]
    # Noun cues that are themselves acts one calls for ("called for protests").
    act_nouns: frozenset[str]


@lru_cache(maxsize=1)
def cue_words() -> CueWords:
    """The open-stance cues shipped with the package (``annotate/data/stance_cues.json``)."""
    raw = json.loads(
        resources.files("storyline.annotate").joinpath("data/stance_cues.json").read_text("utf-8")
    )
    return CueWords(
        verbs={str(k): int(v) for k, v in raw["verbs"].items()},
        prep_verbs={str(k): dict(v) for k, v in raw["prep_verbs"].items()},
        nouns={str(k): dict(v) for k, v in raw["nouns"].items()},
        adjectives={str(k): dict(v) for k, v in raw["adjectives"].items()},
        object_controls=frozenset(raw["object_controls"]),
        not_issues=frozenset(raw["not_issues"]),
        light_verbs=frozenset(raw["light_verbs"]),
        not_acts=frozenset(raw["not_acts"]),
        intention_nouns=frozenset(raw["intention_nouns"]),
        voiced_nouns=frozenset(raw["voiced_nouns"]),
        vague_alone=frozenset(raw["vague_alone"]),
        aim_nouns=frozenset(raw["aim_nouns"]),
        evaluations={str(k): int(v) for k, v in raw["evaluations"].items() if k != "about"},
        sponsor_verbs=frozenset(raw["sponsoring"]["verbs"]),
        bill_nouns=frozenset(raw["sponsoring"]["objects"]),
        agent_nouns=frozenset(raw["agent_nouns"]),
        citizen_agents=frozenset(raw.get("citizen_agents", ())),
        group_nouns=frozenset(raw.get("group_nouns", ())),
        body_nouns=frozenset(raw.get("body_nouns", ())),
        ending_verbs=frozenset(raw["ending_verbs"]),
        act_nouns=frozenset(raw["act_nouns"]),
    )


@dataclass(frozen=True)
class OpenTarget:
    """One cue with what it is about: the target's root and, for an act, who does it."""

    cue: Token
    polarity: int
    root: Token  # the target's head: a noun, or the verb of an act
    act: bool  # the target is a clause: someone doing something
    actor: Token | None  # who does the act, when written ("urged *Mubarak* to step down")
    holder_acts: bool  # the holder does the act ("refused to step down")
    # What someone says should (not) be done ("Mubarak must step down"): the holder is
    # whoever's words these are, not the clause's subject.
    prescribed: bool = False


def find_open_targets(sent: SpacySpan) -> list[OpenTarget]:
    """Every stance cue of ``sentence`` with its target, outer cues folded into inner ones,
    and every act the sentence prescribes ("should", "must", "needs to")."""
    words = cue_words()
    found: list[OpenTarget] = []
    question = sent.text.rstrip().endswith("?")
    for token in sent:
        prescribed = None
        if not question:
            prescribed = (
                _prescription(token, words) or _evaluation(token, words) or _aim(token, words)
            )
        if prescribed is not None:
            found.append(prescribed)
            found.extend(_conjoined_prescriptions(prescribed, words))
        if modal_of(token) is not None:
            continue  # "the US should call for X" is not the US's stance yet
        if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE for c in token.children):
            continue  # "it might encourage extremist groups": a possibility, no stance
        committed = _commitment(token, words)
        if committed is not None:
            found.append(committed)
            continue
        for root, polarity in targets_of(token, words):
            act = root.pos_ in ("VERB", "AUX")
            actor = actor_of_act(token, root, words) if act else None
            if act and actor is None and is_cue(root, words) and any(targets_of(root, words)):
                continue  # "refused to support X": the inner cue carries it ("hold talks" not)
            noun_cue = root.pos_ == "NOUN" and root.lemma_.lower() in words.nouns
            if noun_cue and token.pos_ == "VERB" and _carries_own_target(root, words):
                continue  # "urged support for X": so does the noun
            if root.pos_ not in ("VERB", "AUX") and root.lemma_.lower() in words.not_issues:
                continue
            if root.pos_ == "PRON" or root.is_punct or root.like_num or len(root.text) < 3:
                continue
            holder_acts = act and actor is None and _holder_does(token, words)
            if act and actor is None and not holder_acts:
                continue  # an act with nobody doing it names no position
            if holder_acts and token.lemma_.lower() in _DESIRES and not _has_content(root):
                continue  # "I want to leave": a wish of one's own, no issue
            if act and root.lemma_.lower() in words.not_acts:
                continue  # "wants all Americans to know that": no act
            if act and negated(root):
                polarity = -polarity  # "urged them not to attack"
            found.append(
                OpenTarget(token, polarity * _above(token, words), root, act, actor, holder_acts)
            )
    return found


def _holder_does(cue: Token, words: CueWords) -> bool:
    """Whether the cue's holder is who does its act: "refused to step down", "willing to
    cut its dividend", "its commitment to paying all claims"."""
    lemma = cue.lemma_.lower()
    if cue.pos_ == "ADJ":
        return lemma in words.adjectives
    if cue.pos_ == "NOUN":
        return lemma in words.intention_nouns
    return lemma in _SUBJECT_CONTROLS


def _commitment(verb: Token, words: CueWords) -> OpenTarget | None:
    """ "The military announced that it would not open fire on protesters", "Berlusconi said
    he would begin withdrawing troops": what a speaker says they themselves will (not) do is
    their position on doing it. The subject is a pronoun that agrees with the speaker (a
    person for "he"/"she", anything else for "it"/"they"); predictions about others ("said
    the talks would resume"), counterfactuals ("would have"), verbs that name no act and
    bare acts ("said he would go") are left out. A cue verb with targets of its own ("said it
    would support X") is read as a cue."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in words.not_acts:
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not auxes & _FUTURE or "have" in auxes or not _has_content(verb):
        return None
    if is_cue(verb, words) and any(targets_of(verb, words)):
        return None
    clause = verb  # "that it recognized the demands and would not open fire": the first verb
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":
        clause = verb.head
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > verb.i:
        return None
    if subject.lower_ in _FIRST_PERSON and clause is verb:
        # "I will review the regime," Huhne said: the speaker's own word (the holder is the
        # quote's speaker; outside a quote nobody is).
        return OpenTarget(verb, -1 if negated(verb) else 1, verb, True, None, True)
    if subject.lower_ not in _SELF_PRONOUNS:
        return None
    reporter = reporter_of(clause)
    if reporter is None or reporter.lemma_.lower() not in _COMMITTING or negated(reporter):
        return None
    speaker = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.pos_ == "PRON":
        return None
    # "Italy's prime minister, Silvio Berlusconi, announced that he would ...": a person too.
    person = speaker.ent_type_ == "PERSON" or any(
        c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in speaker.children
    )
    if person != (subject.lower_ in ("he", "she")):
        return None
    return OpenTarget(verb, -1 if negated(verb) else 1, verb, True, None, True)


def _carries_own_target(noun: Token, words: CueWords) -> bool:
    """A noun cue under a verb cue is the verb's target only when it is an act with no
    target of its own ("called for protests"); "urged support for X" is the noun's."""
    return noun.lemma_.lower() not in words.act_nouns or any(targets_of(noun, words))


def _conjoined_prescriptions(first: OpenTarget, words: CueWords) -> list[OpenTarget]:
    """ "Egypt should engage in negotiations and hold free elections": the verbs conjoined
    after a prescribed one, with no subject of their own, are prescribed too."""
    out: list[OpenTarget] = []
    for verb in first.root.conjuncts:
        if verb.i < first.root.i or verb.pos_ != "VERB" or verb.lemma_.lower() in words.not_acts:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
            continue
        sign = -1 if negated(verb) else 1
        out.append(replace(first, cue=verb, root=verb, polarity=first.polarity * sign))
    return out


def modal_of(verb: Token) -> Token | None:
    """The "should"/"must"/"ought" on a verb, or the "need"/"have" it is the "to" clause of."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in _PRESCRIBING:
            return child
    head = verb.head
    if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.lemma_.lower() in _READY:
        return modal_of(head.head)  # "needs to be ready to let go of Mubarak"
    if (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in ("need", "have")
        and head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        return head
    return None


def _prescription(verb: Token, words: CueWords) -> OpenTarget | None:
    """ "Mubarak must step down", "Egypt shouldn't sacrifice reforms": an act someone says
    should or should not happen. Epistemic readings ("it must be hard", "must have known")
    and acts with no one named doing them are left out."""
    modal = modal_of(verb)
    if modal is not None and verb.lemma_ == "be" and not _thought_of_another(verb, modal):
        return _existential(verb)
    if modal is None or verb.lemma_ == "be" or (verb.tag_ == "VBN" and not _passive(verb)):
        return None
    if verb.lemma_.lower() in words.not_acts or _thought_of_another(verb, modal):
        return None  # "people need to see that", "Mubarak recognizes that a change must come"
    if any(c.dep_ == "aux" and c.lower_ == "have" for c in verb.children):
        return None
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in modal.children):
        return None  # "Apache would have to shut down production before ...": a supposition
    actor = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if actor is None and modal.i != verb.i and modal.dep_ != "aux":
        actor = next((c for c in modal.children if c.dep_ == "nsubj"), None)
    if actor is None or actor.lower_ in ("it", "there", "this", "that", "what", "who"):
        return None
    if modal.i < actor.i:
        return None  # "should the evacuation go ahead": a condition, or a question
    sign = -1 if negated(verb) or negated(modal) else 1
    return OpenTarget(verb, sign, verb, True, actor, False, prescribed=True)


def _evaluation(adj: Token, words: CueWords) -> OpenTarget | None:
    """ "Finger pointing at BP is not helpful", "it would not be appropriate to stop the
    drilling", "global deep water production was important": a judgement of what the copula's
    subject (or extraposed "to" clause) names is a stance of whoever voices it, as a
    prescription is."""
    value = words.evaluations.get(adj.lemma_.lower())
    if value is None or adj.pos_ != "ADJ" or adj.dep_ != "acomp" or adj.head.lemma_ != "be":
        return None
    copula = adj.head
    sign = -1 if negated(copula) or negated(adj) or _denied_from_above(copula) else 1
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None:
        return None
    if subject.lower_ == "it":
        clauses = (*adj.children, *copula.children)
        clause = next((c for c in clauses if c.dep_ in ("xcomp", "ccomp") and _infinitive(c)), None)
        if clause is None or not _is_act(clause):
            return None
        return OpenTarget(adj, sign * value, clause, True, None, False, prescribed=True)
    if subject.pos_ in ("PRON", "PROPN", "DET") or subject.lower_ in _DETERMINERS:
        return None  # "he is right", "Obama is wrong": a judgement of someone, no issue
    is_act = subject.pos_ in ("VERB", "AUX")
    return OpenTarget(adj, sign * value, subject, is_act, None, False, prescribed=True)


def _aim(copula: Token, words: CueWords) -> OpenTarget | None:
    """ "The next step is to replace that cap", "our priority is to restore order": what
    someone names as the aim is their stance on doing it."""
    if copula.lemma_ != "be" or copula.pos_ not in ("AUX", "VERB"):
        return None
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in words.aim_nouns:
        return None
    act = next((c for c in copula.children if c.dep_ in ("xcomp", "attr", "ccomp")), None)
    if act is None or not _infinitive(act) or not _is_act(act):
        return None
    sign = -1 if negated(copula) else 1
    return OpenTarget(copula, sign, act, True, None, False, prescribed=True)


def _denied_from_above(clause: Token) -> bool:
    """ "I don't believe that it would be appropriate to stop X": a negated verb of thinking
    over the clause denies it (the negation is raised)."""
    head = clause.head
    return (
        clause.dep_ == "ccomp"
        and head.lemma_.lower() in ("think", "believe", "expect", "suppose", "feel")
        and negated(head)
    )


def _existential(verb: Token) -> OpenTarget | None:
    """ "There should be a clear and co-ordinated response": what someone says there should
    (not) be is their stance on it."""
    if not any(c.dep_ == "expl" and c.lower_ == "there" for c in verb.children):
        return None
    thing = next((c for c in verb.children if c.dep_ in ("attr", "nsubj")), None)
    if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    sign = -1 if negated(verb) or any(c.lower_ == "no" for c in thing.children) else 1
    return OpenTarget(verb, sign, thing, False, None, False, prescribed=True)


def _thought_of_another(verb: Token, modal: Token) -> bool:
    """Whether the clause of ``verb`` is what a third party thinks or recognizes ("Mubarak
    recognizes that a change must take place"), not the words of whoever is quoted: a verb
    above its clause, other than a verb of saying, has a subject of its own that is not
    "I"/"we"."""
    token = modal if modal.i != verb.i and modal.dep_ != "aux" else verb  # "needs to act"
    for _ in range(6):
        if token.dep_ not in ("ccomp", "conj", "xcomp") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in speech_lemmas():
            return False
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and token.pos_ == "VERB":
            return subject.lower_ not in PRONOUNS_OF_SPEAKER
    return False


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def is_cue(token: Token, words: CueWords) -> bool:
    """Whether ``token`` is a verb cue (with or without its preposition) or a noun cue."""
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN":
        return lemma in words.nouns
    return lemma in words.verbs or lemma in words.prep_verbs


def targets_of(token: Token, words: CueWords) -> Iterator[tuple[Token, int]]:
    """Each target of the cue ``token`` with its polarity, conjoined targets one by one
    ("support for both the ally and the aspirations"). Not opposing is no position: "did not
    condemn X" gives nothing."""
    for root, polarity in _direct_targets(token, words):
        if polarity == 0:
            continue
        yield root, polarity
        if root.pos_ in ("NOUN", "PROPN"):
            yield from ((c, polarity) for c in root.conjuncts if _conjoined_target(root, c))


def _conjoined_target(root: Token, conjunct: Token) -> bool:
    """A noun conjoined to a target is a target too, unless a clause of an earlier conjunct
    stands between them: in "steps that demonstrate to the public and the opposition" the
    parser may join "the opposition" to "steps", but it belongs to the clause."""
    if conjunct.pos_ not in ("NOUN", "PROPN"):
        return False
    between = (t for t in root.doc[min(root.i, conjunct.i) + 1 : conjunct.i] if t.i != root.i)
    return not any(t.dep_ in ("relcl", "acl") and t.head.conjuncts for t in between)


def _direct_targets(token: Token, words: CueWords) -> Iterator[tuple[Token, int]]:
    lemma = token.lemma_.lower()
    sign = -1 if negated(token) else 1

    def signed(value: int) -> int:
        return 0 if value < 0 and sign < 0 else value * sign

    if token.pos_ == "NOUN" and lemma in words.intention_nouns and lemma not in _NO_POSITION:
        # "his proposals to reduce Medicare costs", "its refusal to pay": the act intended.
        value = -1 if lemma in _REFUSALS else 1
        for act in token.children:
            if act.dep_ == "acl" and _infinitive(act) and _is_act(act):
                yield act, signed(value)
    if token.pos_ in ("VERB", "AUX"):
        if lemma in words.verbs:
            acts = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and _is_act(c)]
            controls = lemma in words.object_controls
            if controls and not acts:
                acts = _detached_acts(token)
            # A particle makes another verb: "backed down", "wants Mubarak out".
            phrasal = any(c.dep_ == "prt" for c in token.children)
            for child in token.children if not phrasal else ():
                if _particle_after(child):
                    continue
                addressed = _addressee(child, words) and (controls or bool(acts))
                if child.dep_ == "dobj" and not (controls and acts) and not addressed:
                    yield child, signed(words.verbs[lemma])  # "urged X to act": the act
            for act in acts:
                yield act, signed(words.verbs[lemma])
        for prep, value in words.prep_verbs.get(lemma, {}).items():
            yield from ((obj, signed(value)) for obj in _prep_objects(token, prep))
            if _passive_modifier(token, prep):
                yield token.head, signed(value)  # "the transition called for by the US"
        if lemma in words.verbs and _passive_modifier(token, None):
            yield token.head, signed(words.verbs[lemma])  # "the plan backed by France"
        if lemma in words.sponsor_verbs and sign > 0:  # "introduced spill legislation"
            for child in token.children:
                if child.dep_ == "dobj" and child.lemma_.lower() in words.bill_nouns:
                    yield child, sign
    elif token.pos_ == "NOUN" and lemma in words.nouns:
        for prep, value in words.nouns[lemma].items():
            yield from ((obj, signed(value)) for obj in _prep_objects(token, prep))
            if token.dep_ == "dobj":  # "voiced opposition to X": the parse hangs "to" on the verb
                yield from ((obj, signed(value)) for obj in _prep_objects(token.head, prep))
    elif token.pos_ == "ADJ" and lemma in words.adjectives:
        for prep, value in words.adjectives[lemma].items():
            yield from ((obj, signed(value)) for obj in _prep_objects(token, prep))
            if prep == "to":  # "willing to cut its dividend": the act of the "to" clause
                clauses = [c for c in token.children if c.dep_ == "xcomp" and _infinitive(c)]
                yield from ((act, signed(value)) for act in clauses if _is_act(act))


def _passive_modifier(verb: Token, prep: str | None) -> bool:
    """A participle after a noun with its agent ("the transition called for by the United
    States"): the noun is what the agent takes a position on. ``prep``: the cue's stranded
    preposition, which then has no object of its own."""
    if (
        verb.dep_ != "acl"
        or verb.tag_ not in ("VBN", "VBD")
        or verb.head.pos_ not in ("NOUN", "PROPN")
    ):
        return False
    if not any(c.dep_ == "agent" for c in verb.children):
        return False
    if prep is None:
        return not any(c.dep_ == "dobj" for c in verb.children)
    return any(
        c.dep_ == "prep" and c.lower_ == prep and not any(g.dep_ == "pobj" for g in c.children)
        for c in verb.children
    )


def _particle_after(obj: Token) -> bool:
    """ "wants Mubarak out (immediately)": the object and a particle make a small clause."""
    after = obj.right_edge.i + 1
    if after >= len(obj.doc):
        return False
    word = obj.doc[after]
    return word.lower_ in _PARTICLES and word.dep_ in ("prt", "advmod", "oprd")


def _addressee(obj: Token, words: CueWords) -> bool:
    """The object of "urged"/"pressed" is whom they address when it names someone ("urged
    Mubarak", "urging the authorities")."""
    if obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return obj.lemma_.lower() in words.agent_nouns


def _detached_acts(cue: Token) -> list[Token]:
    """ "urged Mubarak for years to implement reforms": the parse hangs the "to" clause on a
    phrase of the cue's; it is still what the cue asks for."""
    found: list[Token] = []
    for child in cue.children:
        if child.dep_ == "advcl" and _infinitive(child):
            found.append(child)
        elif child.dep_ == "prep":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(a for a in obj.children if a.dep_ == "acl" and _infinitive(a))
    return [a for a in found if _is_act(a)]


def _infinitive(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _is_act(clause: Token) -> bool:
    """A clause complement that states an act ("to step down", "that he resign"), not a
    report ("said that"): its verb is not a copula and it has no subject of its own that is
    "it"/"there"."""
    if clause.pos_ not in ("VERB", "AUX") or clause.lemma_ == "be":
        return False
    return not any(c.dep_ == "expl" for c in clause.children)


def _prep_objects(token: Token, prep: str) -> Iterator[Token]:
    """Objects of ``prep`` on ``token`` ("for" in "call for X"; "out for" as two words).
    Only the first such phrase after a verb: in "calling for reviews ..., for the time being"
    the second "for" is an adverbial."""
    first, *rest = prep.split()
    for child in token.children:
        if child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == first and not rest for m in child.children
        ):
            yield child  # "called for Mubarak to step down": the parse makes it a clause
            return
        if child.dep_ not in ("prep", "prt", "advmod") or child.lower_ != first:
            continue
        if child.i < token.i and token.pos_ in ("VERB", "AUX"):
            continue  # "France, for example, called for": fronted, an adverbial
        holder = child
        if rest:
            holder = next((c for c in child.children if c.lower_ == rest[0]), child)
            if holder is child:
                holder = next((c for c in token.children if c.lower_ == rest[0]), child)
        for obj in holder.children:
            if obj.dep_ == "pobj":
                yield obj
            elif obj.dep_ == "pcomp" and obj.pos_ in ("VERB", "AUX"):
                yield obj  # "called for ending the blockade"
        return


def _above(cue: Token, words: CueWords) -> int:
    """The polarity the cues above give ("refused to support": -1), negations included."""
    polarity = 1
    token = cue
    head = cue.head
    voiced = head.lemma_.lower() in words.verbs and not any(c.dep_ == "poss" for c in cue.children)
    if cue.pos_ == "NOUN" and cue.dep_ == "dobj" and voiced:
        # "rejected calls for his ouster": against what the calls are for ("opposed Obama's
        # push for reform" is Obama's push, for).
        polarity *= words.verbs[head.lemma_.lower()] * (-1 if negated(head) else 1)
        token = head
    for _ in range(4):
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            break
        token = token.head
        lemma = token.lemma_.lower()
        if lemma in words.verbs:
            polarity *= words.verbs[lemma] * (-1 if negated(token) else 1)
        elif lemma in words.ending_verbs:
            polarity *= 1 if negated(token) else -1  # "stopped supporting X"
        elif negated(token):
            polarity *= -1
    return polarity


def actor_of_act(cue: Token, act: Token, words: CueWords) -> Token | None:
    """Who does the act: its own subject, else the cue's object for "urged X to"."""
    for child in act.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if cue.lemma_.lower() in words.object_controls:
        for child in cue.children:
            if child.dep_ in ("dobj", "dative"):
                return child
            if child.dep_ == "prep" and child.lower_ == "on":  # "called on Mubarak to"
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return None


def holder_token(cue: Token, words: CueWords) -> Token | None:
    """The token that stands for the cue's holder: its subject, a noun cue's possessor, the
    subject of the verb a noun cue is the object of when that verb voices it ("voiced
    support for", "rejected calls for"), climbing "refused to support". A noun cue elsewhere
    ("bow to demands for his ouster") has no holder in the sentence."""
    token = cue
    if cue.pos_ == "NOUN":
        poss = next((c for c in cue.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        verb = cue.head
        voiced = verb.lemma_.lower() in words.light_verbs or is_cue(verb, words)
        if cue.dep_ != "dobj" or not voiced or negated(verb):
            # "U.S. support for X": the actor named in front of the noun.
            named = (c for c in cue.children if c.dep_ == "compound" and c.pos_ == "PROPN")
            return next(named, None)
        token = verb
    for _ in range(6):
        for child in token.children:
            if child.dep_ == "poss" and token.pos_ in ("NOUN", "PROPN"):
                return child
            if child.dep_ == "nsubj" and _vocative(child, token):
                # "Don, the two main opposition parties boycotted": whom it addresses.
                return next((c for c in child.children if c.dep_ == "appos"), None)
            if child.dep_ == "nsubj" and not _expletive(child, token):
                return child
            if child.dep_ == "agent":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if token.dep_ == "relcl":
            return token.head  # "the US, which supports"
        misread = _misread_subject(token) or _stranded_subject(token)
        if misread is not None:
            return misread
        if token.dep_ in ("xcomp", "conj", "dobj", "attr", "pobj", "prep", "acomp", "amod"):
            token = token.head
            continue
        if token.dep_ == "ccomp" and any(_expletive(c, token) for c in token.children):
            token = token.head  # "I think it's important to support X": whoever thinks so
            continue
        if token.dep_ == "advcl" and token.tag_ == "VBG" and token.i < token.head.i:
            token = token.head  # "Repeating calls for X, Obama said": a fronted participle
            continue
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            noun = token.head
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in words.light_verbs:
                token = noun.head  # "issued a statement supporting the bill": the issuer
                continue
            return noun  # "protesters demanding his ouster"
        if token.dep_ == "advcl" and _infinitive(token) and token.i > token.head.i:
            token = token.head  # "Fonda is planning a tour to call for X": her purpose
            continue
        break
    return None


def _misread_subject(verb: Token) -> Token | None:
    """ "Democrat John Kerry of Massachusetts, called Tuesday for Mubarak to step down": the
    parser reads the sentence's verb as a participle on the name before it. A participle
    with no agent, hanging on a person's name (or on a description in apposition to one),
    is that person's act; "the transition called for by the United States" has its agent."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD") or verb.pos_ != "VERB":
        return None
    if any(c.dep_ in ("agent", "auxpass", "aux") for c in verb.children):
        return None
    for named in (verb.head, verb.head.head if verb.head.dep_ == "appos" else None):
        if named is not None and named.pos_ == "PROPN" and named.ent_type_ == "PERSON":
            return named
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """ "The unrest is starting to affect Egyptians' food supplies and the United States is
    calling for a transition": the parser joins "the United States" to the object before it
    and leaves "is calling" with no subject. A verb with no subject whose auxiliary follows a
    noun phrase that is "and" plus a conjunct of an earlier word has that phrase for subject."""
    # A clausal subject is allowed: the parser's reading of the first clause ("is starting").
    if verb.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    aux = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), None)
    if aux is None or aux.i == 0:
        return None
    before = verb.doc[aux.i - 1]
    phrase = next((t for t in before.ancestors if t.dep_ == "conj"), None)
    phrase = before if before.dep_ == "conj" else phrase
    if phrase is None or phrase.right_edge.i != before.i or phrase.pos_ not in ("PROPN", "NOUN"):
        return None
    joined = verb.doc[phrase.left_edge.i - 1] if phrase.left_edge.i > 0 else None
    if joined is None or joined.lower_ != "and" or phrase.head.i > verb.i:
        return None
    return phrase


def _vocative(subject: Token, verb: Token) -> bool:
    """A name set off by a comma that the sentence speaks to, not of: "U.S., stop backing
    Mubarak" (an imperative: the bare verb with no auxiliary), "Don, the two main parties
    boycotted the vote" (a lone name whose plural "apposition" is the real subject)."""
    after = subject.i + 1
    if after >= len(subject.doc) or subject.doc[after].text != ",":
        return False
    if verb.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True
    lone = not any(c.i < subject.i for c in subject.children)
    plural = any(c.dep_ == "appos" and c.tag_ == "NNS" for c in subject.children)
    return lone and subject.tag_ == "NNP" and plural


def _expletive(subject: Token, verb: Token) -> bool:
    """ "it" standing for a clause that comes later: "it is important to support X"."""
    if subject.lower_ != "it":
        return False
    predicate = any(c.dep_ in ("acomp", "attr") for c in verb.children)
    return predicate and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)
