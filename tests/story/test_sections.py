"""Key players: the most covered actors; an outlet and its staff are not actors in its own
articles."""

from __future__ import annotations

from storyline.model import AnnotatedArticle, Article, Entity, Mention, Quote, Span
from storyline.story.sections import key_players


def _doc(
    aid: str, source: str, text: str, names: dict[str, str], silent: tuple[str, ...] = ()
) -> AnnotatedArticle:
    """An article naming ``names``; each speaks in it (a quote of the whole text) except the
    ``silent`` ones."""
    doc = AnnotatedArticle(Article(aid, text, source=source))
    for written, entity in names.items():
        start = text.index(written)
        doc.mentions.append(Mention(Span(start, start + len(written)), "X", entity))
        if entity not in silent:
            whole = Span(0, len(text))
            doc.quotes.append(Quote(whole, None, None, entity, written, "indirect"))
    return doc


ENTITIES = [
    Entity("org:bbc", "British Broadcasting Corporation", "organization", aliases=["BBC"]),
    Entity("paul-adams", "Paul Adams", "person"),
    Entity("tony-hayward", "Tony Hayward", "person"),
    Entity("gov:us", "United States", "government", aliases=["Washington"]),
]


def test_an_outlet_and_its_staff_are_not_players_in_its_own_articles() -> None:
    own = {"BBC": "org:bbc", "Paul Adams": "paul-adams", "Tony Hayward": "tony-hayward"}
    docs = [
        _doc(f"b{i}", "bbc", "The BBC's Paul Adams says Tony Hayward told the BBC he won.", own)
        for i in range(3)
    ]
    docs.append(
        _doc("s1", "bbc", "Tony Hayward met officials. Paul Adams, BBC News, Washington", own)
    )
    # Another outlet's article about the BBC counts it; "Washington" is no Washington Post.
    docs.append(
        _doc(
            "r1",
            "washingtonpost",
            "The BBC said Tony Hayward flew to Washington.",
            {"BBC": "org:bbc", "Tony Hayward": "tony-hayward", "Washington": "gov:us"},
        )
    )
    players = {p.entity: p.articles for p in key_players(docs, ENTITIES)}
    assert players == {"tony-hayward": 5, "org:bbc": 1, "gov:us": 1}


def test_a_name_that_never_acts_is_no_player() -> None:
    names = {"Tamiflu": "org:tamiflu", "the WHO": "org:who", "Mexico": "gov:mexico"}
    entities = [
        Entity("org:tamiflu", "Tamiflu", "organization"),
        Entity("org:who", "World Health Organization", "organization"),
        Entity("gov:mexico", "Mexico", "government"),
    ]
    text = "Patients in Mexico took Tamiflu, the WHO said."
    docs = [
        _doc(f"a{i}", "bbc", text, names, silent=("org:tamiflu", "gov:mexico")) for i in range(4)
    ]
    players = [p.entity for p in key_players(docs, entities)]
    # A government is a player wherever its country is named; an organisation where it acts.
    assert players == ["gov:mexico", "org:who"]


def test_a_noisy_alias_that_starts_with_the_outlet_does_not_make_a_person_the_outlet() -> None:
    # NER once read "CNN Mubarak" in a transcript: that alias must not hide him in CNN's coverage.
    entities = [Entity("hosni-mubarak", "Hosni Mubarak", "person", aliases=["CNN Mubarak"])]
    docs = [
        _doc(
            f"c{i}",
            "cnn",
            "Hosni Mubarak said he would not run.",
            {"Hosni Mubarak": "hosni-mubarak"},
        )
        for i in range(2)
    ]
    assert [p.entity for p in key_players(docs, entities)] == ["hosni-mubarak"]
