"""Titles as of the brief's date: "then-" where the corpus shows the title passed on."""

from __future__ import annotations

from datetime import date

from storyline.model import Entity, Mention, Role, Span
from storyline.store import open_store
from storyline.story.overview import build_overview
from storyline.story.roles_as_of import mark_then, succeeded_roles

MOON = Entity(
    "moon",
    "Moon Jae-in",
    "person",
    roles=[Role("President of South Korea", date(2018, 2, 13), date(2018, 2, 13))],
)
LEE = Entity(
    "lee",
    "Lee Jae-myung",
    "person",
    roles=[Role("President of South Korea", date(2025, 11, 1), date(2026, 2, 27))],
)
PENCE = Entity(
    "pence",
    "Mike Pence",
    "person",
    roles=[Role("Vice President of the United States", date(2018, 2, 13), date(2018, 2, 13))],
)


def test_a_title_held_later_by_someone_else_has_passed_on() -> None:
    succeeded = succeeded_roles([MOON, LEE, PENCE], as_of=date(2026, 2, 27))
    assert succeeded == {"moon": {"president of south korea"}}
    # As of a day before Lee held it, Moon's title had not passed on yet.
    assert succeeded_roles([MOON, LEE], as_of=date(2019, 1, 1)) == {}


def _mention(text: str, name: str, entity: str) -> Mention:
    start = text.index(name)
    return Mention(Span(start, start + len(name)), "PERSON", entity)


def test_then_goes_before_the_stale_title_only() -> None:
    succeeded = {"moon": {"president of south korea"}}
    text = "Vice President Mike Pence met South Korean President Moon Jae-in on Friday."
    mentions = [_mention(text, "Mike Pence", "pence"), _mention(text, "Moon Jae-in", "moon")]
    assert mark_then(text, 0, mentions, succeeded) == (
        "Vice President Mike Pence met then-South Korean President Moon Jae-in on Friday."
    )
    apposition = "a spokesman for the South Korean president, Moon Jae-in, said."
    assert mark_then(apposition, 0, [_mention(apposition, "Moon Jae-in", "moon")], succeeded) == (
        "a spokesman for the then-South Korean president, Moon Jae-in, said."
    )


def test_quotations_and_marked_titles_stay_as_written() -> None:
    succeeded = {"moon": {"president of south korea"}}
    quoted = "“President Moon and I reflected last night,” Mr. Pence said."
    assert mark_then(quoted, 0, [_mention(quoted, "Moon", "moon")], succeeded) == quoted
    marked = "former President Moon Jae-in spoke."
    assert mark_then(marked, 0, [_mention(marked, "Moon Jae-in", "moon")], succeeded) == marked


def test_seed_store_knows_moon_was_succeeded(demo_db: str) -> None:
    with open_store(demo_db) as store:
        view = build_overview(store)
    moon = [p.entity for p in view.players if p.name == "Moon Jae-in"]
    assert moon
    assert "president of south korea" in view.succeeded[moon[0]]
    lee = [p.entity for p in view.players if p.name.startswith("Lee Jae")]
    assert lee
    assert lee[0] not in view.succeeded


def test_the_brief_writes_titles_as_of_its_date(demo_db: str) -> None:
    from storyline.story.brief import build_brief
    from storyline.story.timeline import TimelineEntry, TimelineItem
    from storyline.story.timeline_view import DatedEntry

    with open_store(demo_db) as store:
        view = build_overview(store)
    doc = next(d for d in view.docs if "spokesman for the South Korean president" in d.article.text)
    span = next(
        s for s in doc.sentences if "South Korean president" in doc.article.text[s.start : s.end]
    )
    text = doc.article.text[span.start : span.end]
    view.timeline = [
        DatedEntry(
            TimelineEntry(
                date(2018, 2, 13), [TimelineItem(text, doc.article.id, span.start, span.end)]
            ),
            "day",
        )
    ]
    brief = build_brief(view)
    # A lone entry is the latest development: the brief's lead.
    written = [s.text for s in brief.lead] + [s.text for p in brief.paragraphs for s in p]
    assert written == [
        text.replace("the South Korean president", "the then-South Korean president")
    ]
    assert not brief.withheld


def test_the_brief_does_not_open_on_a_quotation_torn_from_its_speaker(demo_db: str) -> None:
    from storyline.story.brief import build_brief
    from storyline.story.timeline import TimelineEntry, TimelineItem
    from storyline.story.timeline_view import DatedEntry

    with open_store(demo_db) as store:
        view = build_overview(store)

    def sentence(opens_with_quote: bool) -> TimelineItem:
        for doc in view.docs:
            for s in doc.sentences:
                text = doc.article.text[s.start : s.end]
                if text[:1] in '"“' and opens_with_quote:
                    return TimelineItem(text, doc.article.id, s.start, s.end)
                if text[:1].isupper() and not opens_with_quote and " said" in text:
                    return TimelineItem(text, doc.article.id, s.start, s.end)
        raise AssertionError("no such sentence in the seed store")

    quote, report = sentence(True), sentence(False)
    view.timeline = [DatedEntry(TimelineEntry(date(2018, 2, 13), [quote, report]), "day")]
    brief = build_brief(view)
    assert brief.lead
    assert brief.lead[0].citations[0].start == report.start


def test_a_bare_title_is_many_offices_and_never_passes_on() -> None:
    obama = Entity(
        "obama",
        "Barack Obama",
        "person",
        roles=[Role("president", date(2008, 9, 19), date(2008, 9, 24))],
    )
    bush = Entity(
        "bush",
        "George Bush",
        "person",
        roles=[Role("president", date(2008, 9, 25), date(2009, 3, 16))],
    )
    assert succeeded_roles([obama, bush], as_of=date(2009, 6, 1)) == {}


def test_words_run_in_before_a_title_are_not_part_of_it() -> None:
    succeeded = {"moon": {"president of south korea"}}
    fused = "Talks Resume in Markets President Moon Jae-in said on Friday."
    assert mark_then(fused, 0, [_mention(fused, "Moon Jae-in", "moon")], succeeded) == (
        "Talks Resume in Markets then-President Moon Jae-in said on Friday."
    )


def test_a_title_is_judged_over_all_its_holder_s_evidence() -> None:
    salazar = Entity(
        "salazar",
        "Ken Salazar",
        "person",
        roles=[
            Role("Interior secretary", date(2010, 5, 27), date(2010, 5, 27)),
            Role("Interior Secretary", date(2010, 5, 1), date(2010, 11, 10)),
        ],
    )
    other = Entity(
        "other", "Jan Other", "person", roles=[Role("interior secretary", date(2010, 6, 17))]
    )
    assert succeeded_roles([salazar, other], as_of=date(2011, 1, 1)) == {}
