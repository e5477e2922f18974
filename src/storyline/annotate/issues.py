"""Issue files: issues a user names for a storyline, and where a sentence touches them.

Issues are found in the coverage without any list (:mod:`.stance_targets`,
:mod:`storyline.story.issue_discovery`); an issue file adds issues a user wants tracked
by name. An issue ("US–North Korea talks without preconditions") is a set of word sequences
(its *terms*) plus the governments that must be in play for a generic term ("talks") to be
about it. The file is JSON (``{"issues": [...]}``, fields described in the demo corpus's own
file, ``storyline/data/korea-seeds/issues.json``); ``--issues FILE`` on ``ingest`` and
``annotate`` passes one (:func:`load_catalogue`), :func:`with_issues` extends one.

Matching is on the lowercase text of a sentence, so hyphenated compounds
("Washington-Pyongyang dialogue", "inter-Korean") match as written; each match is tied to
the root token of its words in the spaCy parse, which the stance rules walk from.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import PipelineError

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

log = logging.getLogger(__name__)


class CatalogueError(PipelineError):
    """An issue catalogue file that cannot be read; names the file and what is wrong."""


@dataclass(frozen=True)
class Issue:
    """One issue: its id, its label (what the story page shows), and how to recognize it."""

    id: str
    label: str
    terms: tuple[str, ...]
    markers: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    # The issue needs a qualifier in the sentence ("relief" means nothing without sanctions).
    requires_qualifier: bool = False
    # The trigger is the act the issue is about: its own polarity is the stance.
    act: bool = False
    conditional_is: str | None = None
    inverse: tuple[str, ...] = ()


@dataclass(frozen=True)
class IssueTrigger:
    """Where a sentence touches an issue: the matched characters and their root token."""

    issue: Issue
    start: int
    end: int
    root: Token
    marked: bool  # a marker term: the issue holds whoever is in the clause
    qualified: bool  # a qualifier is in the sentence


def term_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """The regex that finds any of ``words`` (catalogue term syntax) in text."""
    return _pattern(tuple(words))


@lru_cache(maxsize=256)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a list of terms; ``*`` ends a prefix, spaces allow any whitespace."""
    if not words:
        return None
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        prefix = word.endswith("*")
        body = r"\s+".join(re.escape(w) for w in word.rstrip("*").split())
        alternatives.append(body + (r"[\w-]*" if prefix else r"(?![\w])"))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _issue_from(raw: dict[str, object], where: str) -> Issue:
    def strings(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CatalogueError(f"{where}: issue field {key!r} must be a list of strings")
        return tuple(str(v).lower() for v in value)

    ident, label = raw.get("id"), raw.get("label")
    if not isinstance(ident, str) or not isinstance(label, str):
        raise CatalogueError(f"{where}: every issue needs a string 'id' and 'label'")
    conditional = raw.get("conditional_is")
    if conditional not in (None, "support", "oppose", "neutral"):
        raise CatalogueError(f"{where}: issue {ident!r}: conditional_is must be support/oppose")
    return Issue(
        id=ident,
        label=label,
        terms=strings("terms"),
        markers=strings("markers"),
        parties=tuple(strings("parties")),
        qualifiers=strings("qualifiers"),
        requires_qualifier=bool(raw.get("requires_qualifier", False)),
        act=bool(raw.get("act", False)),
        conditional_is=conditional if isinstance(conditional, str) else None,
        inverse=strings("inverse"),
    )


def parse_catalogue(text: str, where: str = "catalogue") -> tuple[Issue, ...]:
    """Issues from the JSON text of a catalogue (``{"issues": [...]}``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"{where}: not valid JSON ({exc}); fix the file") from exc
    items = data.get("issues") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CatalogueError(f"{where}: expected an object with an 'issues' list")
    return tuple(_issue_from(item, where) for item in items if isinstance(item, dict))


@lru_cache(maxsize=8)
def load_catalogue(path: str | None = None) -> tuple[Issue, ...]:
    """The issues of the file at ``path``; none without one (issues are then found)."""
    if path is None:
        return ()
    try:
        return parse_catalogue(Path(path).read_text(encoding="utf-8"), path)
    except OSError as exc:
        raise CatalogueError(f"cannot read issue catalogue {path}: {exc}") from exc


def with_issues(extra: Sequence[Issue], base: Sequence[Issue] | None = None) -> tuple[Issue, ...]:
    """``base`` (default: none) with ``extra`` issues first, replacing any with their id."""
    base = load_catalogue() if base is None else base
    ids = {i.id for i in extra}
    return (*extra, *(i for i in base if i.id not in ids))


def issue_by_label(catalogue: Sequence[Issue], label: str) -> Issue | None:
    return next((i for i in catalogue if i.label == label), None)


def find_triggers(sentence: SpacySpan, catalogue: Sequence[Issue]) -> list[IssueTrigger]:
    """Every place ``sentence`` names an issue's term, first issue first, one per root token."""
    doc = sentence.doc
    text = sentence.text
    offset = sentence.start_char
    found: list[IssueTrigger] = []
    for issue in catalogue:
        terms = _pattern(issue.terms)
        if terms is None:
            continue
        qualifiers = _pattern(issue.qualifiers)
        qualified = bool(qualifiers and qualifiers.search(text))
        markers = _pattern(issue.markers)
        if issue.requires_qualifier and not qualified:
            # Without a qualifier only the issue's own markers ("denuclearization") count.
            terms = markers
            if terms is None:
                continue
        for m in terms.finditer(text):
            span = doc.char_span(offset + m.start(), offset + m.end(), alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            marked = bool(markers and markers.search(m.group(0)))
            found.append(
                IssueTrigger(
                    issue, offset + m.start(), offset + m.end(), span.root, marked, qualified
                )
            )
    return found


def terms_near(token: Token, words: Sequence[str]) -> bool:
    """Whether the clause of ``token`` (its head's subtree) contains one of ``words``."""
    pattern = _pattern(tuple(words))
    if pattern is None:
        return False
    head = token.head
    return bool(pattern.search(token.doc[head.left_edge.i : head.right_edge.i + 1].text))
