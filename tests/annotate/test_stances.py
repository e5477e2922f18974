"""The stances stage on the Korea seeds and on hostile input, with the real spaCy model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.helpers import seed_articles, seed_options

from storyline.annotate.issues import (
    CatalogueError,
    load_catalogue,
    parse_catalogue,
    with_issues,
)
from storyline.annotate.nlp import spacy_doc
from storyline.annotate.pipeline import run_pipeline
from storyline.annotate.stances import find_stances
from storyline.model import AnnotatedArticle, Article, Stance
from storyline.workflow import annotate_docs

TALKS = "US–North Korea talks without preconditions"
INTER_KOREAN = "inter-Korean dialogue"
WEAPONS = "North Korea giving up its nuclear weapons"
MEDIATOR = "China as mediator"


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, AnnotatedArticle]:
    return {d.article.id: d for d in annotate_docs(seed_articles(seeds_dir), None, seed_options())}


def stance_with(doc: AnnotatedArticle, issue: str, words: str, holder: str) -> Stance:
    found = [
        s
        for s in doc.stances
        if s.issue == issue and s.holder == holder and words in s.evidence.text(doc.text)
    ]
    assert found, f"no {holder} stance on {issue!r} in a sentence with {words!r}: " + "; ".join(
        f"{s.holder} {s.issue} {s.position} {s.date}" for s in doc.stances
    )
    return found[0]


def test_every_seed_has_stances_with_valid_spans(seeds: dict[str, AnnotatedArticle]) -> None:
    for doc in seeds.values():
        assert "stances" in doc.provided
        assert doc.stances
        for s in doc.stances:
            assert 0 <= s.evidence.start < s.evidence.end <= len(doc.text)
            assert s.position in {"support", "oppose", "conditional", "neutral"}
            assert s.date is None or s.date[:4].isdigit()


def test_white_house_rejection_for_months_is_dated_2017(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    doc = seeds["000"]
    s = stance_with(doc, TALKS, "For months, the White House", "gov:united-states")
    assert (s.position, s.date) == ("oppose", "2017")
    assert s.condition is not None
    assert s.condition.text(doc.text).startswith("unless it took measurable steps")


def test_us_open_to_preliminary_talks_in_february_2018(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    s = stance_with(seeds["000"], TALKS, "preliminary talks", "gov:united-states")
    assert (s.position, s.date) == ("support", "2018-02-13")


def test_trump_open_without_preconditions_dated_by_thursday(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    s = stance_with(seeds["001"], TALKS, "stated on Thursday", "donald-trump")
    assert (s.position, s.date) == ("support", "2026-02-26")


def test_kim_conditions_talks_on_hostile_policy(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["001"]
    s = stance_with(doc, TALKS, "expressed willingness to talk", "kim-jong-un")
    # A precondition is opposition to talks *without* preconditions; the condition is kept.
    assert s.position == "oppose"
    assert s.condition is not None
    assert "hostile" in s.condition.text(doc.text)


def test_north_korea_will_not_bargain_away_its_weapons(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    s = stance_with(seeds["000"], WEAPONS, "bargain away", "gov:north-korea")
    assert (s.position, s.date) == ("oppose", "2018-02-13")
    later = stance_with(seeds["001"], WEAPONS, "stance against denuclearization", "gov:north-korea")
    assert later.position == "oppose"


def test_kim_dismissal_gives_two_holders_opposite_positions(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    doc = seeds["001"]
    assert stance_with(doc, INTER_KOREAN, "Kim also dismissed", "kim-jong-un").position == "oppose"
    seoul = stance_with(doc, INTER_KOREAN, "Kim also dismissed", "gov:south-korea")
    assert seoul.position == "support"


def test_lee_seeks_talks_even_setting_denuclearization_aside(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    s = stance_with(seeds["002"], INTER_KOREAN, "negotiating table", "lee-jae-myung")
    # "even if" is a concession, not a condition.
    assert (s.position, s.condition) == ("support", None)
    assert s.date == "2026-01-16"


def test_china_not_ready_takes_the_mediation_issue_from_context(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    s = stance_with(seeds["002"], MEDIATOR, "not ready yet", "gov:china")
    assert (s.position, s.date) == ("oppose", "2026-01-16")


def test_speculation_and_conditions_give_no_stance(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["000"]
    for words in ("Agreeing to talks before", "Analysts predicted"):
        assert not [s for s in doc.stances if words in s.evidence.text(doc.text)]


def test_people_are_mapped_to_their_government(seeds: dict[str, AnnotatedArticle]) -> None:
    governments = seeds["001"].stance_governments
    assert isinstance(governments, dict)
    assert governments["donald-trump"] == "gov:united-states"
    assert governments["kim-jong-un"] == "gov:north-korea"


# --- hostile input ---------------------------------------------------------------------------


def annotate(text: str, language: str = "en") -> AnnotatedArticle:
    article = Article(id="t", text=text, language=language, published=date(2026, 1, 1))
    [doc] = annotate_docs([article], None, seed_options())
    return doc


def test_non_english_is_skipped_with_a_reason() -> None:
    doc = annotate("Nordkorea lehnt Gespräche mit Südkorea ab.", language="de")
    assert doc.stances == []
    assert "English-only" in doc.skipped["stances"]


def test_all_caps_is_skipped_with_a_reason() -> None:
    doc = annotate("NORTH KOREA REJECTED DIALOGUE WITH SOUTH KOREA ON MONDAY.")
    assert doc.stances == []
    assert "capitals" in doc.skipped["stances"]


def test_five_thousand_word_sentence_does_not_raise() -> None:
    words = " ".join(["North Korea rejected talks with the United States"] * 700)
    doc = annotate(words)
    assert "stances" in doc.provided
    for s in doc.stances:
        assert s.evidence.end <= len(doc.text)


@pytest.mark.parametrize("text", ["", "   \n\n ", "talks talks talks", "?!—“”"])
def test_degenerate_text_gives_no_stances(text: str) -> None:
    assert annotate(text).stances == []


def test_seed_issue_file_has_the_storyline_issues() -> None:
    labels = {issue.label for issue in load_catalogue(seed_options().issues_file)}
    assert {TALKS, INTER_KOREAN, WEAPONS, MEDIATOR, "sanctions relief"} <= labels


def test_no_issue_file_means_no_named_issues() -> None:
    assert load_catalogue() == ()


@pytest.mark.parametrize("text", ["{", "[]", '{"issues": [{"label": "x"}]}'])
def test_bad_catalogue_says_what_is_wrong(text: str) -> None:
    with pytest.raises(CatalogueError):
        parse_catalogue(text, "mine.json")


def test_without_the_entities_stage_spacy_names_stand_in() -> None:
    doc = AnnotatedArticle(
        Article(
            id="t",
            text="Pyongyang rejected dialogue with Seoul on Monday, state media said.",
            language="en",
            published=date(2026, 3, 4),
        )
    )
    run_pipeline([doc], ["sentences", "stances"], seed_options())
    positions = {(s.holder, s.issue, s.position) for s in doc.stances}
    assert ("gov:north-korea", INTER_KOREAN, "oppose") in positions


def test_named_issues_keep_their_stances_beside_open_ones(
    seeds: dict[str, AnnotatedArticle],
) -> None:
    doc = seeds["002"]
    parsed = spacy_doc(doc)
    assert parsed is not None
    alone = find_stances(doc, parsed, ())
    assert all(s.target is not None for s in alone)
    named = {(s.holder, s.issue, s.position) for s in doc.stances if s.target is None}
    assert named
    extended = find_stances(doc, parsed, with_issues(load_catalogue(seed_options().issues_file)))
    assert named <= {(s.holder, s.issue, s.position) for s in extended}


def test_no_plans_to_cancel_exercises_is_support() -> None:
    doc = annotate(
        "The United States said it has no intention to cancel joint military exercises "
        "with South Korea. North Korea rejected the joint military exercises on Monday."
    )
    positions = {(s.holder, s.position) for s in doc.stances if s.issue.startswith("US–South")}
    assert ("gov:united-states", "support") in positions
    assert ("gov:north-korea", "oppose") in positions
