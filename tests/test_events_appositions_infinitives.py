"""Event arguments and status around appositions and infinitives: a clause's appositive
noun phrase names no recipient, an infinitive on a noun or on an extraposed "it" is no
asserted act (its status is future or hypothetical), and the subject of a hyphenated
police verb. Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def events_of(extractor):
    def run(text: str, published: str = "2018-07-10"):
        return extractor.extract(text, published=published).events

    return run


def _of_type(events, etype):
    return [e for e in events if e.type == etype]


# -- 1. appositions on the clause ---------------------------------------------------

def test_appositive_visit_noun_names_no_recipient_the_host_is(events_of):
    text = ("Putin arrived in Beijing on Monday, the first trip by a Russian leader "
            "to the region this year.")
    visits = _of_type(events_of(text), "CONSULT")
    assert visits
    recipients = {r.country for e in visits for r in e.recipient}
    assert recipients == {"CHN"}
    assert all(r.id not in {a.id for a in e.actor} for e in visits for r in e.recipient)


def test_object_of_the_verb_is_still_the_recipient(events_of):
    # near miss: the party in the verb's own phrase stays the recipient
    visits = _of_type(events_of("Putin visited China on Monday, his first trip abroad this year."), "CONSULT")
    assert visits and {r.country for r in visits[0].recipient} == {"CHN"}


def test_a_party_is_never_its_own_recipient(events_of):
    events = events_of("Germany criticised Germany's own record on arms exports on Tuesday.")
    for e in events:
        assert not {a.id for a in e.actor} & {r.id for r in e.recipient}


def test_own_country_convention_of_domestic_control_stays(events_of):
    # near miss: a curfew with nobody named is aimed at the state's own country (CAMEO 172)
    curfews = [e for e in events_of("Kenya imposed a curfew on Sunday.") if e.type == "SANCTION" or e.cameo == "172"]
    assert curfews and [r.country for r in curfews[0].recipient] == ["KEN"]


# -- 2. infinitives on nouns and extraposed "it" -------------------------------------

def _arrest(events):
    found = [e for e in events if e.type == "COERCE" and e.cameo == "173"]
    assert found, events
    return found[0]


@pytest.mark.parametrize("text, status", [
    ("The constables received orders to arrest any person who broke the curfew.", "future"),
    ("The district officials took the decision to arrest the organisers.", "future"),
    ("The administration has no option but to arrest the agitators.", "hypothetical"),
    ("The officers finally got a chance to arrest the gang leader.", "hypothetical"),
    ("It is up to the state police to arrest the culprits.", "hypothetical"),
    ("It is necessary for the police to arrest the rioters.", "hypothetical"),
])
def test_infinitive_on_a_noun_or_extraposed_it_is_in_prospect(events_of, text, status):
    assert _arrest(events_of(text)).status == status


@pytest.mark.parametrize("text", [
    "The police were quick to arrest the rioters.",      # an adjective about the doer
    "The police arrested the rioters to restore order.",  # purpose on a verb: the arrest is done
    "The police moved in to arrest the rioters.",
    "The police cordoned off the area in order to arrest the rioters.",  # a bare purpose
])
def test_infinitive_on_a_verb_or_doer_adjective_stays_asserted(events_of, text):
    assert _arrest(events_of(text)).status in ("asserted", "historical")


def test_past_no_choice_but_to_reports_what_was_done(events_of):
    # near miss: "had no option but to" in the past says the arrest was made (as "had to")
    assert _arrest(events_of("The administration had no option but to arrest the agitators.")).status in (
        "asserted", "historical")


@pytest.mark.parametrize("text", [
    "Chad said it is willing to withdraw its troops from the border town.",  # "it" is Chad
    "Chad said it is to withdraw its troops from the border town.",          # an arrangement
])
def test_it_that_is_a_party_is_no_dummy_subject(events_of, text):
    acts = [e for e in events_of(text) if e.type in ("RETREAT", "CONCEDE")]
    assert acts and acts[0].status == "future"


def test_first_country_to_act_reports_the_act(events_of):
    # near miss: "the first/only X to do" reports that it was done
    events = events_of("Norway was the first country to expel the diplomats.")
    expel = [e for e in events if e.type == "COERCE"]
    assert all(e.status in ("asserted", "historical") for e in expel)


# -- 3. hyphenated police verbs ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "The police lathi-charged the mob.",
    "Police lathi-charged the protesters near the station on Monday.",
])
def test_hyphenated_police_verb_keeps_the_police_as_actor(events_of, text):
    assaults = _of_type(events_of(text), "ASSAULT")
    assert assaults and any(a.sector == "COP" for a in assaults[0].actor)


def test_hyphenated_verb_reuses_the_documents_police_actor(events_of):
    events = events_of("The police lathi-charged the mob. Police later arrested ten men.")
    assault = _of_type(events, "ASSAULT")[0]
    arrest = _arrest(events)
    assert [a.id for a in assault.actor] == [a.id for a in arrest.actor]


def test_hyphenated_verb_with_another_subject_takes_no_police(events_of):
    # near miss: a non-police subject of a hyphenated verb is not made the police
    events = events_of("The villagers stone-pelted the police station.")
    assert not any(a.sector == "COP" for e in events for a in e.actor)
