"""The seed storyline: timeline dates with citations, what's next, and a grounded brief."""

from __future__ import annotations

from storyline.store import open_store
from storyline.story.brief import BriefSentence, Citation, build_brief, unsupported_claims
from storyline.story.overview import StoryOverview, build_overview
from storyline.story.timeline_view import story_timeline, timeline_json, whats_next


def overview(db: str) -> StoryOverview:
    with open_store(db) as store:
        return build_overview(store)


def test_timeline_holds_the_key_dates_with_citations(demo_db: str) -> None:
    view = overview(demo_db)
    labels = {d.label for d in view.timeline}
    for expected in [
        "2017-11-29",
        "2017-12",
        "2018-06",
        "2019-02",
        "2019-06",
        "2026-01",
        "2026-01-14",
        "2025-08",
        "2025-11-01",
        "2025-11-28",
        "2025-12-19",
        "2026-01-16",
        "2026-02-26",
    ]:
        assert expected in labels, (expected, sorted(labels))
    texts = {d.label: " ".join(i.text for i in d.entry.items) for d in view.timeline}
    assert "intercontinental ballistic missile" in texts["2017-11-29"]
    assert "Tillerson" in texts["2017-12"]
    assert "Singapore" in texts["2018-06"]
    assert "Hanoi in February 2019" in texts["2019-02"]
    assert "Panmunjom in June 2019" in texts["2019-06"]
    assert "visit to China in January" in texts["2026-01"]
    assert "drone" in texts["2026-01-14"]
    assert "without any preconditions" in texts["2026-02-26"]
    items = [(d.label, i.text) for d in view.timeline for i in d.entry.items]
    # "She extended an invitation ..." is a candidate only with the sentence saying who she is.
    from storyline.story.timeline_view import candidates

    invitation = [c.text for c in candidates(view.docs) if "extended an invitation" in c.text]
    assert invitation
    assert all("Kim Yo-jong" in text for text in invitation), invitation
    assert any(label.startswith("2026-02") and "congress" in text for label, text in items)
    for d in view.timeline:
        for item in d.entry.items:  # every item cites a real span of its article
            assert view.text_of(item.article, item.start, item.end) == item.text


def test_timeline_json_schema(demo_db: str) -> None:
    with open_store(demo_db) as store:
        docs = list(store.iter_annotated())
    data = timeline_json(story_timeline(docs, n_dates=5, per_date=1))
    assert len(data["entries"]) == 5
    for entry in data["entries"]:
        assert set(entry) == {"date", "items"}
        assert len(entry["items"]) == 1
        assert {"text", "article", "start", "end"} <= set(entry["items"][0])


def test_whats_next_has_the_april_trip(demo_db: str) -> None:
    with open_store(demo_db) as store:
        upcoming = whats_next(list(store.iter_annotated()))
    april = [u for u in upcoming if u.value == "2026-04"]
    assert any("China" in u.text for u in april)
    assert all(u.value >= "2026-03" for u in upcoming)  # nothing before the latest coverage


def test_brief_is_grounded_and_cited(demo_db: str) -> None:
    view = overview(demo_db)
    brief = build_brief(view)
    assert brief.lead
    assert brief.paragraphs
    assert brief.withheld == []
    for s in [*brief.lead, *(s for p in brief.paragraphs for s in p), *brief.upcoming]:
        assert s.citations
        assert unsupported_claims(s, view) == []


def test_grounding_check_catches_unsupported_claims(demo_db: str) -> None:
    view = overview(demo_db)
    item = view.timeline[0].entry.items[0]
    cite = (Citation(item.article, item.start, item.end),)
    assert unsupported_claims(BriefSentence(item.text, cite), view) == []
    wrong = BriefSentence(item.text + " Vladimir Putin said 42 missiles were fired.", cite)
    missing = unsupported_claims(wrong, view)
    assert "Vladimir Putin" in missing
    assert "42" in missing
    assert unsupported_claims(BriefSentence(item.text, ()), view) == ["no citation"]
