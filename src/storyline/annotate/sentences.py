"""The ``sentences`` stage: a spaCy parse of English articles, and sentence spans for all."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from storyline.annotate.nlp import load_nlp, parse
from storyline.annotate.pipeline import DEFAULT_STAGES, PipelineOptions, stage
from storyline.model import AnnotatedArticle, Span

# Fallback splitter for languages we do not parse: end punctuation, then space and a capital
# or a quote, or a line break.
_BOUNDARY = re.compile(r"(?<=[.!?…。！？])[\"'”’)]*\s+(?=[\"'“‘(\[]?[^\W\d_])|\n+")


_NEWLINES = re.compile(r"\n+")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans by punctuation, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        spans.extend(_trimmed(text, start, m.start()))
        start = m.end()
    spans.extend(_trimmed(text, start, len(text)))
    return spans


def _lines(text: str, start: int, end: int) -> list[Span]:
    """A parser's sentence cut at line breaks too: a sentence never spans two paragraphs."""
    spans: list[Span] = []
    for m in _NEWLINES.finditer(text, start, end):
        spans.extend(_trimmed(text, start, m.start()))
        start = m.end()
    spans.extend(_trimmed(text, start, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


# A cut the parser made inside a name or a clause: after a middle initial ("Ben S." |
# "Bernanke"), or before what cannot open a sentence (a comma, a lower-case word).
_ENDS_IN_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")
_CANNOT_OPEN = re.compile(r"[,;:)\]]|[a-z]")


def rejoined(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with a sentence joined to the one before where the cut between them was wrong
    (after an initial, before what cannot open a sentence, inside a parenthesis), each then
    trimmed of a live blog's lead-in (see :func:`without_lead_in`).

    Only within a line: a sentence never spans two paragraphs.
    """
    out: list[Span] = []
    for span in spans:
        if out:
            prev = out[-1]
            gap = text[prev.end : span.start]
            before = text[prev.start : prev.end]
            if (
                "\n" not in gap
                and (
                    _ENDS_IN_INITIAL.search(before)
                    or _CANNOT_OPEN.match(text, span.start)
                    # "(Update 5:28 a.m." | "Cairo, 10:28 p.m. ET) Egypt's military ..."
                    or (
                        before.count("(") > before.count(")") and ")" in text[span.start : span.end]
                    )
                )
            ):
                out[-1] = Span(prev.start, span.end)
                continue
        out.append(span)
    return [without_lead_in(text, span) for span in out]


# What a live blog or a page's widgets put before a sentence: a bullet ("-- ", "• "), an
# update stamp with its clock time ("(Update 5:28 a.m. Cairo, 10:28 p.m. ET)"), a row of
# capitalised options ("YES | NO", "NEWS | SPORT").
_LEAD_IN = re.compile(
    r"(?:[-–—•*]+\s+)?"
    r"(?:\((?=[^()\n]*\b\d{1,2}[:.]\d{2}\b)[^()\n]{1,80}\)\s+)?"
    r"(?:(?:[A-Z]{2,}\s+)*[A-Z]{2,}\s*\|\s*(?:[A-Z]{2,}\s*\|\s*)*[A-Z]{2,}\s+(?=[A-Z][a-z]))?"
)


def without_lead_in(text: str, span: Span) -> Span:
    """``span`` without a lead-in before its first word, unless nothing else is left."""
    m = _LEAD_IN.match(text, span.start, span.end)
    if m is None or m.end() == span.start or m.end() >= span.end:
        return span
    return Span(m.end(), span.end)


# A caption or headline run into the next sentence with nothing between them ("... at the
# start of the show Stars have been celebrating ..."): a lower-case noun, verb or adverb, then
# a capitalised word the parse reads as a common word (a determiner, a pronoun, a common noun),
# which mid-sentence only the opening of another sentence is.
_FUSED_AFTER = frozenset({"NN", "NNS", "VBD", "VBN", "VBG", "RB", "CD"})
_FUSED_OPENING = frozenset({"DT", "PRP", "PRP$", "NN", "NNS", "EX", "WRB", "WP"})
_FUSED_MIN_WORDS = 4


def fused_apart(text: str, parsed: Doc, spans: list[Span]) -> list[Span]:
    """``spans`` cut where a sentence was run into the one before it without punctuation."""
    out: list[Span] = []
    # Tokens by position (a char_span per sentence costs the document's length each time).
    starts = [t.idx for t in parsed]
    for span in spans:
        tokens = parsed[
            bisect.bisect_left(starts, span.start) : bisect.bisect_left(starts, span.end)
        ]
        start = span.start
        since = 0  # index in ``words`` of the first word of the part being cut
        if len(tokens):
            words = [t for t in tokens if not t.is_punct]
            for k in range(_FUSED_MIN_WORDS, len(words) - _FUSED_MIN_WORDS + 1):
                before, opening = words[k - 1], words[k]
                if (
                    opening.idx > start
                    and k - since >= _FUSED_MIN_WORDS
                    and before.text.islower()
                    and before.tag_ in _FUSED_AFTER
                    and opening.text[:1].isupper()
                    and opening.text[1:].islower()
                    and opening.tag_ in _FUSED_OPENING
                    and before.i + 1 == opening.i
                ):
                    out.extend(_trimmed(text, start, opening.idx))
                    start, since = opening.idx, k
        out.extend(_trimmed(text, start, span.end))
    return out


@stage("sentences", provides=("sentences", "parse"), version=4)
def sentences_stage(docs: Sequence[AnnotatedArticle], options: PipelineOptions) -> None:
    """Parse English articles with spaCy (kept in memory for later stages); split the rest."""
    english = [d for d in docs if (d.article.language or "en") in options.english]
    nlp = load_nlp(options.spacy_model) if english else None
    if nlp is not None:
        for d, parsed in zip(english, parse(nlp, [d.text for d in english]), strict=True):
            d.parsed = parsed
            d.sentences = fused_apart(
                d.text,
                parsed,
                rejoined(
                    d.text,
                    [
                        s
                        for sent in parsed.sents
                        for s in _lines(d.text, sent.start_char, sent.end_char)
                    ],
                ),
            )
    for d in docs:
        if d.parsed is None:
            d.sentences = split_sentences(d.text)


DEFAULT_STAGES.append("sentences")
