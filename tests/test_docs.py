"""Docs are tested: every command has help and is in the README; settings are documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.main import get_command

from storyline.annotate.pipeline import PipelineOptions
from storyline.cli import app
from tests.helpers import run_cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"demo", "ingest", "export", "annotate", "eval", "search", "show", "list"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_in_readme_with_help(name: str) -> None:
    assert f"`storyline {name}" in README, f"storyline {name} is not in the README"
    res = run_cli(name, "--help")
    assert res.returncode == 0
    assert "Usage" in res.stdout
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help, f"{name} has no help text"


def test_pipeline_options_are_commented() -> None:
    source = (
        Path(__file__).resolve().parents[1] / "src/storyline/annotate/pipeline.py"
    ).read_text()
    for f in dataclasses.fields(PipelineOptions):
        line = next(ln for ln in source.splitlines() if ln.strip().startswith(f"{f.name}:"))
        before = source.splitlines()[source.splitlines().index(line) - 1].strip()
        assert before.startswith("#") or "#" in line, f"option {f.name} has no comment"
