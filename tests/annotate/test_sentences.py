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


def test_a_cut_inside_a_parenthesis_is_rejoined_and_a_live_blog_stamp_is_no_part_of_it() -> None:
    text = (
        "-- (Update 5:28 a.m. Cairo, 10:28 p.m. ET) Egypt's military urged calm. "
        "YES | NO Mubarak stepped down on Friday. "
        "US | EU talks resumed."
    )
    cuts = [
        "-- (Update 5:28 a.m.",
        "Cairo, 10:28 p.m. ET) Egypt's military urged calm.",
        "YES | NO Mubarak stepped down on Friday.",
        "US | EU talks resumed.",
    ]
    assert _texts(text, rejoined(text, _spans(text, cuts))) == [
        "Egypt's military urged calm.",
        "Mubarak stepped down on Friday.",
        # Not a row of options: what follows the bar does not open a sentence.
        "US | EU talks resumed.",
    ]


def test_a_sentence_that_is_only_a_stamp_stays_as_it_is() -> None:
    text = "(Update 5:28 a.m. ET)"
    assert _texts(text, rejoined(text, [Span(0, len(text))])) == [text]


def test_a_caption_run_into_the_next_sentence_is_cut_apart() -> None:
    from tests.helpers import annotated

    fused = (
        "Stars performed Jackson 5 hits at the start of the show Stars have been celebrating "
        "the life of Michael Jackson in Los Angeles."
    )
    doc = annotated(fused)
    assert [s.text(doc.text) for s in doc.sentences] == [
        "Stars performed Jackson 5 hits at the start of the show",
        "Stars have been celebrating the life of Michael Jackson in Los Angeles.",
    ]
    # A letter after its noun is no sentence start (a cut before "A" was tried and dropped:
    # "vitamin A levels" parses like "a hotel A row is").
    letter = "Children with low vitamin A levels were more likely to fall ill in winter."
    assert [s.text(d.text) for d in [annotated(letter)] for s in d.sentences] == [letter]
    prose = (
        "Ministers said the Government would publish its plans for the Health Service next "
        "week, and the company said it would appeal to the Supreme Court in March."
    )
    doc = annotated(prose)
    assert [s.text(doc.text) for s in doc.sentences] == [prose]
