"""The quotes stage on the Korea seeds and on hostile input, with the real spaCy model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.annotate.pipeline import run_pipeline
from storyline.annotate.quote_rules import find_quoted
from storyline.annotate.quotes import extract_quotes
from storyline.model import AnnotatedArticle, Article, Mention, Quote, Span, TimeExpression


def annotate(text: str, language: str = "en", published: date | None = None) -> AnnotatedArticle:
    doc = AnnotatedArticle(Article(id="t", text=text, language=language, published=published))
    run_pipeline([doc], ["sentences", "quotes"])
    return doc


def assert_verbatim(doc: AnnotatedArticle) -> None:
    for q in doc.quotes:
        for span in (q.content, q.cue, q.speaker, q.via):
            if span is not None:
                assert 0 <= span.start < span.end <= len(doc.text)
        assert q.content.text(doc.text).strip() == q.content.text(doc.text)


def quote_with(doc: AnnotatedArticle, words: str) -> Quote:
    found = [q for q in doc.quotes if words in q.content.text(doc.text)]
    assert found, f"no quote contains {words!r}: {[q.content.text(doc.text) for q in doc.quotes]}"
    return found[0]


def text_of(doc: AnnotatedArticle, quote: Quote, part: str) -> str | None:
    span = getattr(quote, part)
    return None if span is None else str(span.text(doc.text))


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, AnnotatedArticle]:
    docs = {
        p.name[:3]: AnnotatedArticle(Article(id=p.name, text=p.read_text(), language="en"))
        for p in sorted(seeds_dir.glob("0*.txt"))
    }
    run_pipeline(list(docs.values()), ["sentences", "quotes"])
    return docs


def test_direct_quote_through_a_spokesman(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["000"]
    q = quote_with(doc, "The United States, too, looks positively")
    assert q.kind == "direct"
    assert text_of(doc, q, "speaker") == "Mr. Moon"
    assert text_of(doc, q, "via") == "Kim Eui-kyeom"
    assert text_of(doc, q, "cue") == "said"


def test_partial_quote_and_quote_before_its_cue(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["000"]
    partial = quote_with(doc, "appeasement")
    assert partial.kind == "partial"
    assert text_of(doc, partial, "speaker") == "Mr. Trump"
    pence = quote_with(doc, "Then, and only then")
    assert pence.kind == "direct"
    assert "Pence" in (text_of(doc, pence, "speaker") or "")


def test_pronoun_and_definite_description(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["002"]
    lee = quote_with(doc, "Nothing can be achieved")
    assert text_of(doc, lee, "speaker") == "he"
    assert "Lee" in (lee.speaker_name or "")
    official = quote_with(doc, "The pacemaker is standing still")
    assert text_of(doc, official, "speaker") == "the official"
    assert official.speaker_entity is None
    assert (official.speaker_name or "").lower() == "a government official"


def test_description_and_short_name(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["001"]
    white_house = quote_with(doc, "President Trump in his first term")
    assert white_house.speaker_name == "a White House official"
    jeong = next(q for q in doc.quotes if text_of(doc, q, "speaker") == "Jeong")
    assert jeong.speaker_name == "Jeong Yeon-doo"
    assert_verbatim(doc)


def test_indirect_quote_and_its_date() -> None:
    doc = annotate(
        "The minister said that the talks would resume next month.",
        published=date(2026, 1, 16),
    )
    q = quote_with(doc, "the talks would resume")
    assert q.kind == "indirect"
    assert text_of(doc, q, "speaker") == "The minister"
    assert q.date == "2026-01-16"


def test_quote_split_by_its_cue_is_one_attribution() -> None:
    doc = annotate('"We will not back down," Kim said. "The talks are over."')
    first, second = quote_with(doc, "We will not"), quote_with(doc, "The talks are over")
    assert first.cue == second.cue
    assert first.speaker_name == second.speaker_name == "Kim"


def test_according_to() -> None:
    doc = annotate("The summit will take place in May, according to two senior officials.")
    q = quote_with(doc, "The summit will take place in May")
    assert text_of(doc, q, "speaker") == "two senior officials"
    assert text_of(doc, q, "cue") == "according to"


def test_other_language_is_skipped() -> None:
    doc = annotate('"Das ist gut," sagte der Minister.', language="de")
    assert doc.quotes == []
    assert "quotes" in doc.skipped


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = 'The minister said: "We will never accept this\n\nOther news followed.'
    doc = annotate(text)
    assert_verbatim(doc)
    q = quote_with(doc, "We will never accept this")
    assert "Other news" not in q.content.text(text)


def test_two_apostrophes_are_a_double_quote() -> None:
    text = "''It is fine,'' he said."
    assert [q.inner.text(text) for q in find_quoted(text)] == ["It is fine,"]


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["the officials said that the economy grew and"] * 700) + ".",
        "COUNTRY | GDP | GROWTH\nKorea | 1.2 | 0.3\nJapan | 4.1 | 0.1\n" * 40,
        'SEOUL (AP) — "WE WILL RESPOND," THE MINISTRY SAID ON TUESDAY. OFFICIALS SAID TALKS '
        "WOULD RESUME.",
        '"',
        '"""',
        "",
        "“He said “ “ ” said ”",
    ],
)
def test_hostile_input_never_raises_and_stays_verbatim(text: str) -> None:
    doc = annotate(text)
    assert "quotes" not in doc.skipped or doc.quotes == []
    assert_verbatim(doc)


def test_without_parse_there_is_nothing() -> None:
    doc = AnnotatedArticle(Article(id="t", text='"Yes," he said.', language="en"))
    assert extract_quotes(doc) == []


def parsed(text: str) -> AnnotatedArticle:
    doc = AnnotatedArticle(Article(id="t", text=text, language="en"))
    run_pipeline([doc], ["sentences"])
    return doc


def test_date_of_the_time_expression_on_the_cue() -> None:
    text = 'The minister said on Tuesday that talks would resume. "We are ready," Kim said.'
    doc = parsed(text)
    start = text.index("Tuesday")
    doc.times = [TimeExpression(Span(start, start + len("Tuesday")), "DATE", "2018-01-02")]
    doc.article.published = date(2018, 1, 4)
    dates = {q.content.text(text): q.date for q in extract_quotes(doc)}
    assert dates == {"that talks would resume": "2018-01-02", "We are ready,": "2018-01-04"}


def test_speaker_entity_from_mentions() -> None:
    text = 'President Lee Jae-myung arrived in Beijing. "We will talk," Lee said.'
    doc = parsed(text)
    full, short = text.index("Lee Jae-myung"), text.rindex("Lee")
    doc.mentions = [
        Mention(Span(full, full + len("Lee Jae-myung")), "PERSON", "lee-jae-myung"),
        Mention(Span(short, short + 3), "PERSON", "lee-jae-myung"),
    ]
    (quote,) = extract_quotes(doc)
    assert quote.speaker_entity == "lee-jae-myung"
    assert quote.speaker_name == "Lee Jae-myung"


def test_quote_paragraph_after_its_cue_paragraph_continues_it() -> None:
    doc = annotate(
        "“Cyber security remains one of the biggest challenges,” Carson continued.\n\n"
        '"Even under the best cases, our classified information is under constant attack."'
    )
    first = quote_with(doc, "Cyber security")
    second = quote_with(doc, "Even under the best cases")
    assert second.cue == first.cue
    assert text_of(doc, second, "speaker") == "Carson"


def test_cue_less_quote_paragraph_goes_with_the_next_quote_cue() -> None:
    doc = annotate(
        "Espinoza is running for the seat.\n\n"
        '"I am a proven champion for Constitutional governance and the Rule of Law."\n\n'
        "“I will take that same strength of conviction to Washington,” Espinoza said."
    )
    lead = quote_with(doc, "proven champion")
    assert text_of(doc, lead, "cue") == "said"
    assert lead.cue == quote_with(doc, "same strength").cue


def test_mixed_straight_and_curly_marks_close_each_other() -> None:
    quoted = find_quoted('“Immunity deals should not be required," Chaffetz said.')
    assert len(quoted) == 1
    assert quoted[0].closed
    doc = annotate('“Immunity deals should not be required," Chaffetz said.')
    assert text_of(doc, quote_with(doc, "Immunity deals"), "speaker") == "Chaffetz"


def test_paragraph_opening_with_a_closing_mark_is_a_quote() -> None:
    text = "Obama spoke.\n\n” … what I learned from these families is that words matter.”"
    assert [q.inner.text(text) for q in find_quoted(text)] == [
        "… what I learned from these families is that words matter."
    ]


def test_coordinated_cue_is_its_own_attribution() -> None:
    doc = annotate(
        "Merrill says Machado promised to continue supporting Clinton and said she would "
        "stand up to the attacks."
    )
    q = quote_with(doc, "Machado promised")
    assert "stand up" not in q.content.text(doc.text)


def test_trailing_participle_stays_unless_it_is_a_cue() -> None:
    doc = annotate(
        "She said she was attracted to her first job in government, prosecuting cases for "
        "the U.S. attorney's office."
    )
    assert "prosecuting cases" in quote_with(doc, "attracted").content.text(doc.text)


def test_block_quote_after_a_colon_cue() -> None:
    doc = annotate(
        "The governor added:\n\n"
        "It's typical of Hillary Clinton. She knows nothing, but the mouth never stops."
    )
    q = quote_with(doc, "typical of Hillary Clinton")
    assert q.kind == "direct"
    assert text_of(doc, q, "speaker") == "The governor"
    assert text_of(doc, q, "cue") == "added"


def test_parenthetical_cue_keeps_both_sides() -> None:
    doc = annotate(
        "Though that transition was relatively seamless, he said, replacing Clinton would "
        "be much more acrimonious and could lead to intense lobbying."
    )
    words = " ".join(q.content.text(doc.text) for q in doc.quotes)
    assert "transition was relatively seamless" in words
    assert "replacing Clinton" in words


def test_cue_between_two_complements_reports_both() -> None:
    doc = annotate(
        "China had historically resisted such agreements, but the air pollution there had "
        "become so bad, Mr. Obama noted, that the most-visited Twitter page in China was the "
        "daily air-quality monitor."
    )
    words = " ".join(q.content.text(doc.text) for q in doc.quotes if q.cue is not None)
    assert "resisted such agreements" in words
    assert "most-visited Twitter page" in words


def test_quote_after_a_sentence_ending_with_its_cue() -> None:
    doc = annotate(
        "The administration may be reluctant to act while Kerry negotiates with Russia, "
        'Schiff said. "The other factor the administration may be considering is escalation."'
    )
    q = quote_with(doc, "The other factor")
    assert q.kind == "direct"
    assert text_of(doc, q, "speaker") == "Schiff"
    assert q.cue == quote_with(doc, "may be reluctant").cue


def test_call_for_point_to_and_claim_report_their_object() -> None:
    doc = annotate(
        "Clinton is calling for the United States to take a stronger role in the conflict. "
        "The IMF pointed to Britain's decision to leave the European Union as an example. "
        "He claimed vast wealth at every rally. She pointed a gun at the burglar."
    )
    assert text_of(doc, quote_with(doc, "take a stronger role"), "speaker") == "Clinton"
    assert text_of(doc, quote_with(doc, "Britain's decision"), "speaker") == "The IMF"
    assert text_of(doc, quote_with(doc, "vast wealth"), "cue") == "claimed"
    assert not [q for q in doc.quotes if "burglar" in q.content.text(doc.text)]
