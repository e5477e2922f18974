"""The ``entities`` stage on the Korea seeds with the real spaCy pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import SEED_KNOWLEDGE
from tests.helpers import seed_articles as raw_seed_articles

from storyline.annotate.entities import collect_entities
from storyline.annotate.pipeline import PipelineOptions, run_pipeline
from storyline.model import AnnotatedArticle, Article, Entity


def seed_articles(seeds_dir: Path) -> list[AnnotatedArticle]:
    return [AnnotatedArticle(a) for a in raw_seed_articles(seeds_dir)]


def annotate(
    docs: Sequence[AnnotatedArticle], identity_file: Path | None = None
) -> Sequence[AnnotatedArticle]:
    options = PipelineOptions(
        identity_file=str(identity_file) if identity_file else None,
        knowledge_file=SEED_KNOWLEDGE,
    )
    return run_pipeline(docs, ["sentences", "entities"], options)


def ids_of(doc: AnnotatedArticle, text: str) -> set[str | None]:
    """Entity ids of the mentions written exactly ``text``."""
    found = {m.entity for m in doc.mentions if m.span.text(doc.text) == text}
    assert found, f"no mention {text!r} in article {doc.article.id}"
    return found


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, AnnotatedArticle]:
    return {d.article.id: d for d in annotate(seed_articles(seeds_dir))}


@pytest.fixture(scope="module")
def entities(seeds: dict[str, AnnotatedArticle]) -> dict[str, Entity]:
    return {e.id: e for e in collect_entities(list(seeds.values()))}


def test_spelling_variants_share_one_id(seeds: dict[str, AnnotatedArticle]) -> None:
    assert ids_of(seeds["000"], "Kim Jong-un") == {"kim-jong-un"}
    assert ids_of(seeds["001"], "Kim Jong-un") == {"kim-jong-un"}
    assert ids_of(seeds["002"], "Kim Jong Un") == {"kim-jong-un"}
    assert ids_of(seeds["001"], "Lee Jae Myung") == {"lee-jae-myung"}
    assert ids_of(seeds["002"], "Lee Jae-myung") == {"lee-jae-myung"}


def test_honorific_and_surname_references(seeds: dict[str, AnnotatedArticle]) -> None:
    assert ids_of(seeds["000"], "Mr. Moon") == {"moon-jae-in"}
    # Kim Eui-kyeom is named before and Kim Yo-jong after, yet "Mr. Kim" is the leader.
    assert ids_of(seeds["000"], "Mr. Kim") == {"kim-jong-un"}
    assert ids_of(seeds["000"], "Mr. Tillerson") == {"rex-tillerson"}
    assert ids_of(seeds["002"], "Lee") == {"lee-jae-myung"}
    assert ids_of(seeds["001"], "Jeong") == {"jeong-yeon-doo"}
    # Trump is never named in full in 000: the batch's only Trump is Donald Trump.
    assert ids_of(seeds["000"], "Mr. Trump") == {"donald-trump"}


def test_other_kims_stay_distinct(seeds: dict[str, AnnotatedArticle]) -> None:
    assert ids_of(seeds["000"], "Kim Yo-jong") == {"kim-yo-jong"}
    assert ids_of(seeds["000"], "Kim Eui-kyeom") == {"kim-eui-kyeom"}
    assert ids_of(seeds["001"], "Kevin Kim") == {"kevin-kim"}
    assert ids_of(seeds["001"], "Kim Yo-jong") == {"kim-yo-jong"}


def test_joined_names_are_split(seeds: dict[str, AnnotatedArticle]) -> None:
    doc = seeds["001"]
    assert "Trump-Kim Jong-un" not in {m.span.text(doc.text) for m in doc.mentions}
    start = doc.text.index("Trump-Kim Jong-un")
    joined = [m for m in doc.mentions if start <= m.span.start < start + 17]
    assert [m.entity for m in joined] == ["donald-trump", "kim-jong-un"]


def test_title_references_resolve(seeds: dict[str, AnnotatedArticle]) -> None:
    assert ids_of(seeds["000"], "the South Korean president") == {"moon-jae-in"}
    assert ids_of(seeds["000"], "the South Korean leader") == {"moon-jae-in"}
    assert ids_of(seeds["000"], "the vice president") == {"mike-pence"}
    labels = {m.label for m in seeds["000"].mentions if m.entity == "moon-jae-in"}
    assert labels == {"PERSON", "TITLE"}


def test_seats_and_capitals_stand_for_governments(seeds: dict[str, AnnotatedArticle]) -> None:
    assert ids_of(seeds["001"], "Pyongyang") == {"gov:north-korea"}
    assert ids_of(seeds["000"], "the White House") == {"gov:united-states"}
    assert ids_of(seeds["002"], "Beijing") >= {"gov:china"}
    assert "gov:south-korea" in ids_of(seeds["002"], "Seoul")
    assert "gov:united-states" in ids_of(seeds["000"], "Washington")
    assert ids_of(seeds["000"], "North Koreans") == {"gov:north-korea"}
    assert ids_of(seeds["000"], "American officials") == {"gov:united-states"}
    assert ids_of(seeds["000"], "North") == {"gov:north-korea"}
    assert ids_of(seeds["000"], "Trump administration") == {"gov:united-states"}


def test_capitals_as_places_are_places(seeds: dict[str, AnnotatedArticle]) -> None:
    # The dateline and "visited Washington this week" are the city, not the government.
    assert ids_of(seeds["000"], "WASHINGTON") == {"place:washington"}
    doc = seeds["001"]
    visit = doc.text.index("visited Washington") + len("visited ")
    (mention,) = [m for m in doc.mentions if m.span.start == visit]
    assert mention.entity == "place:washington"
    # A demonym that is not a government phrase keeps no entity.
    assert ids_of(seeds["000"], "South Korean") == {None}


def test_roles_from_titles_and_appositions(entities: dict[str, Entity]) -> None:
    (envoy,) = [r for r in entities["jeong-yeon-doo"].roles if "nuclear envoy" in r.title.lower()]
    assert "South Korea" in envoy.title
    assert envoy.start == envoy.end == date(2026, 2, 27)
    (secretary,) = [r for r in entities["rex-tillerson"].roles if r.title == "Secretary of State"]
    assert secretary.start == secretary.end == date(2018, 2, 13)
    moon = {r.title for r in entities["moon-jae-in"].roles}
    assert "President of South Korea" in moon
    lee = {r.title: r for r in entities["lee-jae-myung"].roles}
    # "President Lee Jae-myung" (2026-01-16) is the role "South Korean President" names.
    assert lee["President of South Korea"].start == date(2026, 1, 16)
    assert lee["President of South Korea"].end == date(2026, 2, 27)
    assert "President" not in lee
    kim = {r.title: r for r in entities["kim-jong-un"].roles}
    # Seen in 2018 and 2026: the role spans its earliest to its latest evidence.
    assert kim["Leader of North Korea"].start == date(2018, 2, 13)
    assert kim["Leader of North Korea"].end == date(2026, 2, 27)


def test_collect_entities_records(entities: dict[str, Entity]) -> None:
    kim = entities["kim-jong-un"]
    assert kim.kind == "person"
    assert kim.name == "Kim Jong-un"
    assert "Kim Jong Un" in kim.aliases
    assert entities["gov:north-korea"].kind == "government"
    assert "Pyongyang" in entities["gov:north-korea"].aliases
    assert entities["gov:north-korea"].name == "North Korea"


def test_page_chrome_is_not_a_person(entities: dict[str, Entity]) -> None:
    # "Afvis" (a Danish cookie button) and "Hvad folk siger" are tagged PERSON by spaCy.
    assert "afvis" not in entities
    assert "hvad" not in entities


def test_per_article_entity_records(seeds: dict[str, AnnotatedArticle]) -> None:
    records = seeds["002"].entity_records
    assert isinstance(records, dict)
    assert set(records) == {m.entity for m in seeds["002"].mentions if m.entity}
    assert "moon-jae-in" not in records


def test_title_resolved_by_the_articles_date(seeds_dir: Path) -> None:
    """ "the South Korean president" is Moon in 2018 and Lee in 2026."""
    docs = seed_articles(seeds_dir)
    text = "The South Korean president met the North Korean leader on Monday."
    for published in (date(2018, 3, 1), date(2026, 3, 1)):
        docs.append(AnnotatedArticle(Article(f"x{published.year}", text, published=published)))
    docs.append(AnnotatedArticle(Article("undated", text)))
    annotate(docs)
    early, late, undated = docs[-3:]
    # Without a date there is no telling whose term it is: no guess.
    assert "TITLE" not in {m.label for m in undated.mentions}
    assert ids_of(early, "The South Korean president") == {"moon-jae-in"}
    assert ids_of(late, "The South Korean president") == {"lee-jae-myung"}
    assert ids_of(late, "the North Korean leader") == {"kim-jong-un"}


def test_same_ids_in_every_run(seeds_dir: Path, seeds: dict[str, AnnotatedArticle]) -> None:
    # One article alone, in another batch, gets the ids it gets in the whole corpus.
    (alone,) = annotate([seed_articles(seeds_dir)[2]])
    assert alone.mentions == seeds["002"].mentions


HOSTILE = {
    "run-on": "The minister said that " + "Kim Jong-un met Moon Jae-in and " * 700 + "left.",
    "all-caps": "SEOUL (AP) — SOUTH KOREAN PRESIDENT MOON JAE-IN SAID MR. MOON'S AIDES MET "
    "NORTH KOREAN OFFICIALS IN PYONGYANG ON TUESDAY.",
    "table": "\n".join(f"{n} | Kim | Seoul | {n * 3} | - | Mr. | the" for n in range(300)),
    "empty": "",
    "punctuation": "— , . ’s ’s - the the , Mr. Mr. President ,",
}


# Ids each hostile input must still yield (the run-on sentence is 5,000 words long).
HOSTILE_FINDS = {"run-on": {"kim-jong-un", "moon-jae-in"}, "all-caps": {"place:seoul"}}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_input_never_raises(kind: str) -> None:
    doc = AnnotatedArticle(Article(kind, HOSTILE[kind], published=date(2026, 1, 1)))
    annotate([doc])
    assert "mentions" in doc.provided
    for m in doc.mentions:
        assert 0 <= m.span.start < m.span.end <= len(doc.text)
    assert HOSTILE_FINDS.get(kind, set()) <= {m.entity for m in doc.mentions}


def test_non_english_is_skipped() -> None:
    text = "Der nordkoreanische Machthaber Kim Jong-un traf sich in Pjöngjang mit Moon Jae-in."
    doc = AnnotatedArticle(Article("de", text, language="de"))
    annotate([doc])
    assert "English-only" in doc.skipped["entities"]
    assert doc.mentions == []
    assert "mentions" not in doc.provided


_PIECES = st.sampled_from(
    [
        "Mr.",
        "Kim",
        "Jong-un",
        "the",
        "South Korean",
        "president",
        ",",
        "’s",
        "-",
        "Seoul",
        "North",
        "Lt.",
        "Gen.",
        "administration",
        "KIM",
        "\n",
        "the White House",
        "President",
        "Secretary of State",
        "Lee Jae Myung",
        ".",
        "—",
        "U.S.-North",
        "Trump-Kim Jong-un",
    ]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40))
def test_arbitrary_name_soup_never_raises(pieces: list[str]) -> None:
    doc = AnnotatedArticle(Article("soup", " ".join(pieces), published=date(2026, 1, 1)))
    annotate([doc])
    assert all(0 <= m.span.start < m.span.end <= len(doc.text) for m in doc.mentions)
    assert isinstance(doc.entity_records, dict)


@pytest.mark.parametrize(
    ("text", "name", "bounds"),
    [
        ("Adm Allen said so.", "Adm Allen", "Allen"),
        ("Carl-Henric Svanberg BP chairman spoke.", "Henric Svanberg BP", "Carl-Henric Svanberg"),
        ("Queen Elizabeth II spoke.", "Elizabeth II", "Elizabeth II"),
        ("JOHN SMITH SPOKE.", "JOHN SMITH", "JOHN SMITH"),
        ("Tony Hayward spoke.", "Tony Hayward", "Tony Hayward"),
    ],
)
def test_person_bounds_keep_only_the_name(text: str, name: str, bounds: str) -> None:
    from storyline.annotate.entity_drafts import person_bounds

    start = text.index(name)
    s, e = person_bounds(text, start, start + len(name))
    assert text[s:e] == bounds


def test_a_name_with_a_company_suffix_is_a_company() -> None:
    from storyline.annotate.entity_drafts import _is_company

    assert _is_company("Ensco Plc")
    assert _is_company("Transocean Ltd.")
    assert not _is_company("Tony Hayward")
    assert not _is_company("Plc")


# --- names NER missed or ran together (NP4E, issue 10) ---------------------------------------

NAMES_NER_MISSES = {
    "title_country": "LIMA, Feb 3 (Reuters) - Peru's President Alberto Fujimori met Bill "
    "Clinton on Monday. Vincent, the Canadian ambassador to Peru and a mediator in the crisis, "
    "spoke to reporters. Peru has rejected the demand.",
    "work_of_art": "Hugo's father, Peruvian Supreme Court Judge Hugo Sivina, is among 72 "
    "hostages held by Marxist rebels.\nSpeaking on Radioprogramas del Peru, the younger Hugo "
    "Sivina sent his father a greeting.",
    "the_phrase": "Wars unleashed by the Shining Path and MRTA have killed 30,000 people and "
    "cost $25 billion in infrastructure damage in this poor Andean country since 1980.\n"
    "The Shining Path continues to focus its actions in the coca-producing upper Huallaga "
    "River valley.",
    "a_title": "The Prime Minister said on Monday the talks would go on. Officials said the "
    "Prime Minister would travel to Lima.",
    "owned_base": "Fujimori flew out of Lima's Group Eight air force base for a meeting with "
    "President Leonel Fernandez.",
    "title_owner": "The MRTA's international spokesman, Isaac Velazco, denied the group had "
    "dropped its main demand. The MRTA holds 72 hostages.",
}


@pytest.fixture(scope="module")
def missed() -> dict[str, AnnotatedArticle]:
    docs = [
        AnnotatedArticle(Article(key, text, published=date(1997, 2, 3), language="en"))
        for key, text in NAMES_NER_MISSES.items()
    ]
    return {d.article.id: d for d in annotate(docs)}


def _mentions(doc: AnnotatedArticle) -> list[tuple[str, str | None]]:
    return [(m.span.text(doc.text), m.entity) for m in doc.mentions]


def test_a_country_named_inside_a_title_is_still_the_country(
    missed: dict[str, AnnotatedArticle],
) -> None:
    # "Peru's President ...", "the Canadian ambassador to Peru": three mentions of Peru.
    found = _mentions(missed["title_country"])
    assert found.count(("Peru", "gov:peru")) == 3
    assert ("Alberto Fujimori", "alberto-fujimori") in found


def test_a_name_misread_as_a_work_of_art_is_the_name_tagged_before(
    missed: dict[str, AnnotatedArticle],
) -> None:
    assert _mentions(missed["work_of_art"]).count(("Hugo Sivina", "hugo-sivina")) == 2


def test_the_same_proper_phrase_twice_is_an_organisation(
    missed: dict[str, AnnotatedArticle],
) -> None:
    found = _mentions(missed["the_phrase"])
    assert found.count(("Shining Path", "org:shining-path")) == 2
    # A title written with capitals is no organisation.
    assert not any(e and "minister" in e for _, e in _mentions(missed["a_title"]))


def test_a_capital_owning_a_facility_is_the_city(missed: dict[str, AnnotatedArticle]) -> None:
    assert ("Lima", "place:lima") in _mentions(missed["owned_base"])


def test_the_group_owning_a_title_is_its_own_mention(
    missed: dict[str, AnnotatedArticle],
) -> None:
    doc = missed["title_owner"]
    found = _mentions(doc)
    assert found.count(("MRTA", "org:mrta")) == 2
    titles = [m.span.text(doc.text) for m in doc.mentions if m.label == "TITLE"]
    assert titles == ["international spokesman"]
    assert ("Isaac Velazco", "isaac-velazco") in found


def test_a_country_or_a_named_place_read_as_a_person_is_a_place() -> None:
    texts = {
        "country": "Take as an example when Sri Lanka declared that it had beaten the rebels.",
        "city": "Many sick passengers who flew to Ho Chi Minh City in southern Vietnam took "
        "fever reducers, officials said.",
    }
    docs = [
        AnnotatedArticle(Article(key, text, published=date(2009, 5, 1), language="en"))
        for key, text in texts.items()
    ]
    found = {(m.span.text(d.text), m.label) for d in annotate(docs) for m in d.mentions}
    assert ("Sri Lanka", "GPE") in found
    assert ("Ho Chi Minh City", "GPE") in found
    assert not any(label == "PERSON" for _, label in found)


def test_a_code_is_no_person_and_a_name_stops_before_its_acronym() -> None:
    texts = {
        "code": "The H5N1 is still active in many countries, and the H1N1 swine flu spread, "
        "said Margaret Chan.",
        "acronym": "The World Health Organization (WHO) raised its alert level.",
    }
    docs = [
        AnnotatedArticle(Article(key, text, published=date(2009, 5, 1), language="en"))
        for key, text in texts.items()
    ]
    found = {(m.span.text(d.text), m.label) for d in annotate(docs) for m in d.mentions}
    assert not any(any(c.isdigit() for c in name) for name, label in found if label == "PERSON")
    assert ("Margaret Chan", "PERSON") in found
    assert not any("(" in name for name, _ in found)


def test_an_honorific_and_a_name_is_a_person_whatever_ner_says() -> None:
    text = (
        "According to the report of the British Museum's John Curtis, the site was damaged.\n"
        "Acres of the site were levelled, which Dr Curtis said would be hard to undo.\n"
        "In his conclusions Dr Curtis says an investigation should be launched.\n"
    )
    [doc] = annotate([AnnotatedArticle(Article("c1", text, language="en"))])
    assert ids_of(doc, "Dr Curtis") == ids_of(doc, "John Curtis")
    assert all(m.label == "PERSON" for m in doc.mentions if "Curtis" in m.span.text(text))


def test_a_title_is_only_the_role_of_the_name_it_is_attached_to() -> None:
    text = (
        "The man in charge is Mohamed Hussein Tantawi, defense minister under Mubarak.\n"
        "Ahmed Shafiq has been appointed as the new prime minister of Egypt and Omar Suleiman "
        "has been appointed vice president.\n"
        "From Ben Wedeman, CNN Senior International Correspondent ElBaradei: Egypt is not "
        "stable.\n"
        "Omar Suleiman, the former head of military intelligence and President Hosni Mubarak "
        "met on Tuesday.\n"
        "Trade and Industry Minister Rachid Mohamed Rachid resigned.\n"
        "Hillary Clinton, President Barack Obama and Joe Biden met on Tuesday."
    )
    [doc] = annotate([AnnotatedArticle(Article(id="t", text=text, language="en"))])
    roles = {eid: [r.title for r in rec.roles] for eid, rec in doc.entity_records.items()}
    # A title before "and", "under" or after someone else's comma is not the next name's.
    assert not any("minister" in t.lower() for t in roles.get("omar-suleiman", []))
    assert not any("minister" in t.lower() for t in roles.get("hosni-mubarak", []))
    assert not any(
        "Correspondent" in t for eid, ts in roles.items() for t in ts if "baradei" in eid
    )
    # "head of military intelligence and President": Mubarak is the President only.
    assert roles.get("hosni-mubarak") == ["President"]
    assert roles.get("rachid-mohamed-rachid") == ["Trade and Industry Minister"]
    # In a list of names a title still belongs to the name it opens.
    assert roles.get("barack-obama") == ["President"]


def test_a_one_word_person_used_as_a_thing_is_an_organisation() -> None:
    text = (
        "Protesters used Twitter, Facebook and YouTube to organise.\n"
        "Some people have used websites like Twitter.\n"
        "Wael Ghonim wrote on his Twitter account that he was free.\n"
        "Fans of singers like Madonna and Prince gathered.\n"
        "Kerry, Clinton and Google met."
    )
    [doc] = annotate([AnnotatedArticle(Article(id="t", text=text, language="en"))])
    ids = {m.span.text(doc.text): m.entity for m in doc.mentions}
    assert ids["Twitter"] == "org:twitter"
    # People given as examples of people, or joined to people, stay people.
    assert not (ids.get("Madonna") or "").startswith("org:")
    assert not (ids.get("Kerry") or "").startswith("org:")
