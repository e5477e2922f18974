"""Targets a clause away from the trigger (:mod:`storyline.annotate.event_targets`), and
prepositions the parser detached, through the real stages as ``storyline annotate`` runs."""

from __future__ import annotations

from datetime import date

import spacy
from spacy.tokens import Doc

from storyline.annotate.event_args import argument_tokens, pobjs, verb_preps
from storyline.annotate.event_targets import target_alternatives
from storyline.annotate.pipeline import run_pipeline
from storyline.model import AnnotatedArticle, Article

STAGES = ["sentences", "time", "entities", "quotes", "events"]


def target_words(text: str) -> set[str]:
    """The words of the first event's targets (their mentions, or their text ids)."""
    doc = AnnotatedArticle(Article("t", text, published=date(2020, 3, 5), language="en"))
    run_pipeline([doc], STAGES)
    assert doc.events, "no event"
    ids = doc.events[0].recipients
    return {m.span.text(doc.text) for m in doc.mentions if m.entity in ids} | {
        i[5:] for i in ids if i.startswith("text:")
    }


def test_purpose_clause_names_the_target() -> None:
    words = target_words("Kenyan police opened fire to disperse Somali refugees on Friday.")
    assert "Somali" in words


def test_protest_phrase_names_the_target() -> None:
    words = target_words(
        "Hundreds of teachers staged a sit-in on Monday in protest against the Ghanaian "
        "government's decision to cut their pay."
    )
    assert any("Ghana" in w for w in words)


def test_place_of_a_complement_act_when_no_one_is_named() -> None:
    words = target_words("Turkey threatened to ban rallies in Istanbul.")
    assert "Istanbul" in words


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A hand-made parse: the parser's own mistakes, frozen."""
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_preposition_under_a_particle() -> None:
    # "kidnapped up to 16 advisers", parsed with "to" under the particle "up"
    doc = parsed(
        ["Rebels", "kidnapped", "up", "to", "16", "advisers"],
        [1, 1, 1, 2, 5, 3],
        ["nsubj", "ROOT", "prt", "prep", "nummod", "pobj"],
        ["NOUN", "VERB", "ADP", "ADP", "NUM", "NOUN"],
    )
    assert [p.text for p in verb_preps(doc[1])] == ["to"]
    assert [t.text for t in argument_tokens(doc[1])[1]] == ["advisers"]


def test_dangling_preposition_takes_the_noun_phrase_after_it() -> None:
    # "granted asylum to five officers holed up ...", with "officers" hung on "holed"
    doc = parsed(
        ["Peru", "granted", "asylum", "to", "five", "officers", "holed", "up"],
        [1, 1, 1, 1, 5, 6, 1, 6],
        ["nsubj", "ROOT", "dobj", "prep", "nummod", "nsubj", "advcl", "prt"],
        ["PROPN", "VERB", "NOUN", "ADP", "NUM", "NOUN", "VERB", "ADP"],
    )
    assert [t.text for t in pobjs(doc[3])] == ["officers"]
    assert "officers" in [t.text for t in argument_tokens(doc[1])[1]]


def test_whom_a_retreat_leaves_is_its_target() -> None:
    words = target_words("Ethiopia said it would withdraw its soldiers from Somalia.")
    assert "Somalia" in words


def test_an_unnamed_target_belongs_to_its_participle_clause() -> None:
    words = target_words("Kenya will send food to refugees fleeing Somalia.")
    assert "Somalia" in words


def test_a_threat_is_aimed_at_whoever_must_meet_its_condition() -> None:
    words = target_words(
        "Moscow threatened to halt the talks if Washington deploys the new missiles."
    )
    assert words & {"Washington", "United States"}


def test_a_call_for_something_is_aimed_at_whom_it_is_asked_of() -> None:
    words = target_words(
        "Thousands of Basque students marched in Bilbao on Friday, calling for "
        "independence from Spain."
    )
    assert "Spain" in words


def actor_ids(text: str) -> tuple[str, ...]:
    doc = AnnotatedArticle(Article("t", text, published=date(2020, 3, 5), language="en"))
    run_pipeline([doc], STAGES)
    assert doc.events, "no event"
    return doc.events[0].actors


def test_an_unowned_agent_acts_for_where_it_is_based() -> None:
    assert actor_ids("Security forces in Mali arrested ten journalists on Monday.") == ("gov:mali",)


def test_a_place_resolved_to_its_government_may_act() -> None:
    # spaCy labels "Ivory Coast" a location; the entities stage knows its government.
    assert actor_ids("Ivory Coast rebels rejected the French proposal on Tuesday.") == (
        "gov:cote-divoire",
    )


def test_the_place_in_a_coordinated_verb_or_a_when_or_as_clause() -> None:
    assert "Hanoi" in target_words(
        "Chile established diplomatic ties with and opened an embassy in Hanoi on Monday."
    )
    assert "Mombasa" in target_words(
        "Two gunmen killed four people on Friday when they opened fire in Mombasa."
    )
    assert "Mandalay" in target_words(
        "The junta imposed martial law on Friday as protests spread in Mandalay."
    )


def test_a_participle_shares_its_governing_acts_target() -> None:
    # "Forces fired rockets at camps, killing 50": the killing's target is the camps'.
    doc = parsed(
        ["Forces", "fired", "rockets", "at", "camps", ",", "killing", "50"],
        [1, 1, 1, 1, 3, 1, 1, 6],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "advcl", "dobj"],
        ["NOUN", "VERB", "NOUN", "ADP", "NOUN", "PUNCT", "VERB", "NUM"],
    )
    doc[6].tag_ = "VBG"
    found = [[t.text for t in phrase] for phrase in target_alternatives(doc[6])]
    assert ["rockets", "camps"] in found


def test_an_accusation_targets_the_accused_not_its_audience() -> None:
    assert target_words("Japan complained to the United Nations about Chinese naval patrols.") == {
        "Chinese"
    }
    # with no grievance named, the one complained to is all there is
    assert "United Nations" in " ".join(
        target_words("Japan complained to the United Nations on Monday.")
    )


def test_last_the_first_actor_named_after_the_trigger() -> None:
    # TABARI's convention when no phrase of the trigger names anyone.
    words = target_words("The union called off the strike after talks with the Kenyan government.")
    assert any("Kenya" in w for w in words)


def test_an_unnamed_subject_is_who_its_phrase_names() -> None:
    assert actor_ids("Hundreds of students across Nigeria boycotted classes on Monday.") == (
        "gov:nigeria",
    )


def test_a_duration_on_an_event_noun_is_not_its_actor() -> None:
    # "a 24-hour hunger strike": "24-hour" is a time, the striker is the verb's subject.
    assert actor_ids("Ali Lmrabet staged a 24-hour hunger strike in Rabat on Sunday.") == (
        "ali-lmrabet",
    )
