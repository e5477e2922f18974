"""The store: identity, near-duplicates, search, annotations, entities, migrations, crashes."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from storyline.errors import StoreError
from storyline.ingest.identity import article_id
from storyline.model import AnnotatedArticle, Article, Entity, Mention, Role, Span, TimeExpression
from storyline.store import Store, open_store

WIRE = (
    "SEOUL, South Korea (AP) — North Korea fired a short-range ballistic missile into the sea "
    "off its east coast on Friday, South Korea's military said, the latest in a series of "
    "launches that have raised tensions on the Korean Peninsula ahead of annual drills by the "
    "United States and South Korea. The Joint Chiefs of Staff said the missile flew about 350 "
    "kilometers before landing in waters between the peninsula and Japan. Japan's coast guard "
    "said there were no reports of damage to ships or aircraft in the area."
)


def make(text: str, **kw: object) -> Article:
    return Article(id=article_id(text), text=text, **kw)  # type: ignore[arg-type]


def test_add_then_readd_is_a_duplicate(store: Store) -> None:
    a = make(WIRE, source="AP", published=date(2025, 11, 7), published_precision="day")
    assert store.add_group([a])[0].status == "ingested"
    again = make(WIRE.replace("  ", " "), source="AP")
    assert store.add_group([again])[0].status == "duplicate"
    assert store.count() == 1
    got = store.get_article(a.id[:8])
    assert got is not None
    assert got.text == WIRE
    assert got.published == date(2025, 11, 7)


def test_near_duplicate_is_linked_not_dropped(store: Store) -> None:
    ap = make(WIRE, source="AP")
    other = make(
        WIRE.replace("SEOUL, South Korea (AP) — ", "By Staff Writers. ").replace(
            "Japan's coast guard said there were no reports of damage to ships or aircraft in "
            "the area.",
            "Officials gave no further details.",
        ),
        source="Yonhap",
    )
    unrelated = make(
        "The central bank kept its benchmark rate unchanged on Thursday, citing uncertainty "
        "over household debt and a weak won, and said it would watch the data closely before "
        "deciding whether to cut rates at its next meeting in January next year.",
        source="Reuters",
    )
    store.add_group([ap])
    result = store.add_group([other])[0]
    assert result.status == "ingested"
    assert result.near_duplicate_of == (ap.id,)
    assert store.add_group([unrelated])[0].near_duplicate_of == ()
    assert store.count() == 3
    got = store.get_article(ap.id)
    assert got is not None
    assert got.near_duplicates == [other.id]
    listed = {a.id: a.near_duplicates for a in store.articles()}
    assert listed[other.id] == [ap.id]
    assert listed[unrelated.id] == []


def test_full_text_search_ranks_matching_articles(store: Store) -> None:
    store.add_group([make(WIRE, title="Missile launch")])
    store.add_group([make("Talks on trade tariffs resumed in Geneva with no breakthrough.")])
    hits = store.search("ballistic missiles")
    assert [a.title for a, _ in hits] == ["Missile launch"]
    assert store.search("tariffs")[0][0].text.startswith("Talks on trade")
    assert store.search("   ") == []
    assert store.search('"quoted" OR AND') == []  # operators are words, not syntax


def test_annotations_round_trip(store: Store) -> None:
    a = make(WIRE)
    store.add_group([a])
    doc = AnnotatedArticle(a)
    doc.sentences = [Span(0, 10)]
    doc.times = [TimeExpression(Span(95, 101), "DATE", "2025-11-07", None, "2025-11-08")]
    doc.mentions = [Mention(Span(0, 5), "GPE", "gov:south-korea")]
    doc.provided.update({"sentences", "times", "mentions"})
    store.save_annotations([doc])
    store.save_annotations([doc])  # saving again replaces, never duplicates
    back = store.annotated([a])[0]
    assert back.sentences == doc.sentences
    assert back.times == doc.times
    assert back.mentions == doc.mentions
    assert back.quotes == []


def test_entities_merge_aliases_and_roles(store: Store) -> None:
    store.save_entities([Entity("moon-jae-in", "Moon Jae-in", "PERSON", ["Mr. Moon"])])
    store.save_entities(
        [
            Entity(
                "moon-jae-in",
                "Moon Jae-in",
                "PERSON",
                ["Moon"],
                [Role("President of South Korea", date(2018, 2, 13), date(2018, 2, 13))],
            )
        ]
    )
    (moon,) = store.entities()
    assert moon.aliases == ["Moon", "Mr. Moon"]
    assert moon.roles[0].title == "President of South Korea"


def test_group_is_atomic_and_rerun_completes(store: Store) -> None:
    page = make("A page about talks between the two Koreas resuming after a long pause.")
    blurb = make("A related blurb about drills.", kind="blurb", parent=page.id)
    broken = make("x" * 10)
    broken.published_precision = None  # type: ignore[assignment]  # violates NOT NULL
    with pytest.raises(sa.exc.IntegrityError):
        store.add_group([page, blurb, broken])
    assert store.count() == 0  # nothing of the failed group was kept
    results = store.add_group([page, blurb])
    assert [r.status for r in results] == ["ingested", "ingested"]
    assert sorted(a.parent or "" for a in store.articles()) == ["", page.id]


def test_reopening_does_not_migrate_again(store_url: str) -> None:
    with open_store(store_url) as first:
        first.add_group([make(WIRE)])
    with open_store(store_url) as second:
        assert second.count() == 1


def test_schema_newer_than_code_is_refused(store_url: str) -> None:
    with open_store(store_url) as s, s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer than this storyline knows"):
        open_store(store_url)


def test_missing_folder_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store("sqlite:////nonexistent-folder/x/store.db")
