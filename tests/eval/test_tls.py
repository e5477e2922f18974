"""The tilse metrics on a handmade pair, the Porter stemmer, the T17 reader and a real run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.eval import tls
from storyline.eval.porter import porter_stem
from storyline.eval.t17 import load_topics, read_gold_timeline
from storyline.eval.tilse_metrics import (
    PRF,
    TimelineScores,
    average_scores,
    rouge_tokens,
    score_timeline,
)

D1, D2, D3 = date(2010, 1, 1), date(2010, 1, 2), date(2010, 1, 3)

# Hand computation (see test docstrings): predicted day 1 aligns with reference day 1 (same
# day, cost 0); predicted day 3 aligns with reference day 2 (one day off: cost 1/2 × (1 − 0.4)
# beats two days off with no overlap, 2/3); reference day 2 aligns back with predicted day 3.
PREDICTED = {D1: ["the cat jumped"], D3: ["dogs bark loudly"]}
REFERENCE = {D1: ["a cat jumped down"], D2: ["dogs barked"]}


def test_rouge_tokens_drop_stopwords_and_stem() -> None:
    assert rouge_tokens(["a cat jumped down ."]) == ["cat", "jump"]
    assert rouge_tokens(["Dogs barked loudly"]) == ["dog", "bark", "loudli"]


def test_align_many_to_one_rouge_1() -> None:
    """Hits: day 1 pair (cat, jump) = 2 at weight 1; day 3→2 pair (dog, bark) = 2 at weight 1/2.

    Precision = (2 + 1) / (2 + 3 predicted tokens) = 0.6; recall = (2 + 1) / (2 + 2) = 0.75.
    """
    scores = score_timeline(PREDICTED, REFERENCE)
    assert scores.rouge_1.precision == pytest.approx(0.6)
    assert scores.rouge_1.recall == pytest.approx(0.75)
    assert scores.rouge_1.f_score == pytest.approx(2 / 3)


def test_align_many_to_one_rouge_2() -> None:
    """Bigrams: (cat jump) hits at weight 1; (dog bark) at 1/2, of 2 predicted bigrams."""
    scores = score_timeline(PREDICTED, REFERENCE)
    assert scores.rouge_2.precision == pytest.approx(1.5 / 3)
    assert scores.rouge_2.recall == pytest.approx(1.5 / 2)
    assert scores.rouge_2.f_score == pytest.approx(0.6)


def test_date_scores_are_set_overlap() -> None:
    scores = score_timeline(PREDICTED, REFERENCE)
    assert scores.dates == PRF(0.5, 0.5)


def test_identical_timelines_score_one() -> None:
    scores = score_timeline(REFERENCE, REFERENCE)
    assert scores.rouge_1 == PRF(1.0, 1.0)
    assert scores.rouge_2 == PRF(1.0, 1.0)
    assert scores.dates.f_score == 1.0


def test_average_takes_f_from_mean_precision_and_recall() -> None:
    one = TimelineScores(PRF(1.0, 0.0), PRF(0.0, 0.0), PRF(0.0, 0.0))
    two = TimelineScores(PRF(0.0, 1.0), PRF(0.0, 0.0), PRF(0.0, 0.0))
    mean = average_scores([one, two])
    assert mean.rouge_1 == PRF(0.5, 0.5)
    # The mean of the two F scores would be 0; news-tls reports F of the means.
    assert mean.rouge_1.f_score == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("agreed", "agre"),
        ("hopping", "hop"),
        ("filing", "file"),
        ("happy", "happi"),
        ("relational", "relat"),
        ("generalizations", "gener"),
        ("adjustment", "adjust"),
        ("controll", "control"),
        ("is", "is"),
        ("dying", "die"),
        ("enjoy", "enjoy"),
        ("days", "day"),
        ("ties", "tie"),
        ("geology", "geolog"),
    ],
)
def test_porter_stemmer(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_gold_timeline_reader(tmp_path: Path) -> None:
    path = tmp_path / "tl.txt"
    path.write_text(
        "2010-04-20\nThe rig explodes .\nEleven die .\n-----\n"
        "2010-04-0\nA misdated block .\n-----\n2010-05-02\nOil reaches land .\n",
        encoding="utf-8",
    )
    gold = read_gold_timeline(path)
    assert gold.dates == [date(2010, 4, 20), date(2010, 5, 2)]
    assert gold.n_dates == 2
    # 3 sentences over 2 dates: 1.5 rounds half to even, to 2.
    assert gold.sentences_per_date == 2


@pytest.mark.evaldata
def test_t17_topics_load(eval_dir: Path) -> None:
    topics = load_topics(eval_dir)
    assert len(topics) == 12
    assert all(topic.timelines for topic in topics)
    first = next(topics[0].documents())
    assert first.sentences
    assert first.id.count("/") == 1


@pytest.mark.evaldata
def test_one_real_timeline(eval_dir: Path) -> None:
    report = tls.evaluate(eval_dir, limit=1)
    assert report.details["timelines"] == 1
    assert report.details["per_timeline"][0]["topic"] == "H1N1_guardian"
    # Far above chance on this topic (measured ~.15 / ~.05 / ~.75); a broken aligner,
    # stemmer or date ranker falls well under these.
    assert report.metrics["ar1_f"] > 0.08
    assert report.metrics["ar2_f"] > 0.02
    assert report.metrics["date_f1"] > 0.4


@pytest.mark.evaldata
def test_gate_subset_is_the_three_smallest_topics(eval_dir: Path) -> None:
    # The floors themselves are checked on this subset by bench/gates.sh (CI), which runs the
    # whole product path (ingest and annotate 340 articles): too slow for the unit suite.
    chosen = tls._selected(eval_dir, tls.GATE_LIMIT)
    assert [t.name for t, _ in chosen] == ["H1N1_guardian", "H1N1_bbc", "MJ_bbc"]


def test_prose_goes_back_into_the_gold_tokens() -> None:
    from storyline.eval.ptb import ptb_tokens

    assert ptb_tokens("Egypt's leader (Mubarak) can't stay, Sen. Dodd said on Sept. 19.") == (
        "Egypt 's leader -LRB- Mubarak -RRB- ca n't stay , Sen. Dodd said on Sept. 19 ."
    )
    # A sentence's last word loses its full stop, whatever it is.
    assert ptb_tokens("The Tribune Co. sold it to the Tribune Co.") == (
        "The Tribune Co. sold it to the Tribune Co ."
    )
