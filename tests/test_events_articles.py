"""Whole-article reading: event nouns, intransitive and light-verb events, claims of
responsibility, one event per happening (``mentions``), and mere words that tell no event.
Sentences written for these tests; the full pipeline (real model, actors stage)."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-05-08"


def _events(extractor, text):
    return extractor.extract(text, published=PUBLISHED).events


def _of(events, etype):
    return [e for e in events if e.type == etype]


def _names(refs):
    return {r.name for r in refs}


# -- event nouns and intransitive verbs ---------------------------------------
@pytest.mark.parametrize("text, etype, trigger", [
    ("The Taliban attack on the convoy near Kandahar left the road closed.", "ASSAULT", "attack"),
    ("After the explosion outside the embassy, the street was sealed off.", "ASSAULT", "explosion"),
    ("Thousands joined the protests in Nairobi on Friday.", "PROTEST", "protests"),
    ("The shooting at the market in Peshawar shocked residents.", "ASSAULT", "shooting"),
    ("Talks between Kerry and Lavrov lasted four hours.", "CONSULT", "Talks"),
    ("The trial of the former governor opened in Lima.", "ACCUSE", "trial"),
])
def test_particular_event_noun_is_an_event(extractor, text, etype, trigger):
    events = _of(_events(extractor, text), etype)
    assert any(trigger in e.trigger for e in events), [(e.type, e.trigger) for e in _events(extractor, text)]


@pytest.mark.parametrize("text", [
    "Attacks on civilians are a war crime.",            # generic statement
    "An attack helicopter flew low over the town.",     # modifier of another noun
    "Officials fear an attack on the embassy.",         # feared, not reported
    "The army is trying to prevent attacks on the convoy.",  # averted
    "The protest leaders had lunch in the capital.",    # modifier
    "Trade was hit hard by the riots.",                 # a protest told by nobody and no time
])
def test_event_noun_that_reports_no_happening(extractor, text):
    assert not _of(_events(extractor, text), "ASSAULT") and not _of(_events(extractor, text), "PROTEST")


def test_a_meeting_noun_needs_who_met(extractor):
    assert not _of(_events(extractor, "Officials spoke to reporters at the meeting."), "CONSULT")


def test_an_act_taken_as_background_is_no_new_event(extractor):
    assert not _of(_events(extractor, "Relief reached the victims of the attack on the train."), "ASSAULT")


def test_bomb_that_exploded_is_an_assault(extractor):
    events = _of(_events(extractor, "A car bomb exploded outside the Interior Ministry on Monday."), "ASSAULT")
    assert events and events[0].cameo == "183"


def test_the_possessor_of_an_event_noun_is_its_actor(extractor):
    events = _of(_events(extractor, "The Taliban attack on the convoy killed five soldiers."), "ASSAULT")
    assert any("Taliban" in _names(e.actor) for e in events)


def test_a_reaction_keeps_the_act_it_reacts_to(extractor):
    events = _events(extractor, "The United Nations condemned the bombing of the hospital.")
    assert _of(events, "ACCUSE") and _of(events, "ASSAULT")


# -- light verbs ----------------------------------------------------------------
@pytest.mark.parametrize("text, etype, actor", [
    ("Israel carried out an overnight raid inside Lebanon.", "ASSAULT", "Israel"),
    ("Students staged a protest outside parliament on Monday.", "PROTEST", "Students"),
    ("The European Union imposed sanctions on Russia.", "SANCTION", "European Union"),
])
def test_light_verb_carries_the_nouns_event(extractor, text, etype, actor):
    events = _of(_events(extractor, text), etype)
    assert events and any(actor in n for e in events for n in _names(e.actor))


def test_claim_of_responsibility_names_the_attacker(extractor):
    text = "A bomb exploded at a bus station in Quetta on Monday. The Pakistani Taliban claimed responsibility for the attack."
    events = _of(_events(extractor, text), "ASSAULT")
    assert len(events) == 1
    assert any("Taliban" in n for n in _names(events[0].actor))


# -- one event per happening ------------------------------------------------------
def test_mentions_of_one_bombing_are_one_event(extractor):
    text = ("A car bomb exploded outside the Interior Ministry in Kabul on Monday. "
            "The blast shattered windows across the district. "
            "The Taliban claimed responsibility for the attack.")
    events = _of(_events(extractor, text), "ASSAULT")
    assert len(events) == 1
    event = events[0]
    assert [m.sentence_index for m in event.mentions] == [0, 1, 2]
    assert event.trigger_span in {m.trigger_span for m in event.mentions}
    assert any("Taliban" in n for n in _names(event.actor))
    assert event.to_dict()["mentions"][1]["trigger"] == "blast"


def test_another_blast_is_another_event(extractor):
    text = ("A bomb exploded near the police headquarters in Kabul on Monday. "
            "Hours later another blast hit a market in the city.")
    assert len(_of(_events(extractor, text), "ASSAULT")) == 2


def test_attacks_by_different_actors_are_not_merged(extractor):
    text = ("Russian forces shelled Kharkiv on Monday. "
            "Ukrainian forces shelled Belgorod on Tuesday.")
    assert len(_of(_events(extractor, text), "ASSAULT")) == 2


def test_a_single_mention_lists_itself(extractor):
    (event,) = _of(_events(extractor, "Police arrested ten protesters in Nairobi on Friday."), "COERCE")
    assert len(event.mentions) == 1 and event.mentions[0].trigger_span == event.trigger_span


# -- mere words -------------------------------------------------------------------
def test_content_of_an_accusation_is_no_event(extractor):
    events = _events(extractor, "Lavrov accused his counterpart of grandstanding and refusing to listen.")
    assert _of(events, "ACCUSE") and not _of(events, "REJECT")


def test_content_of_a_denial_is_no_event(extractor):
    assert not _of(_events(extractor, "The army denied attacking the convoy."), "ASSAULT")


def test_advice_through_a_gerund_is_hypothetical(extractor):
    events = _events(extractor, "The west should repay the Kurds by standing up to Turkey's lies.")
    assert all(e.status == "hypothetical" for e in events)


def test_abstract_doer_is_no_assault(extractor):
    text = "Russia's failure to manage the relationship could destroy its understanding with Ankara."
    assert not _of(_events(extractor, text), "ASSAULT")


def test_the_source_of_a_report_is_not_the_attacker(extractor):
    events = _of(_events(extractor, "India and Pakistan exchanged fire, officials said, killing two guards."), "ASSAULT")
    assert events and not any("officials" in n.lower() for e in events for n in _names(e.actor))


@pytest.mark.parametrize("text, etype", [
    ("The marchers were met with gunfire near the square.", "CONSULT"),
    ("Guaido made an attempt to demonstrate growing military support.", "PROTEST"),
    ("The injured soldiers were evacuated to a hospital.", "RETREAT"),
])
def test_senses_that_are_no_event(extractor, text, etype):
    assert not _of(_events(extractor, text), etype)
