"""build_timeline on a small handmade corpus, and the day references it relies on."""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.story.timeline import (
    CandidateSentence,
    TimelineEntry,
    TimelineOptions,
    build_timeline,
)
from storyline.story.timeline_view import expression_date
from storyline.time import tag_times

EXPLOSION = date(2010, 4, 20)
CAPPED = date(2010, 7, 15)
HEARING = date(2010, 6, 17)


def date_refs(line: str, published: date) -> list[date]:
    """The days a sentence refers to, as the time stage tags them."""
    days = []
    for t in tag_times(line, published):
        parsed = expression_date(t.value) if t.type == "DATE" else None
        if parsed and parsed[1] == "day" and parsed[0] not in days:
            days.append(parsed[0])
    return days


def _article(article: str, published: date, lines: list[str]) -> list[CandidateSentence]:
    sentences: list[CandidateSentence] = []
    offset = 0
    for line in lines:
        sentences.append(
            CandidateSentence(
                article, offset, offset + len(line), line, published, date_refs(line, published)
            )
        )
        offset += len(line) + 1
    return sentences


def _corpus() -> list[CandidateSentence]:
    return [
        *_article(
            "a1",
            date(2010, 4, 21),
            [
                "The Deepwater Horizon oil rig exploded in the Gulf of Mexico on April 20 , 2010 .",
                "Eleven workers are missing after the rig explosion , the coast guard said .",
                "Weather in the region was calm and warm for most of the week .",
            ],
        ),
        *_article(
            "a2",
            date(2010, 4, 22),
            [
                "The Deepwater Horizon oil rig exploded in the Gulf of Mexico on April 20 , 2010 ,"
                " officials said .",
                "The burning rig sank into the Gulf of Mexico on Thursday morning .",
            ],
        ),
        *_article(
            "a3",
            date(2010, 7, 16),
            [
                "BP said the leaking oil well was capped on July 15 , 2010 , stopping the flow .",
                "Engineers watched pressure readings closely through the night at the well .",
            ],
        ),
        *_article(
            "a4",
            date(2010, 8, 1),
            [
                "Since the rig exploded on April 20 , 2010 , oil has fouled hundreds of beaches .",
                "The well was capped on July 15 , 2010 after months of failed attempts .",
                "Executives testified before Congress on June 17 , 2010 about the oil disaster .",
            ],
        ),
    ]


def _dates(entries: list[TimelineEntry]) -> list[date]:
    return [entry.date for entry in entries]


def test_most_referred_days_are_chosen_in_date_order() -> None:
    timeline = build_timeline(_corpus(), n_dates=2, per_date=1)
    assert _dates(timeline) == [EXPLOSION, CAPPED]
    for entry in timeline:
        assert len(entry.items) == 1


def test_items_point_back_to_their_source_span() -> None:
    corpus = _corpus()
    timeline = build_timeline(corpus, n_dates=3, per_date=2)
    texts = {(s.article, s.start, s.end): s.text for s in corpus}
    for entry in timeline:
        for item in entry.items:
            assert texts[(item.article, item.start, item.end)] == item.text


def _fixed(**changes: Any) -> TimelineOptions:
    """Options for a mechanism's test: a fixed ranker (days by how many articles mention
    them) and no recent quota, so retraining the shipped ranker does not move the test."""
    from storyline.story.salience import FEATURES, DateRanker

    ranker = DateRanker(tuple(1.0 if f == "mentioning_articles" else 0.0 for f in FEATURES))
    return TimelineOptions(ranker=ranker, recent_min=0, recent_share=0.0, **changes)


def test_near_repeats_are_skipped_and_credited_as_other_sources() -> None:
    timeline = build_timeline(_corpus(), n_dates=1, per_date=3, options=_fixed())
    [entry] = timeline
    assert entry.date == EXPLOSION
    chosen = [item.text for item in entry.items]
    # Two sources report the explosion in almost the same words: one is kept, the other is
    # listed as saying the same thing.
    assert sum("Deepwater Horizon oil rig exploded" in text for text in chosen) == 1
    assert any(item.also for item in entry.items)


def test_span_limits_input_and_output() -> None:
    timeline = build_timeline(
        _corpus(), n_dates=5, per_date=1, start=date(2010, 6, 1), end=date(2010, 7, 31)
    )
    assert _dates(timeline)
    assert all(date(2010, 6, 1) <= d <= date(2010, 7, 31) for d in _dates(timeline))
    # The August article is outside the span, so the hearing it mentions cannot be chosen.
    assert HEARING not in _dates(timeline)


def test_query_steers_sentence_choice() -> None:
    plain = build_timeline(_corpus(), n_dates=1, per_date=1, options=_fixed())
    steered = build_timeline(_corpus(), n_dates=1, per_date=1, query=["Beaches"], options=_fixed())
    assert "beaches" not in plain[0].items[0].text
    assert "beaches" in steered[0].items[0].text


def test_deterministic() -> None:
    first = build_timeline(_corpus(), n_dates=3, per_date=2)
    second = build_timeline(list(reversed(_corpus())), n_dates=3, per_date=2)
    assert first == second


def test_no_input_or_no_room_gives_an_empty_timeline() -> None:
    assert build_timeline([], n_dates=3, per_date=1) == []
    assert build_timeline(_corpus(), n_dates=0, per_date=1) == []


def test_tokenised_dates_are_read() -> None:
    published = date(2010, 3, 10)
    assert date(2010, 1, 15) in date_refs("The quake struck on Jan . 15 , 2010 .", published)
    assert date(2010, 1, 15) in date_refs("It struck on 15 January 2010 .", published)
    assert date(2010, 3, 9) in date_refs("He resigned yesterday .", published)


def _with_actors(
    sentences: list[CandidateSentence],
    actors: dict[int, set[str]],
    eventful: frozenset[int] = frozenset(),
) -> list[CandidateSentence]:
    """The same sentences carrying the actors (by index) and events the later stages found."""
    return [
        CandidateSentence(
            s.article,
            s.start,
            s.end,
            s.text,
            s.published,
            s.refs,
            frozenset(actors.get(i, set())),
            i in eventful,
        )
        for i, s in enumerate(sentences)
    ]


def test_with_actors_known_an_item_must_name_one() -> None:

    need_actor = _fixed(need_actor=True)
    corpus = _corpus()
    plain = build_timeline(corpus, n_dates=1, per_date=3, options=need_actor)
    assert any("Deepwater" in item.text for item in plain[0].items)
    # Mark every sentence but the coast guard one as naming nobody: only it may stand.
    named = _with_actors(corpus, {1: {"org:coast-guard"}})
    [entry] = build_timeline(named, n_dates=1, per_date=3, options=need_actor)
    assert [item.text for item in entry.items] == [corpus[1].text]


def test_new_actors_win_over_covered_ones() -> None:

    flood = date(2011, 1, 10)
    corpus = [
        # Everyone refers to the flood: the first day chosen, and its actor is the town's.
        *_article(
            "x", date(2011, 1, 12), ["The river flooded the town on January 10 , 2011 ."] * 3
        ),
        # The day of the inquiry: a sentence about the town again is the more central one.
        *_article(
            "y",
            date(2011, 2, 1),
            [
                "The inquiry heard that the town river defences failed in the night .",
                "The inquiry heard from the army engineers about river defences .",
                "The town river defences failed , the inquiry heard .",
            ],
        ),
    ]
    actors = {0: {"town"}, 1: {"town"}, 2: {"town"}, 3: {"town"}, 4: {"army"}, 5: {"town"}}
    named = _with_actors(corpus, actors)
    options = _fixed(report_lag_days=0)
    centrality_only = _fixed(report_lag_days=0, new_actor_weight=0.0)
    plain = build_timeline(named, n_dates=2, per_date=1, options=centrality_only)
    assert _dates(plain)[0] == flood
    assert "army" not in plain[1].items[0].text
    rich = build_timeline(named, n_dates=2, per_date=1, options=options)
    assert "army" in rich[1].items[0].text


def test_an_event_deep_in_an_article_speaks_for_its_day() -> None:
    from storyline.story.timeline import TimelineOptions

    lines = [f"Filler sentence number {n} about the weather and nothing more ." for n in range(12)]
    lines.append("The minister resigned over the oil spill response , aides confirmed .")
    day = date(2010, 5, 3)
    corpus = _article("deep", day, lines)
    actors = {i: {"gov:x"} for i in range(len(corpus))}
    options = TimelineOptions(lead_sentences=3, report_lag_days=0)
    quiet = build_timeline(_with_actors(corpus, actors), n_dates=1, per_date=3, options=options)
    assert "resigned" not in " ".join(i.text for i in quiet[0].items)
    loud = build_timeline(
        _with_actors(corpus, actors, eventful={12}), n_dates=1, per_date=3, options=options
    )
    assert "resigned" in " ".join(i.text for i in loud[0].items)


def test_a_month_reference_is_a_month_entry_never_its_first_day() -> None:
    from storyline.story.timeline import TimelineOptions

    april = date(2011, 4, 1)
    corpus = []
    for i in range(4):
        sentence = CandidateSentence(
            f"m{i}",
            0,
            40,
            f"Rebels said in April they would take the port {i} .",
            date(2011, 5, 2 + i),
        )
        sentence.months = [april]
        corpus.append(sentence)
    mixed = build_timeline(corpus, n_dates=3, per_date=1)
    assert any(e.date == april and e.precision == "month" for e in mixed)
    assert not any(e.date == april and e.precision == "day" for e in mixed)
    days = build_timeline(corpus, n_dates=3, per_date=1, options=TimelineOptions(granularity="day"))
    assert all(e.precision == "day" for e in days)
    assert april not in [e.date for e in days]


def test_a_sentence_cut_off_mid_way_is_not_an_item() -> None:
    day = date(2011, 1, 14)
    corpus = _article("cut", day, ["But Brown said the January 14 , 2011 overthrow of"] * 2)
    corpus += _article("whole", day, ["Ben Ali fled the country on January 14 , 2011 ."])
    [entry] = build_timeline(corpus, n_dates=1, per_date=3)
    assert [i.article for i in entry.items] == ["whole"]


def test_the_latest_days_keep_a_share_of_the_entries() -> None:
    from storyline.story.timeline import TimelineOptions

    corpus = []
    for i in range(4):  # two early days everyone refers back to
        corpus += _article(
            f"early{i}",
            date(2011, 3, 10 + i),
            ["The port fell on March 1 , 2011 and the airport on March 3 , 2011 ."],
        )
    # The last day of coverage: one report, nothing later to refer back to it.
    corpus += _article("last", date(2011, 3, 20), ["The leader was killed in his home town ."])
    none = TimelineOptions(recent_share=0.0, recent_min=0)
    assert date(2011, 3, 20) not in _dates(
        build_timeline(corpus, n_dates=2, per_date=1, options=none)
    )
    kept = TimelineOptions(recent_share=0.5, recent_min=0)
    assert date(2011, 3, 20) in _dates(build_timeline(corpus, n_dates=2, per_date=1, options=kept))
    # Whatever the share, the latest day has its one entry by default: the latest development.
    least = TimelineOptions(recent_share=0.0)
    assert date(2011, 3, 20) in _dates(build_timeline(corpus, n_dates=2, per_date=1, options=least))


def test_a_days_sentences_chosen_together_add_what_the_first_left_out() -> None:
    import numpy as np
    from scipy import sparse

    from storyline.story.timeline import _summary_choice

    # The centroid weighs two terms alike; "b" is closest alone, "a" repeats its term and
    # "c" brings the other.
    rows = {"a": [1.0, 0.05, 0.0], "b": [0.9, 0.3, 0.0], "c": [0.0, 1.0, 0.2]}
    unit = {k: np.array(v) / np.linalg.norm(v) for k, v in rows.items()}
    vectors = sparse.csr_matrix(np.vstack([unit["a"], unit["b"], unit["c"]]))
    centroid = np.array([1.0, 1.0, 0.0]) / np.sqrt(2)
    scores = np.asarray(vectors @ centroid).ravel()
    assert scores[0] > scores[2]  # alone, "a" ranks above "c" (by a hair)...
    picked = _summary_choice([0, 1, 2], scores, vectors, centroid, 2, lambda row: False, [])
    assert picked == [1, 2]  # ...but "b" and "c" together tell the day's two terms


def test_a_days_sentences_chosen_together_never_repeat_each_other() -> None:
    lines = [
        "President Lee vowed on November 1 at the summit to ease military tensions.",
        "President Lee vowed on November 1 at the summit to ease military tensions. "
        "He stressed that peace is essential.",
    ]
    pool = _article("a1", date(2025, 11, 2), lines)
    options = _fixed(summary_centroid=True, redundancy=0.5)
    entries = build_timeline(pool, n_dates=1, per_date=2, options=options)
    assert len([i.text for e in entries for i in e.items]) == 1


def test_of_a_days_sentences_the_one_about_the_story_wins_with_a_story_weight() -> None:
    # Two reports of the day's snow and one of the talks the whole coverage is about.
    day = date(2011, 3, 3)
    corpus = [
        sentence
        for i in range(20)
        for sentence in _article(
            f"s{i}",
            date(2011, 2, 1 + i),
            [f"The union strike talks with the rail company went on for day {i + 1} ."],
        )
    ]
    corpus += [
        *_article("d1", date(2011, 3, 4), ["On March 3 , 2011 heavy snow closed the roads ."]),
        *_article("d2", date(2011, 3, 5), ["Heavy snow closed the roads on March 3 , 2011 ."]),
        *_article("d3", date(2011, 3, 6), ["The union strike talks collapsed on March 3 , 2011 ."]),
    ]
    plain = build_timeline(corpus, n_dates=1, per_date=1, options=_fixed())
    assert plain[0].date == day
    assert "snow" in plain[0].items[0].text
    chosen = build_timeline(corpus, n_dates=1, per_date=1, options=_fixed(story_weight=4.0))
    assert chosen[0].date == day
    assert "strike talks" in chosen[0].items[0].text
