"""The PLOVER type the events stage gives a sentence: intent, conditions, and objects that
say what their verb did. Each sentence runs through the real stages."""

from __future__ import annotations

from tests.helpers import first_type, parsed_sentence

from storyline.annotate.event_triggers import candidates


def test_willingness_to_retreat_is_an_agreement() -> None:
    # The manual's AGREE: "indicate willingness ... to cooperate"; not a future CONCEDE.
    assert first_type("Ethiopia said it is willing to withdraw its troops from Somalia.") == "AGREE"
    assert first_type("The junta agreed to lift the curfew in the capital.") == "AGREE"


def test_a_conditional_offer_agrees_and_a_conditional_act_unless_threatens() -> None:
    assert (
        first_type("Rebel leaders said they would meet the Kenyan envoy if he guaranteed safety.")
        == "AGREE"
    )
    assert (
        first_type("Ghana said it will withdraw its peacekeepers from Mali unless a truce holds.")
        == "THREATEN"
    )


def test_an_object_that_says_what_was_done_is_not_its_own_act() -> None:
    # "aid" is what was stopped, not aid given; "reduce" is known by its object alone.
    assert first_type("Britain has stopped food aid to Eritrea.") == "SANCTION"
    assert first_type("The World Bank reduced loans to Zimbabwe last year.") == "SANCTION"


def test_each_conjunct_object_can_say_what_was_done() -> None:
    assert (
        first_type("France is providing maps and other intelligence to the Malian army.") == "AID"
    )


def test_what_someone_must_do_is_demanded_not_done() -> None:
    # The release is what is asked for: a REQUEST, not a RETREAT (nor an accusation).
    assert first_type("The Dutch minister reiterated that Iran must release the sailors.") == (
        "REQUEST"
    )
    assert first_type("The summit concluded that rich nations must provide more aid.") == (
        "REQUEST"
    )


def test_a_cooperative_verb_denied_is_a_refusal() -> None:
    assert first_type("Jordan will not accept more Syrian refugees.") == "REJECT"


def test_an_announced_protest_is_a_threat() -> None:
    assert first_type("Opposition parties will boycott the elections.") == "THREATEN"


def test_a_demand_in_the_subjunctive_is_demanded_not_done() -> None:
    # "that the president lift ...": the bare verb of a that-clause under a demand.
    assert first_type(
        "The opposition repeated its demand that the president lift the state of emergency."
    ) == ("REQUEST")


def test_a_relative_clause_describes_it_does_not_report_the_event() -> None:
    sent = parsed_sentence("The army lifted the curfew in Kano, where 30 people were killed.")
    assert [c.trigger.text for c in candidates(sent)] == ["lifted"]
    # ... unless nothing else in the sentence is an act
    sent = parsed_sentence("There has been calm since May, when rebels attacked the town.")
    assert [c.trigger.text for c in candidates(sent)] == ["attacked"]


def test_an_act_a_verb_reacts_to_is_not_the_event() -> None:
    # The appeal is what was dismissed: REJECT, not REQUEST.
    assert first_type("The rebels dismissed an appeal from the Malian president to disarm.") == (
        "REJECT"
    )
