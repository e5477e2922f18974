"""The extraction scorers on hand-computed cases, and the suite on a few real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval import check_floors
from storyline.eval import extraction as suite
from storyline.eval.extraction_scores import (
    ShingleCounts,
    aeb_scores,
    date_matches,
    shingle_counts,
    snippet_rate,
    title_matches,
    word_prf,
)


def test_shingles_by_hand() -> None:
    # Truth "a b c d e": shingles abcd, bcde. Prediction "a b c d x": abcd, bcdx.
    # tp=1 fp=1 fn=1, normalised by 3.
    counts = shingle_counts("a b c d e", "a b c d x")
    assert counts == pytest.approx(ShingleCounts(1 / 3, 1 / 3, 1 / 3))
    # Fewer than four tokens make one short shingle; case matters in AEB.
    assert shingle_counts("Hello world", "Hello world") == ShingleCounts(1.0, 0.0, 0.0)
    assert shingle_counts("Hello world", "hello world") == pytest.approx(
        ShingleCounts(0.0, 0.5, 0.5)
    )
    # Nothing predicted: all false negatives.
    assert shingle_counts("a b c d", "") == ShingleCounts(0.0, 0.0, 1.0)


def test_aeb_means_skip_empty_predictions_for_precision() -> None:
    pages = [
        ShingleCounts(1 / 3, 1 / 3, 1 / 3),  # p = r = 0.5
        ShingleCounts(0.0, 0.0, 1.0),  # nothing predicted: no precision, recall 0
    ]
    scores = aeb_scores(pages)
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.25)
    assert scores["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_word_prf_by_hand() -> None:
    # pred tokens: the cat sat on (4); ref: the cat sat on the mat (6); overlap 4.
    precision, recall, f1 = word_prf("The cat sat on", "the cat, sat on the mat")
    assert (precision, recall) == pytest.approx((1.0, 4 / 6))
    assert f1 == pytest.approx(2 * 1.0 * (4 / 6) / (1 + 4 / 6))
    assert word_prf("", "") == (1.0, 1.0, 1.0)
    assert word_prf("words", "") == (0.0, 0.0, 0.0)
    assert word_prf("", "words") == (0.0, 0.0, 0.0)


def test_snippets_titles_and_dates() -> None:
    assert snippet_rate("Sign up for our NEWSLETTER today", ["newsletter", "cookies"]) == 0.5
    assert snippet_rate("anything", []) == 1.0
    assert title_matches("Koreas agree to hold talks", "Koreas Agree to Hold Talks!")
    assert not title_matches(
        "Koreas agree to hold talks | Example News", "Koreas agree to hold talks"
    )
    assert not title_matches(None, "Koreas agree to hold talks")
    assert date_matches("2018-01-09", "2018-01-09")
    assert not date_matches("2018-01-10", "2018-01-09")
    assert not date_matches(None, "2018-01-09")


def test_unknown_folder_is_an_eval_data_error(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError):
        suite.evaluate(tmp_path / "absent")
    (tmp_path / "html").mkdir()
    with pytest.raises(EvalDataError):
        suite.evaluate(tmp_path)


@pytest.mark.evaldata
@pytest.mark.parametrize(
    ("folder", "metrics"),
    [
        ("aeb", {"f1", "precision", "recall"}),
        ("wcxb-dev-articles", {"word_f1", "leaked", "title_accuracy", "date_accuracy"}),
    ],
)
def test_suite_on_a_few_real_pages(eval_dir: Path, folder: str, metrics: set[str]) -> None:
    data = eval_dir / "ingest" / folder
    report = suite.evaluate(data, limit=4)
    assert report.suite == "extract"
    assert report.details["pages"] == 4
    assert metrics <= set(report.metrics)
    assert all(0.0 <= value <= 1.0 for value in report.metrics.values())
    # Bare trafilatura's scores sit beside ours, under the same names.
    assert metrics <= set(report.details["trafilatura"])
    assert report.seconds > 0
    floors = suite.floors(data)
    assert floors
    assert {f.metric for f in floors} <= set(report.metrics)
    # Four pages are too few to gate on, but the check itself must run.
    assert isinstance(check_floors(report, floors), list)
