"""The pieces the quote extractor is built from: the cue lexicon, quotation marks, and the
dependency rules that find a cue's speaker and content in a spaCy parse.

Everything here returns character offsets into the article text, so what it finds is
verbatim by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from storyline.model import Span

# Opening mark → closing mark. Straight quotes close themselves.
_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "''": "''", "``": "''"}
# Double marks that close one another when copy mixes straight and curly ones (“…," / "…”).
_DOUBLE = frozenset({'"', "”"})
# Irregular forms the lemmatizer misses in all-caps wire copy ("SAID").
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
}
_SUBJECTS = ("nsubj", "nsubjpass")
# Longest reported clause and speaker phrase we take, in tokens; past that the parse of a
# 5,000-word run-on sentence is not worth following (and costs quadratic time).
_MAX_CLAUSE = 400
_MAX_SPEAKER = 30
# Verbs whose "to" clause is what was said ("urged Congress to act").
_XCOMP_CUES = frozenset({"urge", "promise", "vow", "pledge", "ask", "tell", "warn", "threaten"})
# Verbs whose object is what was said or named ("described X as “appeasement”",
# "criticized the law as a “crazy system”", "called for a repeal").
_OBJECT_CUES = frozenset(
    {
        "describe",
        "call",
        "dub",
        "label",
        "brand",
        "criticize",
        "blast",
        "accuse",
        "question",
        "mention",
        "praise",
        "urge",
        "warn",
        "charge",
        # Verbs that report a fact or claim as their object ("announced the pick").
        "note",
        "acknowledge",
        "announce",
        "disclose",
        "reveal",
        "confirm",
        "deny",
        "admit",
        "report",
        "echo",
        "claim",
    }
)
_OBJECT_DEPS = ("dobj", "oprd", "ccomp", "xcomp", "dative")
_OBJECT_PREPS = ("as", "for", "of", "about", "on")
# Participles that start an attribution of their own (", citing a report").
_CITING = frozenset({"cite", "quote", "refer", "reference"})
# A phrase "through X" conveys another's words when X is one of these.
_VIA_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "aide", "representative", "lawyer", "attorney"}
)


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """Verbs of saying (lemmas), from ``annotate/data/quote_cues.txt``."""
    text = resources.files("storyline.annotate").joinpath("data/quote_cues.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def cue_lemma(token: Token) -> str:
    word = token.lower_
    return _IRREGULAR.get(word) or token.lemma_.lower()


def is_speech_verb(token: Token) -> bool:
    """A verb of saying, used as a verb ("the report said", not "a report")."""
    lemma = cue_lemma(token)
    if lemma not in speech_lemmas():
        return False
    if lemma == "point" and not any(
        (c.dep_ == "prt" and c.lower_ == "out") or (c.dep_ == "prep" and c.lower_ == "to")
        for c in token.children
    ):
        return False  # "pointed out" and "pointed to" report; "pointed a gun" does not
    return token.pos_ in ("VERB", "AUX") or token.lower_ in _IRREGULAR


def is_according(token: Token) -> bool:
    """The "according" of "according to X"."""
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


@dataclass(frozen=True)
class Quoted:
    """Text between quotation marks: ``inner`` without the marks, ``outer`` with them."""

    inner: Span
    outer: Span
    closed: bool


def find_quoted(text: str) -> list[Quoted]:
    """Double-quoted stretches, paragraph by paragraph; an unclosed one ends its paragraph."""
    found: list[Quoted] = []
    start = 0
    for line in text.split("\n"):
        found.extend(_quoted_in_paragraph(text, start, start + len(line)))
        start += len(line) + 1
    return found


def _quoted_in_paragraph(text: str, start: int, end: int) -> Iterator[Quoted]:
    opened: int | None = None
    closer = ""
    i = start
    while i < end:
        # Two apostrophes stand for a double quote in some wire and archive copy.
        mark = text[i : i + 2] if text[i : i + 2] in ("''", "``") else text[i]
        if opened is None and mark in _PAIRS:
            opened, closer = i, _PAIRS[mark]
        elif opened is None and mark == "”" and not text[start:i].strip():
            opened, closer = i, mark  # a paragraph that opens with the wrong mark
        elif opened is not None and (mark == closer or (closer in _DOUBLE and mark in _DOUBLE)):
            quoted = _quoted(text, opened, i + len(mark), len(mark), closed=True)
            if quoted is not None:
                yield quoted
            opened = None
        i += len(mark)
    if opened is not None:
        quoted = _quoted(text, opened, end, 0, closed=False)
        if quoted is not None:
            yield quoted


def _quoted(text: str, start: int, end: int, closing: int, *, closed: bool) -> Quoted | None:
    opening = 2 if text[start : start + 2] in ("''", "``") else 1
    inner = trim(text, start + opening, end - closing)
    return Quoted(inner, Span(start, end), closed) if inner is not None else None


def trim(text: str, start: int, end: int, strip: str = "") -> Span | None:
    """``[start, end)`` less surrounding whitespace (and ``strip`` characters), or None."""
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return Span(start, end) if end > start else None


_EDGE_PUNCT = ",;:—–-"


def token_span(text: str, tokens: Iterable[Token]) -> Span | None:
    """The character span from the first to the last token, less edge punctuation."""
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return trim(text, toks[0].idx, toks[-1].idx + len(toks[-1].text), _EDGE_PUNCT)


def runs(text: str, tokens: Iterable[Token]) -> list[Span]:
    """Contiguous runs of ``tokens`` as spans (content interrupted by "he said")."""
    spans: list[Span] = []
    run: list[Token] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if run and tok.i != run[-1].i + 1:
            spans.extend(s for s in [token_span(text, run)] if s is not None)
            run = []
        run.append(tok)
    spans.extend(s for s in [token_span(text, run)] if s is not None)
    return [s for s in spans if any(ch.isalnum() for ch in text[s.start : s.end])]


def subject_of(cue: Token) -> Token | None:
    """The speaker token: the cue's subject, or its governing verb's ("…, saying", "and added")."""
    token = cue
    for _ in range(4):
        if token.i != cue.i and token.dep_ == "ccomp" and is_speech_verb(token.head):
            token = token.head  # "X stated that …, describing Y": X describes
            continue
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                if token.dep_ == "relcl" and child.lower_ in ("that", "which", "who"):
                    return token.head  # "the official who said"
                return child
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        if (
            token.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "parataxis")
            or token.head.i == token.i
        ):
            return None
        if token.dep_ in ("ccomp", "parataxis") and token.i != cue.i:
            return None
        token = token.head
    return None


def according_source(according: Token) -> Token | None:
    for to in according.children:
        if to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def speaker_head(head: Token) -> Token:
    """The head of the speaker phrase: past a dateline ("WASHINGTON — The administration")."""
    if head.is_upper and len(head) > 1:
        return next((c for c in head.children if c.dep_ == "appos"), head)
    return head


def phrase(text: str, head: Token) -> Span | None:
    """A speaker phrase: the head with its left modifiers ("a White House official"),
    plus a short "of"/"for" phrase after a common noun ("a spokesman for the ministry")."""
    head = speaker_head(head)
    tokens = list(head.doc[max(head.left_edge.i, head.i - _MAX_SPEAKER) : head.i + 1])
    tokens = [t for t in tokens if not t.is_punct or (t.head.i > t.i and t.i > head.left_edge.i)]
    if head.pos_ == "NOUN":
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with"):
                extra = subtree(child)
                if len(extra) <= 6:
                    tokens.extend(extra)
    found = token_span(text, tokens)
    if found is not None and "\n" in found.text(text):
        # The parse ran a headline or caption into the sentence: keep the last line.
        cut = text.rindex("\n", found.start, found.end) + 1
        found = trim(text, cut, found.end, _EDGE_PUNCT)
    return found


def via_of(text: str, cue: Token) -> Span | None:
    """Who conveyed the words: "according to his spokesman, Kim", "through a spokesman"."""
    for child in cue.children:
        obj: Token | None = None
        if is_according(child):
            obj = according_source(child)
        elif child.lower_ == "through":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() not in _VIA_NOUNS:
                obj = None
        if obj is not None:
            named = next((c for c in obj.children if c.dep_ == "appos"), None)
            return phrase(text, named if named is not None else obj)
    return None


def reported_content(cue: Token) -> list[Token] | None:
    """What an indirect cue reports: its clausal complement, or for "urge"/"promise" its
    "to" clause, or for "describe"/"call" its object with the words that name it."""
    lemma = cue_lemma(cue)
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if clauses:
        # "A, he noted, that B" parses as two complements: both are what was said.
        return [t for c in clauses for t in _without_trailing_participle(c)]
    if lemma in _XCOMP_CUES:
        for child in cue.children:
            if child.dep_ == "xcomp":
                return subtree(child)
    if lemma == "point":
        for child in cue.rights:
            if child.dep_ == "prep" and child.lower_ == "to":
                return [t for t in subtree(child) if t.i != child.i]  # "pointed to X"
    if lemma in _OBJECT_CUES:
        parts: list[Token] = []
        for child in cue.rights:
            if child.dep_ in _OBJECT_DEPS:
                parts.extend(subtree(child))
            elif child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == "for" for m in child.children
            ):
                # "called for the United States to act" parses "for" as a marker.
                parts.extend(
                    t for t in subtree(child) if not (t.head == child and t.dep_ == "mark")
                )
            elif child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
                parts.extend(t for t in subtree(child) if t.i != child.i or child.lower_ == "as")
        if parts:
            return parts
    # "asked about the declaration", "complained about his mic": the topic of the words.
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ == "about":
            return [t for t in subtree(child) if t.i != child.i]
    return None


def _without_trailing_participle(clause: Token) -> list[Token]:
    """A clause less a new attribution of its own: a trailing ", citing …" / ", saying …"
    or a coordinated cue ("… promised to help and said she would …")."""
    cut = {
        t.i
        for child in clause.rights
        if (
            child.dep_ == "advcl"
            and child.tag_ == "VBG"
            and child.nbor(-1).text == ","
            and (is_speech_verb(child) or cue_lemma(child) in _CITING)
        )
        or (child.dep_ == "conj" and is_speech_verb(child))
        for t in subtree(child)
    }
    return [t for t in subtree(clause) if t.i not in cut]


def subtree(token: Token) -> list[Token]:
    """The token's subtree, read off its edges (the parse is projective), or nothing when it
    is longer than any clause a quote reports: a run-on "sentence" of a flattened table."""
    left, right = token.left_edge.i, token.right_edge.i
    return list(token.doc[left : right + 1]) if right - left < _MAX_CLAUSE else []
