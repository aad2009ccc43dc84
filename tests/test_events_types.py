"""Event types chosen by construction (round 5): joint exercises, preparation of force,
warnings and findings that say what another party must do, verbal objections, deaths
from torture, orders of force, sending investigators, withdrawing observers, and the
senses of "mobilize" and "provide support". Sentences written for these tests."""

from __future__ import annotations

import pytest
from events_support import country_word_coder

COUNTRIES = {"kenya": "KEN", "kenyan": "KEN", "uganda": "UGA", "ugandan": "UGA", "peru": "PER",
             "peruvian": "PER", "chile": "CHL", "chilean": "CHL", "norway": "NOR", "norwegian": "NOR",
             "ghana": "GHA", "fiji": "FJI"}


@pytest.fixture(scope="module")
def code(nlp):
    return country_word_coder(nlp, COUNTRIES)


def top(events):
    return max(events, key=lambda e: e.confidence) if events else None


@pytest.mark.parametrize(
    "text, etype, cameo",
    [
        # several parties exercising together cooperate; one alone mobilizes
        ("Kenya and Uganda held war games near the lake.", "COOPERATE", "062"),
        ("Chilean and Peruvian warships began five days of naval exercises off the coast.", "COOPERATE", "062"),
        ("The Kenyan army held military exercises near the border.", "MOBILIZE", "150"),
        # getting ready to fight is a military move; stated readiness is a threat
        ("The army prepared to resume shelling the rebel villages.", "MOBILIZE", "152"),
        ("Kenya said it is prepared to strike the rebels.", "THREATEN", "138"),
        # what another party must do is demanded
        ("Norway issued a warning to Ghana that it must withdraw its troops.", "REQUEST", "106"),
        ("Norway sent a reminder to Fiji that it must allow inspectors into its plants.", "REQUEST", "106"),
        ("The panel concluded that Kenya must provide more aid to the refugees.", "REQUEST", "103"),
        ("Norway warned Ghana that it would attack the camps.", "THREATEN", "138"),
        # a verbal objection, not a street protest
        ("A rights group protested that Kenya was holding journalists without trial.", "ACCUSE", "111"),
        ("Thousands of students protested in the capital of Kenya.", "PROTEST", "141"),
        # deaths caused by torture or beating
        ("A prisoner died as a result of torture in a Kenyan jail.", "ASSAULT", "182"),
        ("The farmer died after beating by guards.", "ASSAULT", "182"),
        # an ordered act of force is the orderer's act
        ("Kenya ordered the newspaper to suspend publication.", "COERCE", "172"),
        # sending investigators investigates
        ("Norway dispatched inspectors to a factory in Ghana.", "ACCUSE", "090"),
        ("Norway sent a team to Ghana to investigate the killings.", "ACCUSE", "090"),
        # withdrawing observers and peacekeepers reduces relations (CAMEO 166)
        ("Fifty Norwegian peacekeepers were shipped out of the town on Friday.", "SANCTION", "166"),
        # a mission of observers received is access granted
        ("Kenya received a mission of observers from Uganda.", "RETREAT", "086"),
        # material support is aid
        ("Norway provided military support to Ghana.", "AID", "070"),
        # wanting another party to act is an appeal to it, not one's own intent
        ("Kenya wants Uganda to withdraw its troops from the border.", "REQUEST", "025"),
        ("Norway wants Ghana to send more aid to the refugees.", "REQUEST", "023"),
        ("Norway wants to send more aid to Ghana.", "AGREE", "033"),
        ("Kenya wants the rebels to stop attacking Uganda.", "REQUEST", "020"),
        # a planned sanction or restriction is a threat; a planned attack stays an attack
        ("Kenya plans to impose sanctions on Uganda.", "THREATEN", "132"),
        ("Norway intends to expel the diplomats of Ghana.", "THREATEN", "132"),
        ("Kenya plans to attack the rebels in Uganda.", "ASSAULT", "190"),
        ("Kenya restricted the movement of Ugandan journalists.", "COERCE", "172"),
    ],
)
def test_type_by_construction(code, text, etype, cameo):
    event = top(code(text))
    assert event is not None, text
    assert (event.type, event.cameo) == (etype, cameo), [(e.type, e.cameo, e.trigger) for e in code(text)]


@pytest.mark.parametrize(
    "text, absent",
    [
        # mobilizing lobbyists or voters is no military move
        ("Kenya mobilized lobby groups in Europe to support its cause.", "MOBILIZE"),
        # a student party is not a jointly held exercise
        ("The students held a fire drill at the school.", "COOPERATE"),
        # dying of an illness is no assault
        ("The former minister died as a result of cancer.", "ASSAULT"),
        # orders to talk stay requests
        ("Kenya ordered its envoy to meet the rebels.", "CONSULT"),
    ],
)
def test_no_wrong_type(code, text, absent):
    assert absent not in {e.type for e in code(text)}, [(e.type, e.trigger) for e in code(text)]


def test_refusal_to_provide_support(code):
    event = top(code("Norway said it would not provide support to Ghana."))
    assert event is not None and event.type == "REJECT"
