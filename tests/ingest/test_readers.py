"""Readers through the one ingest entry point: JSONL, feeds, WARC, Timeline17, sidecars, stdin."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from tests.helpers import run_cli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.store import Store, open_store
from storyline.workflow import IngestOptions, ingest

STORY = (
    "North Korea and the United States held working-level talks in Stockholm on Saturday, "
    "the first in months, but the North's delegation walked out after eight hours, saying "
    "Washington had come empty-handed. The State Department said the talks were good."
)
PAGE = (
    "<html><head><title>Talks collapse</title>"
    '<meta property="article:published_time" content="2019-10-05T10:00:00Z"></head>'
    "<body><nav>Home | World | Sport</nav><article><h1>Talks collapse in Stockholm</h1>"
    + "".join(f"<p>{STORY} Paragraph {i} adds detail on the talks.</p>" for i in range(4))
    + "</article><footer>Copyright 2019</footer></body></html>"
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(f"sqlite:///{tmp_path / 's.db'}")


def quick() -> IngestOptions:
    return IngestOptions(annotate=False)


def test_jsonl_records_and_a_bad_line(tmp_path: Path, store: Store) -> None:
    lines = [
        json.dumps(
            {
                "url": "https://x.test/1",
                "title": "One",
                "published": "2019-10-05",
                "text": STORY,
                "source": "Wire",
            }
        ),
        "{not json",
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Two", "published": "2019-10", "text": STORY + " More."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = ingest(store, [str(path)], quick())
    statuses = sorted(o.status for o in report.outcomes)
    assert statuses == ["ingested", "ingested", "skipped", "skipped"]
    reasons = " ".join(o.reason or "" for o in report.outcomes if o.status == "skipped")
    assert "line 2 is not JSON" in reasons
    assert 'line 3 has no "text"' in reasons
    two, one = store.articles()  # date order: 2019-10 (month) sorts as its first day
    assert (one.title, one.published, one.source) == ("One", date(2019, 10, 5), "Wire")
    assert (two.published_precision, two.published_from) == ("month", "metadata")


def test_feeds(eval_dir: Path, store: Store) -> None:
    samples = eval_dir / "ingest" / "feed-samples"
    report = ingest(
        store, [str(samples / n) for n in ("feed1.atom", "feed2.rss", "feed.json")], quick()
    )
    ingested = [o for o in report.outcomes if o.status == "ingested"]
    assert ingested, report.outcomes
    assert {o.name.split("#")[0].rsplit("/", 1)[-1] for o in ingested} >= {"feed.json"}
    for a in store.articles():
        assert a.text.strip()
        assert "<p>" not in a.text


def test_sitemap_is_reported_not_ingested(eval_dir: Path, store: Store) -> None:
    report = ingest(store, [str(eval_dir / "ingest" / "feed-samples" / "sitemap.xml")], quick())
    assert [o.status for o in report.outcomes] == ["skipped"]
    assert "sitemap" in (report.outcomes[0].reason or "")


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
                )
            )


def test_warc_response_records(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(
        path,
        [
            ("https://news.test/a", PAGE),
            ("https://news.test/empty", "<html><body><nav>Menu</nav></body></html>"),
        ],
    )
    report = ingest(store, [str(path)], quick())
    assert sorted(o.status for o in report.outcomes) == ["ingested", "skipped"]
    (article,) = store.articles()
    assert article.url == "https://news.test/a"
    assert "Stockholm" in article.text
    assert "Home | World" not in article.text


def test_real_warc_sample(eval_dir: Path, store: Store) -> None:
    report = ingest(store, [str(eval_dir / "ingest" / "warc-sample" / "aeb-181.warc.gz")], quick())
    assert report.counts()["ingested"] >= 150


def test_timeline17_layout_dates_from_folder(tmp_path: Path, store: Store) -> None:
    day = tmp_path / "MJ_bbc" / "InputDocs" / "2009-06-27"
    day.mkdir(parents=True)
    (day / "114.htm.txt").write_text("Jackson death was ` not suspicious ' .\nBut tests go on .\n")
    ingest(store, [str(tmp_path)], quick())
    (a,) = store.articles()
    # The outlet is the source (the folder is <topic>_<outlet>); the tokens become prose.
    assert (a.published, a.published_from, a.source) == (date(2009, 6, 27), "folder", "bbc")
    assert a.text == "Jackson death was ‘not suspicious’.\nBut tests go on."


def test_sidecar_and_flags(tmp_path: Path, store: Store) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "page.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "page.txt.meta.json").write_text(
        json.dumps({"source": "Yonhap", "published": "2019-10-06", "url": "https://y.test/1"})
    )
    report = ingest(store, [str(tmp_path)], quick())
    assert [o.status for o in report.outcomes] == ["ingested"]  # the sidecar is not an input
    (a,) = store.articles()
    assert (a.source, a.published, a.published_from, a.url) == (
        "Yonhap",
        date(2019, 10, 6),
        "metadata",
        "https://y.test/1",
    )


def test_bad_sidecar_names_the_file(tmp_path: Path, store: Store) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "page.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "page.txt.meta.json").write_text('{"published": "yesterday"}')
    (o,) = ingest(store, [str(tmp_path)], quick()).outcomes
    assert o.status == "skipped"
    assert "page.txt.meta.json" in (o.reason or "") + o.name


def test_html_page(tmp_path: Path, store: Store) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    ingest(store, [str(tmp_path / "*.html")], quick())
    (a,) = store.articles()
    assert a.published == date(2019, 10, 5)
    assert a.published_from == "metadata"


def test_stdin_and_cli_flags(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    res = run_cli(
        "ingest",
        "-",
        "--source",
        "Pasted",
        "--published",
        "2019-10-05",
        "--no-annotate",
        db=db,
        stdin=STORY.encode(),
    )
    assert res.returncode == 0, res.stderr
    assert "1 ingested" in res.stdout
    listing = run_cli("list", "--format", "json", db=db)
    (row,) = json.loads(listing.stdout)
    assert (row["source"], row["published"]) == ("Pasted", "2019-10-05")


def test_unknown_date_is_a_warning_not_a_guess(tmp_path: Path, store: Store) -> None:
    (tmp_path / "undated.txt").write_text(STORY, encoding="utf-8")
    (o,) = ingest(store, [str(tmp_path / "undated.txt")], quick()).outcomes
    assert o.status == "ingested"
    assert "no publication date" in (o.reason or "")
    (a,) = store.articles()
    assert (a.published, a.published_precision, a.published_from) == (None, "unknown", "unknown")


def test_jsonl_posts_keep_their_author_handle_and_time(tmp_path: Path, store: Store) -> None:
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        '{"kind": "post", "author": "Sam Lee", "handle": "samlee", '
        '"time": "2011-02-11T18:04:00Z", "text": "Tahrir is celebrating tonight", '
        '"url": "https://social.example/samlee/1"}\n'
        '{"kind": "tweet", "text": "unknown kind"}\n',
        encoding="utf-8",
    )
    report = ingest(store, [str(posts)], quick())
    assert any("kind 'tweet'" in (o.reason or "") for o in report.outcomes)
    (post,) = store.articles()
    assert (post.kind, post.author, post.published) == (
        "post",
        "Sam Lee (@samlee)",
        date(2011, 2, 11),
    )
