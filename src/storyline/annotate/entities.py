"""The ``entities`` stage: named-entity mentions tied to corpus-wide identities.

spaCy's NER (any installed pipeline, by ``PipelineOptions.spacy_model``) finds the names;
this stage decides who they are, across the whole batch:

- spelling variants share an id (``Kim Jong-un`` = ``Kim Jong Un``: see :mod:`.identity`);
- a bare surname or honorific reference ("Mr. Kim") binds to the most salient person with
  that surname named earlier in the article, else to the batch's only (or dominant) bearer;
- capitals, seats of government, country names and safe demonym phrases ("Pyongyang", "the
  White House", "the North", "American officials") stand for governments (``gov:...``);
- titles and appositions give people dated roles (:mod:`.roles`), and a bare title ("the
  South Korean president") resolves to whoever held that role nearest the article's date;
- the user's identity file (:mod:`.identity_file`) is applied last, on every run.

Identity is decided across one batch of the pipeline (``PipelineOptions.batch_size``
articles): a surname or title finds its person in the same batch or the identity file.
Ids never depend on the batch; display names and title references may.

Each mention is ``Mention(span, label, entity)``. Labels are spaCy's (PERSON, ORG, GPE,
NORP, LOC, FAC) plus ``TITLE`` for a resolved bare title. Spans include a leading honorific
("Mr. Moon") and a demonym phrase's noun ("American officials") but never a possessive.

``doc.scratch["entities"]`` holds this article's entity records, ``dict[str, Entity]`` keyed
by id: name, kind, the aliases written in this article and the roles it gives, each dated
by the article's publication date. :func:`collect_entities` merges them for the store.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from storyline.annotate import identity as ident
from storyline.annotate.identity_file import IdentityRules, load_identity_file, surface_form
from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.annotate.roles import (
    RoleClaim,
    TitleEvidence,
    holder_on,
    title_references,
    titles_for_person,
)
from storyline.model import AnnotatedArticle, Entity, Mention, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


def _words(text: str) -> list[str]:
    return text.split()


ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Nouns after a demonym that make the phrase the government acting ("American officials").
_GOVERNMENT_NOUNS = frozenset(
    _words("""official officials government administration authorities authority diplomat diplomats
    negotiator negotiators regime military envoy envoys delegation side agency agencies media
    ministry""")
)
# Prepositions after which a capital is a place, not its government ("talks in Seoul").
_LOCATIVE = frozenset(
    _words("in at from to into near inside outside across around toward towards via through")
)
_ADMINISTRATION = re.compile(r"\s+administration\b")
_LEADING_HEADS = frozenset({"leader", "president", "prime minister", "chairman", "premier"})
# A hyphen joining two names ("U.S.-North Korea", "Trump-Kim Jong-un"), not one ("Jong-un").
_NAME_JOIN = re.compile(r"(?<=\S)[\-‐‑–](?=[A-Z])")


@dataclass
class _Draft:
    """A mention whose entity may not be decided yet."""

    start: int
    end: int
    label: str
    text: str
    entity: str | None = None
    # Fixed by the identity file: later resolution must leave it alone.
    fixed: bool = False
    # Character range of the name itself, without a leading honorific.
    name_start: int = 0


@dataclass
class _Article:
    doc: AnnotatedArticle
    parsed: Doc
    drafts: list[_Draft] = field(default_factory=list)
    evidence: list[tuple[_Draft, TitleEvidence]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.doc.article.id

    @property
    def published(self) -> date | None:
        return self.doc.article.published


@stage("entities", requires=("parse",), provides=("mentions",))
def entities_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Named-entity mentions with corpus-wide ids, roles, and title/surname references."""
    rules = load_identity_file(options.identity_file)
    articles: list[_Article] = []
    for d in docs:
        parsed = spacy_doc(d)
        language = d.article.language or "en"
        if language not in options.english:
            d.skipped["entities"] = f"language is {language}, stage is English-only"
        elif parsed is None:
            d.skipped["entities"] = "no spaCy parse; run the sentences stage first"
        else:
            d.skipped.pop("entities", None)
            articles.append(_Article(d, parsed, _drafts(d.text, parsed, rules)))
    _resolve_people(articles)
    claims = _role_claims(articles, rules)
    written: list[Counter[tuple[str, str]]] = []
    for a in articles:
        _administrations(a, claims)
        _resolve_titles(a, claims)
        written.append(_finish(a, rules))
    names = _display_names(sum(written, Counter()), rules)
    for a, forms in zip(articles, written, strict=True):
        _records(a, forms, names, rules, claims)


def _drafts(text: str, parsed: Doc, rules: IdentityRules) -> list[_Draft]:
    """NER spans, cleaned and split, with the ids that need no other article."""
    korea = "Korea" in text
    drafts: list[_Draft] = []
    for ent in parsed.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = ent.start_char, ent.start_char + len(ident.strip_possessive(ent.text))
        while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
            end -= 1
        if not any(c.isupper() for c in text[start:end]):
            continue  # "congress", "annual": lowercase NER noise
        for s, e in _parts(text, start, end, ent.label_, korea):
            drafts.append(_draft(text, parsed, s, e, ent.label_, korea))
    _add_aliases(text, drafts, rules)
    return drafts


def _parts(text: str, start: int, end: int, label: str, korea: bool) -> list[tuple[int, int]]:
    """Split "U.S.-North Korea" and "Trump-Kim Jong-un" into the names they join."""
    cuts = [start + m.start() for m in _NAME_JOIN.finditer(text[start:end])]
    pieces = [(a + 1, b) for a, b in pairwise([start - 1, *cuts, end]) if b > a + 1]
    if len(pieces) < 2:
        return [(start, end)]
    words = [text[s:e] for s, e in pieces]
    if label == "PERSON":
        if len(pieces) == 2 and " " not in words[0] and " " in words[1]:
            return pieces
        return [(start, end)]
    if all(ident.country_in(w) or (korea and w in {"North", "South"}) for w in words):
        return pieces
    return [(start, end)]


def _draft(text: str, parsed: Doc, start: int, end: int, label: str, korea: bool) -> _Draft:
    draft = _Draft(start, end, label, text[start:end], name_start=start)
    if label == "PERSON" and re.match(r"(?:USS|HMS|USNS)\s", draft.text):
        label = draft.label = "FAC"  # a ship named after a person
    if label == "PERSON":
        before = text[max(0, start - 5) : start]
        m = re.search(r"\b(Mr|Mrs|Ms|Dr)\.?\s$", before)
        if m:
            draft.start = start - (len(before) - m.start())
            draft.text = text[draft.start : end]
        if ident.is_full_name(draft.text):
            draft.entity = ident.person_id(surface_form(draft.text))
        return draft
    draft.entity = _place_or_government(text, parsed, draft, korea)
    return draft


def _place_or_government(text: str, parsed: Doc, draft: _Draft, korea: bool) -> str | None:
    words = draft.text
    if korea and words in {"North", "South"}:
        return "gov:north-korea" if words == "North" else "gov:south-korea"
    country = ident.country_named(words)
    if country:
        return country.id
    seat = ident.country_of_seat(words)
    if seat:
        is_capital = seat.capital is not None and ident.fold(words) == ident.fold(seat.capital)
        if is_capital and _is_locative(text, parsed, draft):
            return f"place:{ident.slug(words)}"
        return seat.id
    if draft.label == "NORP":
        return _demonym_phrase(text, parsed, draft)
    if draft.label == "ORG":
        return f"org:{ident.slug(_without_article(words))}"
    return f"place:{ident.slug(_without_article(words))}"


def _without_article(words: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", words)


def _is_locative(text: str, parsed: Doc, draft: _Draft) -> bool:
    """A capital used as a place: a dateline, "in Seoul", "visited Washington"."""
    at_line_start = draft.start == 0 or text[draft.start - 1] == "\n"
    if at_line_start and draft.text.isupper():
        return True
    span = parsed.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
        return True
    return token.dep_ == "dobj" and token.head.lemma_ == "visit"


def _demonym_phrase(text: str, parsed: Doc, draft: _Draft) -> str | None:
    """ "North Koreans" and "American officials" are the government; "Korean flag" is not."""
    country = ident.country_of_demonym(draft.text)
    if country is None:
        return None
    if draft.text.endswith("s") and not draft.text.endswith("ese"):
        return country.id
    span = parsed.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None:
        return None
    for k in range(span.end, min(span.end + 3, len(parsed))):
        tok = parsed[k]
        if tok.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            break
        governing = tok.lemma_.lower() in _GOVERNMENT_NOUNS or tok.lower_ in _GOVERNMENT_NOUNS
        if governing and tok.pos_ == "NOUN":
            draft.end = tok.idx + len(tok.text)
            draft.text = text[draft.start : draft.end]
            return country.id
    return None


def _add_aliases(text: str, drafts: list[_Draft], rules: IdentityRules) -> None:
    """Identity-file aliases fix the id of matching mentions and add missed ones."""
    for alias, target in sorted(rules.aliases.items()):
        for d in drafts:
            if surface_form(d.text) == alias:
                d.entity, d.fixed = target, True
        label = {"person": "PERSON", "government": "GPE", "place": "LOC"}.get(
            ident.entity_kind(target), "ORG"
        )
        for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            if not any(d.start < m.end() and m.start() < d.end for d in drafts):
                drafts.append(_Draft(m.start(), m.end(), label, alias, target, True, m.start()))


# --- people across the batch ---------------------------------------------------------------


def _person_drafts(a: _Article) -> list[_Draft]:
    return [d for d in a.drafts if d.label == "PERSON"]


def _resolve_people(articles: list[_Article]) -> None:
    """Bind bare surnames and honorific references to full-named people."""
    surnames = {
        ident.surname(surface_form(d.text))
        for a in articles
        for d in _person_drafts(a)
        if ident.is_full_name(surface_form(d.text))
    }
    for a in articles:
        for d in a.drafts:
            # "Trump" tagged ORG is still a name when the batch knows a person by it.
            org_word = d.label != "PERSON" and (d.entity or "").startswith("org:")
            if org_word and " " not in d.text.strip() and ident.name_key(d.text) in surnames:
                d.label, d.entity = "PERSON", None
    _collect_evidence(articles)
    full_docs: dict[str, set[str]] = defaultdict(set)
    full_counts: Counter[str] = Counter()
    by_surname: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for d in _person_drafts(a):
            if d.entity and ident.is_full_name(surface_form(d.text)):
                full_docs[d.entity].add(a.id)
                full_counts[d.entity] += 1
                by_surname[ident.surname(surface_form(d.text))].add(d.entity)
    leaders = {
        d.entity for a in articles for d, ev in a.evidence if ev.title.head in _LEADING_HEADS
    }
    for a in articles:
        # Where each full-named person appears in this article, before any surname binds.
        spots: dict[str, list[int]] = defaultdict(list)
        for d in _person_drafts(a):
            if d.entity is not None:
                spots[d.entity].append(d.start)
        stray: list[_Draft] = []
        for d in _person_drafts(a):
            if d.entity is not None or d.fixed:
                continue
            key = ident.name_key(surface_form(d.text))
            bearers = sorted(by_surname.get(key, ()))
            here = [
                ident.PersonCandidate(
                    pid,
                    min(spots[pid]),
                    max(spots[pid]),
                    len(spots[pid]),
                    len(full_docs[pid]),
                    pid in leaders,
                )
                for pid in bearers
                if spots.get(pid)
            ]
            chosen = ident.choose_person(d.start, here) or ident.choose_corpus_person(
                {pid: full_counts[pid] for pid in bearers}
            )
            if chosen is None and _on_chrome_line(a.doc.text, d):
                stray.append(d)
                continue
            d.entity = chosen or ident.person_id(surface_form(d.text)) or None
        a.drafts = [d for d in a.drafts if d not in stray]


def _on_chrome_line(text: str, d: _Draft) -> bool:
    """A lone word on a short unpunctuated line ("Afvis", "Hvad folk siger") is page chrome
    that NER took for a name; a real bare surname there would have a bearer in the batch."""
    start = text.rfind("\n", 0, d.start) + 1
    end = text.find("\n", d.end)
    line = text[start : end if end >= 0 else len(text)]
    return len(line.split()) <= 3 and not any(c in line for c in '.!?:;,"“”')


def _collect_evidence(articles: list[_Article]) -> None:
    """Titles and appositions next to every person mention, with the words they cover."""
    for a in articles:
        persons: set[int] = set()
        spans = []
        for d in _person_drafts(a):
            span = a.parsed.char_span(d.name_start, d.end, alignment_mode="expand")
            if span is not None:
                persons.update(range(span.start, span.end))
                spans.append((d, span))
        a.evidence = [
            (d, ev) for d, span in spans for ev in titles_for_person(a.parsed, span, persons)
        ]


def _role_claims(articles: list[_Article], rules: IdentityRules) -> list[RoleClaim]:
    claims = [
        RoleClaim(
            rules.canonical(d.entity),
            ev.title.title,
            ev.title.country,
            ev.title.head,
            a.id,
            a.published,
            a.published,
        )
        for a in articles
        for d, ev in a.evidence
        if d.entity is not None
    ]
    claims += [
        RoleClaim(rules.canonical(c.entity), c.title, c.country, c.head, None, c.start, c.end)
        for c in rules.roles
    ]
    return _with_countries(claims)


def _with_countries(claims: list[RoleClaim]) -> list[RoleClaim]:
    """ "President Lee" is the role another article calls "South Korean President Lee"."""
    known: dict[tuple[str, str], RoleClaim] = {}
    for c in sorted(claims, key=lambda c: (c.entity, c.head, c.title)):
        if c.country is not None:
            known.setdefault((c.entity, c.head), c)
    return [
        replace(c, title=known[c.entity, c.head].title, country=known[c.entity, c.head].country)
        if c.country is None and (c.entity, c.head) in known
        else c
        for c in claims
    ]


def _administrations(a: _Article, claims: list[RoleClaim]) -> None:
    """ "The Trump administration" is the government its leader heads, when a role says which."""
    for d in _person_drafts(a):
        m = _ADMINISTRATION.match(a.doc.text, d.end)
        if m is None or d.entity is None:
            continue
        countries = Counter(
            c.country
            for c in claims
            if c.entity == d.entity and c.country and c.head in _LEADING_HEADS
        )
        d.end = m.end()
        d.text = a.doc.text[d.start : d.end]
        d.label = "ORG"
        if countries:
            d.entity = f"gov:{min(countries, key=lambda c: (-countries[c], c))}"
        else:
            d.entity = f"org:{ident.slug(d.text)}"


def _resolve_titles(a: _Article, claims: list[RoleClaim]) -> None:
    """Bare titles become mentions of whoever held the role nearest the article's date."""
    persons: set[int] = set()
    for d in _person_drafts(a):
        span = a.parsed.char_span(d.name_start, d.end, alignment_mode="expand")
        if span is not None:
            persons.update(range(span.start, span.end))
    for ref in title_references(a.parsed, persons):
        holder = holder_on(claims, ref.title.country, ref.title.head, a.id, a.published)
        if holder is None:
            continue
        a.drafts = [d for d in a.drafts if not (d.start < ref.end and ref.start < d.end)]
        a.drafts.append(
            _Draft(ref.start, ref.end, "TITLE", a.doc.text[ref.start : ref.end], holder)
        )
    # Country words inside a person's title ("South Korean President Lee") are not actors.
    for _d, ev in a.evidence:
        s = a.parsed[ev.token_start].idx
        e = a.parsed[ev.token_end - 1].idx + len(a.parsed[ev.token_end - 1].text)
        a.drafts = [
            d for d in a.drafts if d.label in {"PERSON", "TITLE"} or not (d.start < e and s < d.end)
        ]


def _finish(a: _Article, rules: IdentityRules) -> Counter[tuple[str, str]]:
    """Apply the identity file and write the mentions; returns (id, written name) counts."""
    mentions: list[Mention] = []
    written: Counter[tuple[str, str]] = Counter()
    reach = -1  # end of the furthest mention kept so far: later overlapping ones lose
    for d in sorted(a.drafts, key=lambda d: (d.start, -(d.end - d.start))):
        if d.start < reach:
            continue
        reach = d.end
        entity = d.entity
        if d.label != "TITLE":
            entity = rules.split_id(d.text, entity) or entity
        if entity is not None:
            entity = rules.canonical(entity)
            # A title is how the text refers to someone, not one of their names.
            if d.label != "TITLE":
                written[entity, _without_article(surface_form(d.text))] += 1
        mentions.append(Mention(Span(d.start, d.end), d.label, entity))
    a.doc.mentions = mentions
    return written


def _display_names(written: Counter[tuple[str, str]], rules: IdentityRules) -> dict[str, str]:
    """One name per id for the whole batch: the file's, a country's, else the commonest full
    form ("Kim Jong-un" over "Kim", "Washington" over "WASHINGTON")."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for (entity_id, form), n in written.items():
        forms[entity_id][form] += n
    names = {}
    for entity_id, counts in forms.items():
        fixed = rules.renames.get(entity_id) or ident.display_name_for(entity_id)
        names[entity_id] = fixed or min(
            counts, key=lambda f: (-ident.is_full_name(f), f.isupper(), -counts[f], -len(f), f)
        )
    return names


def _records(
    a: _Article,
    written: Counter[tuple[str, str]],
    names: dict[str, str],
    rules: IdentityRules,
    claims: list[RoleClaim],
) -> None:
    """This article's entity records in ``doc.scratch["entities"]``."""
    ids = {m.entity for m in a.doc.mentions if m.entity is not None}
    records: dict[str, Entity] = {}
    for entity_id in sorted(ids):
        name = (
            rules.renames.get(entity_id)
            or names.get(entity_id)
            or ident.display_name_for(entity_id)
            or _name_from_id(entity_id)
        )
        aliases = sorted({f for (e, f) in written if e == entity_id} - {name})
        roles = {
            Role(c.title, c.start, c.end)
            for c in claims
            if c.entity == entity_id and (c.article == a.id or c.article is None)
        }
        records[entity_id] = Entity(
            entity_id, name, ident.entity_kind(entity_id), aliases, sorted(roles, key=_role_order)
        )
    a.doc.scratch["entities"] = records
    log.debug("article %s: %d mentions of %d entities", a.id, len(a.doc.mentions), len(records))


def _name_from_id(entity_id: str) -> str:
    """A person seen only through a title (or an identity-file role) still has a name."""
    return " ".join(w.capitalize() for w in entity_id.split(":")[-1].split("-"))


def _role_order(role: Role) -> tuple[str, date, date]:
    return (role.title, role.start or date.min, role.end or date.min)


def collect_entities(docs: Sequence[AnnotatedArticle]) -> list[Entity]:
    """The corpus-level entity records for annotated ``docs``, merged by id, sorted by id.

    A role seen in several articles spans from its earliest to its latest evidence.
    """
    merged: dict[str, list[Entity]] = defaultdict(list)
    for d in docs:
        records = d.scratch.get("entities")
        if isinstance(records, dict):
            for entity in records.values():
                if isinstance(entity, Entity):
                    merged[entity.id].append(entity)
    return [_merge(entity_id, merged[entity_id]) for entity_id in sorted(merged)]


def _merge(entity_id: str, records: list[Entity]) -> Entity:
    votes = Counter(r.name for r in records)
    name = sorted(votes, key=lambda n: (-votes[n], n.isupper(), -len(n), n))[0]
    aliases = sorted({a for r in records for a in [*r.aliases, r.name]} - {name})
    spans: dict[str, tuple[date | None, date | None]] = {}
    for role in (role for r in records for role in r.roles):
        start, end = spans.get(role.title, (role.start, role.end))
        spans[role.title] = (_earliest(start, role.start), _latest(end, role.end))
    roles = [Role(title, start, end) for title, (start, end) in sorted(spans.items())]
    return Entity(entity_id, name, records[0].kind, aliases, roles)


def _earliest(a: date | None, b: date | None) -> date | None:
    return min((x for x in (a, b) if x is not None), default=None)


def _latest(a: date | None, b: date | None) -> date | None:
    return max((x for x in (a, b) if x is not None), default=None)


DEFAULT_STAGES.append("entities")
