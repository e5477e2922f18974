"""Where an open stance cue states no position of its holder, and whose position it is:
texts written for these tests, through the real pipeline (``annotate/stance_scope.py``,
holders in ``stance_targets.py`` and ``stance_rules.py``)."""

from __future__ import annotations

from datetime import date

from storyline.model import Article
from storyline.workflow import annotate_docs


def stances_of(text: str) -> set[tuple[str, str, str]]:
    article = Article(id="t", text=text, language="en", published=date(2030, 3, 1))
    [doc] = annotate_docs([article])
    return {(s.holder, s.issue, s.position) for s in doc.stances if s.target is not None}


def holders(found: set[tuple[str, str, str]]) -> set[str]:
    return {h for h, _, _ in found}


# --- scope: what the holder does not assert -------------------------------------------------


def test_a_cue_under_someone_elses_prescription_is_not_its_subjects_stance() -> None:
    found = stances_of("Ada Rosen said voters need to see that France supports the treaty.")
    assert "gov:france" not in holders(found), found


def test_the_one_asked_to_support_holds_nothing_the_one_asking_does() -> None:
    found = stances_of("Germany urged France to support the arms embargo.")
    assert "gov:france" not in holders(found), found
    assert any(
        h == "gov:germany" and "France supporting the arms embargo" in i and p == "support"
        for h, i, p in found
    ), found


def test_the_content_of_a_noun_asserts_nothing() -> None:
    found = stances_of(
        "Tomas Berg has given no indication that he will bow to demands for his resignation."
    )
    assert "tomas-berg" not in holders(found), found
    found = stances_of("It is not the place of France to support or oppose the treaty.")
    assert "gov:france" not in holders(found), found


def test_a_for_to_clause_is_wanted_not_done() -> None:
    found = stances_of("This week calls increased for France to push for a ceasefire.")
    assert "gov:france" not in holders(found), found


def test_an_embedded_question_asserts_nothing() -> None:
    found = stances_of("Protesters questioned why France was not condemning Tomas Berg.")
    assert "gov:france" not in holders(found), found


def test_not_condemning_is_no_position() -> None:
    assert not stances_of("France did not condemn the air strikes.")


def test_until_is_a_time_unless_negated() -> None:
    found = stances_of("Ada Rosen said Tomas Berg should step aside until new elections are held.")
    assert any(h == "ada-rosen" and "stepping aside" in i and p == "support" for h, i, p in found)


# --- targets ---------------------------------------------------------------------------------


def test_conjoined_targets_each_give_a_stance() -> None:
    found = stances_of("France pledged support for the rebels and the aspirations of students.")
    issues = {i for h, i, p in found if h == "gov:france" and p == "support"}
    assert any("rebels" in i for i in issues), found
    assert any("aspirations of students" in i for i in issues), found


def test_for_example_is_no_target() -> None:
    found = stances_of("France, for example, called for a ceasefire.")
    assert not any("example" in i for _, i, _ in found), found
    assert ("gov:france", "a ceasefire", "support") in found, found


def test_the_named_object_of_urge_is_whom_it_addresses() -> None:
    found = stances_of(
        "The United States has urged Tomas Berg for years to implement democratic reforms."
    )
    assert not any(i.strip() == "Tomas Berg" for _, i, _ in found), found
    assert any(
        h == "gov:united-states" and "Berg implementing democratic reforms" in i
        for h, i, _ in found
    ), found


def test_a_particle_makes_another_verb() -> None:
    found = stances_of("Reports say the United States wants Tomas Berg out immediately.")
    assert not any(i == "Tomas Berg" for _, i, _ in found), found


def test_what_people_need_to_see_is_no_act() -> None:
    found = stances_of("“People need to see that you keep your word,” Tomas Berg said.")
    assert not any("seeing" in i for _, i, _ in found), found


def test_what_a_third_party_recognizes_is_not_the_speakers_prescription() -> None:
    found = stances_of(
        "Ada Rosen said Tomas Berg “recognizes that the status quo is not sustainable and a "
        "change must take place.”"
    )
    assert "ada-rosen" not in holders(found), found


# --- holders ---------------------------------------------------------------------------------


def test_a_noun_cue_belongs_to_whoever_voices_it() -> None:
    found = stances_of("Germany rejected calls for a ceasefire.")
    assert ("gov:germany", "a ceasefire", "oppose") in found, found
    found = stances_of("The Chamber opposed Tomas Berg's push for tax reform.")
    assert any(h == "tomas-berg" and "tax reform" in i and p == "support" for h, i, p in found)


def test_it_is_important_to_is_whoever_says_so() -> None:
    found = stances_of(
        "“I think it's important to support the transition process,” Ada Rosen said."
    )
    assert any(h == "ada-rosen" and "transition" in i for h, i, _ in found), found


def test_a_pronoun_reporting_a_statement_is_the_reporter() -> None:
    found = stances_of(
        "France hosted the talks. The main opposition group says it opposes the treaty."
    )
    assert "gov:france" not in holders(found), found


def test_their_is_the_subject_of_its_clause() -> None:
    found = stances_of(
        "France hosted the talks.\nCoptic Christians gathered to show their support for the "
        "protesters."
    )
    assert "gov:france" not in holders(found), found


def test_they_is_not_a_government() -> None:
    found = stances_of("France hosted the talks. They are calling for a ceasefire.")
    assert "gov:france" not in holders(found), found


def test_a_people_is_not_its_government() -> None:
    found = stances_of("Egyptians in Prague called for the resignation of Tomas Berg.")
    assert "gov:egypt" not in holders(found), found


def test_a_verb_misread_as_a_participle_keeps_its_subject() -> None:
    found = stances_of(
        "One of the Senate's most influential voices, Democrat John Kerry of Massachusetts, "
        "called Tuesday for Tomas Berg to step down."
    )
    assert any(h == "john-kerry" and "stepping down" in i for h, i, _ in found), found


def test_a_post_speaks_for_nobody() -> None:
    found = stances_of(
        "Activists used Twitter and Facebook to organize. One Twitter entry, for example, "
        "called for a march at 3 p.m. Thursday in Giza."
    )
    assert not any("twitter" in h for h in holders(found)), found


def test_a_passive_verb_of_saying_or_asking_hedges_its_clause() -> None:
    found = stances_of("It has been suggested BP lobbied for the release of the prisoner.")
    assert not found, found
    found = stances_of("France was urged to support the treaty.")
    assert "gov:france" not in holders(found), found


def test_an_inverted_should_is_a_condition_not_a_prescription() -> None:
    found = stances_of(
        "Ada Rosen said that should the evacuation go ahead the work could stop for two weeks."
    )
    assert not any("evacuation" in i for _, i, _ in found), found


def test_only_the_first_phrase_of_the_cues_preposition_is_its_target() -> None:
    found = stances_of(
        "France is calling for environmental reviews of all new drilling, ending the "
        "exemptions, for the time being at least."
    )
    assert not any("time being" in i for _, i, _ in found), found
    assert any("environmental reviews" in i for _, i, _ in found), found


def test_stopping_a_support_is_against_it() -> None:
    found = stances_of("France stopped supporting the rebels in March.")
    assert any(h == "gov:france" and "rebels" in i and p == "oppose" for h, i, p in found)


def test_a_name_spoken_to_holds_nothing() -> None:
    found = stances_of("Protesters carried signs that said “U.S., stop backing Tomas Berg.”")
    assert "gov:united-states" not in holders(found), found
    found = stances_of(
        "And in the second round, Don, the two main opposition parties boycotted the vote."
    )
    assert not any("don" in h for h in holders(found)), found


def test_a_quantity_or_an_idiom_is_no_target() -> None:
    found = stances_of(
        "“The key differences have to do with the makeup of these societies,” Ada Rosen said."
    )
    assert not found, found


def test_a_subject_pronoun_continues_the_last_sentences_subject() -> None:
    found = stances_of(
        "The lawsuit was filed in Mississippi on behalf of the European Union.\n"
        "It seeks damages for all businesses that sell seafood."
    )
    assert not any(h.startswith("org:") for h in holders(found)), found
    found = stances_of(
        "CROWLEY: Yet, Tomas Berg has been a reliable ally for France.\n"
        "He opposed Velmora's nuclear program."
    )
    assert "tomas-berg" in holders(found), found
    assert not any("crowley" in h for h in holders(found)), found


def test_wanting_someone_to_know_is_no_act() -> None:
    found = stances_of("“I want all Americans to know that I will fight,” Tomas Berg said.")
    assert not any("knowing" in i for _, i, _ in found), found


def test_their_bound_to_a_people_is_not_its_government() -> None:
    found = stances_of(
        "Egyptians and activists took to the streets to show their support for the protests."
    )
    assert "gov:egypt" not in holders(found), found


def test_the_authorities_urged_are_addressed_not_supported() -> None:
    found = stances_of(
        "U.N. Secretary-General Ban Ki-moon spoke on Friday. “I have been urging the "
        "authorities, first of all, that freedom of expression, freedom of association should "
        "be fully respected, and they should also protect the human rights of those people,” "
        "Ban said."
    )
    assert not any(i == "authorities" for _, i, _ in found), found


def test_would_have_to_is_a_supposition() -> None:
    found = stances_of(
        "Apache would have to shut down all production in Velmora for three months before "
        "seeing any impact, says Ada Rosen."
    )
    assert not any("shutting down" in i for _, i, _ in found), found


# --- holders and acts the parser hides ------------------------------------------------------


def test_a_that_clause_hung_on_an_earlier_verb_is_still_its_speakers() -> None:
    found = stances_of(
        "Protests swept the region, most notably in Chile, where President Ana Ortiz left office"
        " after four years, and in Peru, where Luis Vega has announced, amid unrest, that he"
        " will not seek re-election."
    )
    assert ("luis-vega", "re-election", "oppose") in found, found
    assert "ana-ortiz" not in holders(found), found


def test_a_speakers_own_commitment_is_their_position() -> None:
    found = stances_of("Ana Ortiz said she would raise the minimum wage.")
    assert ("ana-ortiz", "Ana Ortiz raising the minimum wage", "support") in found, found
    found = stances_of("Ana Ortiz said she had heard the demands and would raise the minimum wage.")
    assert ("ana-ortiz", "Ana Ortiz raising the minimum wage", "support") in found, found


def test_a_prediction_a_counterfactual_or_a_bare_act_commits_nobody() -> None:
    assert stances_of("Ana Ortiz said the talks would resume in May.") == set()
    assert stances_of("Ana Ortiz said she would have raised taxes.") == set()
    assert stances_of("Ana Ortiz said she would go.") == set()


def test_wanting_an_act_is_a_position_on_it_a_private_wish_is_not() -> None:
    found = stances_of("Ada Rosen said she wants to hold talks with France.")
    assert ("ada-rosen", "Ada Rosen holding talks with France", "support") in found, found
    assert stances_of("Ada Rosen said she wants to leave.") == set()


def test_the_antecedent_may_be_the_subject_of_a_reported_clause() -> None:
    found = stances_of(
        "Vice President Ana Ortiz spoke with Luis Vega by phone and asked about the talks, the"
        ' ministry said. "She stressed the need for a new constitution," according to the ministry.'
    )
    assert ("ana-ortiz", "a new constitution", "support") in found, found


def test_a_coordination_misparse_leaves_the_subject_before_the_auxiliary() -> None:
    found = stances_of(
        "Prices are rising across the region and Chile is calling for a freeze on fuel taxes."
    )
    assert ("gov:chile", "a freeze on fuel taxes", "support") in found, found


def test_both_is_no_part_of_one_conjunct() -> None:
    found = stances_of(
        "In a brief statement, Luis Vega pledged continuing Chilean support for both a longtime"
        " ally and the aspirations of protesting farmers."
    )
    assert ("luis-vega", "a longtime ally", "support") in found, found


def test_a_noun_joined_past_a_clause_is_no_target() -> None:
    found = stances_of(
        "Luis Vega spoke with Ana Ortiz by phone on Saturday. He stressed the need for a concrete"
        " reform agenda, a clear timeline, and immediate steps that demonstrate to the public and"
        " the opposition that the Chilean government is committed to reform."
    )
    assert ("luis-vega", "a clear timeline", "support") in found, found
    assert not {s for s in found if s[1] == "opposition"}, found


def test_this_administration_in_a_quote_is_the_speakers() -> None:
    found = stances_of(
        'White House spokesman Luis Vega expressed concern. "The president and this'
        ' administration strongly condemn the violence against the marchers," Vega said.'
    )
    assert ("luis-vega", "violence against the marchers", "oppose") in found, found
    assert stances_of('"Their government will never back the new tax," said Luis Vega.') == set()
