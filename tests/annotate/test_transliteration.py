"""Spellings of one name, compared by sound; different names stay apart."""

from __future__ import annotations

import pytest

from storyline.annotate.transliteration import given_names_agree, name_parts, same_token
from storyline.knowledge import fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Gaddafi", "Qaddafi"),
        ("Gadhafi", "Kadhafi"),
        ("Moammar", "Muammar"),
        ("Mohamed", "Muhammad"),
        ("Hosni", "Husni"),
        ("Tantawi", "Tantawy"),
        ("Omar", "Umar"),
        ("Suleiman", "Sulaiman"),
        ("Bill", "William"),
    ],
)
def test_variants_are_one_name(a: str, b: str) -> None:
    assert same_token(fold(a), fold(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [("Hassan", "Hussein"), ("Gamal", "Hosni"), ("Obama", "Osama"), ("Kim", "Kang"), ("Un", "Il")],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not same_token(fold(a), fold(b))


def test_particles_are_not_name_parts() -> None:
    assert name_parts("Muammar al-Gaddafi") == ["muammar", "gaddafi"]
    assert name_parts("Mohamed ElBaradei") == ["mohamed", "baradei"]


def test_given_names_may_drop_a_middle_name() -> None:
    assert given_names_agree(["mohamed", "hussein"], ["hussein"])
    assert not given_names_agree(["gamal"], ["hosni"])
