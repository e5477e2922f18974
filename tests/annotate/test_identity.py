"""Names, ids and the user's identity file, checked on the seeds with the real pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from tests.helpers import seed_articles as raw_seed_articles

from storyline.annotate.entities import collect_entities
from storyline.annotate.identity import (
    country_in,
    name_key,
    person_id,
    surname,
)
from storyline.annotate.identity_file import IdentityFileError, load_identity_file
from storyline.annotate.pipeline import PipelineOptions, run_pipeline
from storyline.errors import InputError
from storyline.model import AnnotatedArticle, Article


def seed_articles(seeds_dir: Path) -> list[AnnotatedArticle]:
    return [AnnotatedArticle(a) for a in raw_seed_articles(seeds_dir)]


def annotate(docs: Sequence[AnnotatedArticle], identity: Path) -> Sequence[AnnotatedArticle]:
    return run_pipeline(
        docs, ["sentences", "entities"], PipelineOptions(identity_file=str(identity))
    )


def ids_of(doc: AnnotatedArticle, text: str) -> set[str | None]:
    found = {m.entity for m in doc.mentions if m.span.text(doc.text) == text}
    assert found, f"no mention {text!r} in article {doc.article.id}"
    return found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kim Jong-un", "kim-jong-un"),
        ("Kim Jong Un", "kim-jong-un"),
        ("Kim Jong-Un", "kim-jong-un"),
        ("KIM JONG-UN", "kim-jong-un"),
        ("Kim Jong-un’s", "kim-jong-un"),
        ("Lee Jae-myung", "lee-jae-myung"),
        ("Lee Jae Myung", "lee-jae-myung"),
        ("Rex W. Tillerson", "rex-tillerson"),
        ("H. R. McMaster", "h-r-mcmaster"),
        ("Mr. Moon", "moon"),
    ],
)
def test_person_ids_collapse_spelling_variants(name: str, expected: str) -> None:
    assert person_id(name) == expected


def test_different_people_keep_different_keys() -> None:
    assert name_key("Kim Jong-un") != name_key("Kim Yo-jong")
    assert name_key("Kim Jong-un") != name_key("Kim Jong-il")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Kim Jong-un", "kim"), ("Lee Jae Myung", "lee"), ("Kevin Kim", "kim"), ("Moon", "moon")],
)
def test_surname_order(name: str, expected: str) -> None:
    assert surname(name) == expected


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("Pyongyang", "north-korea"),
        ("the White House", "united-states"),
        ("U.S.", "united-states"),
        ("South Koreans", "south-korea"),
        ("Beijing", "china"),
    ],
)
def test_stand_ins_name_their_country(words: str, slug: str) -> None:
    country = country_in(words)
    assert country is not None
    assert country.slug == slug


def _run(seeds_dir: Path, identity: Path) -> dict[str, AnnotatedArticle]:
    return {d.article.id: d for d in annotate(seed_articles(seeds_dir), identity)}


def _twice(seeds_dir: Path, identity: Path) -> dict[str, AnnotatedArticle]:
    """Annotate the seeds twice with the identity file; both runs must agree."""
    first = _run(seeds_dir, identity)
    second = _run(seeds_dir, identity)
    for key, doc in first.items():
        assert second[key].mentions == doc.mentions
    return second


def test_merge_joins_ids(seeds_dir: Path, tmp_path: Path) -> None:
    identity = tmp_path / "identity.toml"
    identity.write_text('[[merge]]\nids = ["kim-jong-un", "kim-yo-jong"]\n', encoding="utf-8")
    docs = _twice(seeds_dir, identity)
    assert ids_of(docs["000"], "Kim Yo-jong") == {"kim-jong-un"}
    entities = {e.id for e in collect_entities(list(docs.values()))}
    assert "kim-yo-jong" not in entities


def test_rename_changes_the_display_name(seeds_dir: Path, tmp_path: Path) -> None:
    identity = tmp_path / "identity.json"
    identity.write_text('{"rename": [{"id": "kim-jong-un", "name": "Kim Jong Un"}]}')
    docs = _twice(seeds_dir, identity)
    entities = {e.id: e for e in collect_entities(list(docs.values()))}
    assert entities["kim-jong-un"].name == "Kim Jong Un"
    assert "Kim Jong-un" in entities["kim-jong-un"].aliases


def test_alias_adds_mentions(seeds_dir: Path, tmp_path: Path) -> None:
    identity = tmp_path / "identity.toml"
    identity.write_text(
        '[[alias]]\nid = "org:national-security-council"\nalias = "pacemaker"\n',
        encoding="utf-8",
    )
    docs = _twice(seeds_dir, identity)
    assert ids_of(docs["002"], "pacemaker") == {"org:national-security-council"}
    entities = {e.id: e for e in collect_entities(list(docs.values()))}
    assert entities["org:national-security-council"].kind == "organization"


def test_split_keeps_an_alias_apart(seeds_dir: Path, tmp_path: Path) -> None:
    identity = tmp_path / "identity.toml"
    identity.write_text(
        '[[split]]\nalias = "Kim"\nfrom = "kim-jong-un"\nid = "kim-unknown"\n', encoding="utf-8"
    )
    docs = _twice(seeds_dir, identity)
    assert ids_of(docs["000"], "Mr. Kim") == {"kim-unknown"}
    assert ids_of(docs["000"], "Kim Jong-un") == {"kim-jong-un"}


def test_role_entry_answers_title_references(seeds_dir: Path, tmp_path: Path) -> None:
    identity = tmp_path / "identity.toml"
    identity.write_text(
        '[[role]]\nid = "yoon-suk-yeol"\ntitle = "President of South Korea"\n'
        'country = "south-korea"\nhead = "president"\nstart = 2022-05-10\nend = 2025-04-04\n',
        encoding="utf-8",
    )
    docs = seed_articles(seeds_dir)
    text = "The South Korean president spoke on Monday."
    docs.append(AnnotatedArticle(Article("x", text, published=date(2023, 6, 1))))
    annotate(docs, identity)
    # Without the file the nearest evidence would be Lee (2026) for a 2023 article.
    assert ids_of(docs[-1], "The South Korean president") == {"yoon-suk-yeol"}
    # The seeds' own appositions still win in their own articles.
    assert ids_of(docs[0], "the South Korean president") == {"moon-jae-in"}
    entities = {e.id: e for e in collect_entities(docs)}
    (role,) = entities["yoon-suk-yeol"].roles
    assert (role.start, role.end) == (date(2022, 5, 10), date(2025, 4, 4))


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("bad.toml", '[[merge]]\nids = ["a"]\nx = = 1\n', "line 3"),
        ("bad.json", '{"merge": [\n{"ids": 3}\n]}', "merge entry 1"),
        ("bad2.json", '{"rename": [{"id": "x"}]}', "rename entry 1: 'name'"),
        ("bad3.json", '{"merge": [}', "line 1"),
        ("bad4.toml", '[[role]]\nid = "x"\ntitle = "y"\nstart = "May"\n', "role entry 1"),
        ("bad5.json", '{"marge": []}', "marge"),
        ("bad6.json", '{"split": [{"alias": "Kim Jong Un", "from": "kim-jong-un"}]}', "'id'"),
    ],
)
def test_malformed_identity_file_names_file_and_entry(
    tmp_path: Path, name: str, content: str, where: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IdentityFileError) as caught:
        load_identity_file(path)
    assert name in str(caught.value)
    assert where in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_missing_identity_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(IdentityFileError, match="cannot read"):
        load_identity_file(tmp_path / "absent.toml")
