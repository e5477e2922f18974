"""A storyline's headline: the most representative recent title or lead sentence."""

from __future__ import annotations

from datetime import date

from storyline.model import AnnotatedArticle, Article, Span
from storyline.story.storylines import (
    article_terms,
    cluster,
    lead_sentence,
    representative_headline,
)


def test_the_recent_candidate_closest_to_the_story_wins() -> None:
    terms = article_terms("ceasefire talks rebels government ceasefire talks rebels")
    candidates = [
        ("2011-01-01", "Rebels and government open ceasefire talks"),  # old: not recent
        *[(f"2011-03-{d:02d}", f"Weather report number {d} for the coast") for d in range(1, 6)],
        ("2011-03-09", "Ceasefire talks between rebels and government resume"),
    ]
    assert representative_headline(candidates, terms) == candidates[-1][1]


def test_the_latest_coverage_echoing_a_candidate_makes_it_the_headline() -> None:
    terms = article_terms("protests cairo protests cairo first days president")
    feature = "The first days of the protests in Cairo were hard for one shopkeeper"
    echoes = [
        "Protests in Cairo square as president refuses to resign",
        "Cairo square protests go on; president will not resign",
        "President refuses to resign as protests fill Cairo square",
    ]
    candidates = [(f"2011-02-0{n + 1}", text) for n, text in enumerate([*echoes, feature])]
    # On the story's words alone the feature's lead is the closer (and the later).
    assert representative_headline([candidates[2], candidates[3]], terms) == feature
    assert representative_headline(candidates, terms) in echoes


def test_a_long_title_counts_for_less() -> None:
    terms = article_terms("ceasefire talks rebels")
    long = "Ceasefire talks: " + "; ".join(f"interview number {n} with a guest" for n in range(8))
    candidates = [("2011-03-01", long), ("2011-03-02", "Rebels agree to ceasefire talks")]
    assert representative_headline(candidates, terms) == "Rebels agree to ceasefire talks"


def test_a_standfirst_bullets_or_a_file_photo_caption_count_for_less() -> None:
    terms = article_terms("ceasefire talks rebels government ceasefire talks rebels")
    news = "Rebels and government resume ceasefire talks"
    for other in (
        "Are ceasefire talks between rebels and government the way out?",
        "Ceasefire talks between the rebels and government, writes Anna Berg",
        "* Rebels and government resume ceasefire talks * Rebels want government talks",
        "FILE: Rebels at ceasefire talks with the government and rebels talks",
    ):
        candidates = [("2011-03-01", news), ("2011-03-02", other)]
        assert representative_headline(candidates, terms) == news, other


def test_lead_sentence_skips_captions_questions_and_fragments() -> None:
    text = (
        "Tanks at dawn.\nWill the talks hold?\n"
        "Rebels and the government agreed on Sunday to a ceasefire in the east."
    )
    doc = AnnotatedArticle(Article("a", text))
    starts = [0, text.index("Will"), text.index("Rebels")]
    doc.sentences = [
        Span(s, text.index("\n", s) if "\n" in text[s:] else len(text)) for s in starts
    ]
    assert lead_sentence(doc) == text[starts[2] :]


def test_untitled_coverage_gets_a_lead_as_its_label() -> None:
    docs = []
    for i, lead in enumerate(
        [
            "Rebels and the government agreed on Sunday to a ceasefire in the east of the country.",
            "The ceasefire between rebels and the government held for a second day in the east.",
        ]
    ):
        doc = AnnotatedArticle(Article(f"a{i}", lead, published=date(2011, 3, 1 + i)))
        doc.sentences = [Span(0, len(lead))]
        docs.append(doc)
    [storyline] = cluster(docs).storylines()
    assert storyline.label in {d.text for d in docs}


def test_lead_sentence_is_a_reporter_s_not_a_speaker_s() -> None:
    text = (
        "Over the past two years, we have faced the most severe crisis since the war.\n"
        "Rebels and the government agreed on Sunday to a ceasefire in the east."
    )
    doc = AnnotatedArticle(Article("a", text))
    doc.sentences = [Span(0, text.index("\n")), Span(text.index("Rebels"), len(text))]
    assert lead_sentence(doc) == text[text.index("Rebels") :]


def test_a_photo_caption_is_no_lead() -> None:
    text = (
        "Police officers protest in Cairo, Egypt, on Sunday.\n"
        "Thousands of police officers marched through central Cairo on Sunday to demand "
        "higher pay."
    )
    doc = AnnotatedArticle(Article("a", text))
    doc.sentences = [Span(0, text.index("\n")), Span(text.index("Thousands"), len(text))]
    assert lead_sentence(doc) == text[text.index("Thousands") :]
