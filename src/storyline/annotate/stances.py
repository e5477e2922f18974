"""The ``stances`` stage: who holds which position on which issue, when, on what evidence.

Issues come from the catalogue (:mod:`.issues`); positions and holders from the parse
(:mod:`.stance_rules`); holders are the ids of the ``entities`` stage and the speakers of the
``quotes`` stage when those ran. Each stance is dated by:

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

``doc.scratch["stance_governments"]`` maps the people holding stances to the government the
text makes them speak for (see :func:`holder_governments`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyline.annotate.issues import Issue, IssueTrigger, find_triggers, load_catalogue
from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.annotate.stance_rules import (
    ELLIPTICAL_CUES,
    ActorIndex,
    Reading,
    government_of,
    holder_governments,
    negated,
    path_up,
    position_of,
    read_trigger,
)
from storyline.model import AnnotatedArticle, Span, Stance, TimeExpression

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


@stage("stances", requires=("parse",), provides=("stances",))
def stances_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Stances of actors on the catalogue's issues, dated, with their evidence sentence."""
    catalogue = load_catalogue()
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
        d.scratch["stance_governments"] = {h: g for h, g in governments.items() if h in held}


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
    """All stances in one parsed article; ``governments`` maps people to their government."""
    actors = ActorIndex(parsed, d.mentions, d.quotes, governments or {})
    anchors = _time_anchors(parsed, d.times)
    found: dict[tuple[str, str, str, str | None, Span], Stance] = {}
    # Issues a recent sentence was about, with the governments it named (for elliptical cues).
    recent: list[tuple[int, Issue, set[str]]] = []
    for index, sent in enumerate(parsed.sents):
        if len(sent) > MAX_SENTENCE_TOKENS:
            log.debug("stances: %s sentence at %d too long, skipped", d.article.id, sent.start)
            continue
        triggers = _fitting(find_triggers(sent, catalogue), actors)
        readings = [(t, read_trigger(t, actors, 1 if t.issue.act else None)) for t in triggers]
        if not triggers:
            readings = _elliptical(sent, actors, recent, index)
        for trigger, reading in readings:
            if reading is not None:
                for stance in _stances_from(d, sent, trigger, reading, anchors):
                    key = (
                        stance.holder,
                        stance.issue,
                        stance.position,
                        stance.date,
                        stance.evidence,
                    )
                    found.setdefault(key, stance)
        named = _named_here(sent, actors)
        recent = [r for r in recent if index - r[0] <= 2]
        recent.extend((index, t.issue, named) for t in triggers)
    return list(found.values())


def _fitting(triggers: list[IssueTrigger], actors: ActorIndex) -> list[IssueTrigger]:
    """Triggers whose issue fits who is in play; the first issue wins a token."""
    taken: set[int] = set()
    kept: list[IssueTrigger] = []
    for t in triggers:
        if t.root.i in taken:
            continue
        if t.issue.parties and not (t.marked or t.qualified):
            in_play = _in_play(t.root, actors)
            if not all(p in in_play for p in t.issue.parties):
                continue
        taken.add(t.root.i)
        kept.append(t)
    return kept


def _in_play(root: Token, actors: ActorIndex) -> set[str]:
    """Governments around a trigger: in its phrase, or beside the verbs above it."""
    govs: set[str] = set()
    around = list(root.subtree)
    for token in path_up(root, limit=6)[1:]:
        around.append(token)
        around.extend(c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"})
    for token in around:
        found = actors.government_at(token)
        if found:
            govs.add(found)
    return govs


def _named_here(sent: SpacySpan, actors: ActorIndex) -> set[str]:
    named = (actors.government_at(t) for t in sent)
    return {g for g in named if g}


def _elliptical(
    sent: SpacySpan, actors: ActorIndex, recent: list[tuple[int, Issue, set[str]]], index: int
) -> list[tuple[IssueTrigger, Reading | None]]:
    """ "China indicated that it was not ready yet": a bare cue takes a recent issue."""
    out: list[tuple[IssueTrigger, Reading | None]] = []
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
        for _, issue, named in reversed(recent):
            probe = IssueTrigger(issue, token.idx, token.idx + len(token), token, False, False)
            reading = read_trigger(probe, actors)
            if reading is None:
                continue
            holders = {government_of(layer.holder, actors.governments) for layer in reading.layers}
            if holders & named:
                out.append((probe, reading))
                break
    return out


def _stances_from(
    d: AnnotatedArticle,
    sent: SpacySpan,
    trigger: IssueTrigger,
    reading: Reading,
    anchors: list[tuple[Token, str]],
) -> list[Stance]:
    evidence = Span(sent.start_char, sent.end_char)
    while evidence.end > evidence.start and d.text[evidence.end - 1].isspace():
        evidence = Span(evidence.start, evidence.end - 1)
    path = path_up(trigger.root)
    when = _date_for(d, sent, path, anchors)
    out: list[Stance] = []
    seen: set[str] = set()
    for layer in reversed(reading.layers):  # the highest layer speaks for its holder
        if layer.holder is None or layer.holder in seen:
            continue
        seen.add(layer.holder)
        position = position_of(layer.polarity, reading.condition, trigger.issue)
        condition = reading.condition if position in {"conditional", "oppose"} else None
        if position == "oppose" and negated(layer.cue):
            condition = reading.condition
        out.append(Stance(layer.holder, trigger.issue.label, position, when, evidence, condition))
    return out


# --- dates ------------------------------------------------------------------------------


def _time_anchors(parsed: Doc, times: Sequence[TimeExpression]) -> list[tuple[Token, str]]:
    """Each usable time expression with the verb it attaches to and its ISO value."""
    anchors: list[tuple[Token, str]] = []
    for t in times:
        value = _iso(t.value)
        if t.type not in {"DATE", "TIME"} or value is None:
            continue
        span = parsed.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        verb = span.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
            verb = verb.head
        anchors.append((verb, value))
    return anchors


def _iso(value: str) -> str | None:
    week = _ISO_WEEK.match(value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday.isoformat()[:7]
    found = _ISO_DATE.match(value)
    return found.group(0) if found else None


def _date_for(
    d: AnnotatedArticle, sent: SpacySpan, path: list[Token], anchors: list[tuple[Token, str]]
) -> str | None:
    best: tuple[int, str] | None = None
    for verb, value in anchors:
        if verb.sent != sent:
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
    period = _period_start(sent, path, published)
    if period is not None:
        return period
    dateline = _paragraph_dateline(d, sent.start_char)
    if dateline is not None:
        return dateline
    return _published(d)


def _period_start(sent: SpacySpan, path: list[Token], published: date | None) -> str | None:
    """The year a "for months"/"has long" period reaches back to, or a past perfect's year."""
    if published is None:
        return None
    for token in path:
        auxes = [c.lower_ for c in token.children if c.dep_ == "aux"]
        if token.tag_ != "VBN" or not any(a in {"has", "have", "had"} for a in auxes):
            continue
        unit = None
        found = _PERIOD.search(sent.text)
        if found:
            unit = found.group(1).lower()
        elif any(c.lower_ == "long" and c.dep_ == "advmod" for c in token.children):
            unit = "long"
        if unit is not None:
            return str((published - timedelta(days=_PERIOD_REACH[unit])).year)
        if "had" in auxes:
            return str(published.year)
    return None


def _paragraph_dateline(d: AnnotatedArticle, position: int) -> str | None:
    start = d.text.rfind("\n", 0, position) + 1
    for t in d.times:
        if start <= t.span.start <= start + 40 and t.type == "DATE":
            if _DATELINE_AFTER.match(d.text[t.span.end : t.span.end + 12]):
                return _iso(t.value)
    return None


def _published(d: AnnotatedArticle) -> str | None:
    published = d.article.published
    if published is None:
        return None
    size = {"year": 4, "month": 7}.get(d.article.published_precision, 10)
    return published.isoformat()[:size]


DEFAULT_STAGES.append("stances")
