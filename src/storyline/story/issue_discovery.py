"""The issues a storyline argues about, found in its coverage.

The ``stances`` stage records each open stance with the target it is about, named as written
("a no-fly zone over Libya", "Mubarak stepping down"). Here the targets of a storyline's
articles are grouped into issues:

1. each target name becomes a bag of word stems (determiners and other function words out,
   "stepping"/"step" one stem), weighted by inverse document frequency over the storyline's
   targets so that a word every target shares says little;
2. two targets are one issue when the cosine of their common words reaches ``MERGE_AT``
   and their names (capitalised words) agree: "Mubarak stepping down" and "Hosni Mubarak
   stepping down" meet, "Egyptian government allowing protests" and "Mubarak" do not;
   union-find over the pairs that share a word;
3. an issue must be argued in at least ``min_articles`` articles and by two holders (or in
   three articles); a target written once is an aside, not something the story is about;
4. the issue is named by the target name its members use most (the shortest on a tie).

A stance whose issue came from an issue file (no ``target``) keeps its issue.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import AnnotatedArticle, Stance

MERGE_AT = 0.6
_WORD = re.compile(r"[\w’'-]+")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "'s",
        "’s",
        "any",
        "some",
        "all",
        "more",
        "new",
    ]
)


@dataclass(frozen=True)
class FoundIssue:
    label: str
    members: tuple[str, ...]  # the target names it gathers
    articles: int
    points: int


def stem(word: str) -> str:
    """A light English stem: enough that "stepping", "steps" and "step" meet."""
    w = word.lower().strip("'’-")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "stepp" → "step"
    return w


def words_of(name: str) -> list[str]:
    """The common words of a target name, stemmed; names (capitalised words) aside."""
    return [stem(w) for w in _words(name) if not w[:1].isupper()]


def names_of(name: str) -> set[str]:
    """The capitalised words of a target name: who or where it is about."""
    return {w.lower() for w in _words(name) if w[:1].isupper()}


def _words(name: str) -> list[str]:
    found = (w.replace("’s", "").replace("'s", "") for w in _WORD.findall(name))
    return [w for w in found if w and w.lower() not in _FUNCTION_WORDS and not w.isdigit()]


def discover_issues(docs: Sequence[AnnotatedArticle], min_articles: int = 2) -> list[FoundIssue]:
    """The issues of ``docs``' open stances, most argued first."""
    names = _target_names(docs)
    articles: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[str]] = defaultdict(set)
    points: Counter[str] = Counter()
    for d in docs:
        for s in d.stances:
            if s.target is not None:
                articles[s.issue].add(d.article.id)
                holders[s.issue].add(s.holder)
                points[s.issue] += 1
    bags = {n: Counter(words_of(n) or names_of(n)) for n in names}
    bags = {n: b for n, b in bags.items() if b}
    proper = {n: names_of(n) for n in bags}
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(set(bag))
    total = max(1, len(bags))
    idf = {w: math.log((1 + total) / (1 + c)) + 1.0 for w, c in df.items()}
    vectors = {n: {w: c * idf[w] for w, c in b.items()} for n, b in bags.items()}
    parent = {n: n for n in vectors}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    by_word: dict[str, list[str]] = defaultdict(list)
    for n, vec in vectors.items():
        for w in vec:
            by_word[w].append(n)
    for sharing in by_word.values():
        if len(sharing) > 200:
            continue  # a word that common joins nothing by itself
        for i, a in enumerate(sharing):
            for b in sharing[i + 1 :]:
                agree = not proper[a] or not proper[b] or bool(proper[a] & proper[b])
                if agree and find(a) != find(b) and _cosine(vectors[a], vectors[b]) >= MERGE_AT:
                    parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in vectors:
        groups[find(n)].append(n)
    found: list[FoundIssue] = []
    for members in groups.values():
        covered = set().union(*(articles[m] for m in members))
        held = set().union(*(holders[m] for m in members))
        if len(covered) < min_articles or (len(held) < 2 and len(covered) <= min_articles):
            continue
        label = min(members, key=lambda m: (-points[m], len(m), m))
        count = sum(points[m] for m in members)
        found.append(FoundIssue(label, tuple(sorted(members)), len(covered), count))
    found.sort(key=lambda i: (-i.articles, -i.points, i.label))
    return found


def issue_labels(docs: Sequence[AnnotatedArticle], min_articles: int = 2) -> dict[str, str]:
    """Target name → the label of the issue it belongs to (names in no issue are absent)."""
    return {m: i.label for i in discover_issues(docs, min_articles) for m in i.members}


def issue_of(stance: Stance, labels: dict[str, str]) -> str | None:
    """The issue a stance counts toward: its own for a named issue, else its target's."""
    if stance.target is None:
        return stance.issue
    return labels.get(stance.issue)


def _target_names(docs: Sequence[AnnotatedArticle]) -> set[str]:
    return {s.issue for d in docs for s in d.stances if s.target is not None}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    dot = sum(v * large.get(w, 0.0) for w, v in small.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0
