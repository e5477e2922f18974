"""Undo Penn-Treebank tokenization, the form many news archives and datasets ship text in.

Archives such as Timeline17, the LDC news corpora and CoNLL-derived sets store articles as
tokenised sentences: ``-LRB-`` for "(", ``` `` ``` and ``''`` for quotation marks, spaced
punctuation ("Egypt 's", "do n't", "said , he"), ``\\/`` for "/" and ``#`` for the pound sign.
A reader should never see those forms, and the NLP stages do better on prose, so ingest
turns such text back into prose before the article gets its identity. Text that is not
tokenised this way is returned unchanged.
"""

from __future__ import annotations

import re

_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_BRACKET_TOKEN = re.compile(r"-[LR][RSC]B-")
_ESCAPED = re.compile(r"\\([/*])")
# Tokens that betray the convention on their own.
_MARKERS = re.compile(
    r"-[LR][RSC]B-|(?:^|\s)``?\s|\s''(?:\s|$)|\s(?:n't|'s|'re|'ve|'ll)\s", re.MULTILINE
)
# Punctuation written as its own token, and punctuation attached to a word.
_SPACED_PUNCT = re.compile(r"\w \S?[,.;:?!](?= |$)", re.MULTILINE)
_ATTACHED_PUNCT = re.compile(r"\w[,;:?!](?= )")

_CONTRACTION = re.compile(r"(?i)(\w) (n't|'s|'re|'ve|'ll|'d|'m)\b")
_IRREGULAR = {"ca n't": "can't", "wo n't": "won't", "Ca n't": "Can't", "Wo n't": "Won't"}
_SPACE_BEFORE = re.compile(r" ([,.;:?!%)\]}])")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_POUND = re.compile(r"(?<![\w#])# (?=\d)")
_DOUBLE_DASH = re.compile(r" -- ")
_DOUBLE_STOP = re.compile(r"(\b[A-Za-z]\.) \.(?= |$)")


def looks_tokenized(text: str) -> bool:
    """Whether ``text`` is written in Penn-Treebank tokens (markers, or spaced punctuation)."""
    if _MARKERS.search(text):
        return True
    spaced = len(_SPACED_PUNCT.findall(text))
    attached = len(_ATTACHED_PUNCT.findall(text))
    return spaced >= 3 and spaced >= 4 * attached


def detokenize(text: str, *, tokenized: bool | None = None) -> str:
    """Prose from Penn-Treebank tokens, line by line (line breaks are kept).

    ``tokenized``: whether the text is known to be tokenised (a dataset's format says so);
    None to tell from the text.
    """
    if not (looks_tokenized(text) if tokenized is None else tokenized):
        return text
    return "\n".join(detokenize_line(line) for line in _rejoin_brackets(text.split("\n")))


def detokenize_line(line: str) -> str:
    line = _BRACKET_TOKEN.sub(lambda m: _BRACKETS.get(m.group(0), m.group(0)), line)
    line = _ESCAPED.sub(r"\1", line)
    line = _quotes(line)
    for tokens, word in _IRREGULAR.items():
        line = line.replace(tokens, word)
    line = _CONTRACTION.sub(r"\1\2", line)
    line = _POUND.sub("£", line)
    line = _DOUBLE_DASH.sub(" — ", line)
    line = _DOUBLE_STOP.sub(r"\1", line)
    line = _SPACE_BEFORE.sub(r"\1", line)
    line = _SPACE_AFTER.sub(r"\1", line)
    return " ".join(line.split())


def _quotes(line: str) -> str:
    """``` `` ``` and ``''`` to curly double quotes, ``` ` ``` … ``'`` to single ones.

    A lone ``'`` after a word with no open single quote is a plural possessive
    ("demonstrators ' planned" → "demonstrators' planned"). A ``` ` ``` inside a word that no
    ``'`` closes later on the line is the apostrophe of a transliteration ("Qur ` an",
    "Ba ` athist" → "Qur'an", "Ba'athist").
    """
    out: list[str] = []
    open_single = False
    open_double = False
    tokens = line.split(" ")
    for i, token in enumerate(tokens):
        if token == "`" and _inner_apostrophe(tokens, i):
            out.append("\x00'\x00")
        elif token == "``":
            out.append("“\x00")
            open_double = True
        elif token == "''":
            out.append("\x00”")
            open_double = False
        elif token == '"':
            out.append("\x00”" if open_double else "“\x00")
            open_double = not open_double
        elif token == "`":
            out.append("‘\x00")
            open_single = True
        elif token == "'":
            if open_single:
                out.append("\x00’")
                open_single = False
            else:
                out.append("\x00'")
        else:
            out.append(token)
    joined = " ".join(out)
    # \x00 marks the side of a quotation mark that hugs its word.
    return joined.replace("\x00 ", "").replace(" \x00", "").replace("\x00", "")


def _inner_apostrophe(tokens: list[str], i: int) -> bool:
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return (
        before[-1:].isalpha()
        and after[:1].isalpha()
        and after[:1].islower()
        and "'" not in tokens[i + 1 :]
    )


def _rejoin_brackets(lines: list[str]) -> list[str]:
    """Join a line the sentence splitter cut inside brackets ("(BP ." / "L) hired") again."""
    out: list[str] = []
    for line in lines:
        if out and _unclosed(out[-1]) and _closes_early(line):
            previous = out.pop()
            glue = "" if previous.endswith(" .") and re.match(r"[A-Z]{1,3}\b", line) else " "
            if glue == "":
                previous = previous[:-2] + "."
            out.append(previous + glue + line)
        else:
            out.append(line)
    return out


def _unclosed(line: str) -> bool:
    return line.count("-LRB-") > line.count("-RRB-") or line.count("(") > line.count(")")


def _closes_early(line: str) -> bool:
    close = min((i for i in (line.find("-RRB-"), line.find(")")) if i >= 0), default=-1)
    return 0 <= close <= 40
