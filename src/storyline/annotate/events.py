"""The ``events`` stage: who did what to whom, when and where, coded in PLOVER 2.0.

For each clause-bearing sentence of a parsed (English) article:

1. The pentacode classifier (:mod:`.pentacode`) scores the sentence: statement, verbal or
   material cooperation, verbal or material conflict. All sentences of a batch are scored
   in one call.
2. The trigger lexicon (:mod:`.event_triggers`) proposes (trigger, PLOVER type) candidates;
   verbs it lacks take their type from PETRARCH's CAMEO verb dictionary
   (:mod:`.cameo_verbs`): a main-clause conflict verb counts like a trigger, any other
   only names an act the classifier is sure of.
3. One decision picks the sentence's pentacode from both: the classifier's probability of
   each code plus the lexicon's weight for its best candidate of a type that code allows.
   The event's type is that candidate's (else the code's broadest type at the main verb),
   so the event and the sentence's pentacode always agree; a statement (code 0) is no
   event unless it is an appeal (REQUEST).
4. Actors and targets come from the trigger's subject and object sides
   (:mod:`.event_args`), resolved to the ``entities`` stage's ids; "it"/"they" take the
   last group subject, "he"/"she" the last person, "we"/"I" inside a quote its speaker.
5. The date is the trigger's own time expression (``date_from="text"``), else the
   article's date (``date_from="article"``); the place one named after "in"/"at".
   Questions, conditions, denied acts and the outlet's boilerplate are no events
   (:mod:`.event_context`).

``storyline eval events`` scores the pentacode through this same stage (a sentence's code
is its first event's pentacode, 0 when it has none).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.annotate.comments import comments_start
from storyline.annotate.event_args import (
    FIRST_SECOND,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    SUBJECTS,
    MentionIndex,
    antecedent_subject,
    argument_tokens,
    entity_ids,
    place_targets,
    pronoun_of,
)
from storyline.annotate.event_context import (
    ArticleIndex,
    event_date,
    event_location,
    is_denied,
    not_an_event,
    sentence_span,
)
from storyline.annotate.event_lexicon import RELATIONAL_NOUNS
from storyline.annotate.event_targets import (
    accused_first,
    companion_verbs,
    complement_verbs,
    condition_subjects,
    governing_verb,
    target_alternatives,
)
from storyline.annotate.event_triggers import Candidate, candidates, is_infinitive
from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pentacode import (
    MINILM_MODEL_PATH,
    MODEL_PATH,
    PENTACODES,
    PentacodeScores,
    load_model,
    score_pentacodes,
)
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.annotate.plover import (
    MATERIAL_CONFLICT,
    RESIDUAL_TYPE,
    STATEMENT_PENTACODE,
    TRIGGERS,
    VERBAL_CONFLICT,
    compatible_pentacodes,
    quad_of,
)
from storyline.model import AnnotatedArticle, Event, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

# What the lexicon's best trigger for a pentacode adds to the classifier's probability of
# that code (a main-verb trigger weighs 1.0, an embedded one less). Tuned on the
# near-duplicate-free development split and half of the PLOVER gold (eval/events.py).
LEXICON_WEIGHT = 0.3
# A decision's (trigger, PLOVER type), or None where no trigger names the act.
Chosen = tuple["Token", str] | None
# What a pentacode none of the sentence's triggers allows gives up against one they allow
# (the classifier alone must then be that much surer).
UNNAMED_PENALTY = 0.2
# How sure the classifier must be of an act no trigger names (background sentences of news
# that is not about conflict still get some code 1-4 from a classifier that never saw one).
RESIDUAL_CONFIDENCE = 0.5
# The least position weight of a trigger in the main clause (the root, or a clause it
# reports or coordinates: event_triggers._position_weight).
MAIN_CLAUSE_WEIGHT = 0.85
# Each further type a trigger lists counts this much less than the one before it.
_RANK_DECAY = 0.9
_PLACES = frozenset({"GPE", "LOC"})
_CONFLICT_QUADS = frozenset({VERBAL_CONFLICT, MATERIAL_CONFLICT})
# Verbs that report rather than act: an act they report is the event.
_SAYING = frozenset({"say", "tell", "report", "announce", "state", "add", "confirm", "claim"})
# Entity-id prefixes that name a person (for "he"/"she").
_PERSON_PREFIXES = ("person:", "text:")


@dataclass
class _Topic:
    """Who "it"/"they" and "he"/"she" most likely stand for at this point of the article."""

    group: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)


@stage(
    "events",
    requires=("sentences", "parse"),
    uses=("mentions", "times", "quotes"),
    provides=("events",),
    version=6,  # 6: "this topic has now closed" marks a comment thread
)
def events_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Code sentence-level PLOVER 2.0 events with pentacode, actors, targets, date, place."""
    parsed_docs: list[tuple[AnnotatedArticle, Doc]] = []
    for doc in docs:
        parsed = spacy_doc(doc)
        if parsed is None:
            doc.skipped["events"] = f"no English parse (language {doc.article.language})"
            continue
        parsed_docs.append((doc, parsed))
    if not parsed_docs:
        return
    model = load_model(_pentacode_model_path(options))
    # Readers' posts under the story report nothing that happened in it.
    ends = [comments_start(doc.text) for doc, _ in parsed_docs]
    clauses = [
        [s for s in parsed.sents if _is_clause(s) and s.start_char < end]
        for (_, parsed), end in zip(parsed_docs, ends, strict=True)
    ]
    # One classifier call for the whole batch: its cost is per call as much as per sentence.
    scores = score_pentacodes([s.text for sents in clauses for s in sents], model)
    offset = 0
    for (doc, _), sents in zip(parsed_docs, clauses, strict=True):
        mine = scores[offset : offset + len(sents)]
        offset += len(sents)
        # An article this raises on is recorded as failed by the pipeline (one error policy).
        doc.events = _code_article(doc, sents, mine)


def _pentacode_model_path(options: PipelineOptions) -> Path:
    """The TF-IDF model, or another named by an option ("minilm" or a path) if one is set."""
    chosen = options.pentacode_model
    if not chosen:
        return MODEL_PATH
    return MINILM_MODEL_PATH if chosen == "minilm" else Path(str(chosen))


def code_events(doc: AnnotatedArticle, parsed: Doc, model: Any | None = None) -> list[Event]:
    """One event at most per sentence of ``parsed`` (the spaCy parse of ``doc``)."""
    sentences = [s for s in parsed.sents if _is_clause(s)]
    return _code_article(doc, sentences, score_pentacodes([s.text for s in sentences], model))


def _code_article(
    doc: AnnotatedArticle, sentences: Sequence[SpacySpan], scores: Sequence[PentacodeScores]
) -> list[Event]:
    mentions = MentionIndex(doc) if doc.mentions else None
    places = MentionIndex(doc, _PLACES) if doc.mentions else None
    index = ArticleIndex(doc)
    starts = [s.start for s in doc.sentences]
    topic = _Topic()
    events: list[Event] = []
    for sent, score in zip(sentences, scores, strict=True):
        event = _code_sentence(doc, sent, score, topic, (mentions, places), index, starts)
        if event is not None:
            events.append(event)
        _update_topic(doc, sent, topic, mentions)
    return events


def _is_clause(sent: SpacySpan) -> bool:
    return len(sent) >= 3 and any(t.pos_ in ("VERB", "AUX") for t in sent)


def decide(found: Sequence[Candidate], score: PentacodeScores) -> list[tuple[int, Chosen]]:
    """The pentacodes in order of support, each with the (trigger, type) of the best
    candidate whose type it allows (None where no trigger names an act of that code).

    A code's support is the classifier's probability plus the lexicon's weight for that
    candidate; a code no trigger allows gives up ``UNNAMED_PENALTY`` when others have one.
    """
    best: dict[int, tuple[float, Token, str]] = {}
    for cand in found:
        for rank, plover_type in enumerate(cand.types):
            value = cand.weight * _RANK_DECAY**rank
            for code in compatible_pentacodes(plover_type):
                if code not in best or value > best[code][0]:
                    best[code] = (value, cand.trigger, plover_type)

    def support(code: int) -> float:
        if code in best:
            return score.scores[code] + LEXICON_WEIGHT * best[code][0]
        return score.scores[code] - (UNNAMED_PENALTY if best and code else 0.0)

    ranked = sorted(PENTACODES, key=support, reverse=True)
    return [(c, (best[c][1], best[c][2]) if c in best else None) for c in ranked]


def _code_sentence(
    doc: AnnotatedArticle,
    sent: SpacySpan,
    score: PentacodeScores,
    topic: _Topic,
    indexes: tuple[MentionIndex | None, MentionIndex | None],
    index: ArticleIndex,
    starts: list[int],
) -> Event | None:
    mentions, places = indexes
    found = candidates(sent)
    lexical = [c for c in found if not c.cameo or _decisive_cameo(c)]
    picked = _first_act(decide(lexical, score), score, sent, index, [c for c in found if c.cameo])
    if picked is None:
        return None
    code, trigger, plover_type, (actor_tokens, recipient_tokens), named = picked
    sentence = sentence_span(doc, starts, sent, trigger.idx)
    actors = entity_ids(doc, actor_tokens, mentions, sentence)
    if not actors and pronoun_of(actor_tokens) is not None:
        actors = entity_ids(doc, antecedent_subject(trigger), mentions, sentence)
        actors = actors or _pronoun_referent(actor_tokens, trigger, topic, index)
    elif not actors and actor_tokens and mentions is not None:
        actors = _named_in_subject(actor_tokens, mentions, sentence)
    if plover_type == "ACCUSE":
        recipient_tokens = accused_first(trigger, recipient_tokens)
    recipients = _targets(doc, trigger, recipient_tokens, (mentions, places), sentence)
    recipients = tuple(r for r in recipients if r not in actors)
    if not named and not (actors or recipients):
        # An act no trigger names, with no one named on either side: on news that is not
        # about conflict this is mostly background ("People go to the movies").
        return None
    date, date_from = event_date(index, sent, trigger)
    return Event(
        type=plover_type,
        quad=quad_of(plover_type),
        pentacode=code,
        actors=actors,
        recipients=recipients,
        date=date,
        trigger=Span(trigger.idx, trigger.idx + len(trigger.text)),
        sentence=sentence,
        location=event_location(index, sent),
        date_from=date_from,
    )


def _targets(
    doc: AnnotatedArticle,
    trigger: Token,
    heads: list[Token],
    indexes: tuple[MentionIndex | None, MentionIndex | None],
    sentence: Span,
) -> tuple[str, ...]:
    """The trigger's own object side, else the first phrase a clause away that names
    someone (:mod:`.event_targets`), else the place the act was done in, else the one a
    conditional act is aimed at."""
    mentions, places = indexes
    for phrase in (heads, *target_alternatives(trigger)):
        found = entity_ids(doc, phrase, mentions, sentence, target=True)
        if found:
            return found
    verb = governing_verb(trigger)
    for acting in (verb, *complement_verbs(verb), *companion_verbs(verb)):
        found = tuple(place_targets(acting, places))
        if found:
            return found
    found = entity_ids(doc, condition_subjects(trigger), mentions, sentence, target=True)
    if found or mentions is None:
        return found
    return _first_named_after(trigger, verb, mentions, sentence)


def _named_in_subject(
    heads: Sequence[Token], mentions: MentionIndex, sentence: Span
) -> tuple[str, ...]:
    """The last actor named anywhere in an unnamed subject phrase ("doctors from two
    American aid groups", "students throughout Indonesia"): who the people are."""
    found: tuple[str, ...] = ()
    for head in heads:
        if head.lower_ in RELATIONAL_NOUNS or head.lemma_.lower() in RELATIONAL_NOUNS:
            continue  # "a son of the leader", "supporters of Ben Bella" are not them
        for tok in head.subtree:
            m = mentions.at(tok.idx) if sentence.start <= tok.idx < sentence.end else None
            if m is not None:
                found = (mentions.id_of(m),)
    return found


def _first_named_after(
    trigger: Token, verb: Token, mentions: MentionIndex, sentence: Span
) -> tuple[str, ...]:
    """TABARI's convention, last: the first actor named after the trigger within its
    clause ("established ties with and opened an embassy in Tehran")."""
    for tok in verb.subtree:
        if tok.i <= trigger.i or not sentence.start <= tok.idx < sentence.end:
            continue
        m = mentions.at(tok.idx)
        if m is not None:
            return (mentions.id_of(m),)
    return ()


def _first_act(
    ranked: list[tuple[int, Chosen]],
    score: PentacodeScores,
    sent: SpacySpan,
    index: ArticleIndex,
    cameo: Sequence[Candidate] = (),
) -> tuple[int, Token, str, tuple[list[Token], list[Token]], bool] | None:
    """The best supported code whose act the sentence really reports, with its trigger,
    type, argument heads and whether a trigger named it; None once a statement (code 0
    without an appeal) ranks first.

    A code without a trigger gets the type of the best verb the CAMEO dictionary codes in
    that pentacode (``cameo``), else the quad's broadest type at the main verb (the
    classifier is sure of an act no trigger names); a denied, hypothetical or subject-less
    act passes the turn to the next code ("has not conducted tests since ..., when it launched a
    missile" reports the launch).
    """
    for code, chosen in ranked:
        named = chosen is not None
        options: list[tuple[Token, str]] = []
        if chosen is not None:
            options = [chosen]
        elif code != STATEMENT_PENTACODE and score.scores[code] >= RESIDUAL_CONFIDENCE:
            options = _cameo_named(cameo, code)
            main = _reported_verb(sent.root)
            if main.pos_ == "VERB" and not is_denied(main):
                options.append((main, _residual_type(main, code)))
        else:
            return None
        for trigger, plover_type in options:
            if not_an_event(trigger, sent, index) is not None:
                continue
            args = argument_tokens(trigger)
            if args[0] or args[1]:  # someone acts or is acted on: not a state of affairs
                return code, trigger, plover_type, args, named
    return None


def _residual_type(verb: Token, code: int) -> str:
    """What the classifier's act at ``verb`` is: the first type the lexicon lists for a
    verb too vague to be a trigger alone ("accepted a formula" agrees), else the quad's
    broadest type."""
    listed = TRIGGERS.get(verb.lemma_.lower(), ())
    return next((t for t in listed if code in compatible_pentacodes(t)), RESIDUAL_TYPE[code])


def _decisive_cameo(cand: Candidate) -> bool:
    """Whether a verb only CAMEO knows weighs in the decision like a lexicon trigger: a
    conflict verb of the main clause ("The militia ransacked the offices"). CAMEO's
    cooperation blocks are broad synonym sets ("attend" and "go" consult), and a verb
    with an infinitive complement leaves the act to it ("have sworn to fight")."""
    return (
        quad_of(cand.types[0]) in _CONFLICT_QUADS
        and cand.weight >= MAIN_CLAUSE_WEIGHT
        and not any(is_infinitive(c) for c in cand.trigger.children)
    )


def _cameo_named(cameo: Sequence[Candidate], code: int) -> list[tuple[Token, str]]:
    """(trigger, type) of the CAMEO-coded verbs whose type the code allows, weightiest
    (then first) first."""
    fitting = sorted(
        (c for c in cameo if code in compatible_pentacodes(c.types[0])),
        key=lambda c: (-c.weight, c.trigger.i),
    )
    return [(c.trigger, c.types[0]) for c in fitting]


def _reported_verb(root: Token) -> Token:
    """ "Sudanese rebels shelled Juba, officials said": the act, not the saying."""
    if root.lemma_.lower() in _SAYING:
        for c in root.children:
            if c.dep_ == "ccomp" and c.pos_ == "VERB":
                return c
    return root


def _pronoun_referent(
    heads: Sequence[Token], trigger: Token, topic: _Topic, index: ArticleIndex
) -> tuple[str, ...]:
    """Whom a pronoun subject stands for: the last group or person, or a quote's speaker."""
    pronoun = pronoun_of(heads)
    if pronoun is None:
        return ()
    if pronoun in FIRST_SECOND:
        quote = index.quote_at(trigger.idx)
        return (quote.speaker_entity,) if quote is not None and quote.speaker_entity else ()
    if pronoun in PERSON_PRONOUNS:
        return topic.person
    return topic.group if pronoun in GROUP_PRONOUNS else ()


def _update_topic(
    doc: AnnotatedArticle, sent: SpacySpan, topic: _Topic, mentions: MentionIndex | None
) -> None:
    """The main subject of this sentence becomes what later pronouns most likely mean."""
    subjects = [c for c in sent.root.children if c.dep_ in SUBJECTS]
    if not subjects or pronoun_of(subjects) is not None:
        return
    ids = entity_ids(doc, subjects, mentions)
    if not ids:
        return
    if _is_person(ids[0], subjects, mentions):
        topic.person = ids[:1]
    else:
        topic.group = ids


def _is_person(entity: str, heads: Sequence[Token], mentions: MentionIndex | None) -> bool:
    if mentions is not None:
        m = next((mentions.at(h.idx) for h in heads if mentions.at(h.idx) is not None), None)
        return m is not None and m.label in ("PERSON", "TITLE")
    return any(h.ent_type_ == "PERSON" for h in heads) and entity.startswith(_PERSON_PREFIXES)


DEFAULT_STAGES.append("events")
