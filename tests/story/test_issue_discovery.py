"""Issues found across a storyline's open stances: grouping, naming, and what is dropped."""

from __future__ import annotations

from storyline.model import AnnotatedArticle, Article, Span, Stance, StancePosition
from storyline.story.issue_discovery import discover_issues, stem
from storyline.story.stance_tracks import build_tracks, track_for


def article(ident: str, *stances: tuple[str, str, StancePosition, str]) -> AnnotatedArticle:
    doc = AnnotatedArticle(Article(id=ident, text="x" * 200, language="en"))
    doc.stances = [
        Stance(holder, issue, position, date, Span(0, 10), None, Span(2, 8))
        for holder, issue, position, date in stances
    ]
    return doc


DOCS = [
    article("a", ("gov:france", "a no-fly zone over Velmora", "support", "2030-03-01")),
    article("b", ("gov:germany", "no-fly zone over Velmora", "oppose", "2030-03-02")),
    article(
        "c",
        ("gov:germany", "the no-fly zones over Velmora", "support", "2030-03-09"),
        ("gov:italy", "a tax", "oppose", "2030-03-09"),
    ),
    article("d", ("gov:france", "Tomas Berg stepping down", "support", "2030-03-03")),
    article("e", ("gov:spain", "Berg stepping down", "support", "2030-03-04")),
    article("f", ("gov:spain", "Velmora government stepping in", "oppose", "2030-03-04")),
]


def test_paraphrases_are_one_issue_and_asides_are_dropped() -> None:
    zone, berg = discover_issues(DOCS)
    assert zone.label.endswith("no-fly zone over Velmora")
    assert zone.articles == 3
    assert len(zone.members) == 3
    assert berg.label == "Berg stepping down"
    assert "Tomas Berg stepping down" in berg.members


def test_names_must_agree_to_merge() -> None:
    found = discover_issues(DOCS)
    for issue in found:
        assert "Velmora government stepping in" not in issue.members


def test_tracks_follow_found_issues_with_shifts() -> None:
    tracks = build_tracks(DOCS, group_by_government=False)
    germany = track_for(tracks, "gov:germany", discover_issues(DOCS)[0].label)
    assert germany is not None
    assert germany.positions() == [("2030-03-02", "oppose"), ("2030-03-09", "support")]
    assert [p.shift for p in germany.points] == [False, True]
    assert track_for(tracks, "gov:italy", "a tax") is None


def test_named_issues_pass_through() -> None:
    doc = AnnotatedArticle(Article(id="n", text="y" * 50, language="en"))
    doc.stances = [Stance("gov:a", "sanctions relief", "support", "2030", Span(0, 5))]
    tracks = build_tracks([doc], group_by_government=False)
    assert [(t.holder, t.issue) for t in tracks] == [("gov:a", "sanctions relief")]


def test_stem() -> None:
    assert stem("stepping") == stem("steps") == stem("step")
    assert stem("zones") == stem("zone")
