"""The user's identity file: corrections to entity identity that survive re-annotation.

The file is JSON or TOML (chosen by its suffix; ``.toml`` is TOML, anything else JSON) with
up to five lists of entries, applied in this order every time the ``entities`` stage runs:

    alias   {id, alias}             the text ``alias`` names ``id`` (found in text too)
    split   {alias, from?, id?}     mentions written exactly ``alias`` (honorific dropped)
                                    do not join ``from`` (the id before merges; any entity
                                    if absent); they get ``id``, by default the alias's slug
    merge   {ids, into?}            every id in ``ids`` becomes ``into`` (default: the first)
    rename  {id, name}              the display name of ``id``
    role    {id, title, country?,   a role held from ``start`` to ``end`` (ISO dates); with
             head?, start?, end?}   ``country`` (a slug such as "south-korea") and ``head``
                                    ("president") it answers title references by date

TOML example::

    [[merge]]
    ids = ["kim-jong-un", "kim-jong-eun"]

    [[rename]]
    id = "kim-jong-un"
    name = "Kim Jong Un"

A malformed file raises :class:`IdentityFileError` naming the file and the line (syntax) or
the entry ("merge entry 2: ...") at fault.
"""

from __future__ import annotations

import json
import logging
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.annotate.identity import slug, strip_possessive
from storyline.annotate.roles import RoleClaim
from storyline.errors import InputError

log = logging.getLogger(__name__)

_SECTIONS = ("alias", "split", "merge", "rename", "role")
_HONORIFIC_PREFIXES = ("Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Mr ", "Mrs ", "Ms ", "Dr ")


class IdentityFileError(InputError):
    """The identity file cannot be read or an entry in it is malformed."""


@dataclass(frozen=True)
class Split:
    alias: str
    source: str | None
    id: str


@dataclass
class IdentityRules:
    """The parsed identity file; the empty default changes nothing."""

    aliases: dict[str, str] = field(default_factory=dict)
    splits: list[Split] = field(default_factory=list)
    merges: dict[str, str] = field(default_factory=dict)
    renames: dict[str, str] = field(default_factory=dict)
    roles: list[RoleClaim] = field(default_factory=list)

    def canonical(self, entity_id: str) -> str:
        """Follow merges to the surviving id (chains of merges included, cycles cut)."""
        seen: set[str] = set()
        while entity_id in self.merges and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.merges[entity_id]
        return entity_id

    def split_id(self, surface: str, resolved: str | None) -> str | None:
        """The id a split gives a mention written ``surface`` that resolved to ``resolved``."""
        written = surface_form(surface)
        for split in self.splits:
            if split.alias == written and (split.source is None or split.source == resolved):
                return split.id
        return None


def surface_form(text: str) -> str:
    """A mention's text without honorific and possessive: ``"Mr. Kim’s"`` → ``"Kim"``."""
    text = strip_possessive(" ".join(text.split()))
    for prefix in _HONORIFIC_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def load_identity_file(path: str | Path | None) -> IdentityRules:
    """Read and check the identity file at ``path``; ``None`` gives the empty rules."""
    if path is None:
        return IdentityRules()
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise IdentityFileError(str(path), f"cannot read the identity file: {exc}") from exc
    data = _parse(path, raw)
    rules = IdentityRules()
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        raise IdentityFileError(
            str(path), f"unknown section(s) {', '.join(unknown)}; use {', '.join(_SECTIONS)}"
        )
    for section in _SECTIONS:
        entries = data.get(section, [])
        if not isinstance(entries, list):
            raise IdentityFileError(str(path), f"{section!r} must be a list of entries")
        for n, entry in enumerate(entries, start=1):
            where = f"{section} entry {n}"
            if not isinstance(entry, dict):
                raise IdentityFileError(str(path), f"{where}: must be a table/object")
            _apply_entry(rules, section, _Entry(str(path), where, entry))
    log.debug("identity file %s: %d merges, %d splits", path, len(rules.merges), len(rules.splits))
    return rules


def _parse(path: Path, raw: str) -> dict[str, object]:
    try:
        if path.suffix.lower() == ".toml":
            parsed: object = tomllib.loads(raw)
        else:
            parsed = json.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise IdentityFileError(str(path), f"not valid TOML: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise IdentityFileError(
            str(path), f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    if not isinstance(parsed, dict):
        raise IdentityFileError(str(path), "the top level must be an object/table of sections")
    return parsed


@dataclass(frozen=True)
class _Entry:
    path: str
    where: str
    values: dict[str, object]

    def fail(self, reason: str) -> IdentityFileError:
        return IdentityFileError(self.path, f"{self.where}: {reason}")

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.values.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} must be a non-empty string")
        return value.strip()

    def required(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def day(self, key: str) -> date | None:
        value = self.values.get(key)
        if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(f"{key!r} must be an ISO date such as 2017-05-10")


def _apply_entry(rules: IdentityRules, section: str, entry: _Entry) -> None:
    if section == "alias":
        rules.aliases[surface_form(entry.required("alias"))] = entry.required("id")
    elif section == "split":
        alias = surface_form(entry.required("alias"))
        source = entry.text("from", required=False)
        target = entry.text("id", required=False) or slug(alias)
        if target == source:
            raise entry.fail(f"give an 'id': the alias's own id is {source!r}, the one it leaves")
        rules.splits.append(Split(alias, source, target))
    elif section == "merge":
        ids = entry.values.get("ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise entry.fail("'ids' must be a non-empty list of entity ids")
        into = entry.text("into", required=False) or str(ids[0])
        for old in ids:
            if str(old) != into:
                rules.merges[str(old)] = into
    elif section == "rename":
        rules.renames[entry.required("id")] = entry.required("name")
    else:
        rules.roles.append(
            RoleClaim(
                entity=entry.required("id"),
                title=entry.required("title"),
                country=entry.text("country", required=False),
                head=(entry.text("head", required=False) or entry.required("title")).lower(),
                article=None,
                start=entry.day("start"),
                end=entry.day("end"),
            )
        )
