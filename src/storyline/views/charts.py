"""Layout of the story page's inline SVG charts; the markup is in web/templates/charts.html.

Only geometry and labels are computed here; the template escapes every label. No scripts,
no external requests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

POSITION_COLOURS = {
    "support": "#2e7d32",
    "conditional": "#f0a202",
    "neutral": "#8a94a6",
    "oppose": "#c62828",
}
UNKNOWN_COLOUR = "#8a94a6"


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    colour: str
    title: str
    ring: bool = False
    anchor: str | None = None  # the in-page target it links to


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    size: int = 11
    anchor: str = "middle"
    colour: str = "#5a6478"


@dataclass
class Chart:
    """An SVG drawing: a viewBox, dots, text labels and horizontal rules."""

    name: str  # the aria-label
    width: int
    height: int
    dots: list[Dot] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    rules: list[tuple[float, float, float, str, int]] = field(default_factory=list)  # x1,x2,y

    @property
    def min_width(self) -> int:
        """The narrowest the chart stays legible; a narrower screen scrolls it sideways."""
        return min(self.width, 640)


def timeline_chart(labels: Sequence[str], counts: Sequence[int]) -> Chart | None:
    """One dot per timeline date on an ordinal axis (long gaps would squash a linear one)."""
    if not labels:
        return None
    step = 46
    width = max(320, 40 + step * len(labels))
    chart = Chart("timeline", width, 120)
    chart.rules.append((20, width - 20, 60, "#9aa6b8", 2))
    previous_year = ""
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x = 30 + i * step
        chart.dots.append(
            Dot(
                x, 60, 5 + min(count, 4) * 1.5, "#3b5b92", f"{label}: {count} item(s)", False, label
            )
        )
        year = label[:4]
        if year != previous_year:
            chart.labels.append(Label(x, 30, year, 12, colour="#1d2330"))
            previous_year = year
        chart.labels.append(Label(x, 88 + (i % 2) * 14, label[5:] or label, 10))
    return chart


def stance_chart(rows: Sequence[tuple[str, Sequence[tuple[str, str, bool]]]]) -> Chart | None:
    """Actors × time: a row per track, a marker per position (colour), shifts ringed.

    ``rows``: (row label, [(date label, position, shift), ...]) with dates in order.
    """
    if not rows:
        return None
    dates = sorted({d for _, points in rows for d, _, _ in points})
    col = {d: i for i, d in enumerate(dates)}
    left, step, row_h = 300, 56, 28
    width = left + step * max(len(dates), 1) + 40
    height = 40 + row_h * len(rows) + 30
    chart = Chart("stance tracks", width, height)
    for d, i in col.items():
        chart.labels.append(Label(left + i * step, 20, d))
    for r, (label, points) in enumerate(rows):
        y = 40 + r * row_h
        chart.labels.append(Label(left - 12, y + 4, label[:48], anchor="end", colour="#1d2330"))
        chart.rules.append((left - 6, width - 30, y, "#eef0f4", 1))
        for d, position, shift in points:
            title = f"{label} — {d}: {position}{' (shift)' if shift else ''}"
            colour = POSITION_COLOURS.get(position, UNKNOWN_COLOUR)
            chart.dots.append(Dot(left + col[d] * step, y, 7, colour, title, shift))
    legend_y = height - 12
    for i, (position, colour) in enumerate(POSITION_COLOURS.items()):
        x = left + i * 110
        chart.dots.append(Dot(x, legend_y - 4, 6, colour, position))
        chart.labels.append(Label(x + 10, legend_y, position, anchor="start", colour="#1d2330"))
    chart.dots.append(Dot(left + 460, legend_y - 4, 6, "#fff", "shift", True))
    chart.labels.append(Label(left + 470, legend_y, "shift", anchor="start", colour="#1d2330"))
    return chart
