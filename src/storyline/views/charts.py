"""Inline SVG charts for the story page: no scripts, no external requests, all text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

POSITION_COLOURS = {
    "support": "#2e7d32",
    "conditional": "#f0a202",
    "neutral": "#8a94a6",
    "oppose": "#c62828",
}


def timeline_svg(labels: Sequence[str], counts: Sequence[int]) -> str:
    """One dot per timeline date on an ordinal axis (long gaps would squash a linear one)."""
    if not labels:
        return ""
    step = 46
    width = max(320, 40 + step * len(labels))
    height = 120
    parts = [
        f'<svg role="img" aria-label="timeline" viewBox="0 0 {width} {height}" '
        f'width="100%" height="{height}">',
        f'<line x1="20" y1="60" x2="{width - 20}" y2="60" stroke="#9aa6b8" stroke-width="2"/>',
    ]
    previous_year = ""
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        x = 30 + i * step
        r = 5 + min(count, 4) * 1.5
        parts.append(
            f'<a href="#d-{escape(label)}"><circle cx="{x}" cy="60" r="{r:.1f}" fill="#3b5b92">'
            f"<title>{escape(label)}: {count} item(s)</title></circle></a>"
        )
        year = label[:4]
        if year != previous_year:
            parts.append(
                f'<text x="{x}" y="30" font-size="12" text-anchor="middle" fill="#1d2330">'
                f"{escape(year)}</text>"
            )
            previous_year = year
        parts.append(
            f'<text x="{x}" y="{88 + (i % 2) * 14}" font-size="10" text-anchor="middle" '
            f'fill="#5a6478">{escape(label[5:] or label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stance_svg(rows: Sequence[tuple[str, Sequence[tuple[str, str, bool]]]]) -> str:
    """Actors × time: a row per track, a marker per position (colour), shifts ringed.

    ``rows``: (row label, [(date label, position, shift), ...]) with dates in order.
    """
    if not rows:
        return ""
    dates = sorted({d for _, points in rows for d, _, _ in points})
    col = {d: i for i, d in enumerate(dates)}
    left, step, row_h = 300, 56, 28
    width = left + step * max(len(dates), 1) + 40
    height = 40 + row_h * len(rows) + 30
    parts = [
        f'<svg role="img" aria-label="stance tracks" viewBox="0 0 {width} {height}" '
        f'width="100%" font-size="11">'
    ]
    for d, i in col.items():
        x = left + i * step
        parts.append(f'<text x="{x}" y="20" text-anchor="middle" fill="#5a6478">{escape(d)}</text>')
    for r, (label, points) in enumerate(rows):
        y = 40 + r * row_h
        parts.append(
            f'<text x="{left - 12}" y="{y + 4}" text-anchor="end" fill="#1d2330">'
            f"{escape(label[:48])}</text>"
        )
        parts.append(
            f'<line x1="{left - 6}" y1="{y}" x2="{width - 30}" y2="{y}" stroke="#eef0f4"/>'
        )
        for d, position, shift in points:
            x = left + col[d] * step
            colour = POSITION_COLOURS.get(position, "#8a94a6")
            ring = ' stroke="#1d2330" stroke-width="2.5"' if shift else ""
            parts.append(
                f'<circle cx="{x}" cy="{y}" r="7" fill="{colour}"{ring}>'
                f"<title>{escape(label)} — {escape(d)}: {escape(position)}"
                f"{' (shift)' if shift else ''}</title></circle>"
            )
    legend_y = height - 12
    for i, (position, colour) in enumerate(POSITION_COLOURS.items()):
        x = left + i * 110
        parts.append(f'<circle cx="{x}" cy="{legend_y - 4}" r="6" fill="{colour}"/>')
        parts.append(f'<text x="{x + 10}" y="{legend_y}" fill="#1d2330">{position}</text>')
    parts.append(
        f'<circle cx="{left + 460}" cy="{legend_y - 4}" r="6" fill="#fff" stroke="#1d2330" '
        f'stroke-width="2.5"/><text x="{left + 470}" y="{legend_y}">shift</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
