"""Event arguments: who did it to whom. Recipients named in a "for" phrase of a nominal
event, owners of the things hit, pronouns pointing back to the speaker, claims of
responsibility, allegations, hosts of attended meetings and coordinated parties.
Sentences written for these tests; actors from a small hand-made phrase table, places
from a small hand-made gazetteer (so the tests exercise the coder, not the actors stage).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from events_support import coder_runner, countries, find, phrase_table_analysis

from detente.records import ActorAnalysis

# phrase (lower case, as tokens) -> (country, sector, kind); longest phrases first
TABLE = {
    "barack obama": ("USA", "GOV", "person"),
    "vladimir putin": ("RUS", "GOV", "person"),
    "kenyan president uhuru kenyatta": ("KEN", "GOV", "person"),
    "ugandan rebels": ("UGA", "REB", "group"),
    "ugandan troops": ("UGA", "MIL", "group"),
    "ugandan refugees": ("UGA", "REF", "group"),
    "kenyan troops": ("KEN", "MIL", "group"),
    "kenyan journalists": ("KEN", "JRN", "group"),
    "two ugandan journalists": ("UGA", "JRN", "group"),
    "kenyan court": ("KEN", "JUD", "group"),
    "leaders": (None, "GOV", "group"),
    "ministers": (None, "GOV", "group"),
    "troops": (None, "MIL", "group"),
    "its soldiers": ("KEN", "MIL", "group"),
    "somalia": ("SOM", "GOV", "country"),
    "rebels": (None, "REB", "group"),
    "refugees": (None, "REF", "group"),
    "journalists": (None, "JRN", "group"),
    "united nations": ("IGO", "GOV", "organization"),
    "kenyatta": ("KEN", "GOV", "person"),
    "obama": ("USA", "GOV", "person"),
    "putin": ("RUS", "GOV", "person"),
    "kenya": ("KEN", "GOV", "country"),
    "kenyan": ("KEN", None, "country"),
    "uganda": ("UGA", "GOV", "country"),
    "ugandan": ("UGA", None, "country"),
    "tanzania": ("TZA", "GOV", "country"),
    "switzerland": ("CHE", None, "country"),
}
#: the persons named by several phrases
SAME = {"kenyan president uhuru kenyatta": "kenyatta", "barack obama": "obama", "vladimir putin": "putin"}


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    kind: str


PLACES = {"geneva": Place("Geneva", "CHE", "city"), "davos": Place("Davos", "CHE", "city"),
          "nairobi": Place("Nairobi", "KEN", "city"), "switzerland": Place("Switzerland", "CHE", "country")}


class Places:
    """A gazetteer of four entries: cities, and one country."""

    def lookup(self, name: str) -> Place | None:
        return PLACES.get(name.lower())


def analyse(doc) -> ActorAnalysis:
    return phrase_table_analysis(doc, TABLE, SAME, merge_countries=True)


@pytest.fixture(scope="module")
def code(nlp):
    return coder_runner(nlp, analyse, dt.date(2021, 5, 1), places=Places())


# -- nominal events with a "for" recipient ------------------------------------------------

@pytest.mark.parametrize("text", [
    "A Kenyan court issued an arrest warrant for two Ugandan journalists.",
    "A Kenyan court issued arrest warrants for two Ugandan journalists on Monday.",
])
def test_the_people_a_warrant_is_for_are_its_recipient(code, text):
    event = find(code(text), "COERCE")
    assert event.cameo.startswith("173")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_a_warrant_for_nobody_named_has_no_foreign_recipient(code):
    event = find(code("A Kenyan court issued an arrest warrant on Monday."), "COERCE")
    assert "UGA" not in countries(event.recipient)


# -- things owned by a state stand for it --------------------------------------------------

def test_a_thing_destroyed_in_the_passive_names_its_owner(code):
    event = find(code("The Ugandan building was demolished by Kenyan troops."), "COERCE")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_a_place_attacked_in_the_passive_names_those_it_is_for(code):
    event = find(code("A camp for Ugandan refugees was attacked by Kenyan troops."), "ASSAULT")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_a_place_attacked_in_the_passive_names_its_owner_first(code):
    event = find(code("A Kenyan camp for the refugees was attacked by Ugandan rebels."), "ASSAULT")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["KEN"]


def test_a_thing_given_in_the_passive_is_not_its_owners_loss(code):
    event = find(code("Kenyan supplies were sent to Uganda by the government."), "AID")
    assert countries(event.recipient) == ["UGA"]


# -- pronouns and origins ------------------------------------------------------------------

def test_it_in_a_reported_attack_is_the_speaker(code):
    event = find(code("Kenya said a rocket was fired at it from Uganda on Tuesday."), "ASSAULT")
    assert countries(event.recipient) == ["KEN"] and event.actor == ()


@pytest.mark.parametrize("text", [
    "Kenya said rockets were fired from Uganda at the camp.",
    "Ugandan rebels fired rockets from Tanzania at the camp.",
])
def test_where_a_rocket_came_from_is_not_its_target(code, text):
    event = find(code(text), "ASSAULT")
    assert not {"UGA", "TZA"} & set(countries(event.recipient))


def test_a_withdrawal_from_a_state_still_names_it(code):
    event = find(code("Ugandan troops withdrew from Tanzania on Tuesday."), "RETREAT")
    assert countries(event.recipient) == ["TZA"]


def test_its_posts_in_a_reported_attack_are_the_speakers(code):
    event = find(code("Kenya said Ugandan troops attacked its border posts."), "ASSAULT")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["KEN"]


def test_attacked_it_in_a_reported_clause_is_the_speaker(code):
    event = find(code("Kenya said Ugandan rebels attacked it from Tanzania."), "ASSAULT")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["KEN"]


def test_a_thing_seized_as_it_is_not_the_speaker(code):
    event = find(code("Kenya said Ugandan rebels found a rifle and seized it."), "COERCE")
    assert "KEN" not in countries(event.recipient)


def test_posts_of_nobody_named_are_not_the_speakers(code):
    event = find(code("Kenya said Ugandan troops attacked the border posts."), "ASSAULT")
    assert "KEN" not in countries(event.recipient)


# -- claims of responsibility --------------------------------------------------------------

@pytest.mark.parametrize("text, recipient", [
    ("Ugandan rebels claimed responsibility for the attack on Kenyan troops.", "KEN"),
    ("Ugandan rebels have claimed responsibility for killing Kenyan journalists.", "KEN"),
    ("Ugandan rebels are claiming responsibility for an attack on Kenyan troops near the border.", "KEN"),
    ("Ugandan rebels claimed the attack on Kenyan troops.", "KEN"),
    ("Ugandan rebels said they were behind the attack on Kenyan troops.", "KEN"),
    ("Kenya said Ugandan rebels were responsible for killing Kenyan journalists.", "KEN"),
])
def test_who_claims_an_attack_made_it(code, text, recipient):
    event = find(code(text), "ASSAULT")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == [recipient]
    assert event.status == "asserted"


@pytest.mark.parametrize("text", [
    "Ugandan rebels condemned the attack on Kenyan troops.",
    "Ugandan rebels denied responsibility for the attack on Kenyan troops.",
    "Ugandan rebels did not claim responsibility for the attack on Kenyan troops.",
    "Ugandan rebels were not behind the attack on Kenyan troops.",
])
def test_condemning_or_denying_an_attack_is_not_making_it(code, text):
    events = code(text)
    assert not [e for e in events if e.type == "ASSAULT" and "UGA" in countries(e.actor)]


# -- allegations ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kenya claimed that Ugandan troops had attacked its border posts.",
    "Kenya charged that Ugandan troops killed two Kenyan journalists.",
])
def test_a_claim_that_another_attacked_accuses_it(code, text):
    events = code(text)
    accusation = find(events, "ACCUSE")
    assert accusation.cameo == "112"
    assert countries(accusation.actor) == ["KEN"] and countries(accusation.recipient) == ["UGA"]
    attack = find(events, "ASSAULT")  # the claimed attack is still reported
    assert countries(attack.actor) == ["UGA"] and attack.confidence > accusation.confidence


@pytest.mark.parametrize("text", [
    "Kenya said that Ugandan troops had attacked its border posts.",
    "Kenya reported that Ugandan troops had attacked its border posts.",
    "Kenya claimed that Ugandan troops had not attacked its border posts.",
])
def test_a_neutral_report_or_a_denied_attack_accuses_nobody(code, text):
    assert not [e for e in code(text) if e.type == "ACCUSE"]


def test_a_claim_about_ones_own_attack_accuses_nobody(code):
    assert not [e for e in code("Kenya claimed that Kenyan troops had attacked the rebels.") if e.type == "ACCUSE"]


# -- hosts of attended meetings ------------------------------------------------------------

@pytest.mark.parametrize("text, etype, cameo", [
    ("Kenyatta attended a summit in Switzerland on Monday.", "CONSULT", "042"),
    ("Kenyatta attended talks in Geneva on Monday.", "CONSULT", "042"),
    ("Kenyatta attended the Davos forum on Monday.", "CONSULT", "042"),
    ("Kenyatta will attend a summit in Switzerland next week.", "AGREE", "036"),
    ("Kenyatta attended a summit hosted by Switzerland on Monday.", "CONSULT", "042"),
])
def test_attending_a_meeting_abroad_is_a_visit_to_the_host(code, text, etype, cameo):
    event = find(code(text), etype)
    assert event.cameo == cameo
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["CHE"]


@pytest.mark.parametrize("text", [
    "Kenyatta attended a summit on Uganda on Monday.",
    "Kenyatta will attend a summit on Uganda next week.",
    "Kenyatta attended a summit in Nairobi on Monday.",
])
def test_a_meetings_topic_or_home_venue_is_no_host(code, text):
    events = [e for e in code(text) if e.type in ("CONSULT", "AGREE")]
    assert events and all(not e.recipient and e.cameo != "042" for e in events)


@pytest.mark.parametrize("text", [
    "Kenyatta attended the Uganda conference on Monday.",
    "Kenyatta attended a summit hosted by Kenya on Monday.",
    "Kenyatta attended a summit with Uganda in Switzerland on Monday.",
])
def test_a_topic_a_home_host_or_a_partner_makes_no_visit(code, text):
    event = find(code(text), "CONSULT")
    assert event.cameo != "042" and event.mode != "visit"


# -- coordinated parties -------------------------------------------------------------------

def test_a_first_name_misread_as_a_preposition_keeps_both_parties(code):
    event = find(code("Barack Obama and Vladimir Putin will meet in Zurich to discuss trade."), "AGREE")
    assert event.symmetric and {*countries(event.actor), *countries(event.recipient)} == {"USA", "RUS"}


def test_a_meeting_between_two_states_scheduled_is_a_future_agreement_to_meet(code):
    event = find(code("A meeting between Kenya and Uganda is scheduled for Friday."), "AGREE")
    assert event.cameo == "036" and event.status == "future" and event.symmetric
    assert {*countries(event.actor), *countries(event.recipient)} == {"KEN", "UGA"}


@pytest.mark.parametrize("text", [
    "The summit is expected to focus on trade.",
    "An attack on the embassy was planned by Ugandan rebels.",
])
def test_a_planning_verb_that_says_more_reports_no_event(code, text):
    assert not [e for e in code(text) if e.type in ("CONSULT", "AGREE", "ASSAULT") and e.status == "asserted"]


def test_ministers_from_two_states_meet_as_equal_partners(code):
    event = find(code("Ministers from Kenya and Uganda will meet next week."), "AGREE")
    assert event.symmetric and {*countries(event.actor), *countries(event.recipient)} == {"KEN", "UGA"}


def test_leaders_of_two_states_meet_as_equal_partners(code):
    event = find(code("The leaders of Kenya and Uganda will meet on Friday."), "AGREE")
    assert event.symmetric and countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_leaders_of_two_states_act_together_in_a_one_sided_event(code):
    event = find(code("The leaders of Kenya and Uganda condemned Tanzania on Friday."), "ACCUSE")
    assert not event.symmetric and countries(event.recipient) == ["TZA"]
    assert set(countries(event.actor)) == {"KEN", "UGA"}


# -- whose people ---------------------------------------------------------------------------

def test_an_international_body_has_no_population_of_its_own(code):
    event = find(code("The United Nations demanded that the rebels lay down their arms."), "REQUEST")
    assert "IGO" not in countries(event.recipient)


def test_a_group_placed_in_a_country_belongs_to_it(code):
    event = find(code("The United Nations demanded that the rebels in Uganda lay down their arms."), "REQUEST")
    assert countries(event.recipient) == ["UGA"]


def test_refugees_fleeing_a_war_in_a_country_are_from_it(code):
    event = find(code("The United Nations will send aid to refugees fleeing the war in Uganda."), "AGREE")
    assert countries(event.recipient) == ["UGA"]


def test_refugees_fleeing_to_a_country_are_not_from_it(code):
    event = find(code("The United Nations will send aid to refugees fleeing to Uganda."), "AGREE")
    assert "UGA" not in countries(event.recipient)


def test_the_place_of_a_meeting_with_a_group_is_its_venue(code):
    events = code("Kenya met with the rebels in Uganda on Monday.")
    assert "UGA" not in [c for e in events for c in countries(e.recipient)]


def test_a_state_acting_on_rebels_acts_on_its_own(code):
    event = find(code("Kenya demanded that the rebels lay down their arms."), "REQUEST")
    assert countries(event.recipient) == ["KEN"]


def test_refugees_a_state_turns_away_are_not_its_own(code):
    event = find(code("Kenya expelled the refugees on Monday."), "COERCE")
    assert "KEN" not in countries(event.recipient)


def test_journalists_a_state_arrests_are_its_own(code):
    event = find(code("Kenya arrested journalists on Monday."), "COERCE")
    assert countries(event.recipient) == ["KEN"]


# -- the actor's own forces ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kenya refused to pull its troops out of Somalia.",
    "Kenya refused to pull its soldiers out of Somalia.",
])
def test_forces_a_state_moves_are_its_own_not_the_target(code, text):
    event = find(code(text), "REJECT")
    assert countries(event.recipient) == ["SOM"]


def test_its_own_soldiers_praised_are_the_recipient(code):
    event = find(code("Kenya praised its soldiers on Monday."), "SUPPORT")
    assert countries(event.recipient) == ["KEN"]


# -- whom a protest defies -------------------------------------------------------------------

def test_a_protest_in_defiance_of_a_state_targets_it(code):
    event = find(code("Kenyan students blocked streets in Tanzania in defiance of Uganda."), "PROTEST")
    assert countries(event.recipient) == ["UGA"]


def test_a_protest_defying_a_ban_targets_the_authorities_where_it_is(code):
    event = find(code("Kenyan students blocked streets in Tanzania in defiance of a ban."), "PROTEST")
    assert countries(event.recipient) == ["TZA"]


# -- stative support verbs -------------------------------------------------------------------

def test_forces_engaged_in_fighting_are_the_fighters(code):
    event = find(code("Ugandan troops were engaged in heavy fighting with Kenyan troops on Monday."), "ASSAULT")
    assert "UGA" in [*countries(event.actor), *countries(event.recipient)]
    assert "KEN" in [*countries(event.actor), *countries(event.recipient)]


def test_an_active_engagement_keeps_its_sides(code):
    event = find(code("Kenyan troops engaged Ugandan rebels in a firefight on Monday."), "ASSAULT")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]
