"""extract_page on small handmade pages: chrome stripped, dates found, bad input survived."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest.html import ExtractedPage, decode_html, extract_page
from storyline.ingest.html_clean import clean_text, is_chrome_line
from storyline.ingest.html_meta import find_datelines, find_headline

STORY = [
    "North Korea said on Tuesday it would send a delegation to the talks in Panmunjom, "
    "the first such meeting between the two Koreas in more than two years.",
    "Officials in Seoul welcomed the announcement and said preparations for the meeting "
    "were under way, while Washington urged caution about the North's intentions.",
    "Analysts said the offer reflected pressure from sanctions and a wish to ease tensions "
    "before the Winter Olympics, which open next month in Pyeongchang.",
    "The unification ministry said working-level officials would discuss the agenda, the "
    "size of the delegations and security arrangements on the border.",
]


def article_page(
    *,
    head: str = "",
    byline: str = "",
    paragraphs: list[str] | None = None,
    footer: str = "© 2018 The Daily Example. All rights reserved.",
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs or STORY)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Koreas agree to hold talks | The Daily Example</title>{head}</head>
<body>
<div id="cookie-banner" class="cookie-consent">Vi bruger cookies til at forbedre din
oplevelse. <button>Accepter alle</button> <a href="/privacy">Privatlivspolitik</a></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Koreas agree to hold talks</h1>
<div class="byline">{byline}</div>
{body}
<p>Sign up for our newsletter</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article></main>
<footer><p>{footer}</p>
<a href="/terms">Terms of use</a></footer>
</body></html>"""


def test_article_text_without_cookie_banner_nav_or_share_lines() -> None:
    page = extract_page(article_page())
    assert page is not None
    for paragraph in STORY:
        assert paragraph in page.text
    for chrome in ("cookies", "Accepter", "Politics", "newsletter", "Facebook", "rights reserved"):
        assert chrome not in page.text
    # One paragraph a line, no blank lines.
    assert page.text.split("\n") == STORY


def test_title_is_the_headline_without_the_site_name() -> None:
    page = extract_page(article_page())
    assert page is not None
    assert page.title == "Koreas agree to hold talks"


def test_page_without_article_is_none() -> None:
    nav_only = """<html><head><title>Index</title></head><body>
    <nav><a href="/a">World</a> <a href="/b">Politics</a></nav>
    <footer>© 2024 Example</footer></body></html>"""
    assert extract_page(nav_only) is None


def test_date_from_metadata() -> None:
    head = '<meta property="article:published_time" content="2018-01-09T08:00:00+09:00">'
    page = extract_page(article_page(head=head))
    assert page is not None
    assert page.published == datetime.date(2018, 1, 9)
    assert page.published_precision == "day"
    assert page.published_from == "metadata"


def test_date_printed_in_the_byline_only() -> None:
    page = extract_page(article_page(byline="By Kim Min-ji · January 9, 2018 · 3 min read"))
    assert page is not None
    assert page.published == datetime.date(2018, 1, 9)
    assert page.published_from == "text"
    assert "3 min read" not in page.text


def test_printed_date_a_day_off_the_timestamp_keeps_the_timestamp() -> None:
    # 23:30 in New York is already the next day where the page was printed.
    head = '<meta property="article:published_time" content="2018-01-09T23:30:00-05:00">'
    page = extract_page(article_page(head=head, byline="January 10, 2018"))
    assert page is not None
    assert page.published == datetime.date(2018, 1, 9)
    assert page.published_from == "metadata"


def test_printed_update_does_not_replace_the_publication_date() -> None:
    head = '<meta property="article:published_time" content="2018-01-09">'
    page = extract_page(article_page(head=head, byline="Updated: March 2, 2018"))
    assert page is not None
    assert page.published == datetime.date(2018, 1, 9)


def test_copyright_year_is_only_a_year() -> None:
    page = extract_page(article_page())
    assert page is not None
    assert page.published == datetime.date(2018, 1, 1)
    assert page.published_precision == "year"


def test_no_date_anywhere() -> None:
    page = extract_page(article_page(footer="The Daily Example. All rights reserved."))
    assert page is not None
    assert page.published is None
    assert page.published_precision == "unknown"
    assert page.published_from == "unknown"


def test_url_is_kept() -> None:
    page = extract_page(article_page(), url="https://example.org/2018/01/09/talks")
    assert page is not None
    assert page.url == "https://example.org/2018/01/09/talks"


def test_bytes_in_a_declared_legacy_charset() -> None:
    html = article_page().replace('charset="utf-8"', 'charset="windows-1252"')
    html = html.replace("the two Koreas", "the two Koreas – café")
    page = extract_page(html.encode("cp1252"))
    assert page is not None
    assert "the two Koreas – café" in page.text


def test_invalid_utf8_does_not_raise() -> None:
    raw = article_page().encode("utf-8") + b"\xff\xfe\xc3(\x80 broken tail"
    page = extract_page(raw)
    assert page is not None
    assert STORY[0] in page.text


def test_empty_and_junk_inputs() -> None:
    assert extract_page(b"") is None
    assert extract_page("") is None
    assert extract_page(b"\x00\x01\x02\xff" * 100) is None
    assert extract_page("just some words, no markup") is None


def test_decode_html_falls_back_without_raising() -> None:
    assert decode_html(b"caf\xe9") == "café"
    assert decode_html("already text") == "already text"


def test_chrome_lines_are_short_and_specific() -> None:
    assert is_chrome_line("Advertisement")
    assert is_chrome_line("5 min read")
    assert is_chrome_line("Sign up for our newsletter.")
    assert is_chrome_line("Products are chosen independently by our editors.")
    assert not is_chrome_line("The newsletter industry has never been healthier, on paper.")
    assert not is_chrome_line(STORY[0])
    assert clean_text("  a  \n\n Advertisement \n b ") == "a\nb"


def test_datelines_labelled_published_or_updated() -> None:
    lines = find_datelines(
        "Published March 9, 2026 · Updated: Mar. 12, 2026 · 2026-03-01",
        datetime.date(2026, 12, 31),
    )
    assert [(d.date.isoformat(), d.kind) for _, _, d in lines] == [
        ("2026-03-09", "published"),
        ("2026-03-12", "updated"),
        ("2026-03-01", "published"),
    ]
    # A date after the latest plausible day is a typo or a countdown, not a dateline.
    assert find_datelines("March 9, 2030", datetime.date(2026, 12, 31)) == []


def test_headline_prefers_the_h1_matching_the_title() -> None:
    from lxml import html

    tree = html.fromstring(
        "<html><body><header><h1>Example News</h1></header>"
        "<h1>Koreas agree to hold talks</h1></body></html>"
    )
    _, title = find_headline(tree, "Koreas agree to hold talks - Example News")
    assert title == "Koreas agree to hold talks"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_extract_page_never_raises_on_bytes(raw: bytes) -> None:
    result = extract_page(raw)
    assert result is None or isinstance(result, ExtractedPage)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "<html>",
                "<body>",
                "<h1>",
                "</h1>",
                "<p>",
                "</p>",
                "<div>",
                "<script>",
                "<!--",
                "&amp;",
                "&#0;",
                "\x00",
                "é",
                "March 9, 2026",
                "<meta charset='x-bogus'>",
                "</html>",
            ]
        )
        | st.text(max_size=40),
        max_size=60,
    )
)
def test_extract_page_never_raises_on_markup_soup(parts: list[str]) -> None:
    result = extract_page("".join(parts))
    assert result is None or isinstance(result, ExtractedPage)
