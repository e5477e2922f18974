"""``storyline events`` and the story page's "who did what", over a real SQLite store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.helpers import run_cli

from storyline.model import AnnotatedArticle, Article, Entity, Event, Span
from storyline.store import open_store
from storyline.story.events_view import EventFilter, key_events, story_events

TEXT = (
    "On Monday Israeli jets bombed Hamas positions in Gaza. "
    "Egypt called for a ceasefire. "
    "The two sides met in Cairo on 14 May 2021."
)


def _doc() -> AnnotatedArticle:
    doc = AnnotatedArticle(
        Article("a1", TEXT, source="wire", published=date(2021, 5, 10), language="en")
    )

    def span(words: str) -> Span:
        at = TEXT.index(words)
        return Span(at, at + len(words))

    first, second, third = (s.strip() for s in TEXT.split(". "))
    doc.sentences = [span(first), span(second), span(third)]
    doc.events = [
        Event("ASSAULT", "material conflict", 4, ("gov:israel",), ("org:hamas",), "2021-05-10",
              span("bombed"), span(first), "Gaza", "text"),
        Event("REQUEST", "verbal conflict", 0, ("gov:egypt",), (), "2021-05-10",
              span("called"), span(second), None, "article"),
        Event("CONSULT", "verbal cooperation", 1, ("text:The two sides",), (), "2021-05-14",
              span("met"), span(third), "Cairo", "text"),
    ]  # fmt: skip
    doc.provided = {"sentences", "events"}
    return doc


ENTITIES = [
    Entity("gov:israel", "Israel", "government"),
    Entity("org:hamas", "Hamas", "organisation"),
    Entity("gov:egypt", "Egypt", "government"),
]


def test_filters_and_names() -> None:
    doc = _doc()
    lines = story_events([doc], ENTITIES)
    assert [e.type for e in lines] == ["ASSAULT", "REQUEST", "CONSULT"]
    assert lines[0].actor_names == ("Israel",)
    assert lines[0].target_names == ("Hamas",)
    assert lines[0].sentence == "On Monday Israeli jets bombed Hamas positions in Gaza"
    assert lines[2].actor_names == ("The two sides",)
    by_actor = story_events([doc], ENTITIES, EventFilter(actor="hamas"))
    assert [e.type for e in by_actor] == ["ASSAULT"]  # named as the target
    by_type = story_events([doc], ENTITIES, EventFilter(types=("verbal conflict", "consult")))
    assert [e.type for e in by_type] == ["REQUEST", "CONSULT"]
    later = story_events([doc], ENTITIES, EventFilter(start=date(2021, 5, 11)))
    assert [e.type for e in later] == ["CONSULT"]
    own = story_events([doc], ENTITIES, EventFilter(with_article_dates=False))
    assert [e.type for e in own] == ["ASSAULT", "CONSULT"]
    assert story_events([doc], ENTITIES, EventFilter(articles=frozenset({"other"}))) == []


def test_key_events_prefer_both_sides_named() -> None:
    lines = story_events([_doc()], ENTITIES)
    chosen = key_events(lines, ["gov:israel"], limit=1)
    assert [e.type for e in chosen] == ["ASSAULT"]


def test_cli_events_json_and_table(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    with open_store(str(db)) as store:
        doc = _doc()
        store.add_group([doc.article])
        store.save_annotations([doc])
        store.save_entities(ENTITIES)
    done = run_cli("events", "--format", "json", "--type", "ASSAULT", db=db)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    (event,) = payload["events"]
    assert event["actors"] == [{"id": "gov:israel", "name": "Israel"}]
    assert event["targets"] == [{"id": "org:hamas", "name": "Hamas"}]
    assert (event["date"], event["date_from"], event["location"]) == ("2021-05-10", "text", "Gaza")
    table = run_cli("events", "--actor", "Egypt", "--from", "2021-05-01", "--to", "2021-05-31",
                    db=db)  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "REQUEST" in table.stdout
    assert "ASSAULT" not in table.stdout
    assert "publication date" in table.stdout  # the stand-in date is flagged
    bad = run_cli("events", "--from", "last week", db=db)
    assert bad.returncode == 2
