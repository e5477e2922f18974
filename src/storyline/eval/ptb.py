"""Prose back into Penn-Treebank tokens, for scoring against gold written in them.

Timeline17's gold timelines and the metric's whitespace tokeniser expect "Egypt 's", "do n't",
"-LRB-". The product stores prose (see :mod:`storyline.ingest.detokenize`); the scorer puts
the system's sentences into the gold's form so that a token means the same on both sides.
"""

from __future__ import annotations

import re

_QUOTES = {"“": "``", "”": "''", "‘": "`", "’": "'", '"': "''"}
_BRACKETS = {"(": "-LRB-", ")": "-RRB-", "[": "-LSB-", "]": "-RSB-", "{": "-LCB-", "}": "-RCB-"}
_CLITIC = re.compile(r"(?i)(n't|'s|'re|'ve|'ll|'d|'m|’s)$")
_EDGE = ',.;:?!%$£#“”‘’"()[]{}'
# Abbreviations the treebank keeps whole inside a sentence ("Sen. Chris Dodd", "Sept. 19",
# "Tribune Co. files"): titles, months, company words.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "rep",
        "reps",
        "sen",
        "sens",
        "gov",
        "gen",
        "lt",
        "col",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "maj",
        "rev",
        "jr",
        "sr",
        "st",
        "mt",
        "ft",
        "co",
        "corp",
        "inc",
        "ltd",
        "bros",
        "dept",
        "univ",
        "assn",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "treas",
        "sec",
    ]
)


def ptb_tokens(text: str) -> str:
    """``text`` as space-separated Penn-Treebank tokens."""
    out: list[str] = []
    words = text.replace("—", " -- ").replace("–", " -- ").split()
    for i, word in enumerate(words):
        if i + 1 < len(words) and word[:-1].lower() in _ABBREVIATIONS and word.endswith("."):
            out.append(word)  # not the sentence's end
        else:
            out.extend(_split(word))
    return " ".join(out)


def _split(word: str) -> list[str]:
    front: list[str] = []
    back: list[str] = []
    while word and word[0] in _EDGE:
        front.append(_token(word[0]))
        word = word[1:]
    while word and word[-1] in _EDGE:
        # An abbreviation keeps its full stop ("U.S."), a sentence's last word does not.
        if word[-1] == "." and re.fullmatch(r"(?:[A-Za-z]\.)+", word):
            break
        back.insert(0, _token(word[-1]))
        word = word[:-1]
    middle: list[str] = []
    if word:
        clitic = _CLITIC.search(word)
        if clitic and clitic.start() > 0:
            # "can't" → "ca n't", "Egypt's" → "Egypt 's".
            middle = [word[: clitic.start()], clitic.group(0).replace("’", "'")]
        else:
            middle = [word.replace("/", "\\/")]
    return front + middle + back


def _token(char: str) -> str:
    return _QUOTES.get(char) or _BRACKETS.get(char) or char
