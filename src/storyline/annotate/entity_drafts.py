"""Entity mentions of one article before identity: NER spans, cleaned, split and completed.

spaCy's NER finds most names; this module turns its spans into drafts with the ids that need
no other article, and adds the mentions NER left out:

- names joined by a hyphen are split ("U.S.-North Korea", "Trump-Kim Jong-un");
- "pro-X" and "anti-X" are stances, never an actor;
- country names, capitals acting as governments, seats of government and demonym phrases
  ("Pyongyang said", "the White House", "American officials") are governments (``gov:``);
  a story's knowledge file adds its own words (a bare "North" in Korea coverage);
- a name NER tagged once is the same name where the article writes it again untagged, or
  tags it as a product or work of art ("They accused Fujimori": one sense per discourse);
- an acronym the article defines ("Tupac Amaru Revolutionary Movement (MRTA)") or writes
  twice is an organisation wherever it appears, even when NER never tags it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from storyline import knowledge
from storyline.annotate import identity as ident
from storyline.annotate.identity_file import IdentityRules, surface_form
from storyline.annotate.span_index import SpanIndex
from storyline.knowledge.story import StoryKnowledge

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


def _words(text: str) -> list[str]:
    return text.split()


ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Labels NER gives names it misreads ("Fujimori" as a PRODUCT): kept only as a known name.
MISREAD_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
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
# Syntactic roles in which a capital acts ("Pyongyang said", "Beijing's plan", "told by Seoul").
_ACTING = frozenset({"nsubj", "nsubjpass", "poss", "agent", "appos"})
_ACTING_AFTER = frozenset({"by", "with", "between", "against", "and"})
# A hyphen joining two names ("U.S.-North Korea", "Trump-Kim Jong-un"), not one ("Jong-un").
_NAME_JOIN = re.compile(r"(?<=\S)[\-‐‑–](?=[A-Z])")
_STANCE_PREFIX = re.compile(r"^(?:pro|anti)[\-‐‑–]", re.IGNORECASE)
_DEFINITION = re.compile(
    r"\(\s*(?:the\s+)?([A-Z][A-Z&]{1,9})\s*\)|\b([A-Z][A-Z&]{1,9})\s*\(\s*(?:the\s+)?[A-Z]"
)
_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z&]{2,7}$")
_POSSESSIVE_PLACE = re.compile(r"^([A-Z][\w.-]+(?: [A-Z][\w.-]+)?)['’]s\s")


def _is_place_word(words: str) -> bool:
    return ident.country_in(words) is not None or knowledge.is_place(words)


@dataclass
class Draft:
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


def drafts_for(text: str, parsed: Doc, rules: IdentityRules, story: StoryKnowledge) -> list[Draft]:
    """NER spans, cleaned and split, with the ids that need no other article, plus the
    mentions NER missed."""
    found: list[Draft] = []
    for ent in parsed.ents:
        label = ent.label_
        if label not in ENTITY_LABELS and label not in MISREAD_LABELS:
            continue
        if label == "PERSON" and len(ent) > 1 and ent[0].lower_ in _PREPOSITIONS:
            ent = ent[1:]  # "Via Twitter": a capitalised preposition NER took into a name
        start, end = ent.start_char, ent.start_char + len(ident.strip_possessive(ent.text))
        while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
            end -= 1
        if not any(c.isupper() for c in text[start:end]) or _STANCE_PREFIX.match(text[start:end]):
            continue  # "congress", "annual": lowercase NER noise; "pro-Gaddafi": a stance
        opened = text.find("(", start, end)
        if opened > start and text.find(")", opened, end) < 0:
            # "World Health Organization (WHO": the name, not the acronym it runs into.
            end = len(text[start:opened].rstrip()) + start
        if label == "PERSON" and any(c.isdigit() for c in text[start:end]):
            continue  # "H1N1", "F-16": a code, never a person's name
        if label in MISREAD_LABELS:
            found.append(Draft(start, end, "MISC", text[start:end], None, name_start=start))
            continue
        if label == "PERSON" and (_is_company(text[start:end]) or _used_as_a_thing(ent)):
            label = "ORG"
        if label == "ORG" and _HONORIFIC_NAME.fullmatch(text[start:end]):
            label = "PERSON"  # "Dr Curtis", "Mr Blair": an honorific names a person
        if label == "PERSON":
            start, end = person_bounds(text, start, end)
            if _place_named(text[start:end]):
                label = "GPE"  # "when Sri Lanka declared", "flew to Ho Chi Minh City"
        owner = _POSSESSIVE_PLACE.match(text[start:end])
        owns = bool(owner and label in {"ORG", "FAC", "LOC"} and _is_place_word(owner.group(1)))
        if owner and owns:
            # "Lima's Group Eight air force base": the place that owns it is the mention.
            end, label = start + len(owner.group(1)), "GPE"
        for s, e in _parts(text, start, end, label, story):
            found.append(_draft(text, parsed, s, e, label, story, owns=owns))
    found += _acronyms(text, parsed, found)
    found += _repeated_names(text, parsed, found, story)
    found += _repeated_phrases(text, parsed, found)
    _add_aliases(text, found, rules)
    return found


# A personal honorific and one to three capitalised names ("Dr Curtis", "Mrs Jane Smith").
_HONORIFIC_NAME = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor)\.?\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}"
)
# A rank written without its full stop ("Adm Allen"): the name starts after it.
_RANK = re.compile(r"(?:Adm|Gen|Lt|Col|Maj|Capt|Sgt|Cmdr|Cpl|Pte|Brig|Gov|Sen|Rep)\.?\s+(?=[A-Z])")
_TRAILING_ACRONYM = re.compile(r"\s+[A-Z]{2,5}$")
_ROMAN = re.compile(r"[IVXLC]+")  # "Elizabeth II" keeps its numeral
_HYPHENATED_FIRST = re.compile(r"[A-Z][a-z]+[\-‐‑]$")


def _place_named(name: str) -> bool:
    """A name NER read as a person that names a country, or a place by its last word
    ("Tahrir Square", "Ho Chi Minh City")."""
    words = name.split()
    if ident.country_named(name) is not None:
        return True
    last = words[-1] if len(words) >= 2 else ""
    return last[:1].isupper() and last.lower() in knowledge.place_nouns()


# Nouns a one-word name modifies when it names a service or a product, not a person
# ("his Twitter account", "Twitter users").
_SERVICE_NOUNS = frozenset(
    {"account", "accounts", "page", "feed", "site", "website", "user", "users", "app", "platform"}
)


# Kinds of thing a name is given as an example of ("websites like Twitter").
_SERVICE_KINDS = frozenset(
    {"site", "website", "network", "service", "platform", "app", "tool", "outlet", "company"}
    | {"firm", "brand", "product", "channel", "newspaper", "medium", "media", "engine"}
)


_PREPOSITIONS = frozenset(
    {"via", "under", "with", "from", "for", "by", "on", "at", "in", "into", "after", "before"}
    | {"during", "through", "against", "without", "about", "to", "like"}
)
_POSTING_VERBS = frozenset(
    {"say", "post", "tweet", "write", "publish", "share", "report", "announce", "comment"}
    | {"appear", "read", "follow", "reply", "respond", "broadcast", "stream"}
)


def _used_as_a_thing(ent: SpacySpan) -> bool:
    """A one-word "person" the sentence treats as a thing: joined to organisations and
    products and to no person ("Twitter, Facebook and YouTube"), an example of things
    ("websites like Twitter"), the name of a service ("his Twitter account"), or where
    something is said ("via Twitter", "wrote on Twitter")."""
    if len(ent) != 1:
        return False
    tok = ent[0]
    if tok.dep_ == "compound" and tok.head.lower_ in _SERVICE_NOUNS:
        return True
    kinds = {c.ent_type_ for c in tok.conjuncts}
    if kinds and "PERSON" not in kinds and kinds & {"ORG", "PRODUCT", "WORK_OF_ART"}:
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "via":
        return True  # "Via Twitter, CNN's Nic Robertson reported" (the parser may miss "via")
    prep = tok.head
    if tok.dep_ != "pobj":
        return False
    if prep.lower_ in ("like", "as"):  # "websites like Twitter", "sites such as Twitter"
        return prep.head.lemma_.lower() in _SERVICE_KINDS
    # "wrote on Twitter", "said on Facebook": where one says it, not to whom.
    return prep.lower_ == "on" and prep.head.lemma_.lower() in _POSTING_VERBS


def _is_company(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in knowledge.name_words("company_suffix")


def person_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's name as NER found it, without what is not the name: a rank before it, an
    organisation's acronym run into it ("Svanberg BP", from a headline without punctuation),
    and with the first half of a hyphenated first name the tokenizer cut off ("Carl-Henric").
    """
    rank = _RANK.match(text, start, end)
    if rank and rank.end() < end:
        start = rank.end()
    name = text[start:end]
    acronym = _TRAILING_ACRONYM.search(name)
    if acronym and not name.isupper() and not _ROMAN.fullmatch(acronym.group().strip()):
        end = start + acronym.start()
    first = _HYPHENATED_FIRST.search(text, max(0, start - 12), start)
    if first and (first.start() == 0 or not text[first.start() - 1].isalnum()):
        start = first.start()
    return start, end


def _parts(
    text: str, start: int, end: int, label: str, story: StoryKnowledge
) -> list[tuple[int, int]]:
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
    if all(ident.country_in(w) or story.country_word(w, text) for w in words):
        return pieces
    return [(start, end)]


def _draft(
    text: str,
    parsed: Doc,
    start: int,
    end: int,
    label: str,
    story: StoryKnowledge,
    *,
    owns: bool = False,
) -> Draft:
    draft = Draft(start, end, label, text[start:end], name_start=start)
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
    draft.entity = _place_or_government(text, parsed, draft, story, owns=owns)
    return draft


def _place_or_government(
    text: str, parsed: Doc, draft: Draft, story: StoryKnowledge, *, owns: bool = False
) -> str | None:
    """The id of a place name. ``owns``: the name owned a facility NER ran it into ("Lima's
    air force base"), so a capital there is the city, never its government acting."""
    words = draft.text
    own = story.country_word(ident.strip_possessive(words), text)
    if own is not None and own.kind != "demonym":
        return f"gov:{own.country}"
    country = ident.country_named(words)
    if country:
        return country.id
    seat = ident.country_of_seat(words)
    if seat:
        is_capital = seat.capital is not None and ident.fold(words) == ident.fold(seat.capital)
        if is_capital and (owns or not _acts(text, parsed, draft)):
            return f"place:{ident.slug(words)}"
        return seat.id
    if draft.label == "NORP":
        return _demonym_phrase(text, parsed, draft)
    if draft.label == "ORG":
        return f"org:{ident.slug(without_article(words))}"
    return f"place:{ident.slug(without_article(words))}"


def without_article(words: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", words)


def _acts(text: str, parsed: Doc, draft: Draft) -> bool:
    """A capital standing for its government: "Pyongyang said", "Seoul's plan", "talks
    between Washington and Pyongyang"; not a dateline, "in Seoul" or "the Lima crisis"."""
    at_line_start = draft.start == 0 or text[draft.start - 1] == "\n"
    if at_line_start and draft.text.isupper():
        return False
    span = parsed.char_span(draft.start, draft.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE:
        return False
    if token.dep_ == "poss":
        # "Seoul's plan" is the government's; "Lima's San Isidro district" is the city's.
        return token.head.lemma_.lower() not in knowledge.place_nouns()
    if token.dep_ in _ACTING:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _ACTING_AFTER


def _demonym_phrase(text: str, parsed: Doc, draft: Draft) -> str | None:
    """ "North Koreans" and "American officials" are the government; "Korean flag" is not;
    a plural group name that is no demonym ("the Mothers") is an organisation."""
    country = ident.country_of_demonym(draft.text)
    if country is None:
        words = draft.text.split()
        if len(words) == 1 and words[0].endswith("s") and words[0][:1].isupper():
            span = parsed.char_span(draft.start, draft.end, alignment_mode="expand")
            if span is not None and span.root.pos_ in {"NOUN", "PROPN"}:
                return f"org:{ident.slug(words[0])}"
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


def _taken(drafts: Iterable[Draft]) -> SpanIndex[Draft]:
    """The stretches ``drafts`` cover, for "is this one free?" without a scan of them all."""
    return SpanIndex(drafts, lambda d: (d.start, d.end))


def _free(taken: SpanIndex[Draft], start: int, end: int) -> bool:
    return not taken.any_overlapping(start, end)


def _acronyms(text: str, parsed: Doc, drafts: list[Draft]) -> list[Draft]:
    """Acronyms NER left out: defined here ("... Movement (MRTA)") or written twice."""
    listed = knowledge.not_actors()
    defined = {a or b for a, b in _DEFINITION.findall(text)}
    counts: dict[str, int] = {}
    for tok in parsed:
        if _ACRONYM_TOKEN.match(tok.text):
            counts[tok.text] = counts.get(tok.text, 0) + 1
    added: list[Draft] = []
    taken, taken_added = _taken(drafts), _taken(())
    for tok in parsed:
        word = tok.text
        if not _ACRONYM_TOKEN.match(word) or word in listed or ident.country_in(word):
            continue
        if word not in defined and counts[word] < 2:
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        line_end = text.find("\n", tok.idx)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if sum(c.isupper() for c in line) > 0.6 * sum(c.isalpha() for c in line):
            continue  # a dateline or a shouted headline, not a name
        start, end = tok.idx, tok.idx + len(word)
        if _free(taken, start, end) and _free(taken_added, start, end):
            added.append(Draft(start, end, "ORG", word, f"org:{ident.slug(word)}", False, start))
            taken_added.add(added[-1])
    return added


def _repeated_names(
    text: str, parsed: Doc, drafts: list[Draft], story: StoryKnowledge
) -> list[Draft]:
    """Untagged repeats of a name tagged elsewhere in the article (one sense per discourse):
    a person's full name or surname, an organisation's name, a country or place ("the
    Canadian ambassador to Peru" where NER tagged Peru everywhere else). A span NER tagged a
    product or work of art ("Hugo Sivina" as a WORK_OF_ART) does not hide a repeat."""
    forms: dict[str, tuple[str, str | None]] = {}
    for d in drafts:
        written = surface_form(d.text)
        if d.label == "PERSON" and ident.is_full_name(written):
            forms.setdefault(written.split()[-1], ("PERSON", None))
            forms.setdefault(written, ("PERSON", d.entity))
        elif d.label == "PERSON":
            forms.setdefault(written, ("PERSON", None))
        elif d.label == "ORG" and d.entity and written[:1].isupper():
            forms.setdefault(without_article(written), ("ORG", d.entity))
        elif d.label in {"GPE", "LOC"} and d.entity and written[:1].isupper():
            # The id is decided again where the repeat stands (a capital acting or a place).
            forms.setdefault(without_article(written), (d.label, None))
    if not forms:
        return []
    starts = {tok.idx: tok for tok in parsed}
    added: list[Draft] = []
    taken, taken_added = _taken(d for d in drafts if d.label != "MISC"), _taken(())
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w\-])({alternatives})(?![\w\-])")
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        tok = starts.get(start)
        if tok is None or tok.pos_ != "PROPN":
            continue
        if not (_free(taken, start, end) and _free(taken_added, start, end)):
            continue
        label, entity = forms[m.group(1)]
        if label in {"GPE", "LOC"}:
            added.append(_draft(text, parsed, start, end, label, story))
        else:
            added.append(Draft(start, end, label, m.group(1), entity, False, start))
        taken_added.add(added[-1])
    return added


# "the Shining Path": a capitalised phrase after "the", its words all proper nouns.
_THE_NAME = re.compile(r"(?<![\w-])[Tt]he ((?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+)(?![\w-])")


def _repeated_phrases(text: str, parsed: Doc, drafts: list[Draft]) -> list[Draft]:
    """A name NER never tagged but the article writes twice as "the X Y", once mid-sentence
    as proper nouns no entity covers ("unleashed by the Shining Path ... The Shining Path
    continues"): an organisation, wherever "the X Y" stands free of another name."""
    seen: dict[str, list[tuple[int, int]]] = {}
    named: set[str] = set()
    for m in _THE_NAME.finditer(text):
        name = m.group(1)
        if ident.country_in(name) or knowledge.is_place(name):
            continue
        if name.split()[-1].lower() in knowledge.title_words("head"):
            continue  # "the Prime Minister": a title, not a name
        seen.setdefault(name, []).append((m.start(1), m.end(1)))
        span = parsed.char_span(m.start(1), m.end(1))
        if (
            span is not None
            and m.group(0)[0] == "t"
            and not parsed[span.start - 1].is_sent_start
            and all(t.pos_ == "PROPN" and not t.ent_type_ for t in span)
        ):
            named.add(name)
    added: list[Draft] = []
    taken = _taken(d for d in drafts if d.label != "MISC")
    for name in sorted(named):
        spans = seen[name]
        if len(spans) < 2:
            continue
        for start, end in spans:
            if _free(taken, start, end):
                entity = f"org:{ident.slug(name)}"
                added.append(Draft(start, end, "ORG", name, entity, False, start))
    return added


def _add_aliases(text: str, drafts: list[Draft], rules: IdentityRules) -> None:
    """Identity-file aliases fix the id of matching mentions and add missed ones."""
    taken = _taken(drafts)
    for alias, target in sorted(rules.aliases.items()):
        for d in drafts:
            if surface_form(d.text) == alias:
                d.entity, d.fixed = target, True
        label = {"person": "PERSON", "government": "GPE", "place": "LOC"}.get(
            ident.entity_kind(target), "ORG"
        )
        for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text):
            if _free(taken, m.start(), m.end()):
                drafts.append(Draft(m.start(), m.end(), label, alias, target, True, m.start()))
                taken.add(drafts[-1])
