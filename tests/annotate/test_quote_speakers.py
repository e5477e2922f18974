"""Who speaks: pronouns, descriptions, organisations, transcripts and reader comments, on
short texts written for these tests, with the real spaCy model and entities stage."""

from __future__ import annotations

from datetime import date

from storyline.annotate.comments import comment_like, comment_zone
from storyline.annotate.pipeline import run_pipeline
from storyline.model import AnnotatedArticle, Article, Quote


def annotate(text: str) -> AnnotatedArticle:
    doc = AnnotatedArticle(Article(id="t", text=text, language="en", published=date(2030, 5, 2)))
    run_pipeline([doc], ["sentences", "time", "entities", "quotes"])
    return doc


def speaker_of(doc: AnnotatedArticle, words: str) -> Quote:
    found = [q for q in doc.quotes if words in q.content.text(doc.text)]
    assert found, f"no quote with {words!r}: {[q.content.text(doc.text) for q in doc.quotes]}"
    return found[0]


def test_he_after_a_witness_is_the_witness_not_the_man_he_names() -> None:
    doc = annotate(
        "Residents fled the port city of Velmora on Tuesday.\n"
        "A witness said troops loyal to General Arvid Holt shelled the harbour overnight.\n"
        "“We could not sleep, the windows were shaking,” he said."
    )
    quote = speaker_of(doc, "windows were shaking")
    assert quote.speaker_name == "A witness"
    assert quote.speaker_entity is None


def test_she_skips_a_man_named_since() -> None:
    doc = annotate(
        "Foreign Minister Maria Lindqvist arrived in Velmora on Monday.\n"
        "Ms. Lindqvist met Prime Minister Tomas Berg for two hours.\n"
        "“The talks were frank,” she said."
    )
    quote = speaker_of(doc, "talks were frank")
    assert quote.speaker_name is not None
    assert "Lindqvist" in quote.speaker_name


def test_the_ministry_and_a_statement_are_the_organisation() -> None:
    doc = annotate(
        "The Interior Ministry of Velmora banned all gatherings on Friday.\n"
        "The ministry said the ban would last a week.\n"
        "The Velmora Workers Union issued a statement on Saturday.\n"
        "The statement said the ban was illegal."
    )
    ministry = speaker_of(doc, "ban would last a week")
    assert ministry.speaker_entity is not None
    assert ministry.speaker_entity.startswith("org:")
    assert "Ministry" in (ministry.speaker_name or "")
    union = speaker_of(doc, "ban was illegal")
    assert union.speaker_entity is not None
    assert "union" in union.speaker_entity


def test_i_inside_a_quotation_is_its_speaker() -> None:
    doc = annotate(
        "“I told them that we will hold elections in the autumn,” "
        "President Tomas Berg said on Monday."
    )
    inner = [q for q in doc.quotes if q.kind == "indirect"]
    for q in inner:
        assert q.speaker_name is not None
        assert "Berg" in q.speaker_name


def test_transcript_turns_name_i_and_you() -> None:
    doc = annotate(
        "HOLT: Thank you for joining us tonight.\n"
        "BERG: I said that the border will stay open.\n"
        "HOLT: You said that the crossing would reopen in May."
    )
    own = speaker_of(doc, "border will stay open")
    assert own.speaker_name == "Berg"
    other = speaker_of(doc, "crossing would reopen")
    assert other.speaker_name == "Berg"


def test_reader_comments_give_no_quotes() -> None:
    body = "Prime Minister Tomas Berg said the border would reopen on Monday.\n"
    thread = (
        "i think he said that just to calm people down lol\n"
        "@Greta you are wrong, he said the same last year\n"
        "THEY ALWAYS SAY THAT AND NOTHING CHANGES\n"
        "my cousin said the border is still closed\n"
        "Comments are not pre-screened before they post.\n"
    )
    doc = annotate(body + thread)
    assert comment_zone(doc.text) == len(body)
    assert [q.content.text(doc.text) for q in doc.quotes] == ["the border would reopen on Monday"]


def test_a_page_without_comment_furniture_has_no_comment_zone() -> None:
    text = "i think the border will reopen, said one resident.\nTHE END OF AN ERA\n" * 3
    assert comment_zone(text) is None
    assert comment_like("@Greta you are wrong about this one")
    assert not comment_like("Prime Minister Tomas Berg said the border would reopen.")
