"""Non-state actors as data (issue 17): armed groups, parties, IGOs, NGOs and state agencies
of data/actors/organisations.tsv and metonyms.tsv, and unknown perpetrators that stay
typed but countryless. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from actors_support import codes_at

from detente import ontology
from detente.actors import ActorResolver
from detente.actors.countries import NameTable
from detente.actors.dictionaries import phrase_key
from detente.actors.kb import KnowledgeBase, iso3_codes
from detente.tables import read_table

DAY = date(2024, 3, 12)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load())


@pytest.mark.parametrize("text, word, expected", [
    ("The Southern Transitional Council seized the port of Aden.", "Council", ("YEM", "PRM")),
    ("Kataib Sayyid al-Shuhada fighters fired drones at the base.", "Shuhada", ("IRQ", "PRM")),
    ("The Arakan Rohingya Salvation Army denied the killings.", "Army", ("MMR", "REB")),
    ("OCHA said aid convoys had been blocked for a week.", "OCHA", ("IGO", "GOV")),
    ("Frontex intercepted the boat off Lampedusa.", "Frontex", ("EUR", "COP")),
    ("The Norwegian Refugee Council warned of famine.", "Council", ("NGO", "SOC")),
    ("Peace Now documented the new settlement.", "Now", ("ISR", "SOC")),
    ("The SBU detained a Russian agent in Kharkiv.", "SBU", ("UKR", "SPY")),
    ("Likud rejected the proposal on Sunday.", "Likud", ("ISR", "PTY")),
    ("The BJP won the state election.", "BJP", ("IND", "PTY")),
    ("The Labour Party accused the government of failing pensioners.", "Labour", ("GBR", "PTY")),
    ("The Tories lost the by-election.", "Tories", ("GBR", "PTY")),
    ("Islamic State Central Africa Province fighters killed 20 villagers.", "Province", ("COD", "REB")),
    ("The RSF shelled the city of El Fasher.", "RSF", ("SDN", "REB")),
])
def test_a_listed_group_resolves_with_its_sector_and_country(nlp, resolver, text, word, expected) -> None:
    assert codes_at(nlp, resolver, text, word, DAY) == [expected]


@pytest.mark.parametrize("text, word, expected", [
    ("Nato said it would send more troops to the east.", "Nato", ("IGO", "MIL")),
    ("Isis claimed the bombing of the market.", "Isis", ("IMG", "REB")),
    ("Opec agreed to cut output.", "Opec", ("IGO", "GOV")),
])
def test_a_name_written_in_title_case_is_the_acronym(nlp, resolver, text, word, expected) -> None:
    # British papers write "Nato", "Isis", "Opec": the table lists both spellings
    assert codes_at(nlp, resolver, text, word, DAY) == [expected]


def test_an_acronym_in_lower_case_is_an_ordinary_word() -> None:
    names = NameTable.load()
    assert names.lookup("Nato") is not None and names.lookup("nato") is None
    assert names.lookup("IS") is not None and names.lookup("Is") is None


@pytest.mark.parametrize("text, word", [
    ("Gunmen killed five villagers in Kabul on Monday.", "Gunmen"),
    ("A suicide bomber blew himself up at a mosque in Quetta.", "bomber"),
    ("Assailants attacked a police post in northern Burkina Faso.", "Assailants"),
])
def test_an_unknown_perpetrator_is_typed_but_countryless(nlp, resolver, text, word) -> None:
    assert codes_at(nlp, resolver, text, word, DAY) == [(None, "UAF")]


def test_organisations_table_codes_and_spellings_are_valid() -> None:
    countries = iso3_codes() | {"IGO", "EUR", "NGO", "IMG", "MNC", "XKX"}
    sectors = ontology.load().sectors
    owner: dict[str, str] = {}
    for row in read_table("actors/organisations.tsv", ("name", "country")):
        where = f"{row.path}:{row.line}"
        assert row["country"] in countries, where
        assert row.get("sector") in sectors, where
        for spelling in (row["name"], *filter(None, row.get("aliases", "").split("|"))):
            key = phrase_key(spelling)
            # one spelling names one organisation: a second owner would never be matched
            assert owner.setdefault(key, row["name"]) == row["name"], f"{where}: {spelling!r}"


def test_a_word_that_is_also_a_party_elsewhere_gives_no_country(nlp, resolver) -> None:
    # "Labour" alone is a ministry's word in other states ("the Serbian Labour Minister")
    text = "The Labour Minister of Serbia signed the employment bill."
    assert ("GBR", "PTY") not in codes_at(nlp, resolver, text, "Labour", DAY)
