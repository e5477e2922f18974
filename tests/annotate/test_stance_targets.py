"""Open stances: cues, targets, holders and polarity on texts written for these tests, with
no issue file, through the real pipeline."""

from __future__ import annotations

from datetime import date

from storyline.annotate.stance_naming import gerund
from storyline.model import AnnotatedArticle, Article
from storyline.workflow import annotate_docs


def stances_of(text: str) -> set[tuple[str, str, str]]:
    article = Article(id="t", text=text, language="en", published=date(2030, 3, 1))
    [doc] = annotate_docs([article])
    return {(s.holder, s.issue, s.position) for s in doc.stances if s.target is not None}


def annotated(text: str) -> AnnotatedArticle:
    article = Article(id="t", text=text, language="en", published=date(2030, 3, 1))
    [doc] = annotate_docs([article])
    return doc


def test_call_for_and_opposition_to() -> None:
    found = stances_of(
        "France called for a no-fly zone over Velmora on Monday.\n"
        "Germany voiced opposition to a no-fly zone over Velmora."
    )
    assert ("gov:france", "a no-fly zone over Velmora", "support") in found
    assert ("gov:germany", "a no-fly zone over Velmora", "oppose") in found


def test_urged_to_step_down_names_the_act_and_who_does_it() -> None:
    found = stances_of(
        "President Tomas Berg of Velmora faced protests for a third week.\n"
        "The United States urged Tomas Berg to step down."
    )
    assert any(
        h == "gov:united-states" and "Berg stepping down" in issue and pos == "support"
        for h, issue, pos in found
    ), found


def test_refused_to_step_down_is_the_holders_own_act_opposed() -> None:
    found = stances_of("President Tomas Berg refused to step down on Friday.")
    assert any("Berg stepping down" in issue and pos == "oppose" for _, issue, pos in found), found


def test_negation_and_refusal_turn_the_position() -> None:
    found = stances_of("Germany did not support the arms embargo on Velmora.")
    assert any(h == "gov:germany" and "arms embargo" in i and p == "oppose" for h, i, p in found)
    found = stances_of("France refused to back the arms embargo on Velmora.")
    assert any(h == "gov:france" and "arms embargo" in i and p == "oppose" for h, i, p in found)


def test_conditions_and_predictions_give_no_plain_stance() -> None:
    found = stances_of("Analysts suspect that Germany would support an arms embargo on Velmora.")
    assert not any(h == "gov:germany" for h, _, _ in found)


def test_generic_objects_and_reader_comments_give_nothing() -> None:
    assert not stances_of("France rejected the idea on Monday.")
    doc = annotated(
        "France welcomed the ceasefire in Velmora.\n"
        "i think france should support the rebels lol\n"
        "@Greta you are wrong, germany will support them\n"
        "WHY DOES NOBODY SUPPORT THE REBELS\n"
        "Comments are not pre-screened before they post.\n"
    )
    assert {s.issue for s in doc.stances} == {"ceasefire in Velmora"}


def test_target_span_is_verbatim_and_inside_the_evidence() -> None:
    doc = annotated("The Arab League called for an immediate ceasefire in Velmora.")
    [stance] = [s for s in doc.stances if s.target is not None]
    assert stance.target is not None
    assert stance.target.text(doc.text) == "an immediate ceasefire in Velmora"
    assert stance.evidence.contains(stance.target)


def test_gerund() -> None:
    assert [gerund_of(w) for w in ("step", "leave", "resign", "die", "see")] == [
        "stepping",
        "leaving",
        "resigning",
        "dying",
        "seeing",
    ]
    assert [gerund_of(w) for w in ("begin", "commit", "open", "visit")] == [
        "beginning",
        "committing",
        "opening",
        "visiting",
    ]


def gerund_of(word: str) -> str:
    import spacy

    nlp = spacy.blank("en")
    token = nlp(word)[0]
    token.lemma_ = word
    return gerund(token)


def test_what_someone_says_should_happen_is_their_stance() -> None:
    found = stances_of(
        "Senator Ada Rosen said President Tomas Berg must step aside immediately.\n"
        "“We must not abandon the ceasefire,” Foreign Minister Lena Hartmann said.\n"
        "Should the army withdraw from the capital?"
    )
    assert any(
        h == "ada-rosen" and i.endswith("Berg stepping aside") and p == "support"
        for h, i, p in found
    ), found
    assert any(
        h == "lena-hartmann" and "abandoning the ceasefire" in i and p == "oppose"
        for h, i, p in found
    ), found
    assert not any("withdraw" in i for _, i, _ in found)


def test_a_modal_keeps_the_subject_from_holding_the_cue() -> None:
    found = stances_of("Analyst Ada Rosen said France should call for a ceasefire in Velmora.")
    assert not any(h == "gov:france" for h, _, _ in found), found
    assert any(h == "ada-rosen" and "France calling for" in i for h, i, _ in found), found


def test_a_protest_called_for_is_the_target() -> None:
    found = stances_of("The Muslim Brotherhood has called for protests after Friday prayers.")
    assert any(i == "protests" and p == "support" for _, i, p in found), found


def test_a_prescription_sees_through_being_ready_to_act() -> None:
    found = stances_of(
        "Ada Rosen told reporters that the United States needs to be ready to let go of Tomas Berg."
    )
    assert any(
        h == "ada-rosen" and "United States letting go of Tomas Berg" in i for h, i, _ in found
    ), found


def test_conjoined_verbs_share_the_prescription() -> None:
    found = stances_of(
        "Ada Rosen said Velmora's government should engage in “meaningful negotiations” and "
        "hold “free and fair elections” in September."
    )
    assert any(
        h == "ada-rosen" and "holding free and fair elections in September" in i
        for h, i, _ in found
    ), found


def test_a_participle_with_its_agent_names_the_agents_target() -> None:
    found = stances_of(
        "The transition called for by the United States means change, Ada Rosen told reporters."
    )
    assert ("gov:united-states", "transition", "support") in found, found


def test_the_need_for_is_a_cue_voiced_by_its_verb() -> None:
    found = stances_of("Ada Rosen stressed the need for a concrete reform agenda.")
    assert ("ada-rosen", "a concrete reform agenda", "support") in found, found


def test_a_prescription_reported_by_a_verb_of_saying_is_its_subjects() -> None:
    found = stances_of(
        "Instead of subtle language, the United States should call for a government of "
        "national unity, Ada Rosen told CNN on Monday."
    )
    assert any(
        h == "ada-rosen" and i == "United States calling for a government of national unity"
        for h, i, _ in found
    ), found


def test_he_in_someones_own_words_is_someone_else() -> None:
    found = stances_of(
        "Tomas Berg met the envoy on Sunday.\n"
        "“He called for a concrete reform agenda,” according to the White House."
    )
    assert not any(h == "gov:united-states" for h, _, _ in found), found


def test_an_inner_to_clause_keeps_its_to() -> None:
    found = stances_of("Ada Rosen urged Velmora to allow prosecutors to conduct visits.")
    assert any(i == "Velmora allowing prosecutors to conduct visits" for _, i, _ in found), found


def test_a_country_beside_senators_or_protesters_is_not_their_government() -> None:
    found = stances_of(
        "Velmora Oil faces a bill of $34bn.\n"
        "British officials urged Velmora Oil to pay all legitimate claims.\n"
        "US senators urged Velmora Oil to deposit $20bn into a ring-fenced account."
    )
    holders = {h for h, issue, _ in found if "deposit" in issue}
    assert "gov:united-states" not in holders
    # Officials do speak for their government.
    assert any(h == "gov:united-kingdom" and "claims" in issue for h, issue, _ in found)
    # The senators hold it as the group the text names.
    assert "text:US senators" in holders


def test_a_party_named_in_the_plural_holds_its_stance() -> None:
    found = stances_of(
        "Democrats on Wednesday pressed for new drilling legislation in Velmora.\n"
        "Egyptians in Prague called for a new constitution."
    )
    assert ("org:democrats", "new drilling legislation in Velmora", "support") in found
    # A people is not its government, nor a group the text names.
    assert not any("constitution" in issue for _, issue, _ in found)


def test_willing_to_and_a_commitment_to_are_the_holders_own_acts() -> None:
    found = stances_of(
        "Apex Energy Inc. is willing to cut its next dividend.\n"
        "Apex Energy reiterated its commitment to paying all legitimate claims.\n"
        "Apex Energy is reluctant to suspend drilling in the gulf."
    )
    assert any("cutting its next dividend" in i and p == "support" for _, i, p in found)
    assert any("paying all legitimate claims" in i and p == "support" for _, i, p in found)
    assert any("suspending drilling" in i and p == "oppose" for _, i, p in found)
    assert all(h.startswith("org:apex-energy") for h, _, _ in found)


def test_a_speakers_first_person_will_is_their_commitment() -> None:
    found = stances_of(
        "Energy Secretary Tomas Berg spoke to lawmakers on Monday.\n"
        '"I will review the safety regime for drilling in the North Sea," Berg said.\n'
        '"We will not allow Velmora Oil to walk away from its obligations," he added.'
    )
    assert any(h == "tomas-berg" and "safety regime" in i and p == "support" for h, i, p in found)
    assert any(h == "tomas-berg" and "walk away" in i and p == "oppose" for h, i, p in found)


def test_whoever_introduces_or_passes_a_bill_backs_it() -> None:
    found = stances_of(
        "Representative Henry Waxman introduced new spill legislation on Wednesday.\n"
        "The House Energy Committee passed a bill limiting offshore drilling.\n"
        "The committee did not pass the budget."
    )
    assert any(h == "henry-waxman" and "legislation" in i and p == "support" for h, i, p in found)
    assert any(h == "org:house-energy-committee" and p == "support" for h, i, p in found)
    assert not any("budget" in i for _, i, _ in found)


def test_a_description_with_names_in_apposition_is_those_people() -> None:
    found = stances_of(
        "The co-chairs of the spill commission, Bill Reilly and Bob Graham, made their case "
        "for new drilling legislation."
    )
    assert any(h == "bill-reilly" and "legislation" in i and p == "support" for h, i, p in found)


def test_people_acting_together_hold_stances_as_the_group_named() -> None:
    found = stances_of(
        "Thousands of protesters marched in Velmora on Friday.\n"
        "Protesters demanded the resignation of President Tomas Berg.\n"
        "The police said they want higher pay and shorter hours."
    )
    assert ("text:protesters", "resignation of President Tomas Berg", "support") in found
    # "they" reported by the police is the police.
    assert ("text:police", "higher pay", "support") in found
    # A bare "officials" could be anyone's: no holder.
    assert not stances_of("Officials demanded the resignation of President Tomas Berg.")


def test_a_spokesperson_speaks_for_the_body_named_before_and_a_statement_for_its_issuer() -> None:
    found = stances_of(
        "The Velmora Petroleum Institute has not taken a position on the tax, though a "
        "spokeswoman said Congress should study the ramifications before acting.\n"
        "The Velmora Energy Council issued a statement on Monday supporting the drilling bill."
    )
    assert any(
        h == "org:velmora-petroleum-institute" and "studying the ramifications" in i
        for h, i, _ in found
    )
    assert any(h == "org:velmora-energy-council" and "bill" in i for h, i, _ in found)


def test_a_possibility_is_no_stance() -> None:
    assert not stances_of("The army might encourage extremist groups in Velmora.")


def test_pressing_or_asking_someone_to_act_backs_the_act() -> None:
    found = stances_of(
        "The United States pressured all sides in Velmora to compromise on the constitution.\n"
        "France asked Tomas Berg to release the prisoners."
    )
    assert any(h == "gov:united-states" and "compromising" in i for h, i, _ in found)
    assert any(h == "gov:france" and "releasing the prisoners" in i for h, i, _ in found)


def test_a_voiced_judgement_is_a_stance_on_what_it_judges() -> None:
    found = stances_of(
        "Energy Secretary Tomas Berg spoke to lawmakers on Monday.\n"
        '"Finger pointing at Velmora Oil in particular is not helpful," Berg said.\n'
        "Berg said global deep water production was important.\n"
        '"I do not believe that it would be appropriate to stop the drilling west of '
        'Shetland," Berg said.'
    )
    assert ("tomas-berg", "Finger pointing at Velmora Oil", "oppose") in found or any(
        h == "tomas-berg" and "pointing" in i and p == "oppose" for h, i, p in found
    )
    assert ("tomas-berg", "global deep water production", "support") in found
    # The negated "believe" denies the judgement; nobody in particular stops the drilling.
    assert ("tomas-berg", "stopping the drilling west of Shetland", "oppose") in found
    # A judgement of a person is no issue.
    assert not stances_of('"Berg is wrong," said Anna Lind, the opposition leader.')


def test_what_someone_says_there_should_be_is_their_stance() -> None:
    found = stances_of(
        "Opposition leader Anna Lind said there should be a clear and co-ordinated response "
        "from the two governments.\n"
        '"There must be no more delay," Lind said.'
    )
    assert any(
        h == "anna-lind" and "co-ordinated response" in i and p == "support" for h, i, p in found
    )
    assert ("anna-lind", "more delay", "oppose") in found


def test_a_vague_word_alone_names_no_issue() -> None:
    found = stances_of(
        "The Velmora Brotherhood called for an end.\n"
        "The United Nations called for an end to the violence in Velmora.\n"
        "France supported the people."
    )
    assert {i for _, i, _ in found} == {"end to the violence in Velmora"}


def test_a_proposal_or_a_statement_is_its_possessors_position() -> None:
    found = stances_of(
        "President Tomas Berg presented his budget on Tuesday.\n"
        "His proposals to reduce Medicare costs are certain to produce howls.\n"
        "Mr. Berg's statement that the country should begin a conversation about pensions "
        "was anemic.\n"
        "Mr. Berg proposes to pay for the tax credits with a carbon tax."
    )
    assert ("tomas-berg", "Tomas Berg reducing Medicare costs", "support") in found
    assert any(h == "tomas-berg" and "beginning a conversation" in i for h, i, _ in found)
    assert any(h == "tomas-berg" and "paying for the tax credits" in i for h, i, _ in found)


def test_a_named_aim_and_a_group_of_professionals() -> None:
    found = stances_of(
        "Admiral Thad Allen said the next step is to replace that cap with a tighter one.\n"
        "Lawyers said they want more certainty in their legal budgets."
    )
    assert ("thad-allen", "replacing that cap with a tighter one", "support") in found
    assert ("text:lawyers", "more certainty", "support") in found


def test_a_body_no_entity_names_holds_its_stance_under_its_words() -> None:
    found = stances_of(
        "The spill commission called for a complete overhaul of drilling regulations.\n"
        "The committee called for calm."
    )
    assert ("text:spill commission", "a complete overhaul of drilling regulations", "support") in (
        found
    )
    assert not any("calm" in i for _, i, _ in found)
