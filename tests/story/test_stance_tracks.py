"""Stance tracks over the Korea seeds: the five tracks the storyline must show."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.helpers import seed_articles, seed_options

from storyline.model import AnnotatedArticle, Article, Span, Stance
from storyline.story.stance_tracks import StanceTrack, build_tracks, track_for
from storyline.workflow import annotate_docs

TALKS = "US–North Korea talks without preconditions"
INTER_KOREAN = "inter-Korean dialogue"
WEAPONS = "North Korea giving up its nuclear weapons"
MEDIATOR = "China as mediator"


@pytest.fixture(scope="module")
def seed_docs(seeds_dir: Path) -> list[AnnotatedArticle]:
    return annotate_docs(seed_articles(seeds_dir), None, seed_options())


@pytest.fixture(scope="module")
def tracks(seed_docs: list[AnnotatedArticle]) -> list[StanceTrack]:
    return build_tracks(seed_docs)


def the_track(tracks: list[StanceTrack], holder: str, issue: str) -> StanceTrack:
    track = track_for(tracks, holder, issue)
    assert track is not None, (
        f"no track {holder} × {issue}: {[(t.holder, t.issue) for t in tracks]}"
    )
    return track


def test_points_are_in_date_order(tracks: list[StanceTrack]) -> None:
    for track in tracks:
        dates = [p.date or "" for p in track.points]
        assert dates == sorted(dates)


def test_us_on_talks_without_preconditions(tracks: list[StanceTrack]) -> None:
    track = the_track(tracks, "gov:united-states", TALKS)
    first = track.points[0]
    assert (first.date, first.position) == ("2017", "oppose")
    assert first.condition_text
    assert first.condition_text.startswith("unless")
    feb_2018 = [p for p in track.points if (p.date or "").startswith("2018-02")]
    assert feb_2018
    assert feb_2018[0].position == "support"
    assert feb_2018[0].shift
    feb_2026 = [p for p in track.points if (p.date or "").startswith("2026-02")]
    assert feb_2026
    assert all(p.position == "support" for p in feb_2026)
    assert any(p.holder == "donald-trump" for p in feb_2026)


def test_north_korea_turns_from_engagement_to_hostility(tracks: list[StanceTrack]) -> None:
    track = the_track(tracks, "gov:north-korea", INTER_KOREAN)
    assert [p.position for p in track.points if (p.date or "").startswith("2018")] == ["support"]
    later = [p for p in track.points if (p.date or "").startswith("2026")]
    assert later
    assert all(p.position == "oppose" for p in later)
    assert later[0].shift
    assert sum(p.shift for p in track.points) == 1


def test_north_korea_keeps_its_weapons_throughout(tracks: list[StanceTrack]) -> None:
    track = the_track(tracks, "gov:north-korea", WEAPONS)
    assert {p.position for p in track.points} == {"oppose"}
    assert {(p.date or "")[:4] for p in track.points} >= {"2018", "2026"}
    assert not track.shifts


def test_south_korea_engages_under_moon_and_lee(tracks: list[StanceTrack]) -> None:
    track = the_track(tracks, "gov:south-korea", INTER_KOREAN)
    assert {p.position for p in track.points} == {"support"}
    holders = {(p.holder, (p.date or "")[:4]) for p in track.points}
    assert ("moon-jae-in", "2018") in holders
    assert ("lee-jae-myung", "2026") in holders


def test_china_not_ready_to_mediate_in_january_2026(tracks: list[StanceTrack]) -> None:
    track = the_track(tracks, "gov:china", MEDIATOR)
    assert track.points
    assert all(p.position == "oppose" for p in track.points)
    assert all((p.date or "").startswith("2026-01") for p in track.points)


def test_tracks_per_person_when_not_grouped(seed_docs: list[AnnotatedArticle]) -> None:
    tracks = build_tracks(seed_docs, group_by_government=False)
    trump = the_track(tracks, "donald-trump", TALKS)
    assert {p.position for p in trump.points} == {"support"}
    assert track_for(tracks, "gov:united-states", TALKS) is not None


def test_shifts_skip_neutral_points() -> None:
    text = "One. Two. Three."
    doc = AnnotatedArticle(Article(id="x", text=text, language="en"))
    doc.stances = [
        Stance("gov:a", "issue", "support", "2020", Span(0, 4)),
        Stance("gov:a", "issue", "neutral", "2021", Span(5, 9)),
        Stance("gov:a", "issue", "support", "2022", Span(10, 16)),
        Stance("gov:a", "issue", "oppose", "2023", Span(10, 16)),
    ]
    [track] = build_tracks([doc], governments={})
    assert [p.shift for p in track.points] == [False, False, False, True]
    assert [p.date for p in track.points] == ["2020", "2021", "2022", "2023"]


def test_tracks_from_stored_docs_match(
    seed_docs: list[AnnotatedArticle], tracks: list[StanceTrack]
) -> None:
    # Docs read back from a store carry no stance_governments: the map is rebuilt from text.
    stored = [
        AnnotatedArticle(d.article, mentions=d.mentions, stances=d.stances) for d in seed_docs
    ]
    again = build_tracks(stored)
    assert [(t.holder, t.issue, t.positions()) for t in again] == [
        (t.holder, t.issue, t.positions()) for t in tracks
    ]


def test_the_issues_argued_most_come_first(tracks: list[StanceTrack]) -> None:
    weight: dict[str, int] = {}
    for t in tracks:
        weight[t.issue] = weight.get(t.issue, 0) + len(t.points)
    order = [weight[t.issue] for t in tracks]
    assert order == sorted(order, reverse=True)
    # On one issue, the holder with most points leads.
    first = [t for t in tracks if t.issue == tracks[0].issue]
    assert len(first[0].points) == max(len(t.points) for t in first)
