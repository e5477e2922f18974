"""The PolNeAR scorer on a handmade BRAT pair, and a short run on the real dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import EvalDataError
from storyline.eval.polnear import (
    GoldAttribution,
    PredictedAttribution,
    evaluate,
    floors,
    metrics,
    read_ann,
    read_split,
    score_document,
)
from storyline.model import Span

TEXT = 'Kim said that the talks failed. "We are ready," Lee said. Polls show support.'


def at(words: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return Span(start, start + len(words))


def brat() -> str:
    """Three attributions: indirect (Kim), direct (Lee), and a poll (not speech)."""
    rows = [
        ("Source", at("Kim")),
        ("Cue", at("said")),
        ("Content", at("that the talks failed")),
        ("Source", at("Lee")),
        ("Cue", at("said", 1)),
        ("Content", at('"We are ready,"')),
        ("Source", at("Polls")),
        ("Cue", at("show")),
        ("Content", at("support")),
    ]
    lines = [
        f"T{i}\t{label} {s.start} {s.end}\t{s.text(TEXT)}" for i, (label, s) in enumerate(rows, 1)
    ]
    for e in range(3):
        s, c, q = 3 * e + 1, 3 * e + 2, 3 * e + 3
        lines.append(f"E{e + 1}\tAttribution:T{c} Source:T{s} Cue:T{c} Content:T{q}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def split(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_ab12.ann").write_text(brat(), encoding="utf-8")
    # A second annotator's file sorts later and must be ignored.
    (tmp_path / "attributions" / "doc_zz99.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_ann_keeps_discontinuous_content_and_missing_source() -> None:
    ann = (
        "T1\tCue 4 8\tsaid\nT2\tContent 0 3;10 14\tx\nT3\tAttribution 4 8\tsaid\n"
        "E1\tAttribution-no-source:T3 Cue:T1 Content:T2\n"
    )
    (gold,) = read_ann(ann)
    assert gold.content == (Span(0, 3), Span(10, 14))
    assert gold.cue == (Span(4, 8),)
    assert gold.source == ()


def test_scores_by_hand() -> None:
    gold = read_ann(brat())
    predicted = [
        # Same words as the gold less "that": overlap and exact match, speaker right.
        PredictedAttribution((at("the talks failed"),), at("said"), at("Kim"), "Kim"),
        # Exact content, but the speaker span is on the cue and the name is wrong.
        PredictedAttribution((at("We are ready,"),), at("said", 1), at("said", 1), "Ms. Moon"),
        # Shares no word with any gold content: a false positive.
        PredictedAttribution((at("Polls show"),), None, None, None),
    ]
    tally = score_document(TEXT, gold, predicted, [True, True, False], [True, True, False])
    m = metrics(tally)
    assert m["content_overlap_precision"] == pytest.approx(2 / 3)
    assert m["content_overlap_recall"] == pytest.approx(2 / 3)
    assert m["content_exact_f1"] == pytest.approx(2 / 3)
    assert m["speaker_accuracy"] == pytest.approx(1 / 2)
    assert m["speech_precision"] == pytest.approx(1.0)
    assert m["speech_recall"] == pytest.approx(1.0)
    assert m["speech_speaker_accuracy"] == pytest.approx(1 / 2)


def test_overlap_threshold() -> None:
    gold = [GoldAttribution((at("that the talks failed"),), (at("said"),), (at("Kim"),))]
    # Gold words: the, talks, failed. Two shared of three is 0.67 of the longer: a match.
    near = PredictedAttribution((Span(at("talks").start, at("We").end),), None, None, None)
    # One shared ("failed") of four predicted words is 0.25 < 0.3: no match.
    far = PredictedAttribution((Span(at("failed").start, at("ready").end),), None, None, None)
    recall = [
        metrics(score_document(TEXT, gold, [p], [True], [False]))["content_overlap_recall"]
        for p in (near, far)
    ]
    assert recall == [1.0, 0.0]


def test_evaluate_runs_the_pipeline_on_a_split(split: Path) -> None:
    report = evaluate(split)
    m = report.metrics
    # Our extractor finds Kim's and Lee's words; "show" is no verb of saying.
    assert m["content_overlap_precision"] == pytest.approx(1.0)
    assert m["content_overlap_recall"] == pytest.approx(2 / 3)
    assert m["speech_recall"] == pytest.approx(1.0)
    assert m["speech_speaker_accuracy"] == pytest.approx(1.0)
    assert report.details["counts"]["gold"] == 3


def test_missing_split_is_an_eval_data_error(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError):
        read_split(tmp_path / "absent")
    with pytest.raises(EvalDataError):
        read_split(tmp_path)


def test_real_dev_split_meets_its_floors(eval_dir: Path) -> None:
    dev = eval_dir / "quotes" / "polnear" / "dev"
    report = evaluate(dev, limit=4)
    assert report.details["counts"]["gold"] > 20
    assert report.metrics["speech_recall"] > 0.5
    assert report.metrics["speech_precision"] > 0.6
    assert {f.metric for f in floors(dev)} <= set(report.metrics)
