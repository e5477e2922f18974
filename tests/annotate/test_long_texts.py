"""Long texts: parsed in bounded chunks with exact offsets; overlap lookups without scans."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from tests.helpers import long_article_text

from storyline.annotate import nlp as nlp_module
from storyline.annotate.nlp import chunk_bounds, load_nlp, parse
from storyline.annotate.span_index import SpanIndex
from storyline.model import Article, Span
from storyline.workflow import annotate_docs

ranges = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=40,
)


@given(ranges, st.integers(0, 240), st.integers(0, 30))
def test_span_index_finds_what_a_scan_finds(spans: list[tuple[int, int]], a: int, n: int) -> None:
    index = SpanIndex(spans, lambda s: s)  # added out of order: the index sorts them
    expected = [s for s in spans if Span(*s).overlaps(Span(a, a + n))]
    assert index.overlapping(a, a + n) == expected
    assert index.any_overlapping(a, a + n) == bool(expected)


@given(st.text(alphabet="ab .\n", max_size=400), st.integers(1, 60))
def test_chunks_tile_the_text_within_the_limit(text: str, limit: int) -> None:
    bounds = chunk_bounds(text, limit)
    assert bounds[0][0] == 0
    assert bounds[-1][1] == len(text)
    assert all(a < b or len(text) == 0 for a, b in bounds)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(bounds))
    assert all(b - a <= limit for a, b in bounds)


def test_long_text_is_cut_at_paragraph_breaks() -> None:
    text = long_article_text(130_000)
    bounds = chunk_bounds(text, 50_000)
    assert len(bounds) == 3
    assert all(text[b - 2 : b] == "\n\n" for _, b in bounds[:-1])


def test_chunked_parse_keeps_the_text_and_its_offsets() -> None:
    text = long_article_text(120_000)
    (parsed,) = parse(load_nlp(), [text])
    assert parsed.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in parsed)
    starts = {s.start_char for s in parsed.sents}
    assert all(b in starts for _, b in chunk_bounds(text, nlp_module.CHUNK_CHARS)[:-1])


def test_chunking_leaves_paragraph_bound_annotations_alone(monkeypatch: object) -> None:
    """An article parsed whole and in chunks a few paragraphs long gets the same sentences
    and nearly the same mentions (the parse of a paragraph hardly depends on its
    neighbours)."""
    text = long_article_text(12_000)
    limit = max(len(p) for p in text.split("\n\n")) + 2  # every cut at a paragraph break
    whole = annotate_docs([Article(id="a", text=text, language="en")], ["sentences", "entities"])
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", limit)  # type: ignore[attr-defined]
    assert all(text[b - 2 : b] == "\n\n" for _, b in chunk_bounds(text, limit)[:-1])
    assert len(chunk_bounds(text, limit)) > 2
    cut = annotate_docs([Article(id="a", text=text, language="en")], ["sentences", "entities"])
    assert cut[0].sentences == whole[0].sentences
    mentions = {(m.span, m.label) for m in whole[0].mentions}
    same = {(m.span, m.label) for m in cut[0].mentions} & mentions
    assert len(same) >= 0.9 * len(mentions)
