"""Who speaks: pronouns, descriptions, organisations, transcripts and reader comments, on
short texts written for these tests, with the real spaCy model and entities stage."""

from __future__ import annotations

from datetime import date

from storyline.annotate.comments import comment_like, comment_zone
from storyline.annotate.coref import is_pronoun_speaker
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


def test_the_government_of_a_place_named_in_its_clause() -> None:
    doc = annotate(
        "Italy's prime minister said his troops would leave Iraq in September.\n"
        "The Iraqi government said it needed more time to train its forces.\n"
        "In London, the government announced it was proposing a conference on Iraq."
    )
    quote = speaker_of(doc, "proposing a conference")
    assert quote.speaker_entity == "gov:united-kingdom"


def test_a_demonstrative_or_an_impersonal_it_is_no_speaker() -> None:
    doc = annotate(
        "Rebecca Solnit lives in San Francisco and writes every day.\n"
        "That said, she says she may yet have children.\n"
        "It can not be said that those photographs depict anything but abuse.\n"
        "That is not to say that the war was legal."
    )
    speakers = [q.speaker_name for q in doc.quotes]
    assert "That" not in speakers
    assert "It" not in speakers
    assert not any("photographs" in q.content.text(doc.text) for q in doc.quotes)
    assert "Solnit" in (speaker_of(doc, "may yet have children").speaker_name or "")


def test_he_says_in_a_profile_is_the_person_it_is_about() -> None:
    doc = annotate(
        "Carne Ross resigned from the Foreign Office in 2004.\n"
        "Carne Ross had served in New York for four and a half years.\n"
        "The lesson of that time is the compassion of strangers.\n"
        "Union Square became a place for people to light candles.\n"
        "Crowds gathered there every day for weeks.\n"
        "The city was quiet in the evenings.\n"
        "Shops closed early and the trains ran half empty.\n"
        "The mood changed slowly over the winter.\n"
        "By spring the square was busy again.\n"
        "The candles were gone by then.\n"
        "The war in Iraq had begun.\n"
        "“There was no desire for vengeance among people on the streets,” he says."
    )
    quote = speaker_of(doc, "no desire for vengeance")
    assert "Ross" in (quote.speaker_name or "")


def test_a_closed_topic_of_readers_posts_gives_no_quotes() -> None:
    body = "Send us a sentence using one of these idioms.\nThis topic has now closed.\n"
    posts = (
        "Thanks for all your homework.\n"
        "Last week my friend told me that he was going to get married.\n"
        "My mother said that going to the concert alone was very dangerous.\n"
        "She said that she would go to France next summer.\n"
    )
    doc = annotate(body + posts)
    assert comment_zone(doc.text) is not None
    assert doc.quotes == []


def test_an_acronym_speaker_is_no_pronoun() -> None:
    assert not is_pronoun_speaker(["WHO"])
    assert is_pronoun_speaker(["who"])
    assert is_pronoun_speaker(["He"])


def test_a_document_speaks_on_as_it() -> None:
    doc = annotate(
        "The commission published its findings on Thursday.\n"
        "“The analyst was exhausted,” the report says.\n"
        "It continues: “The division chief was surprised the claim had been included.”"
    )
    assert speaker_of(doc, "division chief was surprised").speaker_name == "the report"


def test_a_pronoun_asked_to_speak_is_no_speaker() -> None:
    doc = annotate(
        "Charles Kennedy resisted calls for him to accuse Mr Blair of being a liar.\n"
        "Officials said the talks would resume."
    )
    assert [q.speaker_name for q in doc.quotes] == ["Officials"]


def test_you_in_an_interview_under_names_is_the_one_interviewed() -> None:
    doc = annotate(
        "Paxman: Hello, welcome to the programme.\n"
        "Blair: Well, I cannot say sorry for the war.\n"
        "Paxman: But do you accept that there is a trust issue?\n"
        "Blair: Well, trust is an issue.\n"
        "Paxman: When you told parliament that the intelligence was extensive, it was not.\n"
        "Blair: No, it was true.\n"
    )
    assert speaker_of(doc, "intelligence was extensive").speaker_name == "Blair"
    # A page with one "Note:" line is no transcript.
    single = annotate("Note: you said the border would reopen on Monday.\n")
    assert all(q.speaker_name != "Note" for q in single.quotes)


def test_who_was_told_is_not_who_spoke() -> None:
    doc = annotate(
        "The Iraq war, we were told, would be quick.\n"
        "Officials said the troops would stay until June.\n"
    )
    assert [q.speaker_name for q in doc.quotes] == ["Officials"]


def test_it_after_a_document_is_the_document_or_its_issuer() -> None:
    doc = annotate(
        "On her mirror she pointed to a message written in lipstick.\n"
        "She could not read English.\n"
        "It said: “Leave Velmora now!”\n"
        "The Velmora Workers Union issued a statement on Saturday.\n"
        "It said the strike would go on.\n"
    )
    assert speaker_of(doc, "Leave Velmora now").speaker_name == "the message"
    union = speaker_of(doc, "strike would go on")
    assert union.speaker_entity is not None
    assert "union" in union.speaker_entity


def test_he_carries_the_person_through_a_narrative_between_his_names() -> None:
    # Named once, then only "he" for five sentences, with another man named in between.
    doc = annotate(
        "Omar Dandi was arrested at a checkpoint in July.\n"
        "He was flown to the capital the next morning.\n"
        "There he was held in a cell without windows.\n"
        "After a month he was moved to a camp near the airport.\n"
        "The camp held men who had served General Lars Petrov.\n"
        "Later he was allowed to teach the other prisoners.\n"
        "“We prayed together every evening,” he said."
    )
    assert "Dandi" in (speaker_of(doc, "prayed together").speaker_name or "")


def test_we_of_a_leader_column_is_the_paper() -> None:
    doc = annotate(
        "Our view: the minister must go.\n"
        "We have defended her record in the past, and our readers know it.\n"
        "We said in March that the inquiry should report before the election."
    )
    quote = speaker_of(doc, "inquiry should report")
    assert quote.speaker_name is not None
    assert quote.speaker_name.startswith("the author")


def test_an_extraposed_or_a_named_it_is_no_speaker() -> None:
    doc = annotate(
        "Halden was once called the Venice of the North by its visitors.\n"
        "It was once called the Venice of the North.\n"
        "It is fair to suggest that the campus is calmer than it was."
    )
    assert not any(q.speaker_name == "It" for q in doc.quotes)
    assert not any("campus is calmer" in q.content.text(doc.text) for q in doc.quotes)
