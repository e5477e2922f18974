"""The ``time`` stage in the pipeline, and the TempEval-3 scorer on real TimeML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storyline.annotate.pipeline import run_pipeline
from storyline.eval import check_floors
from storyline.eval.tempeval import Counts, evaluate, floors, metrics, score_document
from storyline.eval.timeml import parse_timeml
from storyline.model import AnnotatedArticle, Article, Span, TimeExpression


def test_stage_anchors_each_article_on_its_own_date() -> None:
    page = AnnotatedArticle(
        Article(id="p", text="Talks start next year.", published=date(2026, 2, 27))
    )
    blurb = AnnotatedArticle(
        Article(
            id="b",
            text="Kim may meet Trump next year.",
            published=date(2025, 12, 1),
            published_precision="month",
            kind="blurb",
        )
    )
    german = AnnotatedArticle(Article(id="g", text="Nächstes Jahr, on Tuesday", language="de"))
    run_pipeline([page, blurb, german], ["time"])
    assert [t.value for t in page.times] == ["2027"]
    assert [(t.value, t.anchor) for t in blurb.times] == [("2026", "2025-12")]
    assert german.times == []
    assert "English-only" in german.skipped["time"]
    assert "times" in page.provided
    assert "times" not in german.provided


_TML = """<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08"
functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT><TEXT>
Prices fell &amp; rose on <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3>
and for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.</TEXT></TimeML>"""


def test_timeml_reader_and_scorer() -> None:
    doc = parse_timeml(_TML, "x.tml")
    assert doc.dct == date(1998, 1, 8)
    assert [doc.text[g.start : g.end] for g in doc.timexes] == ["Wednesday", "two weeks"]
    wed = doc.timexes[0]
    system = [
        TimeExpression(Span(wed.start, wed.end), "DATE", "1998-01-07"),
        TimeExpression(Span(doc.timexes[1].start + 4, doc.timexes[1].end), "DURATION", "P3W"),
        TimeExpression(Span(0, 6), "DATE", "PRESENT_REF"),
    ]
    c = score_document(doc.timexes, system)
    assert (c.gold, c.system, c.relaxed, c.strict, c.type, c.value) == (2, 3, 2, 1, 2, 1)
    m = metrics(c)
    assert m["relaxed_precision"] == 2 / 3
    assert m["relaxed_recall"] == 1.0
    assert abs(m["value_f1"] - 0.5 * 0.8) < 1e-9
    assert metrics(Counts())["relaxed_f1"] == 0.0


def test_tbaq_meets_its_floors(eval_dir: Path) -> None:
    data = eval_dir / "time" / "TBAQ-cleaned"
    report = evaluate(data, limit=40)
    assert report.details["documents"] == 40
    # The floors are pinned on the whole set; a 40-document slice must not fall far below.
    loose = [type(f)(f.metric, minimum=(f.minimum or 0) - 0.08) for f in floors(data)]
    assert check_floors(report, loose) == []
