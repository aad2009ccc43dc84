"""Tests of the actors stage: every resolution path, on sentences written for these tests."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from detente.actors import ActorDictionary, ActorResolver, DictMemory, MemoryHit
from detente.actors.kb import KnowledgeBase, Person, Role
from detente.records import ActorAnalysis

SHARED = Path(os.environ.get("DETENTE_SHARED") or Path(__file__).resolve().parents[1] / ".." / "shared")
PHOENIX = SHARED / "dictionaries" / "phoenix"
PETR = SHARED / "eval" / "petrarch_validation"


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            Person("hillary-clinton", "Hillary Clinton", ("Hillary Rodham Clinton",), (
                Role("USA", "LEG", "senator", date(2001, 1, 3), date(2009, 1, 21)),
                Role("USA", "GOV", "secretary of state", date(2009, 1, 21), date(2013, 2, 1)),
            )),
            Person("sergey-lavrov", "Sergey Lavrov", ("Sergei Lavrov",), (
                Role("RUS", "GOV", "foreign minister", date(2004, 3, 9), None),
            )),
            Person("igor-ivanov", "Igor Ivanov", (), (
                Role("RUS", "GOV", "foreign minister", date(1998, 9, 11), date(2004, 3, 9)),
            )),
        ]
    )


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(_kb())


def run(nlp, resolver, text: str, day: date | None = date(2010, 5, 1)) -> ActorAnalysis:
    return resolver.analyse(nlp(text), day)


def actor_at(nlp, an: ActorAnalysis, text: str, word: str):
    doc_tokens = [t for t in nlp.make_doc(text)]
    i = next(t.i for t in doc_tokens if t.text == word)
    return an.at_token(i)


def code(actor) -> tuple:
    return (actor.country, actor.sector) if actor else None


def test_descriptor_person_and_title_tokens(nlp):
    text = "Russian Foreign Minister Sergei Lavrov arrived."
    an = ActorResolver(None).analyse(nlp(text), date(2010, 1, 1))
    lavrov = actor_at(nlp, an, text, "Lavrov")
    assert code(lavrov) == ("RUS", "GOV") and lavrov.evidence == "descriptor"
    assert actor_at(nlp, an, text, "Minister") is lavrov
    assert lavrov.kind == "person"


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Syrian rebels attacked the town.", "rebels", ("SYR", "REB")),
        ("Ukrainian police detained him.", "police", ("UKR", "COP")),
        ("A Hamas spokesman denied it.", "spokesman", ("PSE", "REB")),
        ("Chinese state media reported the visit.", "media", ("CHN", "GOV")),
        ("Iraqi officials met the envoy.", "officials", ("IRQ", "GOV")),
        ("Russian troops crossed the border.", "troops", ("RUS", "MIL")),
        ("Protesters marched through the capital.", "Protesters", (None, "CVL")),
    ],
)
def test_group_descriptors(nlp, resolver, text, word, expected):
    an = run(nlp, resolver, text)
    assert code(actor_at(nlp, an, text, word)) == expected


def test_countries_aliases_and_metonyms(nlp, resolver):
    text = "The Kremlin condemned Washington, and Russia said the talks with us failed."
    an = run(nlp, resolver, text)
    kremlin, russia = actor_at(nlp, an, text, "Kremlin"), actor_at(nlp, an, text, "Russia")
    assert kremlin is russia and code(russia) == ("RUS", "GOV") and russia.evidence == "alias"
    assert actor_at(nlp, an, text, "Washington").country == "USA"
    assert actor_at(nlp, an, text, "us") is None  # the pronoun is not the U.S.


def test_capital_as_place_is_not_an_actor(nlp, resolver):
    text = "Thai and Malaysian diplomats met in Moscow."
    an = run(nlp, resolver, text)
    assert actor_at(nlp, an, text, "Moscow") is None
    assert "RUS" not in {a.country for a in an.actors}


def test_kb_roles_on_both_sides_of_a_change(nlp, resolver):
    text = "Hillary Clinton spoke to the students."
    assert code(actor_at(nlp, run(nlp, resolver, text, date(2008, 6, 1)), text, "Clinton")) == ("USA", "LEG")
    after = actor_at(nlp, run(nlp, resolver, text, date(2010, 6, 1)), text, "Clinton")
    assert code(after) == ("USA", "GOV") and after.evidence == "kb" and after.kb_id == "hillary-clinton"
    assert code(actor_at(nlp, run(nlp, resolver, text, date(2014, 6, 1)), text, "Clinton")) == ("USA", "ELI")


def test_title_only_resolves_through_kb_holder_on_the_date(nlp, resolver):
    text = "The Russian foreign minister rejected the plan."
    in_2009 = actor_at(nlp, run(nlp, resolver, text, date(2009, 3, 1)), text, "minister")
    in_2002 = actor_at(nlp, run(nlp, resolver, text, date(2002, 3, 1)), text, "minister")
    assert in_2009.name == "Sergey Lavrov" and in_2002.name == "Igor Ivanov"


def test_coreference_surname_title_pronoun_and_pair(nlp, resolver):
    text = (
        "U.S. Secretary of State Hillary Clinton met Russian Foreign Minister Sergei Lavrov. "
        "Clinton gave Lavrov a gift. The secretary said she was pleased. The two men left."
    )
    an = run(nlp, resolver, text, date(2009, 3, 7))
    clinton = actor_at(nlp, an, text, "Hillary")
    assert {m.text for m in an.mentions if m.actor_id == clinton.id} >= {"Clinton", "The secretary", "she"}
    assert len([a for a in an.actors if a.kind == "person"]) == 2
    pair = [m for m in an.mentions if m.text == "The two men"]
    assert {m.actor_id for m in pair} == {clinton.id, actor_at(nlp, an, text, "Lavrov").id}


def test_former_title_resolves_through_kb_roles(nlp, resolver):
    text = "Hillary Clinton arrived in Kabul. The former senator met troops."
    an = run(nlp, resolver, text, date(2010, 2, 1))
    assert actor_at(nlp, an, text, "senator") is actor_at(nlp, an, text, "Clinton")


def test_organisation_short_form_and_dates(nlp, resolver):
    text = "NATO warned Moscow, and the alliance moved jets."
    an = run(nlp, resolver, text)
    assert actor_at(nlp, an, text, "alliance") is actor_at(nlp, an, text, "NATO")
    taliban = "The Taliban seized the city."
    assert code(actor_at(nlp, run(nlp, resolver, taliban, date(2010, 1, 1)), taliban, "Taliban")) == ("AFG", "REB")
    assert code(actor_at(nlp, run(nlp, resolver, taliban, date(2022, 1, 1)), taliban, "Taliban")) == ("AFG", "GOV")


def test_store_memory_from_its_date(nlp):
    memory = DictMemory([MemoryHit("Ivan Petrenko", "UKR", "COP", "police chief", date(2015, 4, 2))])
    res = ActorResolver(None, memory=memory)
    text = "Ivan Petrenko denied the report."
    later = actor_at(nlp, res.analyse(nlp(text), date(2016, 1, 1)), text, "Petrenko")
    assert code(later) == ("UKR", "COP") and later.evidence == "memory"
    before = actor_at(nlp, res.analyse(nlp(text), date(2014, 1, 1)), text, "Petrenko")
    assert code(before) == (None, None)


def test_unknown_person_stays_uncoded(nlp, resolver):
    text = "Martha Quibble criticised the decision."
    person = actor_at(nlp, run(nlp, resolver, text), text, "Quibble")
    assert person is not None and code(person) == (None, None) and person.evidence == "none"


MY_DICT = """# a dictionary written for this test
ZORAN_VUKIC_  # a made-up official
+Z._VUKIC
\t[SRBGOV 050101-081231]
\t[SRBELI]
<!-- a block comment
spanning lines -->
ARNOLDIA [ARN]
BORDER_GUARD {} [~COP]
"""


def test_dictionary_import_with_dates(tmp_path, nlp):
    path = tmp_path / "mine.actors.txt"
    path.write_text(MY_DICT, encoding="utf-8")
    book = ActorDictionary.load(path)
    assert book.lookup("Zoran Vukic", date(2006, 1, 1)).code == "SRBGOV"
    assert book.lookup("Z. Vukic", date(2010, 1, 1)).sector == "ELI"
    assert book.lookup("border guard", None).sector == "COP"
    res = ActorResolver(None, [book])
    text = "Zoran Vukic accused Arnoldia."
    an = res.analyse(nlp(text), date(2007, 1, 1))
    vukic = actor_at(nlp, an, text, "Vukic")
    assert code(vukic) == ("SRB", "GOV") and vukic.evidence == "dictionary"
    assert actor_at(nlp, an, text, "Arnoldia").country == "ARN"


@pytest.mark.skipif(not PHOENIX.is_dir(), reason=f"Phoenix dictionaries not found at {PHOENIX}")
def test_phoenix_dictionaries():
    countries = ActorDictionary.load(PHOENIX / "Phoenix.Countries.actors.txt")
    assert countries.lookup("Vladimir Putin", date(2005, 1, 1)).code == "RUSGOV"
    assert countries.lookup("Vladimir Putin", date(1995, 1, 1)).sector == "ELI"
    agents = ActorDictionary.load(PHOENIX / "Phoenix.agents.txt")
    assert agents.lookup("riot police", None).sector == "COP"


@pytest.mark.skipif(not PETR.is_dir(), reason=f"PETRARCH validation set not found at {PETR}")
def test_petrarch_validation_dictionary_dates():
    book = ActorDictionary.load(PETR / "PETR.Validate.actors.txt")
    codes = [book.lookup("Gollum", date(y, 1, 1)).code for y in (1994, 1996, 2000)]
    assert codes == ["HOB", "HOBGOV", "HOBREB"]
