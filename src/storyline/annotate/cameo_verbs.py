"""PETRARCH's CAMEO verb dictionary as PLOVER types: the verbs the trigger lexicon lacks.

``data/cameo_verbs.tsv`` (extracted by ``tools/build_cameo_verbs.py`` from the Open Event
Data Alliance's ``CAMEO.verbpatterns`` dictionary, MIT, see ``data/CAMEO-VERBS-LICENSE.txt``;
converted to PLOVER 2.0 by the PLOVER project's CAMEO2PLOVER table) holds some 1,100 verbs
with the type of their CAMEO code, and the object words that change a verb's code ("express
indignation" accuses, "express satisfaction" supports). An empty type is CAMEO's 01 (a
public statement) or a verb it codes as no event. ``data/cameo_patterns.tsv`` holds the
dictionary's longer patterns, words before and after the verb ("refuse * to accept"), per
block of verbs. Read once, on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources


@cache
def _table() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    raw = resources.files("storyline.annotate").joinpath("data/cameo_verbs.tsv")
    verbs: dict[str, str] = {}
    objects: dict[tuple[str, str], str] = {}
    for line in raw.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        verb, obj, _code, plover_type = [*line.split("\t"), "", "", ""][:4]
        if obj:
            objects[(verb, obj)] = plover_type
        else:
            verbs[verb] = plover_type
    return verbs, objects


def verb_type(lemma: str) -> str | None:
    """The PLOVER type CAMEO gives a verb by default; "" for a statement, None if unknown."""
    return _table()[0].get(lemma)


def verb_object_type(lemma: str, noun: str) -> str | None:
    """The type a verb takes with this object word ("express" + "condemnation"), if CAMEO
    gives one that differs from the verb's own; "" where the pair is no event."""
    return _table()[1].get((lemma, noun))


# One place of a pattern: its alternatives (a synset's members), each one or more words;
# a word ending "_" is only itself, any other longer than three letters also begins words
# ("negotiat" is "negotiated", "negotiations"), as in PETRARCH's dictionaries.
PatternPlace = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class VerbPattern:
    """A CAMEO verb pattern: the words it wants before and after the verb, in order,
    and the PLOVER type of its code ("refuse * to accept" rejects)."""

    before: tuple[PatternPlace, ...]
    after: tuple[PatternPlace, ...]
    plover_type: str

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@cache
def _patterns() -> dict[str, tuple[VerbPattern, ...]]:
    raw = resources.files("storyline.annotate").joinpath("data/cameo_patterns.tsv")
    synsets: dict[str, PatternPlace] = {}
    by_verb: dict[str, list[VerbPattern]] = {}
    verbs: list[str] = []
    for line in raw.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition("\t")
        if head.startswith("&"):
            synsets[head[1:]] = tuple(_words(m) for m in rest.split("|"))
        elif head == "@":
            verbs = rest.split("|")
        else:
            plover_type = rest.partition("\t")[2]
            words = head.split()
            at = words.index("*")
            places = [synsets.get(w[1:], ()) if w[0] == "&" else (_words(w),) for w in words]
            del places[at]
            if not plover_type or any(not p for p in places):
                continue  # a statement, or a synset the file lacks
            pattern = VerbPattern(tuple(places[:at]), tuple(places[at:]), plover_type)
            for verb in verbs:
                by_verb.setdefault(verb, []).append(pattern)
    return {v: tuple(p) for v, p in by_verb.items()}


def _words(member: str) -> tuple[str, ...]:
    """ "armed_forces" -> ("armed_", "forces"); "tear_gas_" -> ("tear_", "gas_")."""
    exact = member.endswith("_")
    parts = member.rstrip("_").split("_")
    return (*(w + "_" for w in parts[:-1]), parts[-1] + ("_" if exact else ""))


def verb_patterns(lemma: str) -> tuple[VerbPattern, ...]:
    """The coded patterns of the CAMEO block(s) the verb belongs to."""
    return _patterns().get(lemma, ())


def word_matches(pattern_word: str, word: str) -> bool:
    """Whether a text word (lower case) is the pattern's word, or begins with a stem."""
    if pattern_word.endswith("_") or len(pattern_word) <= 3:
        return word == pattern_word.rstrip("_")
    return word.startswith(pattern_word)


def match_places(places: Sequence[PatternPlace], words: Sequence[str]) -> bool:
    """Whether each place has an alternative among ``words`` in the pattern's order (other
    words may come between, as in TABARI's patterns)."""
    at = 0
    for place in places:
        found = None
        for i in range(at, len(words)):
            for alt in place:
                end = i + len(alt)
                if end <= len(words) and all(
                    word_matches(p, w) for p, w in zip(alt, words[i:end], strict=True)
                ):
                    found = end
                    break
            if found is not None:
                break
        if found is None:
            return False
        at = found
    return True
