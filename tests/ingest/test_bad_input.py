"""A folder of hostile inputs: each reported by name with a reason, the rest ingested."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import run_cli

from storyline.errors import InputError
from storyline.ingest.reader import read_input
from storyline.ingest.sidecar import InputMeta

GOOD = (
    "Officials from both Koreas met at the truce village of Panmunjom on Tuesday to discuss "
    "reopening a military hotline, the Unification Ministry in Seoul said. The talks lasted "
    "three hours and ended without a joint statement, but both sides agreed to meet again."
)


def test_mixed_folder(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "good.jsonl").write_text(json.dumps({"text": GOOD + " Extra.", "published": "2020-01-01"}))
    (d / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (d / "empty.txt").write_bytes(b"")
    with (d / "huge.txt").open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB long, nothing written
    (d / "latin1.txt").write_bytes("Caf\xe9 talks in S\xe9oul resumed.".encode("latin-1"))
    (d / "truncated.txt.gz").write_bytes(gzip.compress(GOOD.encode() * 20)[:60])
    (d / "broken.rss").write_text("<?xml version='1.0'?><rss><channel><item><title>x</ti")
    (d / "broken.warc").write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nabc"
    )
    (d / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    db = tmp_path / "s.db"
    res = run_cli("ingest", str(d), "--no-annotate", db=db)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    out = res.stdout
    assert "2 ingested" in out
    assert "8 skipped" in out
    for name, reason in [
        ("binary.bin", "binary"),
        ("empty.txt", "empty"),
        ("huge.txt", "too large"),
        ("latin1.txt", "not valid UTF-8"),
        ("truncated.txt.gz", "truncated gzip"),
        ("broken.rss", "feed"),
        ("broken.warc", "WARC"),
        ("nav.html", "no article"),
    ]:
        line = next((ln for ln in out.splitlines() if name in ln), "")
        assert "skipped" in line, (name, out)
        assert reason in out, (name, out)


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    res = run_cli("ingest", str(tmp_path / "empty.txt"), "--no-annotate", db=tmp_path / "s.db")
    assert res.returncode == 1
    assert "nothing could be read" in res.stderr
    assert "Traceback" not in res.stderr


def test_unusable_store_exits_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    res = run_cli("ingest", str(tmp_path / "a.txt"), db="sqlite:////no/such/dir/s.db")
    assert res.returncode == 2
    assert "does not exist" in res.stderr


def test_missing_path_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    res = run_cli(
        "ingest",
        str(tmp_path / "a.txt"),
        str(tmp_path / "nope*.txt"),
        "--no-annotate",
        db=tmp_path / "s.db",
    )
    assert res.returncode == 0
    assert "no such file" in res.stdout


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=3000),
    name=st.sampled_from(
        ["x.txt", "x.html", "x.jsonl", "x.json", "x.rss", "x.warc", "InputDocs/2020-01-01/1.txt"]
    ),
)
def test_readers_never_crash(data: bytes, name: str) -> None:
    try:
        found = read_input(name, data, InputMeta())
    except InputError as exc:
        assert exc.reason  # noqa: PT017  (raising is allowed; it must say why)
    else:
        assert all(r.text.strip() for r in found.records)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000))
def test_text_inputs_never_crash(text: str) -> None:
    for name in ("x.txt", "x.jsonl", "x.html"):
        try:
            read_input(name, text.encode("utf-8"), InputMeta())
        except InputError as exc:
            assert exc.reason  # noqa: PT017  (raising is allowed; it must say why)
