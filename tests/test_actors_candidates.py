"""Candidate phrases and their handlers (actors/candidates.py, people.py, bodies.py,
references.py): country words coordinated on one group noun, the sides of a
divided place, titles owned by an organisation or state named before, generic titles that
stand for a named office holder, allies, bodies of a state after "from"/"of", unlisted
civil-society bodies. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from actors_support import analysed
from actors_support import codes_at as support_codes_at

DAY = date(2011, 6, 1)

from detente.actors import ActorResolver
from detente.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load())


def analyse(nlp, resolver, text: str, day: date = DAY):
    return analysed(nlp, resolver, text, day)


def codes_at(nlp, resolver, text: str, word: str, day: date = DAY) -> list[tuple]:
    return support_codes_at(nlp, resolver, text, word, day)


def test_coordinated_demonyms_make_one_group_each(nlp, resolver):
    assert codes_at(nlp, resolver, "Chilean and Peruvian warships sailed into the bay on Friday.", "warships") == [
        ("CHL", "MIL"), ("PER", "MIL"),
    ]
    codes = codes_at(nlp, resolver, "Kenyan and Ugandan diplomats met in Nairobi to discuss the border.", "diplomats")
    assert codes == [("KEN", "GOV"), ("UGA", "GOV")]
    codes = codes_at(nlp, resolver, "Officials said Danish, Swedish and Finnish troops would stay.", "troops")
    assert codes == [("DNK", "MIL"), ("SWE", "MIL"), ("FIN", "MIL")]


def test_a_country_that_is_a_clause_object_is_not_coordinated(nlp, resolver):
    doc, an = analyse(nlp, resolver, "He visited Israel and Egyptian officials said the talks failed.")
    i = next(t.i for t in doc if t.text == "officials")
    ids = {m.actor_id for m in an.mentions if m.start <= i < m.end}
    assert [an.get(a).country for a in ids] == ["EGY"]


def test_the_sides_of_a_divided_place_are_the_two_states(nlp, resolver):
    doc, an = analyse(nlp, resolver, "The Serbian and Albanian sides of the disputed province of Kosovo resumed talks.")
    countries = {a.country for a in an.actors}
    assert {"SRB", "ALB"} <= countries
    assert "XKX" not in countries and all(a.kind != "country" for a in an.actors)


def test_its_leader_after_an_organisation_is_that_organisation(nlp, resolver):
    text = "Hezbollah said its leader would speak on Friday. The group's leader then rejected the plan."
    doc, an = analyse(nlp, resolver, text)
    hez = next(a for a in an.actors if a.name == "Hezbollah")
    for word in ("its", "group"):
        i = next(t.i for t in doc if t.text == word)
        leader = an.at_token(i)
        assert leader is not None and leader.country == hez.country and leader.sector == hez.sector


def test_the_countrys_president_is_the_holder_of_that_state(nlp, resolver):
    text = "Brazil held elections on Sunday. The country's president praised the turnout."
    doc, an = analyse(nlp, resolver, text)
    i = next(t.i for t in doc if t.text == "president")
    assert an.at_token(i).name == "Dilma Rousseff"


def test_a_generic_title_of_a_named_office_holder_is_that_person(nlp, resolver):
    text = (
        "U.S. President Barack Obama and Cuban President Raúl Castro met in Panama on Saturday, "
        "the first meeting between a sitting American president and a Cuban president in decades."
    )
    doc, an = analyse(nlp, resolver, text, date(2015, 4, 12))
    people = [a for a in an.actors if a.kind == "person"]
    assert sorted(a.country for a in people) == ["CUB", "USA"]


def test_an_indefinite_title_of_another_office_stays_apart(nlp, resolver):
    text = "Russian Foreign Minister Sergei Lavrov met officials in Rome. A Russian diplomat said the talks failed."
    doc, an = analyse(nlp, resolver, text)
    i = next(t.i for t in doc if t.text == "diplomat")
    assert an.at_token(i).name != "Sergey Lavrov"


def test_the_ally_of_a_state_is_not_that_state(nlp, resolver):
    text = "Rebels ambushed a convoy of Syria's militia ally in northern Iraq on Monday."
    assert codes_at(nlp, resolver, text, "ally") == [("IRQ", "PRM")]
    doc, an = analyse(nlp, resolver, "Gunmen attacked a Russian ally on Monday.")
    assert all(a.country != "RUS" for a in an.actors)


def test_made_by_a_state_is_not_the_state(nlp, resolver):
    doc, an = analyse(nlp, resolver, "Police seized Chinese-made rifles near the port.")
    assert all(a.country != "CHN" for a in an.actors)


def test_a_body_of_a_state_after_from_or_of_gives_the_country(nlp, resolver):
    text = "Farmers met ministers from the Peruvian government in Lima."
    assert codes_at(nlp, resolver, text, "ministers") == [("PER", "GOV")]
    assert codes_at(nlp, resolver, "Soldiers of the Malian army entered the town.", "Soldiers") == [("MLI", "MIL")]


def test_the_government_of_a_known_ruler_is_his_state(nlp, resolver):
    text = "The military government of President Prosper Avril closed the radio stations."
    assert codes_at(nlp, resolver, text, "government", date(1989, 5, 1)) == [("HTI", "GOV")]


def test_unlisted_associations_are_civil_society(nlp, resolver):
    assert codes_at(nlp, resolver, "The Association of Coastal Fishermen criticised the new quota.", "Association") == [
        ("NGO", "SOC"),
    ]
    text = "The Bolivian Foundation for Press Freedom criticised the new law."
    assert codes_at(nlp, resolver, text, "Foundation") == [("BOL", "SOC")]


def test_a_state_place_is_a_mention_of_the_state_not_acting(nlp, resolver):
    doc, an = analyse(nlp, resolver, "Peruvian villages were shelled on Monday.")
    i = next(t.i for t in doc if t.text == "villages")
    actor = an.at_token(i)
    assert (actor.kind, actor.country, actor.sector) == ("country", "PER", None)


def test_reflexives_are_the_clause_subject(nlp, resolver):
    text = "Three gunmen killed four guards as well as themselves when they blew themselves up."
    doc, an = analyse(nlp, resolver, text)
    gunmen = an.at_token(next(t.i for t in doc if t.text == "gunmen"))
    for i in (t.i for t in doc if t.lower_ in ("themselves", "they")):
        assert an.at_token(i) is gunmen


def test_they_after_a_transitive_clause_prefers_the_subject(nlp, resolver):
    doc, an = analyse(nlp, resolver, "Rebels ambushed two police patrols on Monday and they burned the vehicles.")
    rebels = an.at_token(next(t.i for t in doc if t.text == "Rebels"))
    assert an.at_token(next(t.i for t in doc if t.text == "they")) is rebels


def test_a_titled_surname_one_slip_from_a_holder_takes_the_holders_code(nlp, resolver):
    assert codes_at(nlp, resolver, "President Abdelaziz Bouteflicka opened the session.", "Bouteflicka") == [
        ("DZA", "GOV"),
    ]
    # no title, or no holder of that title with a near surname: nothing is guessed
    assert codes_at(nlp, resolver, "Abdelaziz Bouteflicka opened the session.", "Bouteflicka") in ([], [(None, None)])
    assert codes_at(nlp, resolver, "Judge Abdelaziz Bouteflicka opened the session.", "Bouteflicka") == [(None, "JUD")]


def test_near_surname_needs_a_long_name():
    kb = KnowledgeBase.load()
    assert {p.name for p in kb.near_surname("Mitterand")} == {"François Mitterrand"}
    assert kb.near_surname("Bish") == ()


def test_every_kind_of_candidate_has_a_handler():
    # a kind without a handler would fail on the first article that has one
    from detente.actors.candidates import ITEM_KINDS
    from detente.actors.resolver import HANDLERS

    assert set(HANDLERS) == set(ITEM_KINDS)
