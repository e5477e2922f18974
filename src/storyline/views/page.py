"""The story page as one self-contained HTML file and as Markdown.

Articles are untrusted input: every piece of their text is escaped, and only http(s) and
file links become hyperlinks. No external requests: inline CSS, no scripts, no fonts.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlparse

from storyline.model import Entity, Storyline
from storyline.store import Store
from storyline.story.brief import Brief, BriefSentence, build_brief
from storyline.story.overview import StoryOverview, build_overview
from storyline.views.charts import POSITION_COLOURS, stance_svg, timeline_svg

CSS = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1d2330;background:#fff}
h1{font-size:1.9rem;line-height:1.25;margin:.2rem 0 .4rem}h2{margin-top:2.2rem;
border-bottom:1px solid #dde2ea;padding-bottom:.3rem}
.meta{color:#5a6478;font-size:.92rem}.kind{font-size:.75rem;text-transform:uppercase;
letter-spacing:.05em;background:#eef2f8;border-radius:3px;padding:0 .35rem;margin-right:.4rem}
ol.coverage{list-style:none;padding:0}ol.coverage li{margin:0 0 1.1rem;padding-left:.8rem;
border-left:3px solid #c7d2e3}ol.coverage li.blurb{border-left-color:#e6d8b8}
.date{font-weight:600;font-variant-numeric:tabular-nums}table{border-collapse:collapse}
td,th{padding:.25rem .6rem;border-bottom:1px solid #eef0f4;text-align:left;vertical-align:top}
"""


def safe_href(link: str | None) -> str | None:
    """The link if it is http(s) or file (a local path becomes a file: URI), else None."""
    if not link:
        return None
    scheme = urlparse(link).scheme.lower()
    if scheme in ("http", "https", "file"):
        return link
    if scheme == "" or len(scheme) == 1:  # a path (a Windows drive letter looks like a scheme)
        try:
            return Path(link).resolve().as_uri()
        except ValueError:
            return None
    return None


def render_html(view: StoryOverview) -> str:
    e = html.escape
    span = _span_text(view)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        # No external requests: forbid everything but inline styles and data images.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(view.headline)}</title><style>{CSS}</style></head><body>",
        '<p class="meta">storyline</p>',
        f"<h1>{e(view.headline)}</h1>",
        f'<p class="meta">{e(span)} · {_count(len(view.outlets), "outlet")} · '
        f"{len(view.coverage)} articles and blurbs</p>",
    ]
    parts += _brief_html(view, build_brief(view))
    parts += _timeline_html(view) + _next_html(view) + _related_html(view) + _players_html(view)
    parts += _quotes_html(view) + _voices_html(view) + _events_html(view) + _stances_html(view)
    parts.append("<h2>Sources</h2><table><tr><th>Outlet</th><th>Date</th><th>Article</th></tr>")
    for s in view.sources:
        parts.append(
            f'<tr><td>{e(s.outlet)}</td><td class="date">{e(s.published)}</td>'
            f"<td>{_link_html(s.title, s.link)}</td></tr>"
        )
    parts.append('</table><h2>Coverage in date order</h2><ol class="coverage">')
    for c in view.coverage:
        title = f"<strong>{_link_html(c.title, c.link)}</strong><br>" if c.title else ""
        origin = f" · from “{e(c.parent_title)}”" if c.parent_title else ""
        source_link = "" if c.title else f" · {_link_html('source', c.link)}"
        parts.append(
            f'<li class="{e(c.kind)}" id="a-{e(c.article_id)}">'
            f'<span class="kind">{e(c.kind)}</span><span class="date">{e(c.date_text)}</span> '
            f'<span class="meta">{e(c.outlet)}{origin}{source_link}</span><br>'
            f"{title}{e(c.lead)}</li>"
        )
    parts.append("</ol></body></html>")
    return "\n".join(parts) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _cite_html(view: StoryOverview, article: str) -> str:
    return f'<a class="cite" href="#a-{html.escape(article)}">[{html.escape(article[:6])}]</a>'


def _sentence_html(view: StoryOverview, s: BriefSentence) -> str:
    date = f'<span class="date">{html.escape(s.date)}</span> — ' if s.date else ""
    cites = _cites_html(view, [c.article for c in s.citations])
    return f"{date}{html.escape(s.text)} {cites}"


def _brief_html(view: StoryOverview, brief: Brief) -> list[str]:
    if not (brief.lead or brief.paragraphs):
        return []
    parts = ["<h2>Brief</h2>"]
    if brief.lead:
        parts.append(
            '<p class="lead">' + " ".join(_sentence_html(view, s) for s in brief.lead) + "</p>"
        )
    for para in brief.paragraphs:
        parts.append("<p>" + "<br>".join(_sentence_html(view, s) for s in para) + "</p>")
    if brief.upcoming:
        parts.append(
            "<p><strong>Next:</strong> "
            + "<br>".join(_sentence_html(view, s) for s in brief.upcoming)
            + "</p>"
        )
    if brief.withheld:
        parts.append(
            f'<p class="meta">{len(brief.withheld)} sentence(s) withheld by the grounding '
            "check.</p>"
        )
    return parts


def _timeline_html(view: StoryOverview) -> list[str]:
    if not view.timeline:
        return []
    e = html.escape
    labels = [d.label for d in view.timeline]
    parts = ["<h2>Timeline</h2>", timeline_svg(labels, [len(d.entry.items) for d in view.timeline])]
    parts.append('<dl class="timeline">')
    for d in view.timeline:
        parts.append(f'<dt class="date" id="d-{e(d.label)}">{e(d.label)}</dt>')
        for item in d.entry.items:
            cites = _cites_html(view, [item.article, *(o for o, _, _ in item.also)])
            parts.append(f"<dd>{e(item.text)} {cites}</dd>")
    parts.append("</dl>")
    return parts


def _next_html(view: StoryOverview) -> list[str]:
    if not view.upcoming:
        return []
    e = html.escape
    parts = ["<h2>What's next</h2><ul>"]
    for u in view.upcoming:
        mod = f" ({e(u.mod.lower())})" if u.mod else ""
        parts.append(
            f'<li><span class="date">{e(u.value)}</span>{mod}: {e(u.text)} '
            f"{_cite_html(view, u.article)}</li>"
        )
    parts.append("</ul>")
    return parts


def _related_html(view: StoryOverview) -> list[str]:
    if not view.related:
        return []
    e = html.escape
    parts = ["<h2>Related storylines</h2><ul>"]
    for r in view.related:
        parts.append(
            f"<li><strong>{e(r.label)}</strong> · {len(r.articles)} articles · "
            f"{e(_dates(r))} · <code>storyline page {e(r.id)}</code></li>"
        )
    parts.append("</ul>")
    return parts


def _dates(r: Storyline) -> str:
    first, last = (d.isoformat() if d else "?" for d in (r.first, r.last))
    return first if first == last else f"{first} to {last}"


def _players_html(view: StoryOverview) -> list[str]:
    if not view.players:
        return []
    e = html.escape
    parts = ["<h2>Key players</h2><table><tr><th>Who</th><th>Roles</th><th>Articles</th></tr>"]
    for p in view.players:
        parts.append(
            f'<tr><td>{e(p.name)} <span class="meta">{e(p.kind)}</span></td>'
            f"<td>{e('; '.join(p.roles))}</td><td>{p.articles}</td></tr>"
        )
    parts.append("</table>")
    return parts


def _quotes_html(view: StoryOverview) -> list[str]:
    if not view.quotes:
        return []
    e = html.escape
    parts = ['<h2>Who said what</h2><ul class="quotes">']
    for q in view.quotes:
        via = f" (through {e(q.via)})" if q.via else ""
        parts.append(
            f'<li><span class="date">{e(q.date)}</span> <strong>{e(q.speaker)}</strong>{via}: '
            f'“{e(q.text)}” <span class="meta">{e(q.kind)}</span> '
            f"{_cites_html(view, [q.article, *(a for a, _, _ in q.also)])}</li>"
        )
    parts.append("</ul>")
    return parts


def _events_html(view: StoryOverview) -> list[str]:
    """ "Who did what": actor → PLOVER type → target, with date, place and citation."""
    from storyline.story.events_view import key_events, story_events

    entities = [Entity(p.entity, p.name, p.kind) for p in view.players]
    lines = key_events(story_events(view.docs, entities), (p.entity for p in view.players))
    if not lines:
        return []
    e = html.escape
    parts = [
        '<h2>Who did what</h2><table class="events"><tr><th>Date</th><th>Who</th>'
        "<th>Did what</th><th>To whom</th><th>Sentence</th></tr>"
    ]
    for ev in lines:
        when = e(ev.date or "?")
        if ev.date_from == "article":
            when += ' <span class="meta" title="dated by the article">(published)</span>'
        where = f' <span class="meta">in {e(ev.location)}</span>' if ev.location else ""
        parts.append(
            f'<tr><td class="date">{when}</td><td>{e(", ".join(ev.actor_names))}</td>'
            f'<td><strong>{e(ev.type.lower())}</strong> <span class="meta">{e(ev.quad)}</span>'
            f"{where}</td><td>{e(', '.join(ev.target_names)) or '—'}</td>"
            f"<td>{e(ev.sentence)} {_cite_html(view, ev.article)}</td></tr>"
        )
    parts.append("</table>")
    return parts


def _voices_html(view: StoryOverview) -> list[str]:
    if not view.voices:
        return []
    e = html.escape
    parts = ['<h2>What people say</h2><ul class="quotes">']
    for v in view.voices:
        stance = f' <span class="meta">({e(v.stance)})</span>' if v.stance else ""
        words = f"“{e(v.text)}”" if v.kind == "quote" else e(v.text)
        parts.append(
            f'<li><span class="date">{e(v.date)}</span> <strong>{e(v.speaker)}</strong>'
            f"{stance}: {words} {_cites_html(view, [v.article, *(a for a, _, _ in v.also)])}</li>"
        )
    parts.append("</ul>")
    return parts


def _cites_html(view: StoryOverview, articles: list[str], shown: int = 3) -> str:
    """Citations, the first few linked and the rest counted (a wire story in many outlets)."""
    cites = "".join(_cite_html(view, a) for a in articles[:shown])
    more = len(articles) - shown
    return cites + (f' <span class="meta">+{more}</span>' if more > 0 else "")


def _stances_html(view: StoryOverview) -> list[str]:
    if not view.tracks:
        return []
    e = html.escape
    names = {p.entity: p.name for p in view.players}
    rows = []
    for t in view.tracks:
        label = f"{names.get(t.holder, t.holder)} — {t.issue}"
        rows.append((label, [(p.date or "?", p.position, p.shift) for p in t.points]))
    parts = ["<h2>Stances over time</h2>", stance_svg(rows)]
    parts.append(
        "<table><tr><th>Actor — issue</th><th>Date</th><th>Position</th><th>Evidence</th></tr>"
    )
    for (label, _), t in zip(rows, view.tracks, strict=True):
        for p in t.points:
            colour = POSITION_COLOURS.get(p.position, "#8a94a6")
            shift = " <strong>shift</strong>" if p.shift else ""
            cond = f" — {e(p.condition_text)}" if p.condition_text else ""
            evidence = view.text_of(p.article, p.evidence.start, p.evidence.end)
            parts.append(
                f'<tr><td>{e(label)}</td><td class="date">{e(p.date or "?")}</td>'
                f'<td style="color:{colour}">{e(p.position)}{cond}{shift}</td>'
                f"<td>{e(evidence)} {_cite_html(view, p.article)}</td></tr>"
            )
    parts.append("</table>")
    return parts


def _link_html(text: str | None, link: str | None) -> str:
    label = html.escape(text or "source")
    href = safe_href(link)
    return f'<a href="{html.escape(href, quote=True)}">{label}</a>' if href else label


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
            lines.append(
                f"- **{q.date}** {md_escape(q.speaker)}{via}: “{md_escape(q.text)}” "
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
    if view.tracks:
        names = {p.entity: p.name for p in view.players}
        lines += [
            "## Stances over time",
            "",
            "| Actor — issue | Date | Position |",
            "|---|---|---|",
        ]
        for t in view.tracks:
            label = md_escape(f"{names.get(t.holder, t.holder)} — {t.issue}")
            for p in t.points:
                shift = " (shift)" if p.shift else ""
                lines.append(f"| {label} | {p.date or '?'} | {p.position}{shift} |")
        lines.append("")
    return lines


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
