"""``storyline eval``: score on an evaluation set, optionally gating on the floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from storyline.cli.common import OutputFileOption, app, err, fail, out
from storyline.errors import EvalDataError


@app.command("eval")
def evaluate(
    suite: Annotated[str, typer.Argument(help="extract, time, quotes, events, tls or entities.")],
    data: Annotated[Path, typer.Option("--data", help="The evaluation set's folder.")],
    limit: Annotated[
        int | None, typer.Option(help="Evaluate on the first N items only.", min=1)
    ] = None,
    gate: Annotated[
        bool, typer.Option("--gate", help="Exit 1 when a pinned quality floor is not met.")
    ] = False,
    output: OutputFileOption = None,
) -> None:
    """Score storyline on an evaluation set with the benchmark's own metrics."""
    from storyline.eval import check_floors, load_suite

    try:
        module = load_suite(suite)
        report = module.evaluate(data, limit=limit)
    except EvalDataError as exc:
        raise fail(str(exc), 2) from exc
    table = Table(title=f"{report.suite} on {report.dataset} ({report.seconds:.1f} s)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in report.metrics.items():
        table.add_row(key, f"{value:.4f}")
    out.print(table)
    if output:
        payload = {
            "suite": report.suite,
            "dataset": report.dataset,
            "metrics": report.metrics,
            "seconds": report.seconds,
            "details": report.details,
        }
        try:
            output.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc.strerror or exc}", 1) from exc
    if gate:
        failures = check_floors(report, module.floors(data))
        if failures:
            for line in failures:
                err.print(Text.assemble(("floor not met:", "red"), " ", line))
            raise typer.Exit(1)
        out.print("all quality floors met", style="green")
