"""The ``events`` stage: sentence-level events coded in PLOVER 2.0, with their pentacode.

For each sentence of a parsed (English) article: the pentacode classifier scores the
sentence; a trigger lexicon over the parse (``plover.TRIGGERS``) proposes PLOVER types at
verbs and event nouns, refined by the clause (an object that names the act, negation, a
future or a condition: the manual codes a promised retreat as CONCEDE and a conditional
attack as THREATEN). Each (trigger, type) is weighed by where the trigger sits in the clause
and by the classifier's belief in the type's quad; the best becomes the sentence's event
when someone acts or is acted on. Without a trigger, a sure classifier (and a main verb)
gives the quad's broadest type. Actors and recipients are entity ids from the subject and
object sides of the trigger; the date is the time expression that governs the trigger,
else the article's date; the location a place after "in"/"at".
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pentacode import (
    MINILM_MODEL_PATH,
    MODEL_PATH,
    PentacodeScores,
    load_model,
    score_pentacodes,
)
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.annotate.plover import (
    OBJECT_CUES,
    RESIDUAL_TYPE,
    STATEMENT_PENTACODE,
    TRIGGERS,
    VERB_OBJECT_TYPES,
    WEAK_TRIGGERS,
    compatible_pentacodes,
    pentacode_of,
    quad_of,
)
from storyline.model import AnnotatedArticle, Event, Mention, Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

# The classifier must be this sure before a sentence without a known trigger is an event.
RESIDUAL_CONFIDENCE = 0.6
# What a lexicon trigger counts for against the classifier's belief in the type's quad.
# High: the classifier learnt from 1,349 sentences and under-rates acts it rarely saw
# (missile launches), so it breaks ties between a trigger's types more than it overrules.
LEXICON_PRIOR = 1.0

_SUBJECTS = {"nsubj", "csubj"}
_OBJECTS = {"dobj", "obj", "dative", "oprd", "attr"}
# Prepositions whose object is on the receiving end of an act ("talks with", "fired at").
_RECIPIENT_PREPS = {"to", "with", "against", "at", "on", "toward", "towards", "upon", "into"}
# Clauses that start a new predication: arguments inside them are not this trigger's.
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "csubj", "xcomp", "conj", "parataxis"}
# Dependents through which a trigger inherits its governing verb's subject ("agreed to
# meet", "is open to holding talks").
_INHERIT_SUBJECT = {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "pobj"}
# Mention labels that never act: numbers, dates, and places that are not polities.
_NOT_ACTORS = {
    "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LOC", "FAC",
}  # fmt: skip
_ACTOR_LABELS = {"PERSON", "NORP", "ORG", "GPE"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Pronouns that in news mostly stand for the last actor (a country, a government).
_PRONOUNS = {"it", "they"}
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
    "RETREAT": "CONCEDE",
    "ASSAULT": "THREATEN",
    "COERCE": "THREATEN",
    "SANCTION": "THREATEN",
}
_SAYING = {"say", "declare", "state", "tell", "insist", "warn", "stress", "add", "announce"}
# Prepositions that place an argument rather than extend it ("positions in Gaza").
_WHERE = {"in", "at", "near", "inside", "outside"}
_ATTACK_PREPS = {"at", "on", "against", "toward", "towards"}
_TARGETS = {
    "target", "base", "position", "city", "town", "village", "ship", "force", "troop",
    "soldier", "civilian", "camp", "area", "neighborhood", "territory",
}  # fmt: skip


@dataclass(frozen=True)
class _Candidate:
    trigger: Token
    types: tuple[str, ...]
    weight: float


@stage("events", requires=("parse",), provides=("events",))
def events_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Code sentence-level PLOVER 2.0 events with pentacode, actors, date and place."""
    model = None
    for doc in docs:
        parsed = spacy_doc(doc)
        if parsed is None:
            doc.skipped["events"] = f"no English parse (language {doc.article.language})"
            continue
        if model is None:
            model = load_model(_pentacode_model_path(options))
        try:
            doc.events = code_events(doc, parsed, model)
        except Exception:  # one odd article must not stop the batch
            log.exception("events: coding failed for article %s", doc.article.id)
            doc.events = []
            doc.skipped["events"] = "coding failed; see the log"


def _pentacode_model_path(options: PipelineOptions) -> Path:
    """The TF-IDF model, or another named by an option ("minilm" or a path) if one is set."""
    # Read loosely: PipelineOptions may not carry this option in every version.
    chosen = options.pentacode_model
    if not chosen:
        return MODEL_PATH
    return MINILM_MODEL_PATH if chosen == "minilm" else Path(str(chosen))


def code_events(doc: AnnotatedArticle, parsed: Doc, model: Any | None = None) -> list[Event]:
    """One event at most per sentence of ``parsed`` (the spaCy parse of ``doc``)."""
    sentences = [s for s in parsed.sents if _is_clause(s)]
    scores = score_pentacodes([s.text for s in sentences], model)
    events: list[Event] = []
    # Entities that were the main subject lately: what "it" and "they" most likely mean.
    topic: tuple[str, ...] = ()
    for sent, score in zip(sentences, scores, strict=True):
        topic = _entity_ids(doc, [c for c in sent.root.children if c.dep_ in _SUBJECTS]) or topic
        event = _code_sentence(doc, sent, score, topic)
        if event is not None:
            events.append(event)
    return events


def _is_clause(sent: SpacySpan) -> bool:
    return len(sent) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in sent)


def _code_sentence(
    doc: AnnotatedArticle,
    sent: SpacySpan,
    score: PentacodeScores,
    topic: tuple[str, ...],
) -> Event | None:
    best: tuple[float, Token, str] | None = None
    for cand in _candidates(sent):
        for rank, plover_type in enumerate(cand.types):
            belief = max(score.scores[c] for c in compatible_pentacodes(plover_type))
            value = cand.weight * (0.9**rank) * (LEXICON_PRIOR + belief)
            if best is None or value > best[0]:
                best = (value, cand.trigger, plover_type)
    if best is not None:
        trigger, plover_type = best[1], best[2]
    elif score.pentacode != STATEMENT_PENTACODE and score.confidence >= RESIDUAL_CONFIDENCE:
        trigger, plover_type = sent.root, RESIDUAL_TYPE[score.pentacode]
        if trigger.pos_ != "VERB" or any(c.dep_ == "neg" for c in trigger.children):
            return None
    else:
        return None
    actor_tokens, recipient_tokens = _argument_tokens(trigger)
    sentence = _sentence_span(doc, sent, trigger)
    actors = _entity_ids(doc, actor_tokens, sentence)
    if not actors and any(t.lower_ in _PRONOUNS for t in actor_tokens):
        actors = topic  # "it launched ...": the main subject so far
    if not actor_tokens and not recipient_tokens:
        return None  # nobody acts or is acted on: a state of affairs, not an act
    recipients = tuple(r for r in _entity_ids(doc, recipient_tokens, sentence) if r not in actors)
    pentacode = (
        score.pentacode
        if score.pentacode in compatible_pentacodes(plover_type)
        else pentacode_of(plover_type)
    )
    return Event(
        type=plover_type,
        quad=quad_of(plover_type),
        pentacode=pentacode,
        actors=actors,
        recipients=recipients,
        date=_event_date(doc, sent, trigger),
        trigger=Span(trigger.idx, trigger.idx + len(trigger.text)),
        sentence=sentence,
        location=_location(doc, sent),
    )


def _candidates(sent: SpacySpan) -> Iterable[_Candidate]:
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN"):
            continue
        lemma = _phrasal_lemma(tok)
        types = TRIGGERS.get(lemma, ())
        if not (types or lemma in WEAK_TRIGGERS) or _governed_by_trigger(tok):
            continue
        by_object = _type_from_object(tok, lemma)
        if by_object is not None:
            types = (by_object,)
        elif lemma in WEAK_TRIGGERS:
            continue
        types = _disambiguate(tok, lemma, types)
        if any(c.dep_ == "neg" for c in tok.children):
            # "would not accept refugees" rejects; "did not attack" is no event at all.
            if pentacode_of(types[0]) not in (1, 2):
                continue
            types = ("REJECT",)
        elif _is_conditional(tok):
            types = ("THREATEN",)  # "will boycott unless the president steps down"
        elif _is_intended(tok):
            types = tuple(dict.fromkeys(_INTENT_TYPES.get(t, t) for t in types))
        yield _Candidate(tok, types, _position_weight(tok))
    yield from _obligations(sent)


def _phrasal_lemma(tok: Token) -> str:
    """ "called off" → "call off" when the lexicon knows the phrasal verb."""
    for c in tok.children:
        if c.dep_ == "prt":
            phrasal = f"{tok.lemma_.lower()} {c.lower_}"
            if phrasal in TRIGGERS or phrasal in WEAK_TRIGGERS:
                return phrasal
    return tok.lemma_.lower()


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
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _INTENT_VERBS


def _is_conditional(tok: Token) -> bool:
    return (
        tok.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.lower_ in _MODAL for c in tok.children)
        and any(
            c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
            for c in tok.children
        )
    )


def _obligations(sent: SpacySpan) -> Iterable[_Candidate]:
    """ "Russia said Sudan must return the helicopter": a demand (REQUEST)."""
    for tok in sent:
        if (
            tok.pos_ == "VERB"
            and tok.dep_ == "ccomp"
            and tok.head.lemma_ in _SAYING
            and any(c.lower_ == "must" for c in tok.children)
        ):
            yield _Candidate(tok.head, ("REQUEST",), 0.95 * _position_weight(tok.head))


def _type_from_object(tok: Token, lemma: str) -> str | None:
    preps = [c for c in tok.children if c.dep_ == "prep"]
    if lemma == "call" and any(p.lower_ in ("for", "on", "upon") for p in preps):
        return "REQUEST"  # "called for sanctions", "called on Arabs to unite"
    objects = [c for c in tok.children if c.dep_ in _OBJECTS or c.dep_ == "nsubjpass"]
    objects += [g for p in preps for g in _pobjs(p)]
    # "tons of aid", "a state of emergency": the thing is under the measure.
    objects += [g for o in list(objects) for c in o.children if c.lower_ == "of" for g in _pobjs(c)]
    nouns = [
        head.lemma_.lower()
        for obj in objects
        for head in (obj, *(c for c in obj.children if c.dep_ == "compound"))
    ]
    for noun in nouns:
        if (lemma, noun) in VERB_OBJECT_TYPES:
            return VERB_OBJECT_TYPES[(lemma, noun)]
    if lemma not in WEAK_TRIGGERS:
        return None
    for noun in nouns:
        cue = OBJECT_CUES.get(noun)
        if cue is not None:
            return "ASSAULT" if cue == "MOBILIZE" and _aimed_at_someone(tok) else cue
    return None


def _aimed_at_someone(tok: Token) -> bool:
    """ "fired rockets at Israel" is an attack; "fired a missile toward the sea" a test."""
    return any(
        g.ent_type_ in _ACTOR_LABELS or g.lemma_.lower() in _TARGETS
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in _ATTACK_PREPS
        for g in _pobjs(c)
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
        if tok.dep_ in ("ccomp", "xcomp", "conj") and tok.head.dep_ == "ROOT":
            return 0.85
        # Subordinate clauses ("after U.S. officials alleged ...") are background.
        return 0.4 if tok.dep_ in ("amod", "acl", "relcl", "advcl") else 0.6
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
        return 0.7
    return 0.5


def _argument_tokens(trigger: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the subject side and the object side of the trigger."""
    actors: list[Token] = []
    recipients: list[Token] = []
    if trigger.pos_ == "NOUN":
        if trigger.dep_ == "compound":  # "mediation mission": the phrase's head has the args
            trigger = trigger.head
        for c in trigger.children:
            if c.dep_ in ("poss", "compound", "amod") and c.ent_type_:
                actors.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("by", "between", "among"):
                actors.extend(_pobjs(c))
            elif c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
                recipients.extend(_pobjs(c))
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
        if c.dep_ in _SUBJECTS:
            actors.append(c)
        elif c.dep_ == "agent":
            actors.extend(_pobjs(c))
        elif c.dep_ in _OBJECTS or c.dep_ == "nsubjpass":
            recipients.append(c)
        elif c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
            recipients.extend(_pobjs(c))
    if not actors and verb.dep_ == "acl" and verb.tag_ != "VBN":
        actors.append(verb.head)  # "aid groups donating food": the noun acts
    head = verb
    for _ in range(4):  # "agreed to meet": the subject of "agreed" meets
        if actors or head.dep_ not in _INHERIT_SUBJECT or head.head is head:
            break
        head = head.head
        actors = [c for c in head.children if c.dep_ in _SUBJECTS]
    return actors, recipients


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def _phrase_tokens(heads: Iterable[Token]) -> list[Token]:
    """The argument phrases under ``heads``, without the clauses embedded in them."""
    out: list[Token] = []
    stack = list(heads)
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(
            c
            for c in tok.children
            if (c.dep_ not in _CLAUSE_DEPS or c.dep_ == "conj") and c.lower_ not in _WHERE
        )
    return out


def _entity_ids(
    doc: AnnotatedArticle, heads: Sequence[Token], within: Span | None = None
) -> tuple[str, ...]:
    """Ids of the actors named in the phrases under ``heads`` (inside ``within``)."""
    tokens = [
        t
        for t in _phrase_tokens(heads)
        if within is None or within.start <= t.idx < within.end  # not across a bad split
    ]
    if not tokens:
        return ()
    starts = {t.idx for t in tokens}
    ids: list[str] = []
    if doc.mentions:
        ordered = _actor_mentions(doc)
        low = bisect.bisect_left(ordered.starts, min(starts) - ordered.longest)
        high = bisect.bisect_right(ordered.starts, max(starts))
        for m in ordered.mentions[low:high]:
            if any(m.span.start <= s < m.span.end for s in starts):
                ids.append(m.entity or _text_id(m.span.text(doc.text)))
    else:
        indices = {t.i for t in tokens}
        for ent in tokens[0].doc.ents:
            if ent.label_ in _ACTOR_LABELS and indices.intersection(range(ent.start, ent.end)):
                ids.append(_text_id(ent.text))
    return tuple(dict.fromkeys(ids))


def _text_id(name: str) -> str:
    """An id for an actor known only by its words ("text:North Korea"), sans possessive."""
    for suffix in ("’s", "'s", "’", "'"):
        name = name.removesuffix(suffix)
    return f"text:{name.strip()}"


@dataclass(frozen=True)
class _OrderedMentions:
    mentions: list[Mention]
    starts: list[int]
    longest: int


# Per article (by identity, for the duration of one coding pass): sorting every mention again
# for each sentence is quadratic in the article's length.
_ORDERED: dict[int, tuple[AnnotatedArticle, _OrderedMentions]] = {}


def _actor_mentions(doc: AnnotatedArticle) -> _OrderedMentions:
    cached = _ORDERED.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    actors = sorted((m for m in doc.mentions if m.label not in _NOT_ACTORS), key=lambda m: m.span)
    ordered = _OrderedMentions(
        actors, [m.span.start for m in actors], max((len(m.span) for m in actors), default=0)
    )
    _ORDERED.clear()
    _ORDERED[id(doc)] = (doc, ordered)
    return ordered


def _event_date(doc: AnnotatedArticle, sent: SpacySpan, trigger: Token) -> str | None:
    """The date expression governing the trigger, else any in the sentence, else the DCT."""
    inside = [
        t
        for t in doc.times
        if sent.start_char <= t.span.start
        and t.span.end <= sent.end_char
        and t.type in ("DATE", "TIME")
        and t.value[:1].isdigit()
    ]
    if inside:
        best = min(
            inside, key=lambda t: (_hops_to(sent, t, trigger), abs(t.span.start - trigger.idx))
        )
        return best.value
    published = doc.article.published
    return published.isoformat() if published is not None else None


def _hops_to(sent: SpacySpan, time: TimeExpression, trigger: Token) -> int:
    """Dependency steps from the time expression up to the trigger (large if not under it)."""
    span = sent.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if span is None:
        return 99
    tok = span.root
    for hops in range(8):
        if tok == trigger:
            return hops
        if tok.head is tok or tok.dep_ in ("relcl", "ccomp", "advcl"):
            break
        tok = tok.head
    return 99


def _location(doc: AnnotatedArticle, sent: SpacySpan) -> str | None:
    """The first place named after "in" or "at" in the sentence."""
    places: list[tuple[int, int]] = [
        (m.span.start, m.span.end)
        for m in doc.mentions
        if m.label in _PLACE_LABELS and sent.start_char <= m.span.start < sent.end_char
    ]
    places += _place_entities(sent)
    text = doc.text
    for start, end in sorted(places):
        before = text[max(sent.start_char, start - 8) : start].lower().split()
        # "in Seoul", "at the Panmunjom truce village"
        if any(word in ("in", "at") for word in before[-2:]):
            return text[start:end]
    return None


def _place_entities(sent: SpacySpan) -> list[tuple[int, int]]:
    """spaCy's place entities in ``sent``, read off its tokens (``Span.ents`` walks every
    entity of the document on each call: quadratic over a long article)."""
    found: list[list[int]] = []
    inside = False  # in an entity that began in this sentence
    for tok in sent:
        if tok.ent_iob_ == "B":
            found.append([tok.idx, tok.idx + len(tok), int(tok.ent_type_ in _PLACE_LABELS)])
            inside = True
        elif tok.ent_iob_ == "I" and inside:
            found[-1][1] = tok.idx + len(tok)
        else:
            inside = False
    return [(start, end) for start, end, place in found if place]


def _sentence_span(doc: AnnotatedArticle, sent: SpacySpan, trigger: Token) -> Span:
    """The ``sentences`` stage's span that holds the trigger, else spaCy's sentence."""
    for span in doc.sentences:
        if span.start <= trigger.idx < span.end:
            return span
    return Span(sent.start_char, sent.end_char)


DEFAULT_STAGES.append("events")
