"""The CLI never breaks on data: data prints as typed, bad option values exit 2 with a reason."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli


def test_an_empty_folder_is_reported_as_holding_no_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden").write_text("x")
    res = run_cli("ingest", str(empty), "--no-annotate", db=tmp_path / "s.db")
    assert res.returncode == 1
    text = " ".join(res.stdout.split())
    assert f"no inputs found in {empty}" in text
    assert "no such file" not in text
    missing = run_cli("ingest", str(tmp_path / "missing"), "--no-annotate", db=tmp_path / "s.db")
    assert "no such file" in missing.stdout
