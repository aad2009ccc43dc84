"""Who does what to whom: symmetric partners of reciprocal events, subjects carried down
control chains and text nouns, passive agents the parser misattaches, visits hosted (visitor as actor),
conditional threats, owners of moved things, lists read as appositions and protests aimed
at the authorities of their place. Sentences written for these tests; actors from a
small hand-made table of multi-word mentions (so a mention's modifiers are inside it).
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.events.patterns import subject
from detente.evaluate.india import is_police
from events_support import coder_runner, countries, find, phrase_table_analysis
from detente.records import ActorAnalysis, ActorRef, Event

# phrase (lower case, as tokens) -> (country, sector, kind); longest phrases first
TABLE = {
    "kenyan president uhuru kenyatta": ("KEN", "GOV", "person"),
    "ugandan leader yoweri museveni": ("UGA", "GOV", "person"),
    "ugandan president": ("UGA", "GOV", "person"),
    "kenyan troops": ("KEN", "MIL", "group"),
    "ugandan rebels": ("UGA", "REB", "group"),
    "kenyan journalists": ("KEN", "JRN", "group"),
    "ugandan officials": ("UGA", "GOV", "group"),
    "its forces": ("KEN", "MIL", "group"),
    "kenyatta": ("KEN", "GOV", "person"),
    "museveni": ("UGA", "GOV", "person"),
    "students": (None, "EDU", "group"),
    "police": (None, "COP", "group"),
    "kenya": ("KEN", "GOV", "country"),
    "uganda": ("UGA", "GOV", "country"),
    "peru": ("PER", "GOV", "country"),
    "norway": ("NOR", "GOV", "country"),
    "latvia": ("LVA", "GOV", "country"),
}


#: the persons named by several phrases
SAME = {"kenyan president uhuru kenyatta": "kenyatta", "ugandan leader yoweri museveni": "museveni"}


def analyse(doc) -> ActorAnalysis:
    return phrase_table_analysis(doc, TABLE, SAME)


@pytest.fixture(scope="module")
def code(nlp):
    return coder_runner(nlp, analyse, dt.date(2021, 5, 1))


@pytest.mark.parametrize("text, etype", [
    ("Kenyan President Uhuru Kenyatta and Ugandan leader Yoweri Museveni met in Nairobi on Tuesday.", "CONSULT"),
    ("Kenyatta and Museveni met in Entebbe and agreed to reopen the border.", "CONSULT"),
    ("Kenyatta and Museveni met in Entebbe and agreed to reopen the border.", "AGREE"),
    ("Kenyan troops and Ugandan rebels clashed near the border on Sunday.", "ASSAULT"),
    ("Kenya and Uganda held talks in Geneva.", "CONSULT"),
])
def test_reciprocal_events_split_coordinated_subjects(code, text, etype):
    event = find(code(text), etype)
    assert countries(event.actor) == ["KEN"]
    assert countries(event.recipient) == ["UGA"]
    assert event.symmetric


def test_list_read_as_apposition_is_still_coordinated(code):
    event = find(code("Kenya, Uganda, and Peru met yesterday."), "CONSULT")
    assert countries(event.actor) == ["KEN"]
    assert sorted(countries(event.recipient)) == ["PER", "UGA"]
    assert event.symmetric


@pytest.mark.parametrize("text, etype, actor, recipient", [
    ("Kenya and Uganda attacked the village.", "ASSAULT", ["KEN", "UGA"], []),
    ("Kenya and Uganda condemned Peru.", "ACCUSE", ["KEN", "UGA"], ["PER"]),
])
def test_one_sided_events_keep_coordinated_actors_together(code, text, etype, actor, recipient):
    event = find(code(text), etype)
    assert countries(event.actor) == actor
    assert countries(event.recipient) == recipient
    assert not event.symmetric


def test_subject_carried_down_a_long_control_chain(nlp):
    doc = nlp("Norway is willing to send material to help defend Latvia.")
    defend = next(t for t in doc if t.lower_ == "defend")
    subj, passive = subject(defend)
    assert subj is not None and subj.lower_ == "norway" and not passive


@pytest.mark.parametrize("text, etype, actor, recipient", [
    # the author of a text states what its participle says
    ("Kenya issued a statement condemning Uganda.", "ACCUSE", ["KEN"], ["UGA"]),
    # a passive agent the parser hangs on the active gerund
    ("Kenyan journalists were accused of spying by Ugandan officials.", "ACCUSE", ["UGA"], ["KEN"]),
    # the target of a moved thing named on the thing, in the passive
    ("Evidence against Uganda was presented by Kenya.", "ACCUSE", ["KEN"], ["UGA"]),
    # a threat aims at whoever must meet its condition
    ("Kenya threatened to close the border unless Uganda withdraws its troops.", "THREATEN", ["KEN"], ["UGA"]),
    # the owner of the moved forces is the actor, the place where they go the target
    ("Kenya has strengthened its forces in Uganda.", "MOBILIZE", ["KEN"], ["UGA"]),
    # a background phrase of time or cause names no target
    ("Kenya has strengthened its forces following the discovery of Ugandan rebels.", "MOBILIZE", ["KEN"], []),
    # the subject of a demand's "that" clause is who must act
    ("Kenya repeated its demand that Uganda release the prisoners.", "REQUEST", ["KEN"], ["UGA"]),
])
def test_lost_actors_and_recipients(code, text, etype, actor, recipient):
    event = find(code(text), etype)
    assert countries(event.actor) == actor
    assert countries(event.recipient) == recipient


@pytest.mark.parametrize("text, recipient", [
    # the state acting on an unnamed domestic group: the group is its own country's
    ("Kenyan troops arrested students on Sunday.", ["KEN"]),
    # armed groups who kill people do not make the victims their compatriots
    ("Ugandan rebels killed students on Sunday.", [None]),
])
def test_domestic_recipient_only_for_state_organs(code, text, recipient):
    event = find(code(text), "ASSAULT" if "killed" in text else "COERCE")
    assert countries(event.recipient) == recipient


@pytest.mark.parametrize("text, recipient", [
    # measures of domestic control with nobody named are aimed at the state's own country
    ("Kenya imposed a curfew on Sunday.", ["KEN"]),
    ("Kenyan troops arrested 12 on Sunday.", ["KEN"]),
    # other measures keep an empty target
    ("Kenya imposed sanctions on Sunday.", []),
])
def test_domestic_control_aims_at_the_own_country(code, text, recipient):
    event = find(code(text), "SANCTION" if "sanctions" in text else "COERCE")
    assert countries(event.recipient) == recipient


def test_a_passive_arrest_in_a_country_is_by_its_authorities(code):
    event = find(code("Kenyan journalists were arrested in Uganda on Monday."), "COERCE")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["KEN"]


def test_a_killing_with_no_perpetrator_has_no_actor(code):
    # who killed is not in the text: the place of a killing does not make its state the killer
    event = find(code("Ten Kenyan troops were killed in Uganda on Monday."), "ASSAULT")
    assert event.actor == () and countries(event.recipient) == ["KEN"]


def test_stated_commitment_is_the_subjects_own(code):
    event = find(code("Peru is committed to opening up its economy."), "AGREE")
    assert countries(event.actor) == ["PER"]


def test_the_visitor_of_a_hosted_visit_is_its_actor(code):
    # PLOVER manual: "the visitor will always be coded as the actor and the host will be
    # the recipient".
    event = find(code("Kenya received the Ugandan president on Monday."), "CONSULT")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["KEN"]
    assert event.cameo == "042" and event.mode == "visit"


def test_the_host_of_talks_between_others_is_their_actor(code):
    event = find(code("Kenya hosted talks between Uganda and Peru on Monday."), "CONSULT")
    assert countries(event.actor) == ["KEN"] and sorted(countries(event.recipient)) == ["PER", "UGA"]
    assert event.cameo != "042"


def test_a_place_the_actor_does_without_is_no_target(code):
    event = find(code("Kenyatta agreed to resign without returning to Uganda."), "CONCEDE")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == []


def test_stated_opposition_is_the_subjects_own(code):
    event = find(code("Kenya is opposed to mediation by Uganda in the dispute."), "REJECT")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_a_relative_clause_hung_on_the_verb_names_no_addressee(code):
    text = "Kenya threatened to shell Ugandan rebels in the town where, it said, students were killed."
    event = find(code(text), "THREATEN")
    assert countries(event.recipient) == ["UGA"]


def test_hunger_strikers_of_no_country_are_in_the_state_they_target(code):
    event = find(code("Students began a hunger strike on Monday to protest against Uganda's decision."), "PROTEST")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["UGA"]


def test_the_doer_of_a_condemned_act_is_the_accused(code):
    event = find(code("Kenya condemned the attack by Ugandan rebels on Peru."), "ACCUSE")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


@pytest.mark.parametrize("text, etype, recipient", [
    # whoever holds the people must release them, not the people themselves
    ("Kenya demanded the release of Kenyan journalists held by Uganda.", "REQUEST", ["UGA"]),
    # the doer of a protested arrest is its target
    ("Kenya protested the arrest of Kenyan journalists by Ugandan officials.", None, ["UGA"]),
])
def test_the_doer_inside_a_nominal_object_is_the_target(code, text, etype, recipient):
    events = code(text)
    event = find(events, etype) if etype else max(events, key=lambda e: e.confidence)
    assert countries(event.recipient) == recipient


def test_an_object_the_parser_made_the_next_clauses_subject(code):
    event = find(code("Kenya granted asylum to Ugandan officials holed up in an embassy."), "AID")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_forces_pulled_out_in_the_passive_act_for_their_side(code):
    event = find(code("Kenyan troops were withdrawn from Uganda on Monday."), "RETREAT")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_a_states_own_name_in_its_promise_is_no_recipient(code):
    event = find(code("Kenyatta promised to democratize Kenya."), "AGREE")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == []


def test_a_border_is_no_party(code):
    event = find(code("Kenyan troops captured a rebel stronghold on the border with Uganda."), "ASSAULT")
    assert countries(event.recipient) != ["UGA"]


def test_aid_received_still_comes_from_the_giver(code):
    event = find(code("Kenya received weapons from Uganda."), "AID")
    assert countries(event.actor) == ["UGA"] and countries(event.recipient) == ["KEN"]


def test_protesters_take_their_place_and_target_its_government(code):
    event = find(code("Students throughout Kenya staged demonstrations on Saturday."), "PROTEST")
    assert countries(event.actor) == ["KEN"]
    assert countries(event.recipient) == ["KEN"]


def test_symmetric_clash_counts_police_on_either_side():
    police = ActorRef("a1", "police", "IND", "COP")
    crowd = ActorRef("a2", "activists", "IND", "CVL")
    base = dict(id="e1", type="ASSAULT", mode=None, contexts=(), cameo="190", quad_class=4, intensity=-9.0,
                goldstein=-10.0, status="asserted", sentence_index=0, span=(0, 10), trigger="clashed",
                trigger_span=(0, 7), text="Activists and police clashed.", confidence=0.9)
    assert is_police(Event(actor=(crowd,), recipient=(police,), symmetric=True, **base), "")
    assert not is_police(Event(actor=(crowd,), recipient=(police,), symmetric=False, **base), "")
