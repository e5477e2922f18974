"""Quotes ranked across a storyline, and the voices outside its principal actors."""

from __future__ import annotations

from datetime import date

from storyline.model import AnnotatedArticle, Article, Entity, Mention, Quote, Span, Stance
from storyline.story.voices import ranked_quotes, what_people_say


def _doc(
    aid: str, day: date, text: str, quotes: list[tuple[str, str, str | None]]
) -> AnnotatedArticle:
    """An article whose ``text`` holds each quote's words; quotes: (words, speaker, entity)."""
    doc = AnnotatedArticle(Article(aid, text, published=day, published_precision="day"))
    for words, speaker, entity in quotes:
        start = text.index(words)
        doc.quotes.append(
            Quote(Span(start, start + len(words)), None, None, entity, speaker, "direct")
        )
        if entity:
            doc.mentions.append(Mention(Span(0, 1), "PERSON", entity))
    return doc


MINISTER = "We will not accept any deal that leaves the refugees without a home."
PRONOUN = "This is the worst day of my long life in politics, honestly."
SHORT = "the block"


def _corpus() -> list[AnnotatedArticle]:
    docs = [
        _doc(
            f"a{i}",
            date(2011, 3, 1 + i),
            f"Filler {i}. {MINISTER} More. {PRONOUN} {SHORT}.",
            [
                (MINISTER, "Ann Minister", "per:ann"),
                (PRONOUN, "she", None),
                (SHORT, "Iran", "gov:x"),
            ],
        )
        for i in range(3)
    ]
    witness = "I saw the tanks roll into the square before dawn on Friday morning."
    docs.append(_doc("w", date(2011, 3, 2), f"Then. {witness}", [(witness, "a witness", None)]))
    return docs


def test_repeats_merge_pronouns_and_fragments_stay_off() -> None:
    quotes = ranked_quotes(_corpus())
    texts = [q.text for q in quotes]
    assert texts.count(MINISTER) == 1  # three articles, one quote citing the other two
    (minister,) = [q for q in quotes if q.text == MINISTER]
    assert len(minister.also) == 2
    assert PRONOUN not in texts
    assert SHORT not in texts
    # The quote carried by three articles from a covered speaker ranks above the lone witness.
    assert minister.score > next(q for q in quotes if q.speaker == "a witness").score


def test_one_speaker_gets_a_few_quotes_at_most() -> None:
    words = [f"Statement number {n} says something new about the long war today." for n in range(6)]
    doc = _doc(
        "m", date(2011, 3, 1), " ".join(words), [(w, "Ann Minister", "per:ann") for w in words]
    )
    assert len(ranked_quotes([doc], per_speaker=2)) == 2


def test_what_people_say_leaves_out_principals_and_carries_stances_and_posts() -> None:
    docs = _corpus()
    docs[3].stances.append(Stance("per:w", "a ceasefire", "support", "2011-03-02", Span(0, 4)))
    docs[3].quotes[0] = Quote(docs[3].quotes[0].content, None, None, "per:w", "a witness", "direct")
    post = AnnotatedArticle(
        Article(
            "p1",
            "Tanks in the square again tonight #protest",
            published=date(2011, 3, 3),
            published_precision="day",
            kind="post",
            author="Sam (@sam)",
        )
    )
    voices = what_people_say(
        [*docs, post], principals=["per:ann"], entities=[Entity("per:w", "W", "person")]
    )
    speakers = [v.speaker for v in voices]
    assert "Ann Minister" not in speakers
    witness = next(v for v in voices if v.speaker == "a witness")
    assert witness.stance == "supports: a ceasefire"
    assert any(v.kind == "post" and v.speaker == "Sam (@sam)" for v in voices)
