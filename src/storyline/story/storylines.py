"""Storylines: articles clustered incrementally as they arrive.

An article joins the storyline it is most similar to — text (cosine of term weights), shared
entities (weighted Jaccard) and time proximity (a mild penalty for long gaps, since a story
can sleep for years) — or starts a new one. Candidates come from an inverted index of the
storylines' top terms and entities, capped per key to the most recently active storylines,
so the cost of a new article does not grow with the size of the store. Everything is
deterministic: articles are added in (date, id) order and ties go to the smaller id.

A user's overrides (merge, split, rename, move) are kept apart and replayed after every
re-clustering, so they survive it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.errors import StorylineError
from storyline.ids import resolve_article_id, resolve_id
from storyline.model import AnnotatedArticle, Storyline
from storyline.store import Store
from storyline.store.store import StoredStoryline

_WORD = re.compile(r"[^\W\d_][\w'-]{2,}")
TERMS_PER_ARTICLE = 40
TERMS_PER_STORYLINE = 300
KEYS_PER_ARTICLE = 12
STORYLINES_PER_KEY = 50


@dataclass(frozen=True)
class ClusterOptions:
    # Weight of text similarity against shared entities in the joining score.
    text_weight: float = 0.55
    # Score at or above which an article joins a storyline; between the two: related.
    join: float = 0.22
    related: float = 0.12
    # Text cosine at which an article joins when there are no entities to compare.
    join_text_only: float = 0.14
    # An article that joins one storyline and scores within this share of it for another
    # bridges them: the two were one story told in two runs of coverage, so they merge.
    bridge: float = 0.9
    # Penalty reached at a gap of `gap_days` between the article and the storyline.
    gap_penalty: float = 0.1
    gap_days: int = 1095


@dataclass
class ClusterState:
    """A storyline with what the clusterer needs to compare new articles with it."""

    id: str
    label: str | None = None
    terms: dict[str, float] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    titles: list[tuple[str, str]] = field(default_factory=list)  # (date or "", title)
    # The opening sentence of untitled articles (date or "", sentence), the latest kept.
    leads: list[tuple[str, str]] = field(default_factory=list)
    related: set[str] = field(default_factory=set)
    renamed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "terms": self.terms,
            "entities": dict(self.entities),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "titles": self.titles,
            "leads": self.leads,
            "related": sorted(self.related),
            "renamed": self.renamed,
        }

    @classmethod
    def from_json(cls, sid: str, articles: list[str], data: dict[str, Any]) -> ClusterState:
        return cls(
            id=sid,
            label=data.get("label"),
            terms={k: float(v) for k, v in data.get("terms", {}).items()},
            entities=Counter(data.get("entities", {})),
            articles=articles,
            first=date.fromisoformat(data["first"]) if data.get("first") else None,
            last=date.fromisoformat(data["last"]) if data.get("last") else None,
            titles=[(str(t[0]), str(t[1])) for t in data.get("titles", [])],
            leads=[(str(t[0]), str(t[1])) for t in data.get("leads", [])],
            related=set(data.get("related", [])),
            renamed=bool(data.get("renamed", False)),
        )

    def storyline(self) -> Storyline:
        return Storyline(
            id=self.id,
            label=self.display_label(),
            articles=list(self.articles),
            entities=[e for e, _ in self.entities.most_common(8)],
            first=self.first,
            last=self.last,
            related=sorted(self.related),
        )

    def display_label(self) -> str:
        """The storyline's headline: the user's name for it, else the most representative
        recent title (or, where the coverage has no titles, lead sentence)."""
        if self.renamed and self.label:
            return self.label
        return representative_headline(self.titles + self.leads, self.terms) or self.id


# Headlines are chosen among this share of the latest titles or leads (at least a few).
RECENT_SHARE = 0.25
RECENT_MIN = 5
LEADS_KEPT = 60
HEADLINE_WORDS = 14


def representative_headline(
    candidates: Sequence[tuple[str, str]], terms: dict[str, float]
) -> str | None:
    """Among the latest ``(date, text)`` candidates, the one closest to the storyline's terms:
    the story as it stands now, in words its coverage uses."""
    if not candidates:
        return None
    ordered = sorted(candidates)
    recent = ordered[-max(RECENT_MIN, math.ceil(RECENT_SHARE * len(ordered))) :]
    vectors = [article_terms(text) for _, text in recent]
    # What the latest coverage says in common: a headline most of it echoes, not a feature's
    # lead that shares the story's words but tells one person's day.
    now: Counter[str] = Counter()
    for vector in vectors:
        now.update(vector)
    # A headline is short: a long title (a programme's running order) counts for less, and
    # so does what is no headline of the news: a column's standfirst (a question, "…, writes
    # Jane Doe"), a wire's list of highlights ("* Helix to use … * Company interest …"), a
    # file photo's caption ("FILE: …", "In this July 31 file photo, …").
    scored = [
        (
            _cosine(vector, terms)
            * (1.0 + _cosine(vector, dict(now - Counter(vector))))
            * min(1.0, HEADLINE_WORDS / len(text.split()))
            * (STANDFIRST_WEIGHT if _standfirst(text) else 1.0),
            when,
            text,
        )
        for (when, text), vector in zip(recent, vectors, strict=True)
    ]
    return max(scored)[2]


STANDFIRST_WEIGHT = 0.25
_BULLET = re.compile(r"\s*(?:\\?\*|•|·)\s")
_FILE_PHOTO = re.compile(r"^\s*FILE\s*(?::|-|—|–)|\bfile (?:photo|picture|image)\b", re.I)
_CREDIT = re.compile(
    r"[,—–-]\s*(?:asks|writes|argues|says|reports|explains|finds|reflects|wonders)\s+"
    r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+[.!]?$"
)


def _standfirst(text: str) -> bool:
    """Not a headline of the news: a question, a line crediting its writer, bullets, a file
    photo's caption."""
    return (
        "?" in text
        or bool(_CREDIT.search(text.strip()))
        or bool(_BULLET.match(text))
        or bool(_FILE_PHOTO.search(text))
    )


# A news lead runs 12 to 40 words; a photo caption ("Police officers protest in Cairo, Egypt,
# on Sunday.") is shorter.
LEAD_WORDS = (12, 40)


def lead_sentence(doc: AnnotatedArticle) -> str | None:
    """An article's opening sentence when it reads as a news lead: a statement of 12 to 40
    words in sentence case, in the third person (not a caption fragment, a question, a
    shouted line, or a speech's "we have faced ..." that a transcript opens with)."""
    text = doc.article.text
    for span in doc.sentences[:3]:
        sentence = text[span.start : span.end].strip()
        words = sentence.split()
        if (
            LEAD_WORDS[0] <= len(words) <= LEAD_WORDS[1]
            and sentence[0].isupper()
            and sentence[-1] in ".!\"”’'"
            and not sentence.isupper()
            and not _SPEAKER_WORDS.search(sentence)
        ):
            return sentence
    return None


# First and second person: a speaker's words, not a reporter's lead.
_SPEAKER_WORDS = re.compile(r"\b(?:I|we|We|us|our|Our|my|My|you|You|your|Your)\b")


def article_terms(text: str) -> dict[str, float]:
    """Top terms of a text by log term frequency, stop words removed, unit length."""
    counts = Counter(
        w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in ENGLISH_STOP_WORDS
    )
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_PER_ARTICLE]
    weights = {w: 1.0 + math.log(c) for w, c in top}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: v / norm for w, v in weights.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    nb = math.sqrt(sum(v * v for v in b.values())) or 1.0
    return dot / nb


class StorylineClusterer:
    """Assigns articles to storylines one at a time."""

    def __init__(
        self, states: Iterable[ClusterState] = (), options: ClusterOptions | None = None
    ) -> None:
        self.options = options or ClusterOptions()
        self.states: dict[str, ClusterState] = {}
        self.index: dict[str, list[str]] = {}
        for state in states:
            self.states[state.id] = state
            self._index(state)

    def _keys(self, terms: dict[str, float], entities: Iterable[str]) -> list[str]:
        top = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:KEYS_PER_ARTICLE]
        return [f"t:{t}" for t, _ in top] + [f"e:{e}" for e in sorted(set(entities))]

    def _index(self, state: ClusterState) -> None:
        for key in self._keys(state.terms, [e for e, _ in state.entities.most_common(20)]):
            ids = self.index.setdefault(key, [])
            if state.id in ids:
                ids.remove(state.id)
            ids.append(state.id)  # most recently active last
            del ids[:-STORYLINES_PER_KEY]

    def add(self, doc: AnnotatedArticle) -> str:
        """Put ``doc`` in a storyline (joining or starting one); returns the storyline id."""
        a = doc.article
        terms = article_terms(f"{a.title or ''} {a.text}")
        entities = {m.entity for m in doc.mentions if m.entity}
        candidates = sorted(
            {
                sid
                for key in self._keys(terms, entities)
                for sid in self.index.get(key, [])
                if sid in self.states  # merged-away storylines linger in the index
            }
        )
        scores = {
            sid: self._score(self.states[sid], terms, entities, a.published) for sid in candidates
        }
        best, best_score = None, 0.0
        for sid in candidates:
            if scores[sid] > best_score:
                best, best_score = sid, scores[sid]
        if best is None or best_score < self.options.join:
            state = ClusterState(id=f"s-{a.id[:12]}")
            self.states[state.id] = state
            if best is not None and best_score >= self.options.related:
                state.related.add(best)
                self.states[best].related.add(state.id)
        else:
            state = self.states[best]
            for sid in candidates:
                bridged = scores[sid] >= max(self.options.join, self.options.bridge * best_score)
                if sid != best and bridged and sid in self.states:
                    state = self._merge(state, self.states[sid])
        self._absorb(state, doc, terms, entities)
        return state.id

    def _merge(self, a: ClusterState, b: ClusterState) -> ClusterState:
        """Fold the younger storyline into the older one (by first date, then id)."""
        keep, gone = sorted((a, b), key=lambda s: (s.first or date.max, s.id))
        merged: dict[str, float] = dict(keep.terms)
        for t, w in gone.terms.items():
            merged[t] = merged.get(t, 0.0) + w
        keep.terms = dict(
            sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_PER_STORYLINE]
        )
        keep.entities.update(gone.entities)
        keep.articles.extend(x for x in gone.articles if x not in keep.articles)
        keep.titles.extend(gone.titles)
        keep.leads = sorted(keep.leads + gone.leads)[-LEADS_KEPT:]
        keep.related |= gone.related
        keep.related -= {keep.id, gone.id}
        dates = [d for d in (keep.first, keep.last, gone.first, gone.last) if d]
        keep.first, keep.last = (min(dates), max(dates)) if dates else (None, None)
        del self.states[gone.id]
        for other in self.states.values():
            if gone.id in other.related:
                other.related.discard(gone.id)
                if other.id != keep.id:
                    other.related.add(keep.id)
        self._index(keep)
        return keep

    def _score(
        self, state: ClusterState, terms: dict[str, float], entities: set[str], when: date | None
    ) -> float:
        o = self.options
        text = _cosine(terms, state.terms)
        if entities and state.entities:
            score = o.text_weight * text + (1 - o.text_weight) * _entity_jaccard(
                entities, state.entities
            )
        else:  # no entities annotated: text alone decides, on the join threshold's scale
            score = text * o.join / o.join_text_only
        if when and state.last and state.first:
            gap = max((when - state.last).days, (state.first - when).days, 0)
            score -= o.gap_penalty * min(1.0, gap / o.gap_days)
        return score

    def _absorb(
        self,
        state: ClusterState,
        doc: AnnotatedArticle,
        terms: dict[str, float],
        entities: set[str],
    ) -> None:
        a = doc.article
        if a.id not in state.articles:
            state.articles.append(a.id)
        merged: dict[str, float] = dict(state.terms)
        for t, w in terms.items():
            merged[t] = merged.get(t, 0.0) + w
        state.terms = dict(
            sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_PER_STORYLINE]
        )
        state.entities.update(entities)
        if a.published:
            state.first = min(filter(None, [state.first, a.published]))
            state.last = max(filter(None, [state.last, a.published]))
        when = a.published.isoformat() if a.published else ""
        if a.title and a.kind == "article":
            state.titles.append((when, a.title))
        elif a.kind == "article" and (lead := lead_sentence(doc)):
            state.leads.append((when, lead))
            state.leads = sorted(state.leads)[-LEADS_KEPT:]
        self._index(state)

    # -- overrides ------------------------------------------------------------------------

    def apply(self, op: str, args: dict[str, Any], docs: dict[str, AnnotatedArticle]) -> None:
        """Replay one user override. Unknown ids are ignored (the storyline may be gone)."""
        if op == "rename" and args.get("storyline") in self.states:
            state = self.states[args["storyline"]]
            state.label, state.renamed = str(args["label"]), True
        elif op == "merge" and {args.get("into"), args.get("other")} <= set(self.states):
            into, other = self.states[args["into"]], self.states.pop(args["other"])
            for aid in other.articles:
                if aid in docs:
                    self._absorb(into, docs[aid], *self._features(docs[aid]))
            into.related.discard(other.id)
        elif op == "move" and args.get("to") in self.states and args.get("article") in docs:
            self._detach(args["article"], docs)
            self._absorb(
                self.states[args["to"]],
                docs[args["article"]],
                *self._features(docs[args["article"]]),
            )
        elif op == "split" and args.get("storyline") in self.states:
            moving = sorted(
                set(args.get("articles", [])) & set(self.states[args["storyline"]].articles)
            )
            if not moving:
                return
            new_id = "s-" + hashlib.sha256(" ".join(moving).encode()).hexdigest()[:12]
            for aid in moving:
                self._detach(aid, docs)
            state = ClusterState(id=new_id)
            self.states[new_id] = state
            for aid in moving:
                self._absorb(state, docs[aid], *self._features(docs[aid]))
            # A story split off another is still related to it.
            state.related.add(args["storyline"])
            self.states[args["storyline"]].related.add(new_id)

    def _features(self, doc: AnnotatedArticle) -> tuple[dict[str, float], set[str]]:
        a = doc.article
        return article_terms(f"{a.title or ''} {a.text}"), {
            m.entity for m in doc.mentions if m.entity
        }

    def _detach(self, article_id: str, docs: dict[str, AnnotatedArticle]) -> None:
        """Take an article out of its storyline, rebuilding that storyline's profile."""
        for sid, state in list(self.states.items()):
            if article_id in state.articles:
                rest = [aid for aid in state.articles if aid != article_id]
                fresh = ClusterState(
                    id=sid, label=state.label, renamed=state.renamed, related=state.related
                )
                del self.states[sid]
                if rest:
                    self.states[sid] = fresh
                    for aid in rest:
                        if aid in docs:
                            self._absorb(fresh, docs[aid], *self._features(docs[aid]))

    def storylines(self) -> list[Storyline]:
        """All storylines, largest first."""
        return [
            s.storyline()
            for s in sorted(self.states.values(), key=lambda s: (-len(s.articles), s.id))
        ]


def _entity_jaccard(article: set[str], storyline: Counter[str]) -> float:
    """Cosine of the article's entity set and the storyline's 20 most common entities."""
    if not article or not storyline:
        return 0.0
    top = {e for e, _ in storyline.most_common(20)}
    return len(article & top) / math.sqrt(len(article) * len(top))


def cluster(
    docs: Sequence[AnnotatedArticle],
    states: Iterable[ClusterState] = (),
    options: ClusterOptions | None = None,
) -> StorylineClusterer:
    """Add ``docs`` in (date, id) order to a clusterer holding ``states``."""
    clusterer = StorylineClusterer(states, options)
    for doc in sorted(docs, key=_order):
        clusterer.add(doc)
    return clusterer


def load_clusterer(store: Store, options: ClusterOptions | None = None) -> StorylineClusterer:
    states = [ClusterState.from_json(s.id, s.articles, s.data) for s in store.storylines()]
    return StorylineClusterer(states, options)


def save_clusterer(store: Store, clusterer: StorylineClusterer) -> None:
    store.save_storylines(
        [
            StoredStoryline(s.id, s.display_label(), list(s.articles), s.to_json())
            for s in clusterer.states.values()
        ]
    )


def update_storylines(store: Store, new_ids: Sequence[str]) -> list[str]:
    """Add newly ingested articles to the stored storylines; returns their storyline ids."""
    docs = store.annotated(store.articles(ids=new_ids))
    # Read, extend and write back the whole clustering as one step: another ingest's
    # articles, placed meanwhile, are not overwritten.
    with store.lock(STORYLINES_LOCK):
        clusterer = load_clusterer(store)
        placed = [clusterer.add(d) for d in sorted(docs, key=_order)]
        save_clusterer(store, clusterer)
    return placed


def recluster(store: Store, options: ClusterOptions | None = None) -> list[Storyline]:
    """Cluster every stored article from scratch, then replay the user's overrides."""
    with store.lock(STORYLINES_LOCK):
        docs = list(store.iter_annotated())
        clusterer = cluster(docs, options=options)
        by_id = {d.article.id: d for d in docs}
        for op, args in store.overrides():
            clusterer.apply(op, args, by_id)
        save_clusterer(store, clusterer)
    return clusterer.storylines()


def override(store: Store, op: str, args: dict[str, Any]) -> list[Storyline]:
    """Record a user override and apply it (by re-clustering, so it composes with the rest).

    Ids may be unique prefixes; they are stored whole. An override naming a storyline or an
    article that is not stored (or a prefix several share) raises IdError and stores nothing,
    so a typo never waits in the store to surprise a later re-clustering.
    """
    if op not in OVERRIDE_OPS:
        raise ValueError(f"unknown storyline override {op!r} (known: {', '.join(OVERRIDE_OPS)})")
    store.add_override(op, checked_override(store, op, args))
    return recluster(store)


def checked_override(store: Store, op: str, args: dict[str, Any]) -> dict[str, Any]:
    """``args`` with every id resolved against the store; StorylineError when one is wrong."""
    stored = {s.id: s for s in store.storylines()}

    def storyline(key: str) -> str:
        return resolve_id("storyline", str(args.get(key) or ""), stored, list_known=True)

    if op == "rename":
        label = str(args.get("label") or "").strip()
        if not label:
            raise StorylineError("a storyline's new label cannot be empty")
        return {"storyline": storyline("storyline"), "label": label}
    if op == "merge":
        into, other = storyline("into"), storyline("other")
        if into == other:
            raise StorylineError(f"cannot merge storyline {into} into itself")
        return {"into": into, "other": other}
    if op == "move":
        return {
            "article": resolve_article_id(store, str(args.get("article") or "")),
            "to": storyline("to"),
        }
    sid = storyline("storyline")  # split
    given = [str(a) for a in args.get("articles") or [] if a]
    if not given:
        raise StorylineError(f"name the articles to split out of {sid}: ID:ARTICLE,ARTICLE")
    articles = sorted({resolve_article_id(store, a) for a in given})
    outside = [a for a in articles if a not in stored[sid].articles]
    if outside:
        raise StorylineError(f"not in storyline {sid}: {', '.join(outside)}")
    return {"storyline": sid, "articles": articles}


def stored_storylines(store: Store) -> list[Storyline]:
    return load_clusterer(store).storylines()


def _order(d: AnnotatedArticle) -> tuple[date, str]:
    return (d.article.published or date.max, d.article.id)


OVERRIDE_OPS = ("merge", "split", "rename", "move")

# The store lock held while the stored clustering is read and written back.
STORYLINES_LOCK = "storylines"
