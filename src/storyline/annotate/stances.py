"""The ``stances`` stage: who holds which position on which issue, when, on what evidence.

Two kinds of stance, both with holders from the ``entities`` stage (and the speakers of the
``quotes`` stage for pronouns inside quotes):

- **open** stances, on any story: a stance cue with its target ("called for *a no-fly
  zone*", :mod:`.stance_targets`). The stance's ``issue`` is the target's readable name and
  ``target`` its span; the story layer (:mod:`storyline.story.issue_discovery`) groups the
  targets of a storyline into issues;
- **named** issues from an issue file a user gives (``PipelineOptions.issues_file``,
  :mod:`.issues`), with positions from :mod:`.stance_rules`. A cue whose target a named
  issue covers gives no open stance.

Each stance is dated by:

1. the time expression governing its clause (``doc.times``): one attached to a verb on the
   path from the trigger up ("the White House stated on Thursday that Trump remains open"),
   or to a clause hanging off it ("When Mr. Tillerson said in December ...");
2. else a period that ends at the article's date and reaches back: "for months" or "long"
   with the present perfect ("For months, the White House has rejected ...") describes a
   position held *before* the article. It is dated at year precision by the year the period
   must at least reach back to (months: two months before the article, years: two years,
   weeks: two weeks), so the Feb 2018 article's "for months" gives 2017. A bare past perfect
   ("had rejected") gives the article's year;
3. else a dateline opening the paragraph ("SEOUL, Dec. 19 (Yonhap) --");
4. else the article's publication date, at its precision.

``doc.stance_governments`` maps the people holding stances to the government the
text makes them speak for (see :func:`holder_governments`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.annotate import identity as ident
from storyline.annotate.comments import comment_zone
from storyline.annotate.issues import Issue, IssueTrigger, find_triggers, load_catalogue
from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.annotate.quote_rules import speech_lemmas
from storyline.annotate.span_index import SpanIndex
from storyline.annotate.stance_naming import target_name, target_span
from storyline.annotate.stance_rules import (
    ELLIPTICAL_CUES,
    ActorIndex,
    Reading,
    asserted,
    condition_of,
    government_of,
    holder_governments,
    path_up,
    position_of,
    read_trigger,
)
from storyline.annotate.stance_scope import unasserted
from storyline.annotate.stance_targets import (
    CueWords,
    OpenTarget,
    cue_words,
    find_open_targets,
    holder_token,
)
from storyline.model import (
    AnnotatedArticle,
    Mention,
    Span,
    Stance,
    StancePosition,
    TimeExpression,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

log = logging.getLogger(__name__)

# A sentence longer than this is a flattened table or a run-on capture: parsing it for
# stances costs much and finds nothing trustworthy.
MAX_SENTENCE_TOKENS = 250
# Share of cased letters that are capitals above which text is shouting, not prose; the
# parser's tags are unreliable on it.
MAX_UPPERCASE_SHARE = 0.8
_PERIOD = re.compile(r"\bfor\s+(?:many\s+|several\s+|some\s+)?(weeks|months|years|decades)\b", re.I)
_PERIOD_REACH = {"weeks": 14, "months": 61, "years": 731, "decades": 7305, "long": 61}
_DATELINE_AFTER = re.compile(r"^\s*(?:\(|--|—|–)")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


@stage(
    "stances",
    requires=("parse",),
    uses=("mentions", "entity_records", "times", "quotes"),
    provides=("stances", "stance_governments"),
    # 4: posts under a header ("jd_1962 wrote:") are a comment thread; 5: "In London, the
    # government" is Britain's, "US senators" are not the US government, "this topic has
    # now closed" marks a thread; 6: groups the text names ("US senators"), parties in the
    # plural, "willing to", a first-person "will" in a quote, bills put forward or passed;
    # 7: people acting together ("protesters"), a spokesperson's employer, "pressured X to";
    # judgements ("X is not helpful", "it is vital to X") and "there should be X" voiced;
    # 8: "his proposals to X", "Obama's statement that X should", "proposes/offers/seeks to",
    # "the next step is to X", groups of professionals ("lawyers", "economists")
    version=8,
)
def stances_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Stances of actors on the catalogue's issues, dated, with their evidence sentence."""
    catalogue = load_catalogue(options.issues_file)
    governments = holder_governments(docs)
    for d in docs:
        reason = _skip_reason(d, options)
        if reason:
            d.skipped["stances"] = reason
            log.info("stances skipped for %s: %s", d.article.id, reason)
            continue
        d.skipped.pop("stances", None)
        parsed = spacy_doc(d)
        assert parsed is not None  # checked by _skip_reason
        d.stances = find_stances(d, parsed, catalogue, governments)
        held = {s.holder for s in d.stances}
        d.stance_governments = {h: g for h, g in governments.items() if h in held}


def _skip_reason(d: AnnotatedArticle, options: PipelineOptions) -> str | None:
    language = d.article.language or "en"
    if language not in options.english:
        return f"language is {language}, stage is English-only"
    if spacy_doc(d) is None:
        return "no spaCy parse; run the sentences stage first"
    letters = [c for c in d.text if c.isalpha() and (c.isupper() or c.islower())]
    if letters and sum(c.isupper() for c in letters) / len(letters) > MAX_UPPERCASE_SHARE:
        return "text is almost all capitals; the parser cannot be trusted on it"
    return None


def find_stances(
    d: AnnotatedArticle,
    parsed: Doc,
    catalogue: Sequence[Issue],
    governments: Mapping[str, str] | None = None,
) -> list[Stance]:
    """All stances in one parsed article; ``governments`` maps people to their government
    (default: what this article's text says, see :func:`holder_governments`)."""
    if governments is None:
        governments = holder_governments([d])
    mentions = d.mentions if "mentions" in d.provided or d.mentions else _fallback_mentions(parsed)
    actors = ActorIndex(parsed, mentions, d.quotes, governments)
    anchors = _time_anchors(parsed, d.times)
    found: dict[tuple[str, str, str, str | None, Span], Stance] = {}
    names = _actor_names(d)
    # Issues a recent sentence was about, with the governments it named (for elliptical cues).
    recent: list[tuple[int, Issue, set[str]]] = []
    comments = comment_zone(d.text)
    for index, sent in enumerate(parsed.sents):
        if comments is not None and sent.start_char >= comments:
            break  # readers' posts hold no actor's stance
        if len(sent) > MAX_SENTENCE_TOKENS:
            log.debug("stances: %s sentence at %d too long, skipped", d.article.id, sent.start)
            continue
        triggers = find_triggers(sent, catalogue) if catalogue else []
        readings = _fitting(triggers, actors)
        readings.extend(_elliptical(sent, actors, recent) if catalogue else [])
        stances = [s for t, r in readings for s in _stances_from(d, sent, t, r, anchors)]
        covered = [Span(t.start, t.end) for t, _ in readings]
        stances.extend(_open_stances(d, sent, actors, anchors, names, covered))
        for stance in stances:
            key = (stance.holder, stance.issue, stance.position, stance.date, stance.evidence)
            found.setdefault(key, stance)
        named = _named_here(sent, actors)
        recent = [r for r in recent if index - r[0] <= 2]
        recent.extend((index, t.issue, named) for t, _ in readings)
    return list(found.values())


def _open_stances(
    d: AnnotatedArticle,
    sent: SpacySpan,
    actors: ActorIndex,
    anchors: list[tuple[Token, str, int]],
    names: dict[str, str],
    named: list[Span],
) -> list[Stance]:
    """Stances on the targets of this sentence's stance cues, where an actor holds them and
    no named issue already covers the target."""
    out: list[Stance] = []
    words = cue_words()
    for t in find_open_targets(sent):
        span = target_span(t)
        if span is None or any(span.overlaps(n) for n in named):
            continue
        path = path_up(t.cue)
        if not asserted(path) or unasserted(t.cue, words, t.prescribed) is not None:
            continue
        holder = _speaker_of(t, d, actors) if t.prescribed else _holder_of(t, actors, words)
        if holder is None or holder.startswith("place:"):
            continue  # a place holds no position

        def name_of(token: Token | None) -> str | None:
            return _name_of(token, actors, names, d.text)

        issue = target_name(t, names.get(holder, holder.removeprefix("text:")), name_of)
        if issue is None or t.polarity == 0:
            continue
        condition = condition_of(path)
        position: StancePosition = (
            "conditional" if condition is not None else "support" if t.polarity > 0 else "oppose"
        )
        evidence = _line_of(d.text, sent, t.cue.idx)
        when = _date_for(d, evidence, path, anchors)
        out.append(Stance(holder, issue, position, when, evidence, condition, span))
    return out


def _speaker_of(t: OpenTarget, d: AnnotatedArticle, actors: ActorIndex) -> str | None:
    """Whose words prescribe the act: the speaker of the quote it sits in, else the subject
    of the verb of saying its clause reports ("the United States should call for X,
    Ottaway told CNN")."""
    at = t.root.idx
    for q in d.quotes:
        if q.content.start <= at < q.content.end and q.speaker_entity:
            return None if q.speaker_entity.startswith("place:") else q.speaker_entity
    judged = t.cue.pos_ == "ADJ"  # "X is not helpful": climb from its copula
    aimed = t.cue.lemma_ == "be"  # "the next step is to X": climb from the copula
    token = t.cue.head if judged else t.cue if aimed else t.root
    words = cue_words()
    for _ in range(4):
        if token.dep_ == "acl" and token.head.lemma_.lower() in words.voiced_nouns:
            return _voice_of(token.head, actors, words)  # "Obama's statement that ..."
        if token.dep_ not in ("ccomp", "conj") or token.head.i == token.i:
            return None
        token = token.head
        lemma = token.lemma_.lower()
        if lemma in speech_lemmas() or (judged and lemma in _OPINION_VERBS):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "agent")), None)
            if subject is None or subject.pos_ == "PRON":
                return None  # a pronoun speaker is the quotes stage's to resolve
            return actor_of_holder(subject, actors, words)
    return None


# Verbs whose subject holds the judgement in their clause ("Lawmakers felt the increase was
# reasonable").
_OPINION_VERBS = frozenset({"think", "believe", "feel", "consider", "find", "argue"})


def _voice_of(noun: Token, actors: ActorIndex, words: CueWords) -> str | None:
    """Whose words a "statement", "call" or "insistence" is: its possessor ("the White
    House's insistence"), else the subject of the verb that voices it ("issued a statement")."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return actor_of_holder(possessor, actors, words)
    if noun.dep_ == "dobj":
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return actor_of_holder(subject, actors, words)
    return None


def _holder_of(t: OpenTarget, actors: ActorIndex, words: CueWords) -> str | None:
    token = holder_token(t.cue, words)
    return None if token is None else actor_of_holder(token, actors, words)


def actor_of_holder(token: Token, actors: ActorIndex, words: CueWords) -> str | None:
    """The actor a holder's words stand for: a pronoun resolved, a named actor, a party, the
    body an agent noun speaks for ("U.S. officials"), or a group the text names."""
    if token.pos_ == "PRON":
        found = actors.resolve_pronoun(token)
        reporter = _reporter_subject(token) if found is None else None
        return actor_of_holder(reporter, actors, words) if reporter is not None else found
    if token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS"):
        # "Egyptians in Prague called for": people, not their government; "Democrats
        # pressed for": the party, an organisation of its own.
        found = actors.actor_of_phrase(token)
        return found if found is not None and found.startswith("org:") else None
    found = actors.actor_of_phrase(token)
    lemma = token.lemma_.lower()
    agent = token.pos_ in ("NOUN", "PROPN") and lemma in words.agent_nouns
    if found is None and not agent and lemma in words.group_nouns:
        return group_holder(token, words)  # "protesters demanded", "the prosecution argued"
    if found is None and lemma in words.body_nouns:
        return _body_holder(token)  # "the spill commission called for"
    if found or not agent:  # "Democratic Senators" may be tagged a proper noun
        return found
    own = _speakers_own(token, actors, words)
    if own is not None:
        return own
    # "U.S. officials", "an envoy for Obama", "a spokesman of the ministry": whom they speak
    # for; "a Twitter entry" speaks for nobody.
    citizens = lemma in words.citizen_agents
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            found = actors.entity_at(child)
        elif child.dep_ == "prep" and child.lower_ in ("for", "of", "from"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = actors.actor_of_phrase(obj) if obj is not None else None
        if found and citizens and found.startswith("gov:"):
            return group_holder(token, words)  # "US senators demanded": not the US
        if found:
            return found
    if lemma in _SPOKESPEOPLE:
        return _employer_before(token, actors)
    grouped = citizens or lemma in words.group_nouns
    return group_holder(token, words) if grouped else None


def _reporter_subject(pronoun: Token) -> Token | None:
    """ "The police said they want higher pay": a "they" (or "he", "she", "it") subject of a
    reported clause is whoever reports it, when that is no pronoun itself."""
    if pronoun.dep_ != "nsubj" or pronoun.lower_ not in ("they", "he", "she", "it"):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in speech_lemmas():
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return None if subject is None or subject.pos_ == "PRON" else subject


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _employer_before(token: Token, actors: ActorIndex) -> str | None:
    """ "The American Petroleum Institute has not taken a position, though a spokeswoman
    said ...": a spokesperson nobody names the employer of speaks for the organisation the
    sentence named last before them."""
    for word in reversed(token.sent[: token.i - token.sent.start]):
        entity = actors.entity_at(word)
        if entity is not None:
            return entity if entity.startswith(("org:", "gov:")) else None
    return None


# Words that count or pick members of a group and are no part of its name.
_QUANTIFIERS = frozenset(
    {"several", "some", "many", "few", "other", "most", "all", "both", "various", "two", "three"}
)


def group_holder(token: Token, words: CueWords) -> str | None:
    """ "US senators", "the 54 Democratic senators", "Several Republican lawmakers",
    "protesters": people who speak for neither their country nor a named body hold a stance
    as the group the text names, by its words ("text:Democratic senators"), when a name says
    which group or the noun is one of people acting together (a bare "officials" or "regional
    leaders" could be anyone's)."""
    collective = token.lemma_.lower() in words.group_nouns
    if token.tag_ not in ("NNS", "NNPS") and not collective:
        return None
    named = [
        c
        for c in token.children
        if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i and c.text[:1].isupper()
    ]
    if not named and not collective:
        return None
    start = min((c.left_edge.i for c in named), default=token.i)
    kept = [
        w.text
        for w in token.doc[start : token.i]
        if not (w.like_num or w.is_punct or w.lower_ in _QUANTIFIERS or w.dep_ in ("det", "predet"))
    ]
    # The noun as a reader writes it mid-sentence: "Protesters" opening a sentence is protesters.
    head = token.text if token.text.isupper() or kept else token.text.lower()
    return f"text:{' '.join([*kept, head])}"


def _body_holder(token: Token) -> str | None:
    """ "the spill commission", "The Senate energy committee": a body no entity names holds a
    stance under the words that say which body it is (a bare "the committee" says none)."""
    words = [w for w in token.lefts if w.dep_ in ("compound", "amod", "nmod") and not w.is_punct]
    if not words:
        return None
    start = min(w.left_edge.i for w in words)
    kept = [w.text for w in token.doc[start : token.i + 1] if w.dep_ not in ("det", "poss")]
    return f"text:{' '.join(kept)}" if len(kept) > 1 else None


def _speakers_own(token: Token, actors: ActorIndex, words: CueWords) -> str | None:
    """ "The president and this administration strongly condemn ...," the spokesman said:
    in a quote, "this"/"our" government (or a description joined to it) is the speaker's
    own: the government the text makes the speaker speak for, else the speaker, who voices
    it."""
    quote = actors.quote_around(token)
    speaker = quote.speaker_entity if quote is not None else None
    if not speaker or speaker.startswith("place:"):
        return None
    for noun in (token, *token.conjuncts):
        own = any(c.dep_ in ("det", "poss") and c.lower_ in ("this", "our") for c in noun.children)
        if own and noun.lemma_.lower() in words.agent_nouns:
            return government_of(speaker, actors.governments) or speaker
    return None


def _name_of(
    token: Token | None, actors: ActorIndex, names: dict[str, str], text: str
) -> str | None:
    """An actor's display name for a token (a pronoun resolved), else a short phrase."""
    if token is None:
        return None
    pronoun = token.pos_ == "PRON"
    entity = actors.resolve_pronoun(token) if pronoun else actors.entity_at(token)
    if entity is None and not pronoun:
        # "Mubarak's son, Gamal": the apposition names him; a possessor alone does not.
        appos = next((c for c in token.children if c.dep_ == "appos"), None)
        entity = actors.entity_at(appos) if appos is not None else None
    if entity:
        return names.get(entity)
    if token.pos_ == "PRON":
        return None
    words = [w for w in token.subtree if w.dep_ not in ("det", "punct", "relcl", "acl")]
    if not words or len(words) > 4 or any(w.i > token.i and w.dep_ == "relcl" for w in words):
        return None
    return text[words[0].idx : words[-1].idx + len(words[-1].text)]


def _actor_names(d: AnnotatedArticle) -> dict[str, str]:
    """Entity id → display name, from the entities stage's records or the longest mention."""
    names: dict[str, str] = {}
    for m in d.mentions:
        if m.entity is not None:
            text = m.span.text(d.text)
            if len(text) > len(names.get(m.entity, "")):
                names[m.entity] = text
    for key, value in d.entity_records.items():
        names[key] = value.name
    for key in list(names):
        if key.startswith("gov:"):
            names[key] = ident.display_name_for(key) or names[key]
    return names


def _fallback_mentions(parsed: Doc) -> list[Mention]:
    """Actors from spaCy's own entities when the entities stage did not run: countries,
    capitals and seats of government stand for governments, full names for people."""
    mentions: list[Mention] = []
    for ent in parsed.ents:
        country = ident.country_in(ident.strip_possessive(ent.text))
        if country is not None and ent.label_ in {"GPE", "ORG", "NORP", "FAC", "LOC"}:
            entity: str | None = country.id
        elif ent.label_ == "PERSON" and ident.is_full_name(ent.text):
            entity = ident.person_id(ent.text)
        else:
            continue
        mentions.append(Mention(Span(ent.start_char, ent.end_char), ent.label_, entity))
    return mentions


def _fitting(
    triggers: list[IssueTrigger], actors: ActorIndex
) -> list[tuple[IssueTrigger, Reading]]:
    """Triggers whose issue fits who is in play, read; the first issue wins a token.

    A bilateral issue ("inter-Korean dialogue") needs both its governments in play, one of
    them holding the stance, and no other pair named as the talks' parties ("talks between
    South Korea and the United States" is not inter-Korean dialogue). A marker
    ("inter-Korean", "Washington-Pyongyang") or qualifier ("preconditions") is enough alone.
    """
    taken: set[int] = set()
    kept: list[tuple[IssueTrigger, Reading]] = []
    for t in triggers:
        if t.root.i in taken:
            continue
        act = 1 if t.issue.act and t.root.pos_ == "VERB" else None
        reading = read_trigger(t, actors, act)
        if reading is None or not _fits(t, reading, actors):
            continue
        taken.add(t.root.i)
        kept.append((t, reading))
    return kept


def _fits(t: IssueTrigger, reading: Reading, actors: ActorIndex) -> bool:
    parties = set(t.issue.parties)
    if not parties or t.marked or t.qualified:
        return True
    named = {g for g in (actors.government_at(x) for x in t.root.subtree) if g}
    holders = {government_of(layer.holder, actors.governments) for layer in reading.layers}
    if len(parties) >= 2:
        if len(named) >= 2 and not named <= parties:
            return False
        if not holders & parties:
            return False
    return parties <= _in_play(t.root, actors) | {h for h in holders if h}


def _in_play(root: Token, actors: ActorIndex) -> set[str]:
    """Governments around a trigger: in its phrase, or beside the verbs above it."""
    govs: set[str] = set()
    around = list(root.subtree)
    for level, token in enumerate(path_up(root, limit=6)[1:]):
        around.append(token)
        around.extend(c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"})
        if level < 2:  # "pursue a thaw with a receptive counterpart in the South"
            for c in token.children:
                if c.dep_ == "prep" and c.lower_ in {"with", "between", "to"}:
                    around.extend(c.subtree)
    for token in around:
        found = actors.government_at(token)
        if found:
            govs.add(found)
    return govs


def _named_here(sent: SpacySpan, actors: ActorIndex) -> set[str]:
    named = (government_of(actors.entity_at(t), actors.governments) for t in sent)
    return {g for g in named if g}


def _elliptical(
    sent: SpacySpan, actors: ActorIndex, recent: list[tuple[int, Issue, set[str]]]
) -> list[tuple[IssueTrigger, Reading]]:
    """ "China indicated that it was not ready yet": a bare cue takes a recent issue."""
    out: list[tuple[IssueTrigger, Reading]] = []
    for token in sent:
        lemma = token.lemma_.lower()
        bare = lemma in ELLIPTICAL_CUES and not any(
            c.dep_ in {"xcomp", "prep"} for c in token.children
        )
        need_time = (
            lemma == "time" and token.head.lower_ == "for" and token.head.head.lemma_ == "need"
        )
        if not (bare or need_time):
            continue
        # The issue the holder is a party to ("China as mediator" for China) comes first,
        # else the most recent one the holder was named with.
        fallback: tuple[IssueTrigger, Reading] | None = None
        for _, issue, named in reversed(recent):
            probe = IssueTrigger(issue, token.idx, token.idx + len(token), token, False, False)
            reading = read_trigger(probe, actors)
            if reading is None:
                break
            holders = {government_of(layer.holder, actors.governments) for layer in reading.layers}
            if holders & set(issue.parties):
                fallback = (probe, reading)
                break
            if fallback is None and holders & named:
                fallback = (probe, reading)
        if fallback is not None:
            out.append(fallback)
    return out


def _stances_from(
    d: AnnotatedArticle,
    sent: SpacySpan,
    trigger: IssueTrigger,
    reading: Reading,
    anchors: list[tuple[Token, str, int]],
) -> list[Stance]:
    evidence = _line_of(d.text, sent, trigger.start)
    path = path_up(trigger.root)
    when = _date_for(d, evidence, path, anchors)
    out: list[Stance] = []
    seen: set[str] = set()
    for layer in reversed(reading.layers):  # the highest layer speaks for its holder
        if layer.holder is None or layer.holder in seen:
            continue
        seen.add(layer.holder)
        position = position_of(layer.polarity, reading.condition, trigger.issue)
        out.append(
            Stance(layer.holder, trigger.issue.label, position, when, evidence, reading.condition)
        )
    return out


def _line_of(text: str, sent: SpacySpan, position: int) -> Span:
    """The sentence clipped to the line holding ``position``: the parser sometimes runs a
    headline and a caption into one sentence; a line break always ends the evidence."""
    start = max(sent.start_char, text.rfind("\n", 0, position) + 1)
    end = text.find("\n", position)
    end = sent.end_char if end == -1 else min(end, sent.end_char)
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _time_anchors(parsed: Doc, times: Sequence[TimeExpression]) -> list[tuple[Token, str, int]]:
    """Each usable time expression: the verb it attaches to, its ISO value, its offset."""
    anchors: list[tuple[Token, str, int]] = []
    for t in times:
        value = _iso(t.value)
        if t.type not in {"DATE", "TIME"} or value is None:
            continue
        span = parsed.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        verb = _modified_verb(span.root)
        if verb is not None:
            anchors.append((verb, value, t.span.start))
    return anchors


def _modified_verb(root: Token) -> Token | None:
    """The verb a time expression modifies ("said in December", "stated on Thursday"); None
    for a time inside a noun phrase ("Trump's planned April visit"), which dates the noun."""
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif root.dep_ not in {"npadvmod", "advmod", "tmod", "obl", "nmod"}:
        return None
    return head if head.pos_ in {"VERB", "AUX", "ADJ"} else None


def _iso(value: str) -> str | None:
    week = _ISO_WEEK.match(value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday.isoformat()[:7]
    found = _ISO_DATE.match(value)
    return found.group(0) if found else None


def _date_for(
    d: AnnotatedArticle, evidence: Span, path: list[Token], anchors: list[tuple[Token, str, int]]
) -> str | None:
    best: tuple[int, str] | None = None
    for verb, value, where in anchors:
        if not evidence.start <= where < evidence.end:
            continue
        if verb in path:
            rank = path.index(verb)
        elif verb.dep_ == "advcl" and verb.head in path:
            rank = path.index(verb.head)
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, value)
    if best is not None:
        return best[1]
    published = d.article.published
    period = _period_start(evidence.text(d.text), path, published)
    if period is not None:
        return period
    dateline = _paragraph_dateline(d, evidence.start)
    if dateline is not None:
        return dateline
    return _published(d)


def _period_start(clause: str, path: list[Token], published: date | None) -> str | None:
    """The year a "for months"/"has long" period reaches back to, or a past perfect's year."""
    if published is None:
        return None
    for token in path:
        auxes = [c.lower_ for c in token.children if c.dep_ == "aux"]
        if token.tag_ != "VBN" or not any(a in {"has", "have", "had"} for a in auxes):
            continue
        unit = None
        found = _PERIOD.search(clause)
        if found:
            unit = found.group(1).lower()
        elif any(c.lower_ == "long" and c.dep_ == "advmod" for c in token.children):
            unit = "long"
        if unit is not None:
            return str((published - timedelta(days=_PERIOD_REACH[unit])).year)
        if "had" in auxes:
            return str(published.year)
    return None


_TIMES_INDEX = "stances.times"


def _paragraph_dateline(d: AnnotatedArticle, position: int) -> str | None:
    start = d.text.rfind("\n", 0, position) + 1
    times = d.scratch.get(_TIMES_INDEX)
    if not isinstance(times, SpanIndex):  # built once an article, not scanned per stance
        times = d.scratch[_TIMES_INDEX] = SpanIndex(d.times, lambda t: (t.span.start, t.span.end))
    found: list[TimeExpression] = times.overlapping(start, start + 41)
    for t in found:
        near_start = start <= t.span.start <= start + 40 and t.type == "DATE"
        if near_start and _DATELINE_AFTER.match(d.text[t.span.end : t.span.end + 12]):
            return _iso(t.value)
    return None


def _published(d: AnnotatedArticle) -> str | None:
    published = d.article.published
    if published is None:
        return None
    size = {"year": 4, "month": 7}.get(d.article.published_precision, 10)
    return published.isoformat()[:size]


DEFAULT_STAGES.append("stances")
