"""A story's own knowledge: words that mean something only in this coverage.

World knowledge (every country, its capital and demonyms) ships with storyline; a story may
need more. In coverage of the two Koreas a bare "the North" is North Korea, which is no fact
about the world. Such words go in a knowledge file (TOML, or JSON for any other suffix), given
with ``--knowledge FILE`` on ``ingest`` and ``annotate``; the demo corpus ships its own
(``storyline/data/korea-seeds/storyline.knowledge.toml``)::

    [[country_word]]
    word = "North"          # the word as written (case-sensitive)
    country = "north-korea" # a country's slug (its id without "gov:")
    kind = "name"           # name (default), demonym or seat
    requires = "Korea"      # only in articles that contain this word (optional)

A malformed file raises :class:`KnowledgeFileError` naming the file and the entry at fault.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from storyline.errors import InputError
from storyline.knowledge import country_by_slug

_KINDS = ("name", "demonym", "seat")


class KnowledgeFileError(InputError):
    """The story knowledge file cannot be read or an entry in it is malformed."""


@dataclass(frozen=True)
class CountryWord:
    word: str
    country: str
    kind: str = "name"
    requires: str | None = None

    def applies(self, text: str) -> bool:
        return self.requires is None or self.requires in text


@dataclass(frozen=True)
class StoryKnowledge:
    """The parsed knowledge file; the empty default adds nothing."""

    country_words: tuple[CountryWord, ...] = field(default_factory=tuple)

    def country_word(self, word: str, text: str, kind: str | None = None) -> CountryWord | None:
        """The entry for ``word`` as written in an article whose text is ``text``."""
        for entry in self.country_words:
            if entry.word == word and (kind is None or entry.kind == kind) and entry.applies(text):
                return entry
        return None


def load_story_knowledge(path: str | Path | None) -> StoryKnowledge:
    """Read and check the knowledge file at ``path``; ``None`` gives the empty knowledge."""
    return _load(str(path)) if path is not None else StoryKnowledge()


@cache
def _load(path: str) -> StoryKnowledge:
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeFileError(path, f"cannot read the knowledge file: {exc}") from exc
    try:
        data = tomllib.loads(raw) if path.lower().endswith(".toml") else json.loads(raw)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise KnowledgeFileError(path, f"not valid TOML/JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeFileError(path, "the top level must be a table/object of sections")
    unknown = sorted(set(data) - {"country_word"})
    if unknown:
        raise KnowledgeFileError(path, f"unknown section(s) {', '.join(unknown)}; use country_word")
    words = []
    entries = data.get("country_word", [])
    if not isinstance(entries, list):
        raise KnowledgeFileError(path, "'country_word' must be a list of entries")
    for n, entry in enumerate(entries, start=1):
        where = f"country_word entry {n}"
        if not isinstance(entry, dict):
            raise KnowledgeFileError(path, f"{where}: must be a table/object")
        word, country = entry.get("word"), entry.get("country")
        kind, requires = entry.get("kind", "name"), entry.get("requires")
        if not isinstance(word, str) or not word.strip():
            raise KnowledgeFileError(path, f"{where}: 'word' must be a non-empty string")
        if not isinstance(country, str) or country_by_slug(country) is None:
            raise KnowledgeFileError(
                path, f"{where}: 'country' {country!r} is not a country slug such as 'north-korea'"
            )
        if kind not in _KINDS:
            raise KnowledgeFileError(path, f"{where}: 'kind' must be one of {', '.join(_KINDS)}")
        if requires is not None and not isinstance(requires, str):
            raise KnowledgeFileError(path, f"{where}: 'requires' must be a string")
        words.append(CountryWord(word.strip(), country, kind, requires))
    return StoryKnowledge(tuple(words))
