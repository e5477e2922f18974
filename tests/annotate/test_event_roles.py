"""Who, to whom, when and whether: the events stage's actors, targets, dates and non-events.

Each sentence runs through the real stages (sentences, time, entities, quotes, events), as
``storyline annotate`` runs them.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from storyline.annotate.pipeline import PipelineOptions, get_stage, run_pipeline
from storyline.model import AnnotatedArticle, Article, Event

STAGES = ["sentences", "time", "entities", "quotes", "events"]


def annotate(text: str, published: date | None = date(2020, 3, 5)) -> AnnotatedArticle:
    doc = AnnotatedArticle(Article("t", text, published=published, language="en"))
    run_pipeline([doc], STAGES)
    return doc


def only_event(text: str, published: date | None = date(2020, 3, 5)) -> tuple[Event, str]:
    doc = annotate(text, published)
    assert len(doc.events) == 1, [e.type for e in doc.events]
    return doc.events[0], doc.text


def names(doc_text: str, doc: AnnotatedArticle, ids: tuple[str, ...]) -> set[str]:
    """The words of each id's mentions in the text (what a reader would see)."""
    return {m.span.text(doc_text) for m in doc.mentions if m.entity in ids} | {
        i[5:] for i in ids if i.startswith("text:")
    }


def test_subject_acts_on_object_and_own_date() -> None:
    text = "On Tuesday Egyptian police arrested twelve protesters in Cairo."
    event, _ = only_event(text)
    assert event.type == "COERCE"
    assert event.date == "2020-03-03"
    assert event.date_from == "text"
    assert event.location == "Cairo"


def test_article_date_stands_in_and_says_so() -> None:
    event, _ = only_event("Israeli jets bombed Hamas positions in Gaza.")
    assert event.type == "ASSAULT"
    assert (event.date, event.date_from) == ("2020-03-05", "article")
    undated, _ = only_event("Israeli jets bombed Hamas positions in Gaza.", published=None)
    assert (undated.date, undated.date_from) == (None, None)


def test_a_date_in_another_phrase_is_not_the_events() -> None:
    text = (
        "The administration has long resisted that approach, saying it would not repeat a "
        "deal struck in 1994."
    )
    doc = annotate(text)
    assert all(e.date != "1994" for e in doc.events)


def test_a_son_of_the_leader_is_not_the_leader() -> None:
    doc = annotate("A son of President Mubarak promised reforms to the protesters.")
    for e in doc.events:
        assert not {"Mubarak", "President Mubarak"} & names(doc.text, doc, e.actors)


def test_officials_act_for_their_government() -> None:
    doc = annotate("Iran's foreign minister condemned the attack on the embassy.")
    (event,) = doc.events
    assert event.type == "ACCUSE"
    assert "Iran" in names(doc.text, doc, event.actors)


def test_demand_targets_the_one_asked_to_act() -> None:
    doc = annotate("The Chinese government demanded that the United States cancel the arms sale.")
    (event,) = doc.events
    assert event.type == "REQUEST"
    assert any("china" in a.lower() or "chinese" in a.lower() for a in event.actors)
    assert any("United States" in n for n in names(doc.text, doc, event.recipients))


def test_pronoun_takes_the_governing_subject() -> None:
    doc = annotate("Syria says it is willing to withdraw its troops from Lebanon.")
    (event,) = doc.events
    assert "Syria" in names(doc.text, doc, event.actors)


@pytest.mark.parametrize(
    "text",
    [
        "We welcome comments and corrections from our readers.",
        "Subscribe to our newsletter to receive the latest news.",
        "Will Israel attack Iran's nuclear sites?",
        "If Iran attacks the tankers, the navy could respond.",
        "North Korea did not launch a missile on Tuesday.",
    ],
)
def test_boilerplate_questions_conditions_and_denials_are_not_events(text: str) -> None:
    assert annotate(text).events == []


def test_cost_is_linear_in_the_text() -> None:
    sentence = "Russian troops shelled the town of Avdiivka in eastern Ukraine on Monday. "
    options = PipelineOptions()
    stages = [get_stage(n) for n in ("sentences", "entities", "events")]
    timings = []
    for n in (2, 40, 400):  # the first run loads the models
        doc = AnnotatedArticle(Article("t", sentence * n, language="en"))
        for st in stages[:2]:
            st.fn([doc], options)
        started = time.perf_counter()
        stages[2].fn([doc], options)
        timings.append(time.perf_counter() - started)
        assert len(doc.events) == n
    # Ten times the text may cost about ten times as much, never a hundred (quadratic).
    assert timings[2] < 30 * timings[1] + 1.0


def test_a_pronoun_stands_for_the_subject_of_a_passive_report() -> None:
    text = "Paul Kagame was quoted as saying he would be ready to host talks with Uganda."
    event, doc_text = only_event(text)
    assert event.type == "AGREE"
    assert "Paul Kagame" in names(doc_text, annotate(text), event.actors)


def test_a_dangling_preposition_leading_back_up_the_phrase_ends_the_walk() -> None:
    """The parser left "in" without its object and the noun after it is the phrase's own head
    ("rebels in forces ..."): each token is visited once. Run in a thread so a regression fails
    here instead of hanging the suite."""
    import threading

    import spacy
    from spacy.tokens import Doc

    from storyline.annotate.event_args import phrase_tokens

    doc = Doc(
        spacy.blank("en").vocab,
        words=["rebels", "in", "forces", "left"],
        heads=[2, 0, 3, 3],
        deps=["compound", "prep", "nsubj", "ROOT"],
        pos=["NOUN", "ADP", "NOUN", "VERB"],
    )
    found: list[list[str]] = []
    walk = threading.Thread(
        target=lambda: found.append([t.text for t in phrase_tokens([doc[2]], None)]),
        daemon=True,
    )
    walk.start()
    walk.join(timeout=10)
    assert found == [["forces", "rebels"]]
