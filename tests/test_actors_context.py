"""Context countries (actors/context.py) and phrases around them: officials whose country only the sentence gives, peoples placed
by a post-modifier, possessive and appositive references, relation nouns, Indian police
vocabulary. Sentences written for these tests."""

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
    an = resolver.analyse(doc, date(2001, 6, 1))
    i = next(t.i for t in doc if t.text == word)
    return an.at_token(i), an


def code_at(nlp, resolver, text: str, word: str):
    actor, _ = actor_at(nlp, resolver, text, word)
    return (actor.country, actor.sector) if actor else None


def test_country_of_an_official_from_the_one_state_the_sentence_owns(nlp, resolver):
    actor, _ = actor_at(nlp, resolver, "Judge Maria Fonseca said the trial would resume in Portugal's highest court.", "Fonseca")
    assert (actor.country, actor.sector, actor.evidence) == ("PRT", "JUD", "context")


def test_no_country_when_the_state_is_the_target(nlp, resolver):
    # the country is what the bishop acts against, not his own
    assert code_at(nlp, resolver, "Bishop Tomas Ferreira called for sanctions against Paraguay.", "Ferreira") == (None, "REL")
    assert code_at(nlp, resolver, "Judge Anna Berg criticised Estonia's new law.", "Berg") == (None, "JUD")


def test_no_country_when_two_states_or_a_bare_name(nlp, resolver):
    text = "General Ivo Marsh said Ghana's army and Togo's police would hold joint drills."
    assert code_at(nlp, resolver, text, "Marsh") == (None, "MIL")
    # no descriptor: an unknown person stays uncoded
    assert code_at(nlp, resolver, "Pedro Alves said Portugal's economy would grow.", "Alves") in (None, (None, None))


def test_diplomats_are_not_placed_by_the_sentence(nlp, resolver):
    assert code_at(nlp, resolver, "Ambassador Lena Holm praised Chile's new constitution.", "Holm") == (None, "GOV")


def test_ethnic_demonyms_and_placed_peoples(nlp, resolver):
    assert code_at(nlp, resolver, "Ethnic Greek fighters operating in Albania laid down their arms.", "fighters") == ("ALB", "REB")
    assert code_at(nlp, resolver, "The Hungarians of northern Serbia asked for more schools.", "Hungarians") == ("SRB", "CVL")
    assert code_at(nlp, resolver, "Ethnic Turks in Bulgaria boycotted the vote.", "Turks") == ("BGR", "CVL")


def test_their_forces_take_the_possessor_country(nlp, resolver):
    text = "Bosnian Croats said their forces had left the town."
    assert code_at(nlp, resolver, text, "forces") == ("BIH", "MIL")
    assert code_at(nlp, resolver, "Israel has moved its troops in Lebanon to the coast.", "troops") == ("ISR", "MIL")


def test_group_in_apposition_with_a_named_organisation(nlp, resolver):
    text = "The largest rebel group, the Revolutionary United Front, refused to disarm."
    doc = nlp(text)
    an = resolver.analyse(doc, date(2001, 6, 1))
    group = an.at_token(next(t.i for t in doc if t.text == "group"))
    ruf = an.at_token(next(t.i for t in doc if t.text == "Revolutionary"))
    assert group is ruf and group.kind == "organization" and group.country == "SLE"


def test_relation_nouns_do_not_name_the_other_state(nlp, resolver):
    text = "Jordan, a close British ally, refused to join the embargo."
    doc = nlp(text)
    an = resolver.analyse(doc, date(2001, 6, 1))
    assert {a.country for a in an.actors} == {"JOR"}


def test_languages_are_not_states(nlp, resolver):
    doc = nlp("The court banned the use of the Turkish language in schools.")
    assert "TUR" not in {a.country for a in resolver.analyse(doc, date(2001, 6, 1)).actors}


def test_occupied_places_are_not_the_occupier(nlp, resolver):
    doc = nlp("Villagers of the Russian-occupied region marched on Sunday.")
    assert "RUS" not in {a.country for a in resolver.analyse(doc, date(2001, 6, 1)).actors}


def test_peacekeepers_in_a_country_are_not_from_it(nlp, resolver):
    assert code_at(nlp, resolver, "Peacekeepers in Haiti opened the road.", "Peacekeepers") == (None, "MIL")
    assert code_at(nlp, resolver, "Security forces in Chad opened fire.", "forces") == ("TCD", "COP")


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("the crpf jawans fired at the mob near the market.", "jawans", ("IND", "COP")),
        ("The BSF men chased the smugglers.", "men", ("IND", "COP")),
        ("Two constables were injured when cops charged the crowd.", "cops", (None, "COP")),
        ("The Rapid Action Force dispersed the crowd.", "Action", ("IND", "COP")),
        ("police jawans arrested six youths.", "jawans", (None, "COP")),
        ("The army officers met the governor.", "officers", (None, "MIL")),
        ("The station house officer arrested the accused.", "officer", (None, "COP")),
        ("deputy inspector general of police r k sharma said nine were held.", "inspector", (None, "COP")),
        ("Lt. Gen. Omar Diallo resigned on Monday.", "Diallo", (None, "MIL")),
    ],
)
def test_police_and_ranks(nlp, resolver, text, word, expected):
    assert code_at(nlp, resolver, text, word) == expected
