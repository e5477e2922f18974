"""Ids as users type them: whole, or a prefix only one id starts with."""

from __future__ import annotations

import pytest

from storyline.errors import IdError
from storyline.ids import resolve_id

IDS = ["s-1a2b", "s-1a9f", "s-77c0"]


def test_whole_id_and_unique_prefix() -> None:
    assert resolve_id("storyline", "s-1a2b", IDS) == "s-1a2b"
    assert resolve_id("storyline", "s-7", IDS) == "s-77c0"


def test_ambiguous_prefix_names_the_candidates() -> None:
    with pytest.raises(IdError) as caught:
        resolve_id("storyline", "s-1a", IDS)
    assert caught.value.ambiguous
    assert caught.value.candidates == ["s-1a2b", "s-1a9f"]
    assert "'s-1a' matches 2 storylines: s-1a2b, s-1a9f; give more of the id" in str(caught.value)


def test_no_match_says_so_and_may_list_known_ids() -> None:
    with pytest.raises(IdError, match=r"^no storyline matches 'nope'$"):
        resolve_id("storyline", "nope", IDS)
    with pytest.raises(IdError, match=r"\(known: s-1a2b, s-1a9f, s-77c0\)"):
        resolve_id("storyline", "nope", IDS, list_known=True)
    with pytest.raises(IdError, match="no storyline matches ''"):
        resolve_id("storyline", "", IDS)  # an empty id is no prefix of everything
    with pytest.raises(IdError, match=r"\(the store holds no storylines yet\)"):
        resolve_id("storyline", "nope", [], list_known=True)


def test_long_candidate_lists_are_cut() -> None:
    many = [f"{i:04d}" for i in range(30)]
    with pytest.raises(IdError, match=r"matches 30 articles: 0000, .*0009 and 20 more"):
        resolve_id("article", "0", many)
