"""World knowledge loaded from data (pycountry, geonames, Phoenix) and a story's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import knowledge
from storyline.knowledge.story import KnowledgeFileError, load_story_knowledge


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("Peru", "peru"),
        ("Peruvians", "peru"),
        ("Libyan", "libya"),
        ("Tripoli", "libya"),
        ("Britain", "united-kingdom"),
        ("the Kremlin", "russia"),
        ("Russian Federation", "russia"),
        ("Côte d'Ivoire", "cote-divoire"),
    ],
)
def test_every_country_with_its_words(words: str, slug: str) -> None:
    country = (
        knowledge.country_named(words)
        or knowledge.country_of_demonym(words)
        or knowledge.country_of_seat(words)
    )
    assert country is not None, words
    assert country.slug == slug


def test_countries_come_from_pycountry() -> None:
    assert len(knowledge.countries()) >= 240
    assert knowledge.country_by_slug("north-korea") is not None
    assert knowledge.country_named("Views") is None


def test_gazetteer_knows_towns_not_words() -> None:
    assert knowledge.is_place("Ajdabiya")
    assert knowledge.is_place("Benghazi")
    assert not knowledge.is_place("Views")
    assert not knowledge.is_place("Fujimori")


def test_phoenix_people_hold_spelling_variants() -> None:
    people = knowledge.known_people()
    assert people["hosni mubarak"].number == people["husni mubarak"].number
    assert people["hosni mubarak"].country == "EGY"
    assert people["hosni mubarak"].number != people["mohamed morsi"].number
    groups = knowledge.known_groups()
    assert groups["nato"].number == groups["north-atlantic-treaty-organization"].number


def test_story_knowledge_file(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text(
        '[[country_word]]\nword = "North"\ncountry = "north-korea"\nrequires = "Korea"\n',
        encoding="utf-8",
    )
    story = load_story_knowledge(path)
    assert story.country_word("North", "talks on Korea") is not None
    assert story.country_word("North", "the North Sea") is None
    assert load_story_knowledge(None).country_word("North", "Korea") is None


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        ('[[country_word]]\nword = "North"\ncountry = "narnia"\n', "not a country slug"),
        ('[[country_word]]\ncountry = "north-korea"\n', "'word'"),
        ('[[region]]\nword = "x"\n', "unknown section"),
        ("[[country_word]\n", "not valid TOML"),
    ],
)
def test_bad_knowledge_file_names_file_and_fault(tmp_path: Path, content: str, fault: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeFileError) as caught:
        load_story_knowledge(path)
    assert fault in str(caught.value)
    assert "bad.toml" in str(caught.value)
