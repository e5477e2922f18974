"""Extract the CAMEO verb dictionary's verbs and verb-object patterns into package data.

PETRARCH's ``CAMEO.verbpatterns.150430.txt`` (Open Event Data Alliance, MIT) groups some
3,000 English verbs into blocks, each with a default CAMEO code, a verb's own code where it
differs, and patterns that refine the code by what follows the verb ("EXPRESS ...
CONDEMNATION [111]"). storyline keeps what its parse can use without PETRARCH's pattern
language: each verb's default code, and the patterns that are one object word after the
verb (``- * WORD [code]``), which hold for every verb of their block. Each CAMEO code is
converted to its PLOVER 2.0 type by ``CAMEO2PLOVER-2021.txt`` (the PLOVER project's table);
01 (make a public statement) and codes marked ``---`` are no event; 02 (appeal) is REQUEST.
The longer patterns (words before and after the verb, synsets such as ``&MILITARY``; actor
slots dropped) go to ``cameo_patterns.tsv``, block by block with the synsets they use.

Writes ``src/storyline/annotate/data/cameo_verbs.tsv`` (its licence:
``CAMEO-VERBS-LICENSE.txt`` beside it)::

    verb    object    cameo    PLOVER type        (object empty for the verb's own code)

Run from the repository root:
    python tools/build_cameo_verbs.py ../shared/knowledge/phoenix/CAMEO.verbpatterns.150430.txt \
        ../shared/eval/events/CAMEO2PLOVER-2021.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path("src/storyline/annotate/data/cameo_verbs.tsv")
PATTERNS_OUT = Path("src/storyline/annotate/data/cameo_patterns.tsv")
_HEADER = re.compile(r"^---\s*([A-Z_]+)\s*(?:\[([^\]]*)\])?")
_CODE = re.compile(r"\[([^\]]*)\]")
_PATTERN = re.compile(r"^-\s*\*\s+([A-Z][A-Z-]*)\s*\[([0-9]{2,4})")
# Any pattern line: its words (verb ``*``, actors ``+ $ %``, synsets ``&NAME``) and its code.
_ANY_PATTERN = re.compile(r"^-\s*(.*?)\s*\[([0-9]{2,4})[^\]]*\]")
_SYNSET = re.compile(r"^&([A-Z0-9_]+?)_?\s*$")
_MAP_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")


def _plover_table(path: Path) -> dict[str, str]:
    table = {"01": "", "02": "REQUEST"}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _MAP_ROW.match(line.strip())
        # "08: RETREAT" is a heading of the 08 codes that became RETREAT, not 08's own type.
        if m and len(m.group(1)) > 2:
            table[m.group(1)] = m.group(2)
    return table


def plover_type(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code (its longest prefix in the table); '' = no event."""
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    if code[:2] in ("01", "02"):
        return table[code[:2]]
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
        if code[:end] + "0" in table:  # "19" -> "190"
            return table[code[:end] + "0"]
    return None


def _lemma(raw: str) -> str:
    """``+CLEAR_UP`` -> ``clear up``."""
    return " ".join(raw.strip().lstrip("+").replace("_", " ").lower().split())


def extract(verbs_path: Path, table: dict[str, str]) -> list[tuple[str, str, str, str]]:
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    block_code: str | None = None
    block_verbs: list[str] = []
    in_verbs = False
    for line in verbs_path.read_text(encoding="latin-1").splitlines():
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            continue
        text = line.split("#")[0].rstrip()
        if not text.strip():
            continue
        header = _HEADER.match(text)
        if header:
            block_code, block_verbs = header.group(2) or "---", []
            continue
        if block_code is None:
            continue
        pattern = _PATTERN.match(text)
        if pattern:
            kind = plover_type(pattern.group(2), table)
            if kind is not None:
                for verb in block_verbs:
                    # A pattern that only repeats the verb's own type says nothing more.
                    if rows.get((verb, ""), ("", None))[1] != kind:
                        rows.setdefault((verb, pattern.group(1).lower()), (pattern.group(2), kind))
            continue
        if text[0] == "-":
            continue
        head = text.split("{")[0]
        own = _CODE.findall(head)
        word = _lemma(_CODE.sub("", head))
        if not word or not re.fullmatch(r"[a-z]+(?: [a-z]+)?", word):
            continue
        code = own[0] if own else block_code
        kind = plover_type(code, table)
        block_verbs.append(word)
        if kind is not None:
            rows.setdefault((word, ""), (code.split(":")[0], kind))
    return sorted((v, o, c, k) for (v, o), (c, k) in rows.items())


def _pattern_words(raw: str) -> str | None:
    """``* TO ACCEPT + [120]`` -> ``* to accept``: the verb, literal words (a trailing
    ``_`` kept: that word only, not words it begins) and synsets; actor slots dropped.
    None for a pattern with other markup or no literal word."""
    words: list[str] = []
    for word in raw.replace("_", "_ ").split():
        if word in ("+", "$", "%", "+_", "$_", "%_"):
            continue
        word = word.lower()
        if word.rstrip("_") == "*":
            words.append("*")
        elif re.fullmatch(r"&[a-z0-9]+_?", word) or re.fullmatch(r"[a-z][a-z'-]*_?", word):
            words.append(word.rstrip("_") if word.startswith("&") else word)
        else:
            return None
    literal = [w for w in words if w != "*"]
    return " ".join(words) if words.count("*") == 1 and literal else None


def extract_patterns(
    verbs_path: Path, table: dict[str, str]
) -> tuple[dict[str, list[str]], list[tuple[list[str], list[tuple[str, str, str]]]]]:
    """The dictionary's synsets and, per verb block, its verbs and coded patterns
    (pattern words, CAMEO code, PLOVER type) whose code has a PLOVER type."""
    synsets: dict[str, list[str]] = {}
    blocks: list[tuple[list[str], list[tuple[str, str, str]]]] = []
    synset: list[str] | None = None
    in_verbs = False
    for line in verbs_path.read_text(encoding="latin-1").splitlines():
        text = line.split("#")[0].rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            found = _SYNSET.match(text)
            if found:
                synset = synsets.setdefault(found.group(1).lower(), [])
            elif synset is not None and text.strip():
                synset.append(text.strip().lstrip("+").lower())
            elif not text.strip():
                synset = None
            continue
        if not text.strip():
            continue
        if _HEADER.match(text):
            blocks.append(([], []))
            continue
        if not blocks:
            continue
        verbs, patterns = blocks[-1]
        if text[0] == "-":
            pattern = _ANY_PATTERN.match(text)
            words = _pattern_words(pattern.group(1)) if pattern else None
            kind = plover_type(pattern.group(2), table) if pattern else None
            if pattern and words and kind is not None:
                patterns.append((words, pattern.group(2), kind))
            continue
        word = _lemma(_CODE.sub("", text.split("{")[0]))
        if word and re.fullmatch(r"[a-z]+(?: [a-z]+)?", word):
            verbs.append(word)
    return synsets, [b for b in blocks if b[0] and b[1]]


def write_patterns(verbs_path: Path, table: dict[str, str]) -> int:
    synsets, blocks = extract_patterns(verbs_path, table)
    lines = [
        "# The CAMEO verb dictionary's patterns (see cameo_verbs.tsv), "
        "by tools/build_cameo_verbs.py",
        "# &synset<TAB>word|word ...; @<TAB>verb|verb ... opens a block of its verbs'",
        "# patterns: words ('*' the verb, a word ending '_' only itself)<TAB>cameo<TAB>type",
        *(f"&{name}\t{'|'.join(words)}" for name, words in sorted(synsets.items()) if words),
    ]
    for verbs, patterns in blocks:
        lines.append("@\t" + "|".join(verbs))
        lines += ["\t".join(p) for p in patterns]
    PATTERNS_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(p) for _, p in blocks)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    table = _plover_table(Path(argv[1]))
    rows = extract(Path(argv[0]), table)
    lines = [
        "# From PETRARCH's CAMEO verb dictionary (Open Event Data Alliance, MIT; see "
        "CAMEO-VERBS-LICENSE.txt) and the PLOVER project's CAMEO2PLOVER table, "
        "by tools/build_cameo_verbs.py",
        "# verb\tobject\tcameo\ttype ('' = no event)",
        *("\t".join(row) for row in rows),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} rows")
    print(f"{PATTERNS_OUT}: {write_patterns(Path(argv[0]), table)} patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
