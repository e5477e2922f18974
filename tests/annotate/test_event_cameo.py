"""The CAMEO verb dictionary in the events stage, and the rules that pick a sentence's act:
promises, infinitives, reported acts and verbs the lemmatizer gets wrong. Each sentence
runs through the real stages and the real spaCy model."""

from __future__ import annotations

from tests.helpers import first_type, parsed_sentence

from storyline.annotate.cameo_verbs import match_places, verb_object_type, verb_type
from storyline.annotate.event_triggers import cameo_pattern_type, candidates
from storyline.annotate.events import _residual_type


def test_the_cameo_dictionary_codes_verbs_as_plover_types() -> None:
    assert verb_type("ransack") == "ASSAULT"
    assert verb_type("incarcerate") == "COERCE"
    assert verb_type("say") == ""  # CAMEO 01, a public statement: no event
    assert verb_type("photosynthesize") is None
    assert verb_object_type("express", "indignation") == "ACCUSE"
    assert verb_object_type("express", "satisfaction") == "SUPPORT"


def test_a_cameo_object_pattern_says_what_a_vague_verb_did() -> None:
    found = candidates(
        parsed_sentence("The Foreign Ministry expressed indignation over the incident.")
    )
    assert [(c.trigger.text, c.types) for c in found] == [("expressed", ("ACCUSE",))]


def test_a_conflict_verb_only_cameo_knows_is_the_event() -> None:
    assert first_type("The militia ransacked the offices of the opposition party.") == "ASSAULT"
    assert first_type("Sudan incarcerated three journalists for a week.") == "COERCE"


def test_a_broad_cameo_cooperation_verb_alone_makes_no_event() -> None:
    # CAMEO codes "attend" as consulting; a ceremony attended is no act between actors.
    assert first_type("The prime minister attended a ceremony marking the anniversary.") is None


def test_a_vague_cooperative_verb_in_the_future_is_a_promise() -> None:
    assert first_type("The government will allow foreign journalists into the region.") == "AGREE"


def test_an_intended_concession_is_an_agreement() -> None:
    # CAMEO 035 "express intent to yield" is AGREE in CAMEO2PLOVER.
    assert first_type("The junta will lift the curfew next week.") == "AGREE"


def test_an_infinitive_parsed_as_an_adverbial_clause_is_still_intended() -> None:
    sentence = "Ethnic Serbs have sworn to fight until they regain control of the valley."
    fight = next(t for t in parsed_sentence(sentence) if t.text == "fight")
    assert fight.dep_ == "advcl"  # the parse this rule is for
    assert first_type(sentence) == "THREATEN"


def test_a_past_form_the_lemmatizer_got_wrong_takes_its_regular_stem() -> None:
    sent = parsed_sentence("Thousands of farmers staged demonstrations in the capital.")
    staged = next(t for t in sent if t.text == "staged")
    assert staged.lemma_ == "stag"  # the model's lemma this rule repairs
    found = {c.trigger.text: c.types for c in candidates(sent)}
    assert found.get("staged") == ("PROTEST",)


def test_an_act_reported_by_a_verb_of_saying_weighs_as_the_main_verb() -> None:
    sent = parsed_sentence("Police officials said striking miners rioted in the town of Potosi.")
    weights = {c.trigger.text: c.weight for c in candidates(sent)}
    assert weights["rioted"] == 1.0


def test_an_act_no_trigger_names_takes_the_type_its_vague_verb_lists() -> None:
    sent = parsed_sentence("Norway accepted a plan for settling the fishing dispute.")
    accepted = next(t for t in sent if t.text == "accepted")
    assert _residual_type(accepted, 1) == "AGREE"  # not the quad's broadest, SUPPORT
    assert _residual_type(accepted, 4) == "COERCE"  # no listed type fits: the broadest


def test_accepting_demands_is_a_concession() -> None:
    # The manual's CONCEDE: "accede to requests or demands" (CAMEO 083), not a demand.
    assert first_type("The junta accepted the demands of the striking miners.") == "CONCEDE"


def test_a_longer_cameo_pattern_says_what_a_verb_did() -> None:
    # "- * HUNGER STRIKE" and "- * ULTIMATUM" under verbs CAMEO codes otherwise.
    sent = parsed_sentence("Up to 1,000 prisoners began a hunger strike on Monday.")
    found = {c.trigger.text: c.types for c in candidates(sent)}
    assert found.get("began") == ("PROTEST",)
    issued = next(t for t in parsed_sentence("Peru has issued an ultimatum.") if t.text == "issued")
    assert cameo_pattern_type(issued, "issue") == "THREATEN"


def test_a_pattern_of_a_saying_verb_does_not_reach_the_clause_it_reports() -> None:
    sent = parsed_sentence("Japan said it had halted economic aid to Serbia.")
    said = next(t for t in sent if t.text == "said")
    assert cameo_pattern_type(said, "say") is None
    assert first_type("Japan said it had halted economic aid to Serbia.") == "SANCTION"


def test_a_pattern_that_repeats_the_verbs_own_code_makes_no_trigger() -> None:
    arrived = next(t for t in parsed_sentence("Troops arrived in Bosnia.") if t.text == "arrived")
    assert verb_type("arrive") == "CONSULT"
    assert cameo_pattern_type(arrived, "arrive") is None


def test_pattern_words_match_stems_and_skip_words_between() -> None:
    place = ((("negotiat",),),)
    assert match_places(place, ["held", "negotiations"])
    assert not match_places(((("to_",),),), ["today"])
    assert match_places(((("to",),), (("accept",),)), ["to", "formally", "accept"])
    assert not match_places(((("accept",),), (("to",),)), ["to", "accept"])


def test_a_pattern_synset_stands_for_each_of_its_words() -> None:
    # "- * &STRONGHOLD [0874]" under ABANDON: any word of the synset (here "bastion").
    sent = parsed_sentence("The rebels abandoned their last bastion in the north.")
    assert [(c.trigger.text, c.types) for c in candidates(sent)] == [("abandoned", ("RETREAT",))]
    assert verb_type("abandon") == "CONCEDE"  # the verb's own code says otherwise
