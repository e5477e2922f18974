"""Sentence spans: the parser's cuts, rejoined where they split a name or a clause."""

from __future__ import annotations

from storyline.annotate.sentences import rejoined
from storyline.model import Span


def _spans(text: str, cuts: list[str]) -> list[Span]:
    spans, at = [], 0
    for piece in cuts:
        start = text.index(piece, at)
        spans.append(Span(start, start + len(piece)))
        at = start + len(piece)
    return spans


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def test_a_cut_after_a_middle_initial_or_before_a_comma_is_rejoined() -> None:
    text = (
        "He met Federal Reserve Chairman Ben S. Bernanke on Friday. "
        "They asked Rep. Barney Frank (D-Mass.), chairman of the committee, to act. "
        "The U.S. Senate voted."
    )
    cuts = [
        "He met Federal Reserve Chairman Ben S.",
        "Bernanke on Friday.",
        "They asked Rep. Barney Frank (D-Mass.)",
        ", chairman of the committee, to act.",
        "The U.S. Senate voted.",
    ]
    assert _texts(text, rejoined(text, _spans(text, cuts))) == [
        "He met Federal Reserve Chairman Ben S. Bernanke on Friday.",
        "They asked Rep. Barney Frank (D-Mass.), chairman of the committee, to act.",
        "The U.S. Senate voted.",
    ]


def test_sentences_of_two_paragraphs_and_real_sentence_ends_stay_apart() -> None:
    text = "Talks ended in the U.S.\nthe next line is its own paragraph. Another one."
    cuts = [
        "Talks ended in the U.S.",
        "the next line is its own paragraph.",
        "Another one.",
    ]
    assert _texts(text, rejoined(text, _spans(text, cuts))) == cuts
    text = "The vote was won by Plan B. Critics said it was rushed."
    cuts = ["The vote was won by Plan B.", "Critics said it was rushed."]
    # A one-letter word before the full stop is joined: a rare cost against every middle initial.
    assert len(rejoined(text, _spans(text, cuts))) == 1
