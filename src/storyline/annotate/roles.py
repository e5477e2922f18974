"""Roles from titles and appositions, and title references resolved by date.

Three shapes give a person a role, dated by the article's publication date (the role is
valid at least on that day):

    pre-title        "Secretary of State Rex W. Tillerson", "South Korean President Lee Jae Myung"
    apposition       "South Korea's top nuclear envoy, Jeong Yeon-doo", "his spokesman, Kim ..."
    postposed        "Kim Yo-jong, the sister and special envoy of the North Korean leader ..."

A title of the shape ``[country] words head`` ("the South Korean president") also becomes a
*key* ``(country slug, head words)``: a later bare reference with the same key ("the South
Korean president" in another article) resolves to the person holding it nearest its date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storyline import knowledge
from storyline.annotate.identity import Country, country_named, country_of_demonym

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _words(text: str) -> list[str]:
    return text.split()


# Title words live in knowledge/data/titles.txt: heads end a title (the word a role is
# about), modifiers may sit inside it ("top nuclear envoy"), a "not current" word means the
# title no longer holds on the article's date, an "ignored" word is left out ("new leader").
TITLE_HEADS = knowledge.title_words("head")
TITLE_MODIFIERS = knowledge.title_words("modifier")
_NOT_CURRENT = knowledge.title_words("not_current")
_IGNORED = knowledge.title_words("ignored")
# Words after which a later title word is about someone else: "adviser to President Bush".
_HANDOVER = frozenset({"to", "for", "under", "with", "by", "of"})
_CONNECTORS = frozenset({"of", "for", "to", "and", "&"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their"})
_SMALL_WORDS = frozenset({"of", "for", "to", "and", "the", "on", "in"})
# Ranks and honorifics that may sit between an apposition's comma and the name.
_RANKS = frozenset({"lt", "gen", "col", "maj", "adm", "sgt", "capt", "dr", "mr", "ms", ""})
_MAX_TITLE_TOKENS = 14


def _is_rank(tok: Token) -> bool:
    """ "Lt. Gen." between an apposition's comma and the name (spaCy may split off the dot)."""
    return tok.text.rstrip(".").lower() in _RANKS


@dataclass(frozen=True)
class RoleClaim:
    """Evidence that ``entity`` held ``title`` on ``date`` (or between ``start`` and ``end``)."""

    entity: str
    title: str
    # Key for title references: (country slug or None, lowercase head words).
    country: str | None
    head: str
    article: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True)
class ParsedTitle:
    """A title as shown ("President of South Korea") and its key for title references."""

    title: str
    country: str | None
    head: str


@dataclass(frozen=True)
class TitleEvidence:
    """A title attached to the person mention at token ``person_start`` of the parse."""

    person_start: int
    title: ParsedTitle
    # Token range of the title words, so entity mentions inside it can be dropped.
    token_start: int
    token_end: int


@dataclass(frozen=True)
class TitleReference:
    """A bare title ("the South Korean president") at characters ``[start, end)``."""

    start: int
    end: int
    title: ParsedTitle


def _is_name_like(tok: Token) -> bool:
    text = tok.text
    return bool(text[:1].isupper()) and any(c.isalpha() for c in text)


def _country_prefix(tokens: Sequence[Token]) -> tuple[Country | None, int]:
    """The country named at the start of ``tokens`` and how many tokens it takes."""
    for n in range(min(4, len(tokens)), 0, -1):
        words = " ".join(t.text for t in tokens[:n])
        if n < len(tokens) and tokens[n].text in _POSSESSIVE_TOKENS:
            country = country_named(words)
            if country:
                return country, n + 1
        country = country_named(words) or country_of_demonym(words)
        if country:
            return country, n
    return None, 0


def parse_title(tokens: Iterable[Token]) -> ParsedTitle | None:
    """Read a title phrase; ``None`` when it has no head word or is not current."""
    words = list(tokens)
    while words and (words[0].lower_ in _DETERMINERS or words[0].lower_ in _CONNECTORS):
        words = words[1:]
    while words and (words[-1].lower_ in _CONNECTORS or words[-1].text in _POSSESSIVE_TOKENS):
        words = words[:-1]
    if not words or any(w.lower_ in _NOT_CURRENT for w in words):
        return None
    words = [w for w in words if w.lower_ not in _IGNORED]
    if not any(w.lower_ in TITLE_HEADS for w in words):
        return None
    country, used = _country_prefix(words)
    if country is None:
        # "Acting U.S. Ambassador to South Korea": a country after a leading modifier.
        for i in range(1, len(words)):
            if words[i].lower_ in TITLE_HEADS:
                break
            country, n = _country_prefix(words[i:])
            if country:
                words_rest = words[:i] + words[i + n :]
                head = " ".join(w.lower_ for w in words_rest)
                verbatim = "".join(w.text_with_ws for w in words).strip()
                return ParsedTitle(verbatim, country.slug, head)
    rest = words[used:]
    if not rest:
        return None
    head = " ".join(w.lower_ for w in rest)
    has_preposition = any(w.lower_ in {"of", "for", "to"} for w in rest)
    if country is not None and not has_preposition:
        # "United States", "United Kingdom" take an article after "of"; other names do not.
        article = "the " if country.name.startswith("United ") else ""
        title = " ".join(_title_case(w.text) for w in rest) + f" of {article}{country.name}"
        return ParsedTitle(title, country.slug, head)
    verbatim = "".join(w.text_with_ws for w in words).strip()
    return ParsedTitle(verbatim, country.slug if country else None, head)


def _title_case(word: str) -> str:
    if word.lower() in _SMALL_WORDS:
        return word.lower()
    return word[:1].upper() + word[1:]


def _pre_title(
    doc: Doc, first: int, end: int, sent_start: int, persons: set[int]
) -> TitleEvidence | None:
    """Title words right before the name: "Secretary of State Rex W. Tillerson".

    The title is what is attached to the name: it starts at a title word, a country or an
    organisation ("Supporters of Egypt's President" gives "Egypt's President"), ends at a
    head the parse attaches to the name, and never reaches past a word that hands the title
    to someone else ("adviser to President Bush" gives Bush "President").
    """
    j = first - 1
    while j >= sent_start and first - j <= _MAX_TITLE_TOKENS:
        tok = doc[j]
        if tok.i in persons or tok.ent_type_ == "PERSON":
            break
        lower = tok.lower_
        if not (
            lower in TITLE_HEADS
            or lower in TITLE_MODIFIERS
            or lower in _CONNECTORS
            or lower in _HANDOVER
            or lower in _IGNORED
            or tok.text in _POSSESSIVE_TOKENS
            or _is_name_like(tok)
        ):
            break
        j -= 1
    start = j + 1
    heads = [k for k in range(start, first) if doc[k].lower_ in TITLE_HEADS]
    if not heads or doc[first - 1].lower_ in _CONNECTORS | _HANDOVER:
        # "the new prime minister of Egypt and Omar Suleiman": two people; "Tantawi, defense
        # minister under Mubarak": the minister is Tantawi.
        return None
    last_head = heads[-1]
    for k in range(last_head - 1, start - 1, -1):
        if doc[k].lower_ in _HANDOVER:
            start = k + 1
            break
    for k in range(last_head - 1, start - 1, -1):
        if doc[k].lower_ in ("and", "&") and doc[k + 1].lower_ in TITLE_HEADS:
            start = k + 1  # "head of military intelligence and President Hosni Mubarak"
            break
    while start < first and not _opens_title(doc[start]):
        start += 1
    if _apposition_of_name_before(doc, start, first, sent_start, persons):
        return None  # "From Ben Wedeman, CNN Senior International Correspondent ElBaradei"
    if start >= first or not _attached(doc, last_head, set(range(first, end))):
        return None
    parsed = parse_title(doc[start:first])
    if parsed is None:
        return None
    return TitleEvidence(first, parsed, start, first)


def _apposition_of_name_before(
    doc: Doc, start: int, end: int, sent_start: int, persons: set[int]
) -> bool:
    """Whether the title at ``start:end`` follows "NAME ," and names the employer, as a
    byline's apposition does ("Ben Wedeman, CNN Senior International Correspondent"): it is
    that name's, not the next name's. A list keeps its titles ("Clinton, President Obama")."""
    if start - 2 < sent_start or doc[start - 1].text != ",":
        return False
    before = doc[start - 2]
    named = before.i in persons or before.ent_type_ == "PERSON"
    return named and any(doc[k].ent_type_ == "ORG" for k in range(start, end))


def _opens_title(tok: Token) -> bool:
    """A word a title can start with: a title word, or part of a country or organisation."""
    lower = tok.lower_
    return (
        lower in TITLE_HEADS
        or lower in TITLE_MODIFIERS
        or tok.ent_type_ in {"NORP", "ORG"}
        or country_named(tok.text) is not None
        or country_of_demonym(tok.text) is not None
    )


def _attached(doc: Doc, head: int, name: set[int]) -> bool:
    """Whether the parse attaches the title head at ``head`` to the name's tokens ``name``:
    the head modifies the name (compound, appos, nmod), directly or through other title
    words, or the name hangs from the head."""
    tok = doc[head]
    for _ in range(4):
        if tok.head.i in name:
            return True
        climbs = tok.head.lower_ in TITLE_HEADS | TITLE_MODIFIERS or tok.head.dep_ == "compound"
        if tok.head.i == tok.i or not climbs:
            break
        tok = tok.head
    return any(doc[n].head.i == head for n in name)


def _noun_phrase_before(doc: Doc, end: int, sent_start: int) -> int | None:
    """Start of the title noun phrase ending at token ``end - 1`` (a title head)."""
    if end - 1 < sent_start or doc[end - 1].lower_ not in TITLE_HEADS:
        return None
    j = end - 1
    while j > sent_start and end - j <= _MAX_TITLE_TOKENS:
        prev = doc[j - 1]
        if prev.lower_ in _DETERMINERS:
            return j - 1
        if prev.pos_ in {"ADJ", "NOUN", "PROPN", "PART"} or prev.lower_ in _CONNECTORS:
            j -= 1
            continue
        break
    # A phrase that starts the sentence or a country possessive needs no determiner.
    return j


def _apposition_before(doc: Doc, first: int, end: int, sent_start: int) -> TitleEvidence | None:
    """ "the South Korean president, Moon Jae-in": a title phrase, a comma, the name."""
    j = first - 1
    while j >= sent_start and _is_rank(doc[j]):
        j -= 1
    if j < sent_start or doc[j].text != ",":
        return None
    start = _noun_phrase_before(doc, j, sent_start)
    if start is None or doc[j - 1].ent_type_ == "PERSON":
        return None  # "CNN's John King, Ben Wedeman": a name ending in a title word
    if not _attached(doc, j - 1, set(range(first, end))):
        return None  # "hadn't contacted the Egyptian leader, Gibbs said": no apposition
    parsed = parse_title(doc[start:j])
    if parsed is None:
        return None
    return TitleEvidence(first, parsed, start, j)


def _apposition_after(
    doc: Doc, first: int, end: int, sent_end: int, persons: set[int]
) -> TitleEvidence | None:
    """ "Kim Yo-jong, the sister and special envoy of ...": name, comma, determiner, title."""
    if end + 1 >= sent_end or doc[end].text != "," or doc[end + 1].lower_ not in {"the", "a"}:
        return None
    k = end + 1
    while k < sent_end and k - end <= _MAX_TITLE_TOKENS:
        tok = doc[k]
        if tok.is_punct or tok.pos_ in {"VERB", "AUX"} or tok.i in persons:
            break
        k += 1
    if k < sent_end and not doc[k].is_punct:
        # "Gaddafi, the prime minister of Qatar said": the title is the subject of "said",
        # someone else's, not an apposition to the name.
        return None
    name = set(range(first, end))
    if not any(doc[t].head.i in name and doc[t].dep_ == "appos" for t in range(end + 1, k)):
        return None  # the parse does not make the phrase an apposition to the name
    parsed = parse_title(doc[end + 1 : k])
    if parsed is None:
        return None
    return TitleEvidence(first, parsed, end + 1, k)


def titles_for_person(doc: Doc, mention: Span, persons: set[int]) -> list[TitleEvidence]:
    """Every title the text gives the person named by ``mention`` (a token span)."""
    sent = mention.sent
    found = [
        _pre_title(doc, mention.start, mention.end, sent.start, persons),
        _apposition_before(doc, mention.start, mention.end, sent.start),
        _apposition_after(doc, mention.start, mention.end, sent.end, persons),
    ]
    return [f for f in found if f is not None]


def _followed_by_name(doc: Doc, k: int, sent_end: int, persons: set[int]) -> bool:
    """A title that runs straight into a name is part of it ("the North Korean leader Kim")."""
    return k < sent_end and k in persons


def title_references(doc: Doc, persons: set[int]) -> list[TitleReference]:
    """Titles after "the" that do not run into a name: "the South Korean president".

    An appositive title ("the South Korean president, Moon Jae-in") is a reference too; it
    resolves to the person named beside it through the role that apposition gives.
    """
    found: list[TitleReference] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ not in TITLE_HEADS or tok.i in persons:
                continue
            if tok.i + 1 < sent.end and doc[tok.i + 1].lower_ in TITLE_HEADS | TITLE_MODIFIERS:
                continue  # not the head yet: "the vice president" vs "president emeritus"
            start = _noun_phrase_before(doc, tok.i + 1, sent.start)
            if start is None or doc[start].lower_ != "the":
                continue
            if _followed_by_name(doc, tok.i + 1, sent.end, persons):
                continue
            parsed = parse_title(doc[start : tok.i + 1])
            if parsed is not None:
                found.append(TitleReference(doc[start].idx, tok.idx + len(tok.text), parsed))
    return found


def holder_on(
    claims: Iterable[RoleClaim],
    country: str | None,
    head: str,
    article: str | None,
    when: date | None,
) -> str | None:
    """Who held the titled role nearest ``when``; claims in the same article come first.

    A key without a country ("the vice president") is only trusted within its own article,
    and only when one person holds it there.
    """
    keys = [head]
    if country is not None and head in {"president", "leader"}:
        # A country's "leader" and its "president" are the same person in news usage.
        keys += [h for h in ("president", "leader") if h != head]
    for key in keys:
        same_doc = {
            c.entity
            for c in claims
            if c.head == key and c.country == country and article and c.article == article
        }
        if len(same_doc) == 1:
            return next(iter(same_doc))
        if same_doc:
            break  # two people hold it here: the date decides between them below
    if country is None or when is None:
        return None  # an undated article cannot say whose term it falls in
    for key in keys:
        matching = [c for c in claims if c.head == key and c.country == country]
        here = [c for c in matching if article and c.article == article]
        if matching:
            return min(here or matching, key=lambda c: (_distance(c, when), c.entity)).entity
    return None


def _distance(claim: RoleClaim, when: date | None) -> int:
    if when is None or (claim.start is None and claim.end is None):
        return 10**9
    start = claim.start or claim.end
    end = claim.end or claim.start
    if start is None or end is None:
        return 10**9
    if start <= when <= end:
        return 0
    return min(abs((when - start).days), abs((when - end).days))
