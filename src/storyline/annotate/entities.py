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

``doc.entity_records`` holds this article's entity records, ``dict[str, Entity]`` keyed
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
from typing import TYPE_CHECKING

from storyline import knowledge
from storyline.annotate import identity as ident
from storyline.annotate.entity_drafts import Draft, drafts_for, without_article
from storyline.annotate.entity_records import merge
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
from storyline.annotate.span_index import SpanIndex
from storyline.knowledge.story import load_story_knowledge
from storyline.model import AnnotatedArticle, Entity, Mention, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


_ADMINISTRATION = re.compile(r"\s+administration\b")
_OWNER = re.compile(r"['’]s?\s+")
_LEADING_HEADS = frozenset({"leader", "president", "prime minister", "chairman", "premier"})


@dataclass
class _Article:
    doc: AnnotatedArticle
    parsed: Doc
    drafts: list[Draft] = field(default_factory=list)
    evidence: list[tuple[Draft, TitleEvidence]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.doc.article.id

    @property
    def published(self) -> date | None:
        return self.doc.article.published


# 5: an honorific and a name tagged an organisation ("Dr Curtis") is a person; 6: a one-word
# "person" used as a thing is an organisation ("Twitter users"); a title before "and", "under"
# or after another name's comma is not the next name's role
@stage("entities", requires=("parse",), provides=("mentions", "entity_records"), version=6)
def entities_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Named-entity mentions with corpus-wide ids, roles, and title/surname references."""
    rules = load_identity_file(options.identity_file)
    story = load_story_knowledge(options.knowledge_file)
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
            articles.append(_Article(d, parsed, drafts_for(d.text, parsed, rules, story)))
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


# --- people across the batch ---------------------------------------------------------------


def _person_drafts(a: _Article) -> list[Draft]:
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
            # "Trump" tagged ORG (or a product) is still a name when the batch knows a person
            # by it.
            org_word = d.label == "MISC" or (
                d.label != "PERSON" and (d.entity or "").startswith("org:")
            )
            org_word = org_word or (
                (d.entity or "").startswith("place:") and not knowledge.is_place(d.text)
            )
            if org_word and " " not in d.text.strip() and ident.name_key(d.text) in surnames:
                d.label, d.entity = "PERSON", None
        a.drafts = [d for d in a.drafts if d.label != "MISC"]
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
        stray: list[Draft] = []
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


def _on_chrome_line(text: str, d: Draft) -> bool:
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


def _country_by_name(d: Draft) -> bool:
    country = ident.country_named(d.text) if d.label == "GPE" else None
    return country is not None and d.entity == country.id


def _named_owner(text: str, d: Draft) -> bool:
    """A named group or state that owns the title after it ("The MRTA's spokesman")."""
    return (
        d.label not in {"PERSON", "TITLE", "NORP"}
        and bool(d.entity)
        and _OWNER.match(text, d.end) is not None
        and text[d.end] in "'’"
    )


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
    # Drafts are dropped by identity, against an index built once (not a rescan per title).
    drafts: SpanIndex[Draft] = SpanIndex(a.drafts, lambda d: (d.start, d.end))
    dropped: set[int] = set()
    for ref in title_references(a.parsed, persons):
        holder = holder_on(claims, ref.title.country, ref.title.head, a.id, a.published)
        if holder is None:
            continue
        start = ref.start
        for d in sorted(drafts.overlapping(ref.start, ref.end), key=lambda d: d.start):
            owner = _OWNER.match(a.doc.text, d.end)
            if _named_owner(a.doc.text, d) and owner and owner.end() < ref.end:
                # "The MRTA's international spokesman": the group is named, the title is
                # what follows its possessive.
                start = max(start, owner.end())
            else:
                dropped.add(id(d))
        title = Draft(start, ref.end, "TITLE", a.doc.text[start : ref.end], holder)
        a.drafts.append(title)
        drafts.add(title)
    # Country words inside a person's title ("South Korean President Lee") are not actors;
    # a country written by its name ("Peru's President", "ambassador to Peru") is still
    # a mention of that country.
    for _d, ev in a.evidence:
        s = a.parsed[ev.token_start].idx
        e = a.parsed[ev.token_end - 1].idx + len(a.parsed[ev.token_end - 1].text)
        dropped.update(
            id(d)
            for d in drafts.overlapping(s, e)
            if d.label not in {"PERSON", "TITLE"}
            and not _country_by_name(d)
            and not _named_owner(a.doc.text, d)
        )
    a.drafts = [d for d in a.drafts if id(d) not in dropped]


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
                written[entity, without_article(surface_form(d.text))] += 1
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
    """This article's entity records in ``doc.entity_records``."""
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
    a.doc.entity_records = records
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
        for entity in d.entity_records.values():
            merged[entity.id].append(entity)
    return [merge(entity_id, merged[entity_id]) for entity_id in sorted(merged)]


DEFAULT_STAGES.append("entities")
