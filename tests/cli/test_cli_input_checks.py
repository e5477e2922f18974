"""The CLI never breaks on data: data prints as typed, bad option values exit 2 with a reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.helpers import run_cli
from typer.testing import CliRunner, Result

from storyline.cli import app
from storyline.store import open_store

MARKUP_TITLE = "Talks [/] resume [bold]now[/bold] :smile:"
MARKUP_SOURCE = "Wire [/] [bold]Daily"

TALKS = (
    "Negotiators from North Korea and the United States met in Stockholm on day {i} of the "
    "nuclear talks. The delegations discussed sanctions relief and missile tests for {i} hours."
)
SPILL = (
    "Crews fought the oil spill in the Gulf of Mexico for the {i}th day as the leaking well "
    "kept pouring crude. Engineers tried a new containment dome on {i} barrels an hour."
)


def _records() -> list[dict[str, str]]:
    records = [
        {
            "title": MARKUP_TITLE,
            "source": MARKUP_SOURCE,
            "published": "2019-10-05",
            "text": "Talks in Stockholm resumed on Saturday, officials said [/] then stopped.",
        }
    ]
    for i in range(1, 11):
        records.append(
            {"title": f"Talks {i}", "published": f"2019-10-{i:02d}", "text": TALKS.format(i=i)}
        )
        records.append(
            {"title": f"Spill {i}", "published": f"2010-05-{i:02d}", "text": SPILL.format(i=i)}
        )
    return records


def _make_store(tmp_path: Path) -> str:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in _records()), encoding="utf-8")
    db = str(tmp_path / "s.db")
    res = run_cli("ingest", str(batch), "--no-annotate", db=db)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    # The report prints the title and the outlet as they are, never as markup.
    assert "[/]" in res.stdout
    assert "[bold]" in res.stdout
    res = run_cli("storylines", "--recluster", db=db)
    assert res.returncode == 0, res.stderr
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _make_store(tmp_path_factory.mktemp("cli"))


def _ids(db: str) -> list[str]:
    listing = run_cli("list", "--format", "json", db=db)
    return [a["id"] for a in json.loads(listing.stdout)]


def _markup_id(db: str) -> str:
    listing = json.loads(run_cli("list", "--format", "json", db=db).stdout)
    return str(next(a["id"] for a in listing if a["title"] == MARKUP_TITLE))


def test_list_search_show_print_markup_in_data_literally(db: str) -> None:
    for args in (("list",), ("search", "Stockholm"), ("show", _markup_id(db))):
        res = run_cli(*args, db=db)
        assert res.returncode == 0, (args, res.stderr)
        assert "Traceback" not in res.stderr
        text = " ".join(res.stdout.split())  # table cells may wrap
        assert "[/]" in text, args
        assert "[bold]" in text, args
        assert ":smile:" in text, args  # nor as an emoji code
    shown = run_cli("show", _markup_id(db), db=db).stdout
    assert f"title: {MARKUP_TITLE}" in shown
    assert f"source: {MARKUP_SOURCE}" in shown


def test_an_id_given_as_markup_is_reported_as_typed(db: str) -> None:
    res = run_cli("show", "[/]", db=db)
    assert res.returncode == 1
    assert "no article matches '[/]'" in res.stderr
    assert "Traceback" not in res.stderr


def test_ambiguous_show_prefix_lists_the_candidates(db: str) -> None:
    ids = _ids(db)
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) > 1)
    candidates = [i for i in ids if i.startswith(shared)]
    res = run_cli("show", shared, db=db)
    assert res.returncode == 2
    assert f"matches {len(candidates)} articles" in res.stderr
    for c in candidates:
        assert c in res.stderr
    assert res.stdout == ""


def said(text: str) -> str:
    """An error message as one line: Rich's panel borders and wrapping taken out."""
    return " ".join(text.replace("│", " ").split())


def invoke(*args: str) -> Result:
    """The command in-process: enough for options refused before any store is opened."""
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mysql://user@host/db", "unsupported database mysql://"),
        ("notaurl", "neither a database URL nor a store file"),
        ("sqlite://relative.db", "three slashes"),
    ],
)
def test_bad_db_urls_exit_2_and_create_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    # --watch names no folder: were --db accepted, serve would stop there, never listen.
    for command in (("list",), ("serve", "--watch", str(tmp_path / "none"))):
        res = invoke(*command, "--db", url)
        assert res.exit_code == 2, (command, res.output)
        assert reason in said(res.stderr), command
        assert res.exception is None or isinstance(res.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


def test_db_that_is_a_folder_exits_2(tmp_path: Path) -> None:
    res = invoke("list", "--db", str(tmp_path))
    assert res.exit_code == 2
    assert "is a folder" in said(res.stderr)


def test_db_file_paths_still_work(tmp_path: Path) -> None:
    assert invoke("list", "--db", str(tmp_path / "new.db")).exit_code == 0
    assert invoke("list", "--db", f"sqlite:///{tmp_path / 'other.sqlite'}").exit_code == 0


def test_output_folder_that_is_a_file_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    db = str(tmp_path / "s.db")
    for args in (
        ("page", "--db", db, "--output", str(blocker)),
        ("page", "--db", db, "--output", str(blocker / "sub")),
        ("demo", "--output", str(blocker)),
    ):
        res = invoke(*args)
        assert res.exit_code == 2, res.output
        assert "is a file, not a folder" in said(res.stderr), args
        assert res.exception is None or isinstance(res.exception, SystemExit)


def test_export_into_a_missing_folder_exits_2(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    res = invoke("export", "--db", db, "--output", str(tmp_path / "nowhere" / "x.json"))
    assert res.exit_code == 2
    assert "folder" in said(res.stderr)
    assert "does not exist" in said(res.stderr)
    res = invoke("export", "--db", db, "--output", str(tmp_path))
    assert res.exit_code == 2
    assert "is a folder" in said(res.stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_output_folder_not_writable_exits_2(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    res = invoke("page", "--db", str(tmp_path / "s.db"), "--output", str(locked))
    assert res.exit_code == 2
    assert "not writable" in said(res.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--format", "xml"),
        ("search", "talks", "--format", "xml"),
        ("show", "0", "--format", "xml"),
        ("export", "--format", "xml"),
        ("annotate", "x.txt", "--format", "xml"),
        ("timeline", "--format", "xml"),
        ("storylines", "--format", "xml"),
        ("events", "--format", "xml"),
        ("actors", "--format", "xml"),
        ("timeline", "--granularity", "week"),
    ],
)
def test_unknown_formats_exit_2_with_the_choices(tmp_path: Path, args: tuple[str, ...]) -> None:
    res = invoke(*args, "--db", str(tmp_path / "s.db")) if args[0] != "annotate" else invoke(*args)
    assert res.exit_code == 2, res.output
    assert "is not one of" in said(res.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("timeline", "--dates", "-5"),
        ("timeline", "--dates", "0"),
        ("timeline", "--sentences", "0"),
        ("search", "talks", "--limit", "-1"),
        ("events", "--limit", "-1"),
        ("ingest", "x.txt", "--max-bytes", "0"),
    ],
)
def test_counts_must_be_positive(tmp_path: Path, args: tuple[str, ...]) -> None:
    res = invoke(*args, "--db", str(tmp_path / "s.db"))
    assert res.exit_code == 2, res.output
    assert "greater than or equal to" in said(res.stderr)


def test_unknown_storyline_option_exits_2(db: str) -> None:
    for command in ("timeline", "events"):
        res = run_cli(command, "--storyline", "nope", db=db)
        assert res.returncode == 2, res.stderr
        assert "no storyline matches 'nope'" in res.stderr


def _storylines(db: str) -> list[dict[str, object]]:
    res = run_cli("storylines", "--format", "json", db=db)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)  # type: ignore[no-any-return]


def test_overrides_with_unknown_ids_are_refused_and_not_stored(tmp_path: Path) -> None:
    db = _make_store(tmp_path)
    before = _storylines(db)
    assert len(before) >= 2
    first = str(before[0]["id"])
    for args, reason in [
        (("--merge", first, "nope"), "no storyline matches 'nope'"),
        (("--merge", "nope", first), "no storyline matches 'nope'"),
        (("--merge", first, first), "into itself"),
        (("--rename", "nope", "New name"), "no storyline matches 'nope'"),
        (("--rename", first, "  "), "cannot be empty"),
        (("--move", "nope", first), "no article matches 'nope'"),
        (("--split", f"{first}:nope"), "no article matches 'nope'"),
        (("--split", "nope:x"), "no storyline matches 'nope'"),
    ]:
        res = run_cli("storylines", *args, db=db)
        assert res.returncode == 2, (args, res.stdout, res.stderr)
        assert reason in res.stderr, (args, res.stderr)
        assert "Traceback" not in res.stderr
    with open_store(db) as store:
        assert store.overrides() == []
    assert _storylines(db) == before


def test_override_by_prefix_stores_the_whole_id(tmp_path: Path) -> None:
    db = _make_store(tmp_path)
    first = str(_storylines(db)[0]["id"])
    res = run_cli("storylines", "--rename", first[:6], "Stockholm talks", db=db)
    assert res.returncode == 0, res.stderr
    assert next(s for s in _storylines(db) if s["id"] == first)["label"] == "Stockholm talks"
    with open_store(db) as store:
        assert store.overrides() == [("rename", {"storyline": first, "label": "Stockholm talks"})]


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
