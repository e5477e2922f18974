"""Store-level identity: which mention keys are one actor, decided over everything stored.

The ``entities`` stage decides ids from one article and its batch. Coverage written by
several outlets over months needs more: "Moammar Gadhafi" (one outlet) and "Muammar Gaddafi"
(another) are one man; "MRTA" is the "Tupac Amaru Revolutionary Movement" an article defined
it as; a bare "Fujimori" that spaCy tagged a place is the president the rest of the store
names in full; "Ajdabiya" tagged a person is a town. :func:`resolve_identities` reads the
keys the stages wrote and their evidence, decides, and stores the map key -> canonical id;
the store applies it on every read, and the pass runs again after each ingest, so identity
is re-decided as coverage grows (a merge the new evidence no longer supports is undone).

The decisions, each only when the evidence agrees:

1. **Not an actor**: a key written only as a listed non-actor ("CEO"), "pro-X"/"anti-X", or a
   one-word "person" nobody in the store is named after whose word the coverage mostly writes
   in lower case or only at the start of a line ("Views expressed in the comments").
2. **Kinds from evidence**: a one-word person that the gazetteer knows as a place and no one
   stored bears as a surname is a place; a one-word place or organisation that most mentions
   tag a person and a stored person bears as a surname is that person.
3. **Spellings**: full names whose surnames are one name by sound and whose given names agree
   (:mod:`storyline.annotate.transliteration`), or that Phoenix lists as one actor's
   spellings, are one person unless their roles name different countries. Clusters are grown
   complete-link: every pair in a cluster must agree, so "Gamal Mubarak" never joins "Hosni
   Mubarak" through a bare "Mubarak".
4. **Bare surnames** go to the store's dominant bearer (at least twice the next one's
   mentions); a name that is another's without its surname ("Saif al-Islam") to its only
   extension.
5. **Acronyms**: "Long Name (ACR)" and "ACR (Long Name)" anywhere in the store, letters that
   match the long name's initials (in any order, for translated names), and Phoenix's groups.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from storyline import knowledge
from storyline.annotate import identity as ident
from storyline.annotate import transliteration as tr
from storyline.annotate.entity_records import kind_of
from storyline.annotate.identity_file import surface_form
from storyline.model import AnnotatedArticle, Entity
from storyline.store import Store

log = logging.getLogger(__name__)

# A bare surname goes to a bearer with at least this many times the next one's mentions.
DOMINANCE = 2.0
_ACRONYM = r"[A-Z][A-Z&.]{1,9}"
_LONG = r"[A-Z][\w'’&.-]*(?:\s+(?:of|for|the|and|de|du|del|la|&|[A-Z][\w'’&.-]*))*"
_DEFINED = re.compile(rf"({_LONG})\s*\(\s*(?:the\s+)?({_ACRONYM})\s*\)")
_DEFINED_AFTER = re.compile(rf"\b({_ACRONYM})\s*\(\s*(?:the\s+)?({_LONG})\s*\)")
_SMALL = frozenset({"of", "for", "the", "and", "de", "du", "del", "la", "&"})
_STANCE_PREFIX = re.compile(r"^(?:pro|anti|non|ex|post|pre)-", re.IGNORECASE)
# A person's name never holds "U.S." or "U.K.": NER ran a name into the next words.
_ABBREVIATED_COUNTRY = re.compile(r"\b(?:[A-Z]\.){2,}")


@dataclass
class KeyEvidence:
    """What the store says about one mention key."""

    key: str
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    # Mentions at the start of a line or sentence, where capitals say nothing about names.
    initial: int = 0
    countries: set[str] = field(default_factory=set)

    # Set by finish(), once every mention is counted.
    mentions: int = 0
    form: str = ""  # the commonest of the longest written forms
    parts: list[str] = field(default_factory=list)  # its name tokens (transliteration)
    kind: str = ""

    def finish(self) -> KeyEvidence:
        self.mentions = sum(self.forms.values())
        self.form = min(self.forms, key=lambda f: (-len(f.split()), -self.forms[f], f))
        self.parts = tr.name_parts(self.form)
        self.kind = kind_of(self.key)
        return self


def resolve_identities(store: Store) -> dict[str, str]:
    """Decide identity over everything in ``store`` and save the map; returns it."""
    # One writer at a time decides over the whole store: a decision made on a store that
    # lacks another ingest's articles does not overwrite one that has them.
    with store.lock("identities"):
        docs = store.annotated(store.articles(), resolved=False)
        identities = decide(docs, store.entities(resolved=False), store.identities())
        store.save_identities(identities)
    moved = sum(1 for k, v in identities.items() if k != v)
    log.info("identity: %d of %d keys mapped over %d articles", moved, len(identities), len(docs))
    return identities


def decide(
    docs: Sequence[AnnotatedArticle],
    records: Iterable[Entity],
    previous: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The identity map (every key, to itself when it stands alone) for these annotated
    articles and their per-key records. Ids that were canonical in the ``previous`` map stay
    canonical, so an entity keeps its id as coverage grows."""
    evidence = _evidence(docs, records)
    tagged_otherwise = _tagged_otherwise(evidence)
    drop = _not_actors(docs, evidence) - set(tagged_otherwise)
    out: dict[str, str] = dict.fromkeys(drop, "")
    # What names no one takes no part in any other decision.
    evidence = {k: ev for k, ev in evidence.items() if k not in drop}
    union = _Union(evidence, {v for v in (previous or {}).values() if v})
    for key, other in tagged_otherwise.items():
        union.join(other, key)
    _places_and_people(evidence, union, drop)
    _spellings(evidence, union)
    _noisy_names(docs, evidence, union)
    _bare_names(evidence, union, drop)
    _acronyms(docs, evidence, union)
    for key in evidence:
        out[key] = union.canonical(key)
    return out


def _evidence(
    docs: Sequence[AnnotatedArticle], records: Iterable[Entity]
) -> dict[str, KeyEvidence]:
    found: dict[str, KeyEvidence] = {}
    for doc in docs:
        text = doc.text
        for m in doc.mentions:
            if not m.entity:
                continue
            ev = found.setdefault(m.entity, KeyEvidence(m.entity))
            written = surface_form(m.span.text(text))
            if m.label != "TITLE":
                ev.forms[re.sub(r"^(?:the|The|THE)\s+", "", written)] += 1
            ev.labels[m.label] += 1
            ev.articles.add(doc.article.id)
            before = text[max(0, m.span.start - 3) : m.span.start]
            if m.span.start == 0 or "\n" in before or re.search(r"[.!?\"“]\s*$", before):
                ev.initial += 1
    names = {c.name: c.slug for c in knowledge.countries()}
    for r in records:
        if r.id in found:
            for role in r.roles:
                found[r.id].countries.update(s for n, s in names.items() if n in role.title)
    return {k: v.finish() for k, v in found.items() if v.forms}


class _Union:
    """Union-find over keys where the root is the canonical id: the person's commonest full
    name, an organisation's long name, whatever key the most mentions use otherwise."""

    def __init__(self, evidence: dict[str, KeyEvidence], established: set[str]) -> None:
        self.evidence = evidence
        self.established = established
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.forced: dict[str, str] = {}  # key -> a new id it becomes (a person found a place)

    def find(self, key: str) -> str:
        while key in self.parent:
            key = self.parent[key]
        return key

    def cluster(self, key: str) -> set[str]:
        root = self.find(key)
        return self.members.get(root, {root})

    def weight(self, key: str) -> int:
        return sum(self.evidence[k].mentions for k in self.cluster(key) if k in self.evidence)

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        merged = self.cluster(ra) | self.cluster(rb)
        root = min(merged, key=self._rank)
        self.parent.pop(root, None)  # the new root may have been a member under ra or rb
        for r in (ra, rb):
            self.members.pop(r, None)
            if r != root:
                self.parent[r] = root
        self.members[root] = merged

    def _rank(self, key: str) -> tuple[int, int, int, int, str]:
        ev = self.evidence.get(key)
        if ev is None:
            return (1, 1, 0, 0, key)
        acronym = ev.form.isupper() and " " not in ev.form
        full = ev.kind != "person" or len(ev.parts) >= 2
        new = key not in self.established
        return (int(acronym) + int(not full), int(new), -ev.mentions, len(key), key)

    def canonical(self, key: str) -> str:
        root = self.find(key)
        return self.forced.get(root, root)


# --- 1. not actors, 2. kinds ----------------------------------------------------------------


def _is_bare_person(ev: KeyEvidence) -> bool:
    return ev.kind == "person" and len(ev.parts) == 1


def _surnames(evidence: dict[str, KeyEvidence]) -> dict[str, list[str]]:
    """Sound key of a surname -> full-named person keys bearing it."""
    out: dict[str, list[str]] = defaultdict(list)
    for key, ev in evidence.items():
        if ev.kind == "person" and len(ev.parts) >= 2:
            out[tr.sound_key(_surname(ev.form))].append(key)
    return out


def _surname(name: str) -> str:
    parts = tr.name_parts(name)
    if len(parts) >= 2 and parts[0] in knowledge.name_words("surname_first"):
        return parts[0]
    return parts[-1] if parts else ""


def _not_actors(docs: Sequence[AnnotatedArticle], evidence: dict[str, KeyEvidence]) -> set[str]:
    listed = knowledge.not_actors()
    drop = {
        k
        for k, ev in evidence.items()
        if all(f in listed for f in ev.forms)
        or _STANCE_PREFIX.match(ev.form)
        or (ev.kind == "person" and _ABBREVIATED_COUNTRY.search(ev.form))
    }
    bearers = _surnames(evidence)
    given = set(knowledge.given_name_groups()) | _known_first_names()
    candidates = {
        k: ev
        for k, ev in evidence.items()
        if ev.kind == "person"
        and ev.parts
        and k not in drop
        and (len(ev.parts) == 1 or ev.parts[0] not in given)
        and not (len(ev.parts) == 1 and bearers.get(tr.sound_key(ev.parts[0])))
        and not knowledge.is_place(ev.form)
    }
    if not candidates:
        return drop
    common = _common_words(docs, {p for ev in candidates.values() for p in ev.parts})
    for k, ev in candidates.items():
        if len(ev.parts) == 1:
            # The word is common prose ("views"), or never once written mid-sentence.
            if ev.parts[0] in common or ev.initial == ev.mentions:
                drop.add(k)
        elif ev.parts[0] in common and ev.initial == ev.mentions:
            # Page furniture: "Via Twitter", "Watch AC360", only ever at a line's start.
            drop.add(k)
        elif all(p in common for p in ev.parts):
            # Prose words capitalised in a headline ("Swine Flu Spreads"): no one's name.
            drop.add(k)
    return drop


def _tagged_otherwise(evidence: dict[str, KeyEvidence]) -> dict[str, str]:
    """One-word "people" no one bears as a surname, written exactly as an organisation or
    place named in the same articles ("Aprodeh demanded ...", the group NER tagged a person
    at the start of a sentence): that organisation or place."""
    bearers = _surnames(evidence)
    named: dict[str, list[str]] = defaultdict(list)
    for key, ev in evidence.items():
        if ev.kind in {"organization", "place", "government"}:
            for form in ev.forms:
                if " " not in form.strip():
                    named[form].append(key)
    out: dict[str, str] = {}
    for key, ev in evidence.items():
        if not _is_bare_person(ev) or bearers.get(tr.sound_key(ev.parts[0])):
            continue
        others = [k for k in named.get(ev.form, ()) if evidence[k].articles & ev.articles]
        # Written so as a place and an organisation too ("Falluja" the city, 60 mentions, and
        # twice an organisation): the reading that dominates, and outnumbers the person.
        ranked = sorted(others, key=lambda k: -evidence[k].mentions)
        if len(ranked) == 1 or (
            len(ranked) > 1
            and evidence[ranked[0]].mentions >= DOMINANCE * evidence[ranked[1]].mentions
            and evidence[ranked[0]].mentions > ev.mentions
        ):
            out[key] = ranked[0]
    return out


def _places_and_people(evidence: dict[str, KeyEvidence], union: _Union, drop: set[str]) -> None:
    bearers = _surnames(evidence)
    person_form: Counter[str] = Counter()
    for ev in evidence.values():
        for form, n in ev.forms.items():
            if ev.kind == "person":
                person_form[tr.sound_key(form)] += n
    for key, ev in evidence.items():
        if key in drop:
            continue
        sound = tr.sound_key(ev.form)
        if _is_bare_person(ev) and not bearers.get(sound):
            known = knowledge.known_people().get(knowledge.fold(ev.form))
            if knowledge.is_place(ev.form) and known is None:
                union.forced[key] = f"place:{ident.slug(ev.form)}"
        elif ev.kind in {"place", "organization"} and " " not in ev.form.strip():
            named = bearers.get(sound)
            # The store names the person more often than it writes the word as a place
            # ("Domingo Palermo ... Palermo and Fujimori met", Palermo tagged a city).
            person = sum(evidence[k].mentions for k in named) if named else 0
            if named and max(person, person_form[sound]) >= ev.mentions:
                best = max(named, key=lambda k: (evidence[k].mentions, k))
                union.join(best, key)


# --- 3. spellings, 4. bare names --------------------------------------------------------------


def _given(name: str) -> list[str]:
    parts = tr.name_parts(name)
    surname = _surname(name)
    if (
        parts
        and parts[0] == surname
        and len(parts) >= 2
        and surname in knowledge.name_words("surname_first")
    ):
        return parts[1:]
    return parts[:-1]


def _known(ev: KeyEvidence) -> int | None:
    person = knowledge.known_people().get(
        " ".join(knowledge.fold(ev.form).replace("-", " ").split())
    )
    return person.number if person is not None else None


def _agree(a: KeyEvidence, b: KeyEvidence) -> bool:
    """Two full-named keys that can be one person: surnames one name by sound, given names
    one written for the other, roles in no two different countries, and not two different
    people in Phoenix."""
    if a.countries and b.countries and not a.countries & b.countries:
        return False
    pa, pb = _known(a), _known(b)
    if pa is not None and pb is not None:
        return pa == pb
    if not tr.same_token(_surname(a.form), _surname(b.form)):
        return False
    ga, gb = _given(a.form), _given(b.form)
    if len(ga) == len(gb):
        return tr.same_parts(ga, gb)
    return tr.given_names_agree(ga, gb)


def _cluster_agrees(members: list[KeyEvidence]) -> bool:
    """A cluster is one person when its fullest name holds every member's given names
    ("Mohamed Hussein Tantawi" holds "Mohamed Tantawi" and "Hussein Tantawi"; nothing holds
    both "Gamal Mubarak" and "Hosni Mubarak"), and its members agree with that name."""
    fullest = max(members, key=lambda ev: (len(_given(ev.form)), ev.mentions, ev.key))
    return all(ev is fullest or _agree(ev, fullest) for ev in members) and all(
        not (a.countries and b.countries and not a.countries & b.countries)
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    )


def _spellings(evidence: dict[str, KeyEvidence], union: _Union) -> None:
    blocks: dict[str, list[str]] = defaultdict(list)
    for key, ev in evidence.items():
        if ev.kind == "person" and len(ev.parts) >= 2:
            blocks[tr.skeleton(tr.sound_key(_surname(ev.form)))].append(key)
    pairs = []
    for keys in blocks.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if _agree(evidence[a], evidence[b]):
                    pairs.append((evidence[a].mentions + evidence[b].mentions, a, b))
    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        members = union.cluster(a) | union.cluster(b)
        if _cluster_agrees([evidence[k] for k in sorted(members) if k in evidence]):
            union.join(a, b)


def _common_words(docs: Sequence[AnnotatedArticle], words: set[str]) -> set[str]:
    """Those of ``words`` (lower case) the coverage writes in lower case at least as often
    as capitalised: prose words ("force", "watch", "steps"), not names."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    pattern = re.compile(r"\b[A-Za-z][a-z'-]+\b")
    for doc in docs:
        for w in pattern.findall(doc.text):
            folded = w.lower()
            if folded in words:
                (lower if w[0].islower() else upper)[folded] += 1
    return {w for w in words if lower[w] >= max(1, upper[w])}


def _noisy_names(
    docs: Sequence[AnnotatedArticle], evidence: dict[str, KeyEvidence], union: _Union
) -> None:
    """A name NER ran into prose words ("Force Mubarak", "Mubarak Steps Down", "VP Omar
    Suleiman", an organisation "Watch ElBaradei") is the name without them."""
    given = set(knowledge.given_name_groups()) | _known_first_names()
    edges: set[str] = set()
    for ev in evidence.values():
        if len(ev.parts) >= 2 and ev.kind in {"person", "organization"}:
            edges.update({ev.parts[0], ev.parts[-1]})
    titles = knowledge.title_words("head") | knowledge.title_words("modifier")
    common = _common_words(docs, edges - given) | (edges & titles)
    surnames = _surnames(evidence)
    by_parts: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k, ev in evidence.items():
        if ev.kind == "person":
            by_parts[tuple(tr.sound_key(p) for p in ev.parts)].append(k)
    for key, ev in evidence.items():
        if ev.kind not in {"person", "organization"} or len(ev.parts) < 2:
            continue
        parts = list(dict.fromkeys(ev.parts))  # "Mubarak Mubarak"
        while len(parts) > 1 and parts[0] in common:
            parts = parts[1:]
        while len(parts) > 1 and parts[-1] in common:
            parts = parts[:-1]
        if parts == ev.parts and ev.kind == "person":
            continue
        same = by_parts.get(tuple(tr.sound_key(p) for p in parts), [])
        named = [k for k in same if k != key]
        if named:
            best = max(named, key=lambda k: (evidence[k].mentions, k))
            union.join(best, key)
            if ev.kind == "organization" and parts == ev.parts:
                # A person's full name NER also took for an organisation ("Keiji Fukuda"):
                # the person, however often the tagger said otherwise.
                union.forced[union.find(best)] = best
        elif len(parts) == 1 and tr.sound_key(parts[0]) in surnames:
            # A bare surname now ("Field Marshal Tantawi" tagged an organisation): the
            # dominant bearer takes it below. Only a surname someone stored bears: "World
            # Health Organization" less its common words is no one's name.
            ev.parts, ev.kind = parts, "person"


@lru_cache(maxsize=1)
def _known_first_names() -> frozenset[str]:
    """First names of the people Phoenix knows (never prose to strip off a name)."""
    return frozenset(
        tr.name_parts(name)[0]
        for actor in knowledge.known_people().values()
        for name in actor.names[:1]
        if tr.name_parts(name)
    )


_ONE_WORD = re.compile(r"[^\W\d_]+")


def _not_a_place_word(bare: KeyEvidence, place_words: Counter[str]) -> bool:
    """Whether a one-word name is no word of a place or organisation name, or stands alone
    written as one word far more often than in those."""
    word = bare.parts[0]
    if word not in place_words:
        return True
    return bool(_ONE_WORD.fullmatch(bare.form)) and bare.mentions > DOMINANCE * place_words[word]


def _goes_by_first_name(
    bare: KeyEvidence, full: KeyEvidence, given: Mapping[str, int], only: bool
) -> bool:
    """Whether a one-word name is the first name of ``full``: it appears only in articles
    that name the bearer in full ("Nic" beside "Nic Robertson"); or, when no one else in the
    store bears it (``only``) and it is no common given name ("Saddam", not "John"), at
    least half of its articles name the bearer in full (a leader called by his first name)."""
    if bare.articles <= full.articles:
        return True
    if not only or knowledge.fold(bare.form) in given or not _ONE_WORD.fullmatch(bare.form):
        return False  # "Uncle Sam", "Little Richard": no first name written alone
    return 2 * len(bare.articles & full.articles) >= len(bare.articles)


def _bare_names(evidence: dict[str, KeyEvidence], union: _Union, drop: set[str]) -> None:
    bearers = _surnames(evidence)
    given = knowledge.given_name_groups()
    # Words of place and organisation names: "Domingo" may be Santo Domingo's (unless the
    # word stands alone as a person far more often: "Saddam" beside "Saddam City").
    place_words: Counter[str] = Counter()
    for other in evidence.values():
        if other.kind != "person":
            place_words.update(dict.fromkeys(other.parts, other.mentions))
    first_names: dict[str, list[str]] = defaultdict(list)
    for k, other in evidence.items():
        if other.kind == "person" and len(other.parts) >= 2:
            first_names[tr.sound_key(other.parts[0])].append(k)
    # Full names by the sound of all their parts but the last: "Saif al-Islam" finds
    # "Saif al-Islam Gaddafi".
    extensions: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k, other in evidence.items():
        if other.kind == "person" and len(other.parts) >= 3:
            extensions[tuple(tr.sound_key(p) for p in other.parts[:-1])].append(k)
    for key, ev in evidence.items():
        if key in drop or key in union.forced:
            continue
        parts = ev.parts
        if ev.kind != "person" or not parts:
            continue
        if len(parts) == 1:
            # A surname; failing that, a first name in articles that name its bearer in
            # full ("Nic" beside "Nic Robertson").
            fuller = first_names.get(tr.sound_key(parts[0]), [])
            named = bearers.get(tr.sound_key(parts[0]), []) or [
                k
                for k in fuller
                if ev.mentions >= 2
                and _not_a_place_word(ev, place_words)
                and _goes_by_first_name(ev, evidence[k], given, only=len(fuller) == 1)
            ]
            weights: Counter[str] = Counter()
            for k in named:
                weights[union.find(k)] = union.weight(k)
            ranked = weights.most_common()
            if ranked and (len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]):
                union.join(ranked[0][0], key)
            continue
        longer = {
            union.find(k)
            for k in extensions.get(tuple(tr.sound_key(p) for p in parts), ())
            if tr.same_parts(parts, evidence[k].parts[: len(parts)])
        }
        if len(longer) == 1:
            union.join(next(iter(longer)), key)


# --- 5. acronyms ------------------------------------------------------------------------------


def _initials(long_name: str) -> str:
    """First letters of the words; a word that is an acronym itself gives all its letters
    ("US Coast Guard" is USCG; "BBC Panorama" is BBCP, never BP)."""
    return "".join(
        w.replace(".", "") if _ACRONYM_WORD.fullmatch(w) else w[0]
        for w in long_name.split()
        if w.lower() not in _SMALL and w[:1].isalpha()
    )


_ACRONYM_WORD = re.compile(r"(?:[A-Z]\.?){2,}")


def _matches(acronym: str, long_name: str) -> bool:
    letters = acronym.replace(".", "").replace("&", "").upper()
    initials = _initials(long_name).upper()
    return len(letters) >= 2 and sorted(letters) == sorted(initials)


def _acronyms(
    docs: Sequence[AnnotatedArticle], evidence: dict[str, KeyEvidence], union: _Union
) -> None:
    by_form: dict[str, str] = {}
    for key, ev in evidence.items():
        if ev.kind in {"organization", "government"}:
            for form in ev.forms:
                by_form.setdefault(knowledge.lookup_key(form), key)
    defined: set[tuple[str, str]] = set()
    for doc in docs:
        for m in _DEFINED.finditer(doc.text):
            defined.add((m.group(2), m.group(1)))
        for m in _DEFINED_AFTER.finditer(doc.text):
            defined.add((m.group(1), m.group(2)))
    for acronym, long_name in sorted(defined):
        long_name = re.sub(r"^(?:the|The)\s+", "", long_name)
        # The long name may have picked up words before it: keep the tail the letters match.
        words = long_name.split()
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if _matches(acronym, tail):
                _join_forms(by_form, union, acronym, tail)
                break
    # Undefined acronyms: the exact initials of a long name the store also holds ("NTC").
    # Only when one long name has those initials: "GP" is neither "Graeme Pacitti" nor
    # "GlaxoSmithKline Plc" when the store holds both.
    acronyms = {f: k for f, k in by_form.items() if evidence[k].form.replace(".", "").isupper()}
    bearers: dict[str, set[str]] = defaultdict(set)
    for key in set(by_form.values()):
        long_form = evidence[key].form
        initials = _initials(long_form).lower()
        if " " in long_form and len(initials) >= 2 and initials in acronyms:
            bearers[initials].add(key)
    for initials, bearing in bearers.items():
        if len(bearing) == 1:
            union.join(next(iter(bearing)), acronyms[initials])
    groups: dict[int, list[str]] = defaultdict(list)
    for form, key in by_form.items():
        group = knowledge.known_groups().get(form)
        if group is not None and evidence[key].kind == "organization":
            groups[group.number].append(key)
    for keys in groups.values():
        for other in keys[1:]:
            union.join(keys[0], other)


def _join_forms(by_form: dict[str, str], union: _Union, acronym: str, long_name: str) -> None:
    a = by_form.get(knowledge.lookup_key(acronym))
    b = by_form.get(knowledge.lookup_key(long_name))
    if a and b:
        union.join(b, a)
