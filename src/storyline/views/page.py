"""The story page as one self-contained HTML file and as Markdown.

The HTML comes from the Jinja2 templates in ``storyline/web/templates`` (autoescaped), the
same ones ``storyline serve`` renders. Articles are untrusted input: every piece of their
text is escaped, and only http(s) and file links become hyperlinks. No external requests:
inline CSS, no scripts, no fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Entity, Storyline
from storyline.store import Store
from storyline.story.brief import Brief, BriefSentence, build_brief
from storyline.story.overview import StoryOverview, build_overview
from storyline.story.stance_tracks import StancePoint
from storyline.views.charts import POSITION_COLOURS, UNKNOWN_COLOUR, stance_chart, timeline_chart
from storyline.web.templates import render, safe_href

__all__ = [
    "md_escape",
    "page_context",
    "render_html",
    "render_markdown",
    "safe_href",
    "write_story_page",
]

# The static file may run nothing and fetch nothing: inline styles and data images only.
STATIC_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True)
class StanceRow:
    label: str
    date: str
    position: str
    colour: str
    condition: str | None
    shift: bool
    evidence: str
    article: str


def page_context(view: StoryOverview) -> dict[str, Any]:
    """What the story templates show, computed once for the static and the served page."""
    tracks = []
    rows: list[StanceRow] = []
    for t in view.tracks:
        label = f"{view.name_of(t.holder)} — {t.issue}"
        tracks.append((label, [(p.date or "?", p.position, p.shift) for p in t.points]))
        for p in t.points:
            rows.append(
                StanceRow(
                    label=label,
                    date=p.date or "?",
                    position=p.position,
                    colour=POSITION_COLOURS.get(p.position, UNKNOWN_COLOUR),
                    condition=p.condition_text,
                    shift=p.shift,
                    evidence=view.text_of(p.article, p.evidence.start, p.evidence.end),
                    article=p.article,
                )
            )
    return {
        "view": view,
        "events": _key_events(view),
        "brief": build_brief(view),
        "span_text": _span_text(view),
        "outlets_text": _count(len(view.outlets), "outlet"),
        "timeline_chart": timeline_chart(
            [d.label for d in view.timeline], [len(d.entry.items) for d in view.timeline]
        ),
        "stance_chart": stance_chart(tracks),
        "stance_rows": rows,
        "storyline_dates": _dates,
    }


def _key_events(view: StoryOverview) -> list[Any]:
    """ "Who did what": the storyline's key events, actor → PLOVER type → target."""
    from storyline.story.events_view import key_events, story_events

    entities = [Entity(p.entity, p.name, p.kind) for p in view.players]
    return list(key_events(story_events(view.docs, entities), (p.entity for p in view.players)))


def render_html(view: StoryOverview) -> str:
    """The self-contained static page: no scripts, no external requests."""
    return render(
        "story.html",
        **page_context(view),
        live=False,
        csp=STATIC_CSP,
        allow_files=True,
        root="",
        storyline_id=None,
    )


def _dates(r: Storyline) -> str:
    first, last = (d.isoformat() if d else "?" for d in (r.first, r.last))
    return first if first == last else f"{first} to {last}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _span_text(view: StoryOverview) -> str:
    if view.first and view.last:
        return f"{view.first.isoformat()} to {view.last.isoformat()}"
    return "dates unknown"


def md_escape(text: str) -> str:
    """Markdown-inert inline text: escape what would start emphasis, code, links or HTML.

    Text never starts a line here, so block markers (#, -, 1.) need no escaping.
    """
    out = []
    for ch in text:
        if ch in "\\`*_[]<>|~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out).replace("\n", " ")


def render_markdown(view: StoryOverview) -> str:
    lines = [
        f"# {md_escape(view.headline)}",
        "",
        f"*{md_escape(_span_text(view))} · {_count(len(view.outlets), 'outlet')} · "
        f"{len(view.coverage)} articles and blurbs*",
        "",
    ]
    lines += _brief_md(build_brief(view))
    lines += _timeline_md(view)
    lines += ["## Sources", "", "| Outlet | Date | Article |", "|---|---|---|"]
    for s in view.sources:
        lines.append(f"| {md_escape(s.outlet)} | {s.published} | {_link_md(s.title, s.link)} |")
    lines += ["", "## Coverage in date order", ""]
    for c in view.coverage:
        head = f"**{_link_md(c.title, c.link)}** — " if c.title else ""
        origin = f" (from “{md_escape(c.parent_title)}”)" if c.parent_title else ""
        tail = "" if c.title else f" {_link_md('source', c.link)}"
        lines.append(
            f"- **{c.date_text}** · {c.kind} · {md_escape(c.outlet)}{origin}: "
            f"{head}{md_escape(c.lead)}{tail}"
        )
    return "\n".join(lines) + "\n"


def _brief_md(brief: Brief) -> list[str]:
    def one(s: BriefSentence) -> str:
        date = f"**{s.date}** — " if s.date else ""
        return f"{date}{md_escape(s.text)} \\[{_cites_md([c.article for c in s.citations])}\\]"

    if not (brief.lead or brief.paragraphs):
        return []
    lines = ["## Brief", ""]
    if brief.lead:
        lines += [" ".join(one(s) for s in brief.lead), ""]
    for para in brief.paragraphs:
        lines += ["  \n".join(one(s) for s in para), ""]
    if brief.upcoming:
        lines += ["**Next:** " + "  \n".join(one(s) for s in brief.upcoming), ""]
    return lines


def _timeline_md(view: StoryOverview) -> list[str]:
    lines: list[str] = []
    if view.timeline:
        lines += ["## Timeline", ""]
        for d in view.timeline:
            for item in d.entry.items:
                cites = _cites_md([item.article, *(o for o, _, _ in item.also)])
                lines.append(f"- **{d.label}** {md_escape(item.text)} \\[{cites}\\]")
        lines.append("")
    if view.upcoming:
        lines += ["## What's next", ""]
        for u in view.upcoming:
            lines.append(f"- **{u.value}** {md_escape(u.text)} \\[{u.article[:6]}\\]")
        lines.append("")
    if view.related:
        lines += ["## Related storylines", ""]
        for r in view.related:
            lines.append(
                f"- **{md_escape(r.label)}** · {len(r.articles)} articles · {_dates(r)} · "
                f"`storyline page {r.id}`"
            )
        lines.append("")
    if view.players:
        lines += ["## Key players", ""]
        for p in view.players:
            roles = f" — {md_escape('; '.join(p.roles))}" if p.roles else ""
            lines.append(f"- **{md_escape(p.name)}** ({p.kind}, {p.articles} articles){roles}")
        lines.append("")
    if view.quotes:
        lines += ["## Who said what", ""]
        for q in view.quotes:
            via = f" (through {md_escape(q.via)})" if q.via else ""
            words = f" {md_escape(q.reported)}" if q.reported else f": “{md_escape(q.text)}”"
            lines.append(
                f"- **{q.date}** {md_escape(q.speaker)}{via}{words} "
                f"\\[{_cites_md([q.article, *(a for a, _, _ in q.also)])}\\]"
            )
        lines.append("")
    if view.voices:
        lines += ["## What people say", ""]
        for v in view.voices:
            stance = f" ({md_escape(v.stance)})" if v.stance else ""
            words = f"“{md_escape(v.text)}”" if v.kind == "quote" else md_escape(v.text)
            lines.append(
                f"- **{v.date}** {md_escape(v.speaker)}{stance}: {words} "
                f"\\[{_cites_md([v.article, *(a for a, _, _ in v.also)])}\\]"
            )
        lines.append("")
    lines += _events_md(view)
    if view.tracks:
        lines += [
            "## Stances over time",
            "",
            "| Actor — issue | Date | Position |",
            "|---|---|---|",
        ]
        for t in view.tracks:
            label = md_escape(f"{view.name_of(t.holder)} — {t.issue}")
            for date, position, shift, reports in _md_stance_rows(t.points):
                more = f" ({reports} reports)" if reports > 1 else ""
                mark = " (shift)" if shift else ""
                lines.append(f"| {label} | {date} | {position}{mark}{more} |")
        lines.append("")
    return lines


def _md_stance_rows(points: Sequence[StancePoint]) -> list[tuple[str, str, bool, int]]:
    """A track's points as table rows, the reports of one position on one date in one row
    (the HTML table lists each with its evidence; this one has none to tell them apart)."""
    rows: list[tuple[str, str, bool, int]] = []
    for p in points:
        date = p.date or "?"
        if rows and rows[-1][0] == date and rows[-1][1] == p.position:
            rows[-1] = (date, p.position, rows[-1][2] or p.shift, rows[-1][3] + 1)
        else:
            rows.append((date, p.position, p.shift, 1))
    return rows


def _events_md(view: StoryOverview) -> list[str]:
    """ "Who did what" as the HTML page has it: date, actor, type, target, the sentence."""
    events = _key_events(view)
    if not events:
        return []
    lines = [
        "## Who did what",
        "",
        "| Date | Who | Did what | To whom | Sentence |",
        "|---|---|---|---|---|",
    ]
    for ev in events:
        where = f" in {ev.location}" if ev.location else ""
        cells = [
            (ev.date or "?") + (" (published)" if ev.date_from == "article" else ""),
            ", ".join(ev.actor_names),
            f"{ev.type.lower()} ({ev.quad}){where}",
            ", ".join(ev.target_names) or "—",
            ev.sentence,
        ]
        row = " | ".join(_cell_md(c) for c in cells)
        lines.append(f"| {row} \\[{_cites_md([ev.article])}\\] |")
    return [*lines, ""]


def _cell_md(text: str) -> str:
    return md_escape(text).replace("|", "\\|")


def _cites_md(articles: list[str], shown: int = 3) -> str:
    more = len(articles) - shown
    return ", ".join(a[:6] for a in articles[:shown]) + (f", +{more}" if more > 0 else "")


def _link_md(text: str | None, link: str | None) -> str:
    label = md_escape(text or "source")
    href = safe_href(link)
    return f"[{label}](<{href.replace('>', '%3E')}>)" if href else label


def write_story_page(store: Store, folder: Path, storyline: str | None = None) -> tuple[Path, Path]:
    """Write ``story.html`` and ``story.md`` into ``folder``; returns their paths."""
    view = build_overview(store, storyline)
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / "story.html"
    md_path = folder / "story.md"
    html_path.write_text(render_html(view), encoding="utf-8")
    md_path.write_text(render_markdown(view), encoding="utf-8")
    return html_path.resolve(), md_path.resolve()
