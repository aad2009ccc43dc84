"""Whole articles, part 1 (issue 16): intransitive blasts, event nouns told by their
clause, light verbs in relative clauses and the passive, acts presupposed inside an
accusation, accidents and figures of speech that are no assault, legal steps, and which
mentions are one happening. Sentences written for these tests; the full pipeline."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-05-08"


def _events(extractor, text):
    return extractor.extract(text, published=PUBLISHED).events


def _of(events, etype):
    return [e for e in events if e.type == etype]


def _names(refs):
    return " ".join(r.name or "" for r in refs)


def _triggers(events):
    return [m.trigger for e in events for m in (e.mentions or ())] + [e.trigger for e in events]


# -- intransitive blasts ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The bomb was hidden in a parked van and exploded just after noon.",            # a passive first conjunct
    "Police are looking for the man who left a bag holding a device that exploded on Friday.",  # relative
    "A car bomb was parked near the barracks gate. It exploded at noon, killing three guards.",  # pronoun
])
def test_a_bomb_that_explodes_is_an_assault(extractor, text):
    assaults = _of(_events(extractor, text), "ASSAULT")
    assert any("exploded" in t for t in _triggers(assaults)), [(e.type, e.trigger) for e in _events(extractor, text)]


@pytest.mark.parametrize("text", [
    "Prices exploded after the devaluation.",
    "The stadium exploded with joy when the goal went in.",
])
def test_what_explodes_in_a_figure_is_no_assault(extractor, text):
    assert not _of(_events(extractor, text), "ASSAULT")


@pytest.mark.parametrize("text", [
    "Four insurgents were killed in an accidental explosion in Helmand on Tuesday.",
    "The mortar round detonated accidentally, killing two of the men loading it.",
])
def test_an_accident_is_no_assault(extractor, text):
    assert not _of(_events(extractor, text), "ASSAULT")


def test_fighting_a_disease_is_no_assault(extractor):
    assert not _of(_events(extractor, "The health ministry is pooling its budget to attack the virus."), "ASSAULT")


def test_hitting_officials_with_sanctions_is_a_sanction(extractor):
    events = _events(extractor, "Washington hit six Venezuelan generals with sanctions on Monday.")
    assert _of(events, "SANCTION") and not _of(events, "ASSAULT")


# -- event nouns told by their clause ----------------------------------------------
def test_there_was_an_explosion(extractor):
    assaults = _of(_events(extractor, "There was a loud explosion outside the embassy in Kabul."), "ASSAULT")
    assert any("explosion" in t for t in _triggers(assaults))


def test_a_predicate_noun_says_what_a_told_happening_was(extractor):
    text = "The Harbour Road bombing was an attack on 2 March 1985 at a bus depot in Lisbon."
    (event,) = _of(_events(extractor, text), "ASSAULT")
    assert {m.trigger for m in event.mentions} >= {"attack"}


def test_a_judgement_in_a_predicate_noun_is_no_event(extractor):
    assert not _of(_events(extractor, "This ruling is an attack on democracy."), "ASSAULT")


@pytest.mark.parametrize("text, trigger", [
    ("Dozens died in the attacks.", "attacks"),
    ("A wave of shootings broke out in the capital overnight.", "shootings"),
    ("Two soldiers were killed in a Taliban ambush near Kandahar.", "ambush"),
])
def test_harm_and_occurrence_tell_that_it_happened(extractor, text, trigger):
    assaults = _of(_events(extractor, text), "ASSAULT")
    assert len(assaults) == 1 and any(trigger in t for t in _triggers(assaults)), \
        [(e.type, e.trigger, len(e.mentions)) for e in assaults]


def test_naming_what_happened_is_a_mention(extractor):
    text = "A bomb exploded in the main square of Lyon on Friday. The president called the explosion an attack."
    (event,) = _of(_events(extractor, text), "ASSAULT")
    assert "explosion" in {m.trigger for m in event.mentions}


def test_the_modifier_of_an_incident_is_its_trigger(extractor):
    (event,) = _of(_events(extractor, "The first shooting incidents were reported in the north of Belfast."), "ASSAULT")
    assert "shooting" in event.trigger


def test_a_negated_clause_about_an_event_noun_does_not_negate_it(extractor):
    (event,) = _of(_events(extractor, "The shooting at the depot in Derry did not involve the army."), "ASSAULT")
    assert event.status in ("asserted", "historical")


# -- light verbs ---------------------------------------------------------------------
def test_a_light_verb_in_a_relative_clause_names_its_actor(extractor):
    text = "Hamas, which carried out the bombing of the bus station, was condemned by the UN."
    assaults = _of(_events(extractor, text), "ASSAULT")
    assert assaults and "Hamas" in _names(assaults[0].actor)


@pytest.mark.parametrize("text, etype", [
    ("The raid was carried out by Israeli commandos.", "ASSAULT"),
    ("Thousands of students took part in the protests in Dhaka on Sunday.", "PROTEST"),
])
def test_passive_and_participation_light_verbs(extractor, text, etype):
    assert _of(_events(extractor, text), etype)


def test_a_noun_described_by_its_participle_is_background(extractor):
    assert not _of(_events(extractor, "The minister answered the request made by the opposition."), "REQUEST")


def test_an_act_presupposed_by_an_accusation_happened_without_an_alleged_doer(extractor):
    text = "Two men accused of carrying out the Oslo bombing appeared in court on Monday."
    assaults = _of(_events(extractor, text), "ASSAULT")
    assert len(assaults) == 1 and "bombing" in assaults[0].trigger and not assaults[0].actor


# -- legal steps ---------------------------------------------------------------------
def test_charged_with_a_crime_is_an_accusation(extractor):
    events = _events(extractor, "She was detained in June and charged with espionage.")
    assert any("charged" in e.trigger for e in _of(events, "ACCUSE"))


def test_pleading_not_guilty_is_no_request(extractor):
    assert not _of(_events(extractor, "He pleaded not guilty to all the counts."), "REQUEST")


# -- senses that tell no event -------------------------------------------------------
@pytest.mark.parametrize("text, etype", [
    ("Police cordoned off the area after the blast.", "COERCE"),
    ("Transport officials closed the metro stations nearby.", "COERCE"),
    ("He paid and walked out of the restaurant.", "PROTEST"),
    ("Talking to reporters, the governor said the decision was final.", "CONSULT"),
    ("Capturing drones with nets is one option the army is studying.", "COERCE"),
])
def test_a_sense_that_is_no_political_event(extractor, text, etype):
    assert not _of(_events(extractor, text), etype)


def test_walking_out_of_parliament_is_still_a_protest(extractor):
    assert _of(_events(extractor, "Opposition MPs walked out of parliament on Tuesday."), "PROTEST")


# -- which mentions are one happening ----------------------------------------------
def test_a_claim_of_responsibility_joins_the_attack_it_claims(extractor):
    text = ("A suicide bomber blew himself up at a checkpoint in Mosul on Monday, killing five soldiers. "
            "Islamic State claimed responsibility for the attack.")
    (event,) = _of(_events(extractor, text), "ASSAULT")
    assert "Islamic State" in _names(event.actor) and len({m.sentence_index for m in event.mentions}) == 2


@pytest.mark.parametrize("text", [
    # two towns are two places
    "A bomb exploded in Lyon on Friday, wounding 13 people. The blast in Lille hurt nobody.",
    # the same kind of victim is not the same victim
    "Seven militants were killed in Helmand on Monday, officials said. "
    "Four militants were killed in a separate clash in Kandahar.",
    # a differently named bombing is another event
    "Saturday's attack on London Bridge killed eight people. "
    "Police said the Manchester bombing last month had been planned abroad.",
])
def test_two_happenings_stay_two_events(extractor, text):
    assert len(_of(_events(extractor, text), "ASSAULT")) == 2


def test_coming_under_attack_makes_the_subject_the_target(extractor):
    (event,) = _of(_events(extractor, "The UN convoy came under attack near Aleppo on Monday."), "ASSAULT")
    assert "United Nations" in _names(event.recipient) and "United Nations" not in _names(event.actor)


def test_a_further_that_clause_of_an_allegation_is_its_content(extractor):
    text = "The report alleged that France knew of the plans and that French troops took part in the killings."
    events = _events(extractor, text)
    assert _of(events, "ACCUSE") and not _of(events, "ASSAULT")


def test_the_toll_after_a_comma_joins_the_blast(extractor):
    (event,) = _of(_events(extractor, "A bomb exploded at a bus stop in Kano on Monday, killing four people."), "ASSAULT")
    assert {m.trigger for m in event.mentions} >= {"exploded", "killing"}


# -- figures of "explode" and "charge" -------------------------------------------------
@pytest.mark.parametrize("text", [
    "The minister exploded in anger when reporters asked about the deal.",
    "The coach exploded with rage at the referee after the match.",
])
def test_a_person_who_explodes_in_anger_attacks_nobody(extractor, text):
    assert _of(_events(extractor, text), "ASSAULT") == []


@pytest.mark.parametrize("text", [
    "Riot police charged the marchers with batons outside parliament.",
    "Mounted police charged the crowd with tear gas and sticks on Sunday.",
])
def test_police_charging_a_crowd_with_batons_is_force_not_an_accusation(extractor, text):
    events = _events(extractor, text)
    assert _of(events, "ASSAULT") and not _of(events, "ACCUSE"), [(e.type, e.trigger) for e in events]


def test_charging_a_person_with_a_crime_stays_an_accusation(extractor):
    events = _events(extractor, "Prosecutors charged the former governor with fraud on Tuesday.")
    assert _of(events, "ACCUSE") and not _of(events, "ASSAULT")
