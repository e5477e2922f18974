"""Archive and wire conventions undone at ingest: tokens, stamps, bylines, datelines."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.ingest.detokenize import detokenize, looks_tokenized
from storyline.ingest.wire import read_conventions


@pytest.mark.parametrize(
    ("tokens", "prose"),
    [
        (
            "Egypt 's government said -LRB- on Monday -RRB- .",
            "Egypt's government said (on Monday).",
        ),
        ("He `` will not '' run , he said .", "He “will not” run, he said."),
        ("They do n't know ; we ca n't say .", "They don't know; we can't say."),
        ("The ` Father ' of Malaysia .", "The ‘Father’ of Malaysia."),
        ("the demonstrators ' planned march", "the demonstrators' planned march"),
        ("the Qur ` an and ex-Ba ` athist men", "the Qur'an and ex-Ba'athist men"),
        ("more than # 100m and $ 20 billion", "more than £100m and $20 billion"),
        ("HOUSTON\\/SEATTLE -- a deal", "HOUSTON/SEATTLE — a deal"),
        ("Washington , D.C. .", "Washington, D.C."),
    ],
)
def test_penn_treebank_tokens_become_prose(tokens: str, prose: str) -> None:
    assert detokenize(tokens, tokenized=True) == prose


def test_a_bracket_cut_by_the_sentence_splitter_is_joined() -> None:
    text = "British oil major BP Plc -LRB- BP .\nL -RRB- hired Transocean .\nNext line ."
    assert detokenize(text) == "British oil major BP Plc (BP.L) hired Transocean.\nNext line."


def test_prose_is_left_alone() -> None:
    prose = "He said, quietly: “We'll see.” Then (after a pause) he left. It's over; done."
    assert not looks_tokenized(prose)
    assert detokenize(prose) == prose


def test_stamp_and_agency_dateline_become_metadata() -> None:
    found = read_conventions(
        "LONDON | Thu Apr 29 , 2010 11:29 am EDT LONDON -LRB- Reuters -RRB- - Shares in BP fell "
        "7 percent on Thursday .\nInvestors are worried ."
    )
    assert found.text == "Shares in BP fell 7 percent on Thursday.\nInvestors are worried."
    assert (found.place, found.agency, found.stamp_date) == ("LONDON", "Reuters", date(2010, 4, 29))


def test_byline_before_the_stamp_and_title_before_it() -> None:
    found = read_conventions(
        "By Maggie Fox , Health and Science Editor WASHINGTON | Mon Mar 2 , 2009 4:23 pm EST "
        "WASHINGTON -LRB- Reuters -RRB- - Virtually all cases resist the drug ."
    )
    assert found.author == "Maggie Fox, Health and Science Editor"
    assert found.place == "WASHINGTON"
    assert found.text == "Virtually all cases resist the drug."
    titled = read_conventions(
        "Fury at ` shoot for fun ' memo Tuesday 4 January 2005 08.43 GMT One of the biggest "
        "security firms has created outrage ."
    )
    assert titled.title == "Fury at ‘shoot for fun’ memo"
    assert titled.text == "One of the biggest security firms has created outrage."


def test_byline_after_the_stamp_and_a_caps_dateline() -> None:
    found = read_conventions(
        "By Shailagh Murray and Paul Kane TOLEDO , Ohio , Oct. 20 -- Determined to keep the "
        "spotlight on the economy , he added tax breaks ."
    )
    assert found.author == "Shailagh Murray and Paul Kane"
    assert found.place == "TOLEDO"
    assert found.text.startswith("Determined to keep")


def test_live_blog_update_stamps_and_reference_codes_are_cut() -> None:
    found = read_conventions(
        "First line of the story is long enough here .\n"
        "-LRB- Update 9:16 p.m. Cairo , 2:16 p.m. ET -RRB- Egypt 's government should talk .\n"
        "Oil majors do not buy coverage . -LRB- IDn : nN26150882 -RRB-\n"
        "-LRB- ID : nWEN3872 -RRB- ."
    )
    assert found.text.split("\n") == [
        "First line of the story is long enough here.",
        "Egypt's government should talk.",
        "Oil majors do not buy coverage.",
    ]


def test_a_sentence_that_opens_with_a_date_keeps_it() -> None:
    text = "On April 20, 2010, the rig exploded and sank two days later in the Gulf."
    found = read_conventions(text)
    assert found.text == text
    assert found.stamp_date is None


def test_staff_byline() -> None:
    found = read_conventions("By the CNN Wire Staff Main opposition party says 149 were held.")
    assert (found.author, found.text) == (
        "CNN Wire Staff",
        "Main opposition party says 149 were held.",
    )


def test_a_picture_credit_near_the_top_closes_the_header() -> None:
    found = read_conventions(
        "Oil reaches the coast The rig burning last week .\n"
        "It later sank .\n"
        "Photograph : Gerald Herbert\\/AP Underwater robots dived to the ocean floor .\n"
        "Photograph : John Moore\\/Getty Images Marine scientists viewed the footage .\n"
        "5.15 pm CDT : The Associated Press confirms the story ."
    )
    assert found.text.split("\n") == [
        "Underwater robots dived to the ocean floor.",
        "Marine scientists viewed the footage.",
        "The Associated Press confirms the story.",
    ]


def test_an_update_label_with_its_clock_is_part_of_the_stamp() -> None:
    found = read_conventions(
        "24 June 2010 Last updated at 14:59 GMT A year on , the fans gather .\n"
        "Last updated at 06:28 The doctor is found guilty .\n"
        "Updated at 5 p.m. the talks resumed ."
    )
    assert found.stamp_date == date(2010, 6, 24)
    assert found.text.split("\n") == [
        "A year on, the fans gather.",
        "The doctor is found guilty.",
        "Updated at 5 p.m. the talks resumed.",
    ]


def test_an_agency_dateline_a_few_lines_down_ends_the_header() -> None:
    found = read_conventions(
        "Harbour strike ends after pay deal\n"
        "Dock workers stand at the gate of the harbour in this picture taken on May 2 , 2010 .\n"
        "Picture taken May 2 , 2010 .\n"
        "RIVERTON | Mon May 3 , 2010 7:30 pm EDT RIVERTON -LRB- Reuters -RRB- - Dock workers "
        "ended their strike at the harbour on Monday .\nThe union called it a victory ."
    )
    assert found.text == (
        "Dock workers ended their strike at the harbour on Monday.\nThe union called it a victory."
    )
    assert found.title == "Harbour strike ends after pay deal"
    assert (found.place, found.agency) == ("RIVERTON", "Reuters")


def test_an_agency_dateline_run_into_the_first_line_ends_the_header() -> None:
    found = read_conventions(
        "Shares slump 30 percent -LRB- Recasts lead , adds share price -RRB- LONDON , May 8 "
        "-LRB- Reuters -RRB- - The lender said loan defaults would eat into its profits .\n"
        "Its shares fell ."
    )
    assert found.text == (
        "The lender said loan defaults would eat into its profits.\nIts shares fell."
    )
    assert (found.place, found.agency) == ("LONDON", "Reuters")
    bullets = read_conventions(
        "* Quarantine sours relations * Spat revives old tensions MEXICO CITY , May 5 "
        "-LRB- Reuters -RRB- - China 's decision has soured the relationship ."
    )
    assert bullets.text == "China's decision has soured the relationship."
    assert bullets.place == "MEXICO CITY"
    # A capitalised place in the story's own sentences is no dateline.
    story = read_conventions("Talks in GENEVA, May 5 (the Reuters count) - resumed on Monday .")
    assert story.text.startswith("Talks in GENEVA")


@pytest.mark.parametrize(
    ("head", "author", "outlet", "place", "text"),
    [
        (
            "By Jane Roe BBC News, Los Angeles Conrad Murray was sentenced.",
            "Jane Roe",
            "BBC News",
            "Los Angeles",
            "Conrad Murray was sentenced.",
        ),
        (
            "By Jane Roe Environment correspondent, BBC News The oil has reached the coast.",
            "Jane Roe",
            "BBC News",
            None,
            "The oil has reached the coast.",
        ),
        (
            "Jane Roe, BBC News, Los Angeles Michael Jackson had trouble sleeping.",
            "Jane Roe",
            "BBC News",
            "Los Angeles",
            "Michael Jackson had trouble sleeping.",
        ),
    ],
)
def test_a_reporters_signature_after_the_byline_is_metadata(
    head: str, author: str, outlet: str, place: str | None, text: str
) -> None:
    found = read_conventions(head)
    assert (found.author, found.agency, found.place, found.text) == (author, outlet, place, text)


def test_a_name_and_an_acronym_without_a_place_are_the_story() -> None:
    # Not a signature: no byline, no place it was filed from.
    for text in ("John Smith UN envoy said the talks failed.", "John Smith, UN, said he would go."):
        assert read_conventions(text).text == text


@pytest.mark.parametrize(
    ("credit", "place"),
    [("AP2010 WASHINGTON", "WASHINGTON"), ("Coast Guard via AP NEW YORK", "NEW YORK")],
)
def test_a_caption_and_its_credit_before_the_dateline_are_not_the_story(
    credit: str, place: str
) -> None:
    found = read_conventions(
        "May 23 : An oil-covered pelican flaps its wings on an island .\n"
        f"{credit} -- Congress is getting ready to quadruple a tax on oil .\n"
        "The increase would raise $ 11 billion ."
    )
    assert found.text == (
        "Congress is getting ready to quadruple a tax on oil.\n"
        "The increase would raise $11 billion."
    )
    assert found.place == place


def test_an_agency_name_opening_a_sentence_is_no_credit() -> None:
    found = read_conventions("AP reporters saw the rig burn.\nReuters said so.")
    assert found.text == "AP reporters saw the rig burn.\nReuters said so."
    assert found.place is None


@pytest.mark.parametrize(
    "line",
    ["(AP Photo) President Obama warned Sunday.", "AP2010 President Obama warned Sunday."],
)
def test_a_credit_run_into_the_first_sentence_is_cut(line: str) -> None:
    found = read_conventions(f"{line}\nMore text follows here.")
    assert found.text == "President Obama warned Sunday.\nMore text follows here."
