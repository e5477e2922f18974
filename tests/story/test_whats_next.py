"""What's next holds only what is still ahead of the latest coverage."""

from __future__ import annotations

from datetime import date

from storyline.model import Article
from storyline.story.timeline_view import whats_next
from storyline.workflow import annotate_docs


def test_only_future_clauses_and_one_item_per_repeated_sentence() -> None:
    text = (
        "The rebels will hold elections in September, their council said on Monday. "
        "Gaddafi's forces shelled the port in September, witnesses said. "
        "The summit is scheduled for March 14. "
        "The tour was due to start on 13 July before it was called off."
    )
    articles = [
        Article(f"a{i}", text, published=date(2011, 2, 21), published_precision="day")
        for i in range(2)
    ]
    docs = annotate_docs(articles, stages=["sentences", "time"])
    upcoming = whats_next(docs)
    texts = [u.text for u in upcoming]
    assert any("will hold elections" in t for t in texts)
    assert any("summit is scheduled" in t for t in texts)
    assert not any("shelled" in t for t in texts)  # a past clause, whatever date it resolved to
    assert not any("was due to start" in t for t in texts)  # a plan as of then
    assert len(texts) == len(set(texts))  # the second article's copy is cited, not repeated
    assert all(len(u.also) == 1 for u in upcoming)


def test_the_timeline_ends_with_the_latest_coverage() -> None:
    from storyline.story.timeline_view import story_timeline

    articles = [
        Article(
            "a1",
            "Troops shelled the port on 2 March 2011. "
            "Posted by a reader on 2 May 2013: the square is beautiful.",
            published=date(2011, 3, 3),
            published_precision="day",
        ),
        Article(
            "a2",
            "The port was shelled again on 4 March 2011, officials said.",
            published=date(2011, 3, 5),
            published_precision="day",
        ),
    ]
    docs = annotate_docs(articles, stages=["sentences", "time"])
    days = {d.entry.date for d in story_timeline(docs)}
    assert date(2011, 3, 2) in days
    assert all(day <= date(2011, 3, 5) for day in days)  # the reader's 2013 is no past event


def test_chronology_entries_and_far_yearless_days_are_not_ahead() -> None:
    text = (
        "April 30 - The chief executive says the company will pay all claims.\n"
        "Divers will inspect the wreck from 20 April, officials said.\n"
        "The inquiry will report on 15 March 2011.\n"
        "The board will meet on 12 August."
    )
    article = Article("a1", text, published=date(2010, 7, 20), published_precision="day")
    upcoming = whats_next(annotate_docs([article], stages=["sentences", "time"]))
    texts = " ".join(u.text for u in upcoming)
    assert "inquiry will report" in texts  # a year given: a plan however far
    assert "board will meet" in texts  # close enough without its year
    assert "April 30" not in texts  # a chronology's entry, told in its day's present
    assert "20 April" not in texts  # nine months ahead without a year: a past day misread


def test_questions_and_readers_posts_are_neither_plans_nor_timeline() -> None:
    from storyline.story.timeline_view import story_timeline

    text = (
        "The health ministry confirmed 12 new cases of the virus on 28 May 2009.\n"
        "Will the peak of the epidemic come in September?\n"
        "The ministry will publish its vaccine plan in July.\n"
        "At 9:08 pm on 28 May 2009, flu_watcher wrote: A vaccine was tested on 27 May 2009 "
        "and the trial will end in August.\n"
        "I agree with the last post, the vaccine will be ready in October.\n"
        "You are all wrong about this.\n"
    )
    docs = annotate_docs(
        [Article("a1", text, published=date(2009, 5, 28), published_precision="day")],
        stages=["sentences", "time"],
    )
    upcoming = [u.text for u in whats_next(docs)]
    assert any("vaccine plan in July" in t for t in upcoming)
    assert not any("?" in t for t in upcoming)
    assert not any("trial will end" in t or "October" in t for t in upcoming)
    items = [i.text for d in story_timeline(docs) for i in d.entry.items]
    assert any("confirmed 12 new cases" in t for t in items)
    assert not any("wrote" in t or "I agree" in t for t in items)
