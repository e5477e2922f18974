"""Boilerplate learned from repetition across a source's articles, kept in the store."""

from __future__ import annotations

from datetime import date, timedelta

from storyline.ingest.boilerplate import Boilerplate, learn_all

POLICY = "Views expressed in the comments do not represent those of the Daily Planet."
CLOSED = "This discussion is now closed."


WORDS = (
    "harbour",
    "council",
    "strike",
    "vaccine",
    "ballot",
    "pipeline",
    "verdict",
    "summit",
    "tariff",
    "drought",
)


def _story(i: int, comments: bool) -> str:
    # Lines that differ only in their digits are one line: the stories differ in words.
    a, b, c = WORDS[i % 10], WORDS[(i // 10) % 10], WORDS[(i + 3) % 10]
    lines = [
        f"The {a} story opens with its own lead sentence about the {b}.",
        f"A second sentence on the {b} follows, with detail on the {c}.",
        f"The third sentence quotes someone about the {c} and the {a}.",
    ]
    if comments:
        lines += [POLICY, f"Reader {i} thinks this is all nonsense!", CLOSED]
    lines.append("© 2010 Daily Planet. All rights reserved.")
    return "\n".join(lines)


def test_lines_in_many_articles_are_boilerplate_and_comments_are_cut() -> None:
    day = date(2010, 5, 1)
    docs = [("planet", _story(i, comments=i % 2 == 0), day + timedelta(i)) for i in range(20)]
    boilerplate = Boilerplate(learn_all(docs))
    text, removed = boilerplate.clean("planet", _story(4, comments=True))
    assert text == "\n".join(_story(4, comments=False).split("\n")[:3])
    assert "Reader 4 thinks this is all nonsense!" in removed
    # Another outlet's articles are judged by that outlet's lines only.
    assert not boilerplate.is_boilerplate("other", POLICY)


def test_a_story_sentence_repeated_on_one_day_is_not_boilerplate() -> None:
    day = date(2010, 5, 1)
    shared = "The blast killed 11 workers and sank the rig two days later."
    docs = [("wire", f"Lead {i} is different every time.\n{shared}", day) for i in range(3)]
    docs += [("wire", f"Another story {i} about something else.", day) for i in range(60)]
    assert not Boilerplate(learn_all(docs)).is_boilerplate("wire", shared)


def test_a_footer_that_varies_at_its_end_is_known_by_its_first_words() -> None:
    docs = [
        (
            "paper",
            "\n".join(
                [
                    f"The {WORDS[i]} story opens here with its own words about the {WORDS[i - 1]}.",
                    f"More on the {WORDS[i]} follows in a second line of the story.",
                    "A version appeared on p6 of the Main section of the paper on "
                    f"{WORDS[i]} and a promotion for the {WORDS[i - 2]} guide",
                ]
            ),
            date(2010, 5, 1) + timedelta(i),
        )
        for i in range(6)
    ]
    boilerplate = Boilerplate(learn_all(docs))
    _, removed = boilerplate.clean("paper", docs[0][1])
    assert len(removed) == 1
    assert removed[0].startswith("A version appeared")


def test_a_footer_glued_to_the_last_line_is_cut_from_it() -> None:
    footer = "Letters for publication should be sent to the editor by post If you need help"
    docs = [
        (
            "paper",
            "\n".join(
                [
                    f"The {WORDS[i]} story opens here with its own words about the {WORDS[i - 1]}.",
                    f"The story ends on the {WORDS[i]} and the {WORDS[i - 2]} {footer} "
                    f"with {WORDS[i - 3]} at the end",
                ]
            ),
            date(2010, 5, 1) + timedelta(3 * i),
        )
        for i in range(6)
    ]
    boilerplate = Boilerplate(learn_all(docs))
    text, removed = boilerplate.clean("paper", docs[0][1])
    last = text.split("\n")[-1]
    assert last == f"The story ends on the {WORDS[0]} and the {WORDS[-2]}"
    assert removed == [f"{footer} with {WORDS[-3]} at the end"]
    # The same run of words early in an article is the story's, not a footer.
    early = f"A lead about the vote {footer} and more.\nSecond line.\nThird line.\nFourth."
    assert boilerplate.clean("paper", early)[0] == early


def test_a_comment_policy_glued_to_the_last_line_ends_the_article() -> None:
    policy = "We welcome comments that advance the story through relevant opinion and facts"
    docs = [
        (
            "wire",
            "\n".join(
                [
                    f"The {WORDS[i]} story opens here with its own words about the {WORDS[i - 1]}.",
                    *(f"Line {n} on the {WORDS[i - n]} and the {WORDS[n]}." for n in range(1, 8)),
                    f"Reporting by {WORDS[i - 2].title()} {policy} in our pages",
                    f"Reader {i} says the {WORDS[i - 3]} is a scandal!",
                ]
            ),
            date(2010, 5, 1) + timedelta(3 * i),
        )
        for i in range(6)
    ]
    text, removed = Boilerplate(learn_all(docs)).clean("wire", docs[1][1])
    assert text.split("\n")[-1] == f"Reporting by {WORDS[-1].title()}"
    assert removed[-1].startswith("Reader 1 says")
