"""Whether two spellings are one name: transliteration variants compared by sound.

News spells names from Arabic, Russian or Korean several ways: "Gaddafi", "Qaddafi",
"Gadhafi", "Kadhafi"; "Moammar", "Muammar"; "Mohamed", "Mohammed", "Muhammad"; "ElBaradei",
"el-Baradei", "Baradei". Two name tokens are variants when

- their *sound keys* are equal: folded, particles split off ("ElBaradei" -> "Baradei"),
  q/k/g/c and gh/kh -> k, dh/th -> d, ph -> f, y -> i, ou -> u, doubled letters single; or
- their consonant skeletons are equal and the sound keys differ by at most a third of their
  length in vowel edits ("hosni"/"husni", "moamar"/"muamar"), never in a consonant
  ("hasan"/"husein" differ in three vowels of five letters: two names); or
- they are listed together as given-name variants (``knowledge/data/given_names.tsv``:
  "Bill"/"William").
"""

from __future__ import annotations

import re
from functools import cache

from storyline import knowledge
from storyline.knowledge import fold

_VOWELS = frozenset("aeiou")
_SOUNDS = (
    ("gh", "k"),
    ("kh", "k"),
    ("dh", "d"),
    ("th", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("q", "k"),
    ("g", "k"),
    ("c", "k"),
    ("y", "i"),
)
# "ElBaradei", "AlQaeda": a particle glued to a capitalised name.
_GLUED_PARTICLE = re.compile(r"^(Al|El|Ad|Ed|As|Ash|Ar|An|Az)(?=[A-Z][a-z])")


def name_parts(name: str) -> list[str]:
    """Folded name tokens without particles: ``"Muammar al-Gaddafi"`` -> muammar, gaddafi."""
    return list(_name_parts(name))


@cache
def _name_parts(name: str) -> tuple[str, ...]:
    tokens: list[str] = []
    for raw in re.split(r"[\s\-‐‑–]+", name.strip()):
        raw = raw.strip(".,'’")
        m = _GLUED_PARTICLE.match(raw)
        if m:
            raw = raw[m.end() :]
        tok = fold(raw).replace("'", "").replace("’", "")
        if tok and tok not in knowledge.name_words("particle"):
            tokens.append(tok)
    return tuple(tokens)


@cache
def sound_key(token: str) -> str:
    """``"Qaddafi"``, ``"Gadhafi"``, ``"Kadhafi"`` -> ``"kadafi"``."""
    t = re.sub(r"[^a-z]", "", fold(token))
    for old, new in _SOUNDS:
        t = t.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", t)


def skeleton(key: str) -> str:
    """The consonants of a sound key after its first letter (a vowel there counts as one):
    ``"muamar"`` -> ``"mmr"``, ``"omar"`` and ``"umar"`` -> ``"amr"``."""
    first = "a" if key[:1] in _VOWELS else key[:1]
    return first + "".join(c for c in key[1:] if c not in _VOWELS)


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@cache
def same_token(a: str, b: str) -> bool:
    """Whether two folded name tokens are spellings of one name."""
    if a == b:
        return True
    groups = knowledge.given_name_groups()
    if a in groups and groups.get(a) == groups.get(b):
        return True
    ka, kb = sound_key(a), sound_key(b)
    if ka == kb:
        return len(ka) >= 3
    if skeleton(ka) != skeleton(kb) or min(len(ka), len(kb)) < 4:
        return False
    return _distance(ka, kb) <= min(len(ka), len(kb)) // 3


def same_parts(a: list[str], b: list[str]) -> bool:
    """Token lists of equal length that are variants position by position."""
    return len(a) == len(b) and all(same_token(x, y) for x, y in zip(a, b, strict=True))


def given_names_agree(a: list[str], b: list[str]) -> bool:
    """Given names (all but the surname) that one name could write for the other: equal
    variants, or one list a sub-sequence of the other ("Mohamed Hussein" and "Hussein")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return True
    i = 0
    for tok in long:
        if i < len(short) and same_token(short[i], tok):
            i += 1
    return i == len(short)
