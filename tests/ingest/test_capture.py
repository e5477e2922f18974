"""The capture cleaner on the three seed pages and on synthetic pages in other languages."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from storyline.ingest.capture import CapturedPage, CapturedStory, parse_capture, split_dateline

PAGE_000 = "000_562d76d7c2eb4152.txt"
PAGE_001 = "001_d1face07a20bebb5.txt"
PAGE_002 = "002_7c12dc2130b3d8d3.txt"

# Every piece of chrome in the seed pages, whole lines and the telltale parts of them.
SEED_CHROME = [
    "Go to contents",
    "Posted January. 16, 2026",
    "Updated January. 16, 2026",
    "Billede genereret af AI",
    "Rapporteret af AI",
    "Hvad folk siger",
    "Relaterede artikler",
    "Dette websted bruger cookies",
    "Vi bruger cookies",
    "privatlivspolitik",
    "Afvis",
    "WASHINGTON —",
    "SEOUL, Dec. 19 (Yonhap) --",
    "\u00a0",
]
SEED_CAPTIONS = [
    "Illustrative handshake between Trump and Kim Jong-un against White House backdrop",
    "Acting US envoy Kevin Kim speaks on open options for North Korea peace plan",
]


def _seed(seeds_dir: Path, name: str) -> str:
    return (seeds_dir / name).read_text(encoding="utf-8")


def _stories(page: CapturedPage) -> list[CapturedStory]:
    return [page.main, *page.blurbs]


def _all_seed_pages(seeds_dir: Path) -> list[CapturedPage]:
    return [
        parse_capture(_seed(seeds_dir, PAGE_000), published=date(2018, 2, 13)),
        parse_capture(_seed(seeds_dir, PAGE_001)),
        parse_capture(_seed(seeds_dir, PAGE_002)),
    ]


def _normalized(text: str) -> str:
    return " ".join(text.split())


def test_000_is_one_story_with_a_washington_dateline(seeds_dir: Path) -> None:
    page = parse_capture(_seed(seeds_dir, PAGE_000), published=date(2018, 2, 13))
    main = page.main
    assert main.title is None
    assert main.dateline == "WASHINGTON"
    assert main.text.startswith("The Trump administration, scrambling")
    assert main.text.endswith("give up his arsenal.")
    assert (main.published, main.published_precision, main.published_from) == (
        date(2018, 2, 13),
        "day",
        "metadata",
    )
    assert main.kind == "article"
    assert main.language == "en"
    assert page.blurbs == []
    assert page.removed == []
    assert page.chrome_language is None
    # One paragraph a line in the capture, one paragraph in the text.
    assert main.text.count("\n\n") == 20


def test_001_main_story_is_dated_by_its_text(seeds_dir: Path) -> None:
    page = parse_capture(_seed(seeds_dir, PAGE_001))
    main = page.main
    title = "White House says Trump remains open to dialogue with Kim without preconditions"
    assert main.title == title
    assert title not in main.text
    assert main.text.startswith("The White House stated on Thursday")
    assert (main.published, main.published_precision, main.published_from) == (
        date(2026, 2, 27),
        "day",
        "text",
    )
    assert main.language == "en"
    assert page.chrome_language == "da"
    # The "what people say" section belongs to the story; only its heading is chrome.
    assert "Initial reactions on X" in main.text
    assert "Acting U.S. Ambassador" not in main.text


def test_001_related_stories_become_dated_blurbs(seeds_dir: Path) -> None:
    page = parse_capture(_seed(seeds_dir, PAGE_001))
    blurbs = page.blurbs
    assert [b.published for b in blurbs] == [
        date(2025, 11, 28),
        None,
        None,
        date(2025, 12, 19),
        date(2025, 11, 1),
        date(2026, 1, 16),
        None,
    ]
    assert all(b.kind == "blurb" for b in blurbs)
    assert all(b.language == "en" for b in blurbs)
    assert blurbs[0].title == "Acting US envoy keeps all options open on North Korea peace plan"
    assert blurbs[0].text.startswith("Acting U.S. Ambassador to South Korea Kevin Kim")
    assert [b.title for b in blurbs[1:]] == [None] * 6
    yonhap = blurbs[3]
    assert yonhap.dateline == "SEOUL, Dec. 19 (Yonhap)"
    assert yonhap.text.startswith("Unification Minister Chung Dong-young vowed Friday")
    for blurb in blurbs:
        if blurb.published is None:
            assert (blurb.published_precision, blurb.published_from) == ("unknown", "unknown")
        else:
            assert (blurb.published_precision, blurb.published_from) == ("day", "text")
    assert blurbs[6].text.startswith("North Korea on Saturday denounced")


def test_001_undated_blurbs_are_named_in_a_warning(
    seeds_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="storyline.ingest.capture"):
        parse_capture(_seed(seeds_dir, PAGE_001))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3
    assert any("Whether North Korean leader Kim Jong-un will meet" in w for w in warnings)
    assert any("North Korea on Saturday denounced" in w for w in warnings)


def test_001_blurbs_are_anchored_to_a_month_precise_page_date(seeds_dir: Path) -> None:
    # Dated only "January 2026": the page may be from January 31, so January 16 counts.
    page = parse_capture(
        _seed(seeds_dir, PAGE_001), published=date(2026, 1, 1), published_precision="month"
    )
    assert page.main.published_from == "metadata"
    assert page.main.published_precision == "month"
    dates = [b.published for b in page.blurbs]
    assert dates[3] == date(2025, 12, 19)
    assert dates[5] == date(2026, 1, 16)


def test_002_is_dated_by_its_posted_line(seeds_dir: Path) -> None:
    page = parse_capture(_seed(seeds_dir, PAGE_002))
    main = page.main
    assert main.title == "Seoul presses Pyongyang talks amid U.S. uncertainty"
    assert (main.published, main.published_precision, main.published_from) == (
        date(2026, 1, 16),
        "day",
        "text",
    )
    assert main.text.startswith("Since the start of the new year")
    assert main.dateline is None
    assert page.blurbs == []
    assert "Go to contents" in page.removed
    assert "Posted January. 16, 2026 08:55," in page.removed


def test_a_caller_date_wins_over_the_posted_line(seeds_dir: Path) -> None:
    page = parse_capture(_seed(seeds_dir, PAGE_002), published=date(2026, 1, 15))
    assert (page.main.published, page.main.published_from) == (date(2026, 1, 15), "metadata")


def test_no_seed_chrome_is_left_in_any_story(seeds_dir: Path) -> None:
    for page in _all_seed_pages(seeds_dir):
        for story in _stories(page):
            for chrome in SEED_CHROME + SEED_CAPTIONS:
                assert chrome not in story.text, (chrome, story.text[:60])
                assert chrome not in (story.title or "")


def test_seed_text_is_verbatim_from_the_capture(seeds_dir: Path) -> None:
    raws = [_seed(seeds_dir, name) for name in (PAGE_000, PAGE_001, PAGE_002)]
    for raw, page in zip(raws, _all_seed_pages(seeds_dir), strict=True):
        source = _normalized(raw)
        for story in _stories(page):
            for paragraph in story.text.split("\n\n"):
                assert _normalized(paragraph) in source
            if story.title:
                assert story.title in source
        for line in page.removed:
            assert line in source


def test_a_page_without_any_date_is_unknown_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    raw = (
        "Seoul weighs new overture to Pyongyang\n\n"
        "South Korea is considering a fresh proposal for military talks with the North, "
        "officials said, as the two sides remain far apart on the terms for dialogue.\n\n"
        "The proposal would be the first since the North rejected a similar offer."
    )
    with caplog.at_level(logging.WARNING, logger="storyline.ingest.capture"):
        page = parse_capture(raw)
    assert page.main.title == "Seoul weighs new overture to Pyongyang"
    assert (page.main.published, page.main.published_precision) == (None, "unknown")
    assert page.main.published_from == "unknown"
    assert any("Seoul weighs new overture" in r.getMessage() for r in caplog.records)


STORY = [
    "The European Central Bank held interest rates steady on Thursday, saying inflation "
    "was moving back toward its target faster than expected.",
    "Officials said they would watch wage growth closely in the coming months before "
    "deciding whether to cut borrowing costs again.",
    "Markets had largely expected the decision, and the euro was little changed after the "
    "announcement in Frankfurt.",
]


def test_a_german_cookie_banner_on_an_english_story() -> None:
    raw = (
        "Zum Inhalt springen\n\nECB holds rates as inflation cools\n\n"
        + "\n\n".join(STORY)
        + "\n\nDiese Website verwendet Cookies\n\n"
        "Wir verwenden Cookies, um Ihnen das beste Erlebnis auf unserer Website zu bieten. "
        "Mehr Informationen finden Sie in unserer Datenschutzerklärung.\n"
        "Alle akzeptieren\nAblehnen"
    )
    page = parse_capture(raw, published=date(2025, 11, 6))
    assert page.main.title == "ECB holds rates as inflation cools"
    assert page.main.text == "\n\n".join(STORY)
    assert page.chrome_language == "de"
    assert page.main.language == "en"
    assert len(page.removed) == 5


def test_french_chrome_and_a_french_related_heading() -> None:
    raw = (
        "Aller au contenu\nMenu\n\nFRANKFURT — "
        + STORY[0]
        + "\n\nPhoto : AFP\n\n"
        + "\n\n".join(STORY[1:])
        + "\n\nPartager\n\nArticles connexes\n\n"
        "Euro zone growth stalls in third quarter\n\n"
        "The euro zone economy stalled in the three months to September, data showed on "
        "October 30.\n\n"
        "Nous utilisons des cookies pour améliorer votre expérience.\nTout accepter"
    )
    page = parse_capture(raw, published=date(2025, 11, 6))
    assert page.main.dateline == "FRANKFURT"
    assert page.main.text == "\n\n".join(STORY)
    assert page.chrome_language == "fr"
    [blurb] = page.blurbs
    assert blurb.title == "Euro zone growth stalls in third quarter"
    assert blurb.published == date(2025, 10, 30)
    assert "Tout accepter" in page.removed


def test_foreign_ui_lines_outside_any_lexicon_are_chrome() -> None:
    # None of these is in a lexicon: they go because they are short and not English.
    foreign = [
        "Suivez-nous sur les réseaux sociaux",
        "Nyhedsbrev: Få de vigtigste nyheder direkte i din indbakke",
        "많이 본 뉴스",
        "関連ニュース一覧",
    ]
    raw = "\n\n".join([foreign[0], STORY[0], foreign[1], STORY[1], foreign[2], STORY[2]])
    page = parse_capture(raw + "\n\n" + foreign[3])
    assert page.main.text == "\n\n".join(STORY)
    assert page.removed == foreign


def test_captions_with_credits_navigation_and_repeated_buttons() -> None:
    raw = (
        "Home | World | Europe | Economy\n\n"
        "ECB chief Christine Lagarde speaks in Frankfurt. (AP Photo/Michael Probst)\n\n"
        + STORY[0]
        + "\n\nA trader watches screens at the stock exchange in Frankfurt.\n"
        "Photo: Reuters\n\n" + "\n\n".join(STORY[1:]) + "\n\nShare\n\nShare"
    )
    page = parse_capture(raw)
    assert page.main.text == "\n\n".join(STORY)
    assert "A trader watches screens at the stock exchange in Frankfurt." in page.removed


def test_a_pull_quote_repeated_later_keeps_its_first_copy() -> None:
    quote = "“We are not on a preset path,” the bank's president told reporters in Frankfurt."
    raw = "\n\n".join([STORY[0], quote, STORY[1], quote, STORY[2]])
    page = parse_capture(raw)
    assert page.main.text == "\n\n".join([STORY[0], quote, STORY[1], STORY[2]])


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    raw = (
        "The European Central Bank held interest rates steady on Thursday, saying\n"
        "inflation was moving back toward its target faster than expected.\n\n" + STORY[1]
    )
    page = parse_capture(raw)
    assert page.main.text == STORY[0] + "\n\n" + STORY[1]


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("WASHINGTON — The Trump administration", "WASHINGTON", "The Trump administration"),
        ("SEOUL, Dec. 19 (Yonhap) -- Unification", "SEOUL, Dec. 19 (Yonhap)", "Unification"),
        ("NEW YORK (Reuters) - Stocks fell", "NEW YORK (Reuters)", "Stocks fell"),
        ("BEIJING, China — “We oppose it,”", "BEIJING, China", "“We oppose it,”"),
        ("ZÜRICH—Swiss banks", "ZÜRICH", "Swiss banks"),
        ("Washington — The city", None, "Washington — The city"),
        ("AI — the technology", None, "AI — the technology"),
        ("NATO, the alliance — said", None, "NATO, the alliance — said"),
        ("U.S.-North Korea ties", None, "U.S.-North Korea ties"),
    ],
)
def test_split_dateline(paragraph: str, dateline: str | None, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


def test_empty_and_chrome_only_pages_give_an_empty_story() -> None:
    for raw in ["", "   \n\n\u00a0\n", "Go to contents\n\nAfvis\n\nShare"]:
        page = parse_capture(raw)
        assert page.main.text == ""
        assert page.main.title is None
        assert page.blurbs == []
