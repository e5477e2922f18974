"""Stance tracks: one actor's position on one issue over time, with its shifts marked.

A track is built from the ``stances`` of annotated articles. Open stances (those with a
``target``) count toward the issue their target belongs to among the storyline's found
issues (:mod:`storyline.story.issue_discovery`); a target in no issue makes no point.
With ``group_by_government`` the stances of people who speak for a government (a president,
an envoy: see
:func:`storyline.annotate.stance_rules.holder_governments`) join that government's track,
so "the White House", "President Trump" and "the Trump administration" make one US track.

Points are in date order (ISO prefixes sort at mixed precision: "2017" < "2017-12" <
"2018-02-13"); points of one date keep the order they were written in. A point is a *shift*
where its position differs from the previous point's, neutral points aside: an actor saying
nothing either way has not changed its mind. Tracks come the issues argued most first, and
on each issue the holders who argued it most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.annotate.stance_rules import government_of, holder_governments
from storyline.model import AnnotatedArticle, Span
from storyline.story.issue_discovery import issue_labels, issue_of


@dataclass
class StancePoint:
    date: str | None
    position: str
    article: str
    evidence: Span
    condition_text: str | None
    shift: bool
    # The person or body whose words these are, when the track is a government's.
    holder: str | None = None


@dataclass
class StanceTrack:
    holder: str
    issue: str
    points: list[StancePoint]

    @property
    def shifts(self) -> list[StancePoint]:
        return [p for p in self.points if p.shift]

    def positions(self) -> list[tuple[str | None, str]]:
        """(date, position) per point: the track at a glance."""
        return [(p.date, p.position) for p in self.points]


def _governments(docs: Sequence[AnnotatedArticle]) -> dict[str, str]:
    """The stage's person → government map, recomputed when the docs come from a store."""
    mapping: dict[str, str] = {}
    for d in docs:
        mapping.update(d.stance_governments)
    return mapping or holder_governments(docs)


def build_tracks(
    docs: Sequence[AnnotatedArticle],
    group_by_government: bool = True,
    governments: Mapping[str, str] | None = None,
) -> list[StanceTrack]:
    """One track per holder × issue, points in date order, shifts marked.

    ``governments`` overrides the person → government map (default: what the stances stage
    found, or the same rules run again over ``docs``).
    """
    mapping = dict(governments) if governments is not None else _governments(docs)
    labels = issue_labels(docs)
    grouped: dict[tuple[str, str], list[tuple[int, StancePoint]]] = {}
    order = 0
    for d in docs:
        for stance in sorted(d.stances, key=lambda s: s.evidence.start):
            issue = issue_of(stance, labels)
            if issue is None:
                continue
            holder = stance.holder
            if group_by_government:
                holder = government_of(stance.holder, mapping) or stance.holder
            condition = stance.condition.text(d.text) if stance.condition else None
            point = StancePoint(
                date=stance.date,
                position=stance.position,
                article=d.article.id,
                evidence=stance.evidence,
                condition_text=condition,
                shift=False,
                holder=stance.holder,
            )
            grouped.setdefault((holder, issue), []).append((order, point))
            order += 1
    tracks: list[StanceTrack] = []
    for (holder, issue), items in sorted(grouped.items()):
        points = [p for _, p in sorted(items, key=lambda item: (item[1].date or "", item[0]))]
        _mark_shifts(points)
        tracks.append(StanceTrack(holder, issue, points))
    # The issues argued most first, and on each the holders who argued it most: a reader of
    # a long story meets what it is about before the asides.
    weight: Counter[str] = Counter()
    for track in tracks:
        weight[track.issue] += len(track.points)
    tracks.sort(key=lambda t: (-weight[t.issue], t.issue, -len(t.points), t.holder))
    return tracks


def _mark_shifts(points: list[StancePoint]) -> None:
    last: str | None = None
    for point in points:
        if point.position == "neutral":
            continue
        point.shift = last is not None and point.position != last
        last = point.position


def track_for(tracks: Sequence[StanceTrack], holder: str, issue: str) -> StanceTrack | None:
    """The track of ``holder`` on the issue labelled ``issue``, if there is one."""
    return next((t for t in tracks if t.holder == holder and t.issue == issue), None)
