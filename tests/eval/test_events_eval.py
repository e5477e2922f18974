"""The ``events`` evaluation suite on the shared events folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.annotate.plover import PLOVER_QUADS
from storyline.errors import EvalDataError
from storyline.eval import EvalReport, check_floors, load_suite
from storyline.eval.events import load_plover_records

pytestmark = pytest.mark.evaldata


@pytest.fixture(scope="module")
def events_dir(eval_dir: Path) -> Path:
    return eval_dir / "events"


@pytest.fixture(scope="module")
def report(events_dir: Path) -> EvalReport:
    return load_suite("events").evaluate(events_dir)


def test_full_run_meets_the_floors(report: EvalReport, events_dir: Path) -> None:
    suite = load_suite("events")
    assert check_floors(report, suite.floors(events_dir)) == []
    assert report.details["plover_records"] == 322
    assert 140 < report.details["plover_heldout_records"] < 180
    assert report.details["pentacode_split"]["dev"] > 200
    # The stage and its classifier agree: the stage's figure is the classifier's, give or take.
    assert (
        abs(report.metrics["pentacode_macro_f1"] - report.metrics["pentacode_classifier_macro_f1"])
        < 0.05
    )
    for name, value in report.metrics.items():
        assert 0.0 <= value <= 1.0, name


def test_plover_records_are_remapped(events_dir: Path) -> None:
    records = load_plover_records(events_dir / "plover_gsr" / "PLOVER_GSR_CAMEO.json")
    types = {t for _, _, t in records}
    assert types <= set(PLOVER_QUADS)
    assert {"DEMAND", "FIGHT", "DISAPPROVE", "INVESTIGATE"}.isdisjoint(types)
    assert {"REQUEST", "ASSAULT"} <= types


def test_held_out_split_uses_the_shipped_model(events_dir: Path, tmp_path: Path) -> None:
    # A held-out file beside train.tsv is scored with the shipped model as it is.
    source = events_dir / "conflibert_cameo" / "cameo_class" / "train.tsv"
    lines = source.read_text(encoding="utf-8").splitlines()[:40]
    (tmp_path / "test.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_suite("events").evaluate(tmp_path)
    assert set(report.metrics) == {
        "pentacode_macro_f1_test",
        "pentacode_classifier_macro_f1_test",
    }
    assert report.details["pentacode_test_size"] == 40


def test_limit_and_missing_data(events_dir: Path, tmp_path: Path) -> None:
    small = load_suite("events").evaluate(events_dir, limit=20)
    assert small.details["plover_records"] == 20
    assert small.details["pentacode_split"]["dev"] == 20
    with pytest.raises(EvalDataError):
        load_suite("events").evaluate(tmp_path)
    with pytest.raises(EvalDataError):
        load_suite("events").evaluate(tmp_path / "absent")
