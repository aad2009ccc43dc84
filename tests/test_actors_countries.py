"""Country names (actors/countries.py) and context: one-letter slips in country names, and domestic bodies
(parties, judges, unions) that take the country owning the target of their act.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from actors_support import codes_at as support_codes_at

from detente.actors import ActorResolver
from detente.actors.countries import NameTable
from detente.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load())


def codes_at(nlp, resolver, text: str, word: str) -> list[tuple]:
    return support_codes_at(nlp, resolver, text, word, date(2011, 6, 1))


def test_near_miss_names_of_countries():
    table = NameTable.load()
    assert table.near("Ethopia").name == "Ethiopia"
    assert table.near("Philipines").name == "Philippines"
    # real words and inflections one letter away are not slips
    for word in ("Indiana", "Prussia", "Columbia", "Ethiopia", "ethopia", "Irann"):
        assert table.near(word) is None, word


def test_misspelt_country_is_coded(nlp, resolver):
    assert codes_at(nlp, resolver, "Tanzaina has agreed to let the monitors return.", "Tanzaina") == [("TZA", "GOV")]
    assert codes_at(nlp, resolver, "The Phillippines army shelled the camp.", "army") == [("PHL", "MIL")]


def test_party_boycotting_a_states_elections_is_of_that_state(nlp, resolver):
    text = "The small Green Dawn party said it would boycott Peru's regional elections."
    assert codes_at(nlp, resolver, text, "party") == [("PER", "PTY")]


def test_soldiers_do_not_take_the_country_they_target(nlp, resolver):
    text = "Gunmen shelled the outskirts of Yemen's port city overnight."
    assert codes_at(nlp, resolver, text, "Gunmen")[0][0] is None
