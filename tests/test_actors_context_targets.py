"""Context countries of opposing sides (actors/context.py) and hyphenated-verb doers
(candidates.py; issue #4): a state named inside one party's own mention is not
the country of the party it acts on; police and troops before a hyphenated verb
("lathi-charged") are actors. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import ActorResolver
from detente.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase([]))


def actor_at(nlp, resolver, text: str, word: str):
    doc = nlp(text)
    an = resolver.analyse(doc, date(2012, 3, 1))
    i = next(t.i for t in doc if t.text == word)
    return an.at_token(i)


def code_at(nlp, resolver, text: str, word: str):
    actor = actor_at(nlp, resolver, text, word)
    return (actor.country, actor.sector) if actor else None


# -- 1. opposing sides do not share a context country -------------------------------------

def test_the_target_of_a_demonym_group_does_not_take_its_country(nlp, resolver):
    text = "Palestinian youths hurled rocks at soldiers outside the village on Friday."
    assert code_at(nlp, resolver, text, "youths") == ("PSE", "CVL")
    assert code_at(nlp, resolver, text, "soldiers") == (None, "MIL")


def test_the_doer_named_in_a_by_phrase_gives_its_target_nothing(nlp, resolver):
    text = "Two soldiers were ambushed by Palestinian gunmen last night."
    assert code_at(nlp, resolver, text, "soldiers") == (None, "MIL")


def test_police_clashing_with_protesters_keep_no_country_of_theirs(nlp, resolver):
    assert code_at(nlp, resolver, "Kashmiri protesters clashed with police.", "police") == (None, "COP")
    assert code_at(nlp, resolver, "Lebanese protesters clashed with police in the square.", "police") == (None, "COP")


def test_a_party_acting_on_the_named_state_gets_nothing(nlp, resolver):
    # the state named as itself is one side; the militants are the other
    assert code_at(nlp, resolver, "Turkey shelled militants near the border.", "militants") == (None, "REB")


def test_coordinated_parties_share_the_country(nlp, resolver):
    # same side: the police are coordinated with the Iraqi officials
    police = actor_at(nlp, resolver, "Iraqi officials and police met in Basra.", "police")
    assert police is not None and (police.country, police.sector, police.evidence) == ("IRQ", "COP", "context")


def test_a_subject_conjunct_shares_the_country_against_a_common_target(nlp, resolver):
    text = "Iraqi police and soldiers detained dozens of protesters."
    assert code_at(nlp, resolver, text, "soldiers") == ("IRQ", "MIL")


def test_an_official_cited_beside_another_still_shares_the_country(nlp, resolver):
    # "according to": a source, not a party acted on
    text = "The Interior Secretary approved the march, according to the Kenyan Deputy Minister."
    assert code_at(nlp, resolver, text, "Secretary") == ("KEN", "GOV")


def test_event_recipient_keeps_no_country_of_the_attackers(extractor):
    out = extractor.extract("Palestinian gunmen opened fire on soldiers near the checkpoint.", published="2012-03-01")
    assault = [e for e in out.events if e.type == "ASSAULT"]
    assert assault, out.events
    assert [a.country for a in assault[0].actor] == ["PSE"]
    assert [r.sector for r in assault[0].recipient] == ["MIL"]
    assert all(r.country != "PSE" for r in assault[0].recipient)


# -- 2. police before a hyphenated verb -----------------------------------------------------

@pytest.mark.parametrize("text,word", [
    ("The police lathi-charged the striking workers.", "police"),
    ("Policemen lathi-charged the crowd outside the college.", "Policemen"),
])
def test_police_before_a_hyphenated_verb_are_an_actor(nlp, resolver, text, word):
    assert code_at(nlp, resolver, text, word) == (None, "COP")


def test_hyphenated_verb_event_has_the_army_as_actor(extractor):
    # the events stage's own fallback knows police nouns only: the army comes from here
    out = extractor.extract("The army lathi-charged the villagers near the camp.", published="2012-03-01")
    assault = [e for e in out.events if e.type == "ASSAULT"]
    assert assault, out.events
    assert [a.sector for a in assault[0].actor] == ["MIL"]
    assert [r.sector for r in assault[0].recipient] == ["CVL"]


def test_police_as_a_modifier_of_a_noun_subject_are_no_actor(nlp, resolver):
    # "police lathi" is a baton here: the noun is its modifier, not a doer
    assert code_at(nlp, resolver, "The police lathi was found on the road.", "police") is None


def test_protest_at_forces_leaves_their_state_open_but_own_institutions_take_it(extractor):
    day = "2021-05-10"
    stones = extractor.extract("Palestinian youths threw stones at soldiers near Hebron.", published=day)
    protest = next(e for e in stones.events if e.type == "PROTEST")
    assert [a.country for a in protest.actor] == ["PSE"]
    assert [r.country for r in protest.recipient] == [None]
    rally = extractor.extract("Egyptian protesters rallied outside the parliament.", published=day)
    event = next(e for e in rally.events if e.type == "PROTEST")
    assert [r.country for r in event.recipient] == ["EGY"]


def test_troopers_are_police(extractor):
    out = extractor.extract("State troopers arrested two men on the highway.", published="2021-05-10")
    arrest = next(e for e in out.events if e.type == "COERCE")
    assert [a.sector for a in arrest.actor] == ["COP"]
    para = extractor.extract("Paratroopers landed near the airport.", published="2021-05-10")
    assert [a.sector for a in para.actors] == ["MIL"]
