"""Bodies, documents, provinces and leaders (actors/bodies.py, documents.py, regions.py,
lookup.py; issue #4): names in odd case, unsigned documents as actors,
armed groups in apposition, provinces and states, Jewish settlers, "the <Demonym> leader".
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from actors_support import analysed
from actors_support import codes_at as support_codes_at

from detente.actors import ActorResolver
from detente.actors.countries import NameTable
from detente.actors.kb import KnowledgeBase
from detente.actors.regions import RegionTable


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgeBase.load())


def actors_of(nlp, resolver, text: str, day: date = date(2012, 5, 10)):
    return analysed(nlp, resolver, text, day)


def codes_at(nlp, resolver, text: str, word: str, day: date = date(2012, 5, 10)) -> list[tuple]:
    return support_codes_at(nlp, resolver, text, word, day)


def actor_at(nlp, resolver, text: str, word: str, day: date = date(2012, 5, 10)):
    doc, an = actors_of(nlp, resolver, text, day)
    i = next(t.i for t in doc if t.text == word)
    aid = an.by_token.get(i)
    return an.get(aid) if aid is not None else None


def countries(nlp, resolver, text: str) -> set[str]:
    _, an = actors_of(nlp, resolver, text)
    return {a.country for a in an.actors if a.country}


def first_event(extractor, text: str, etype: str, day: str = "2012-05-10"):
    events = [e for e in extractor.extract(text, published=day).events if e.type == etype]
    assert events, f"no {etype} event in {text!r}"
    return events[0]


# -- 1. country names and demonyms in odd case ------------------------------------------


def test_country_words_in_odd_case_are_coded(nlp, resolver):
    assert codes_at(nlp, resolver, "Border guards fired on kenyan villagers at the well.", "villagers") == [("KEN", "CVL")]
    assert codes_at(nlp, resolver, "The envoy promised to help iRAQ rebuild its schools.", "iRAQ")[0][0] == "IRQ"
    assert codes_at(nlp, resolver, "PERU rejected the proposal on Monday.", "PERU") == [("PER", "GOV")]
    assert "USA" in countries(nlp, resolver, "Officials from the united states met the negotiators.")


def test_lower_case_ordinary_words_are_not_countries(nlp, resolver):
    # "turkey", "china", "polish", "jordan" in lower case are words, not states
    assert countries(nlp, resolver, "She bought a turkey and china plates, then went to polish the jordan boat.") == set()
    table = NameTable.load()
    assert table.lookup("tunisian") is not None and table.lookup("turkey") is None
    # acronyms keep their case ("us" is a pronoun) and institutions stay case-sensitive
    assert table.lookup("us") is None and table.lookup("congress") is None


# -- 2. unsigned documents speak for where they come from --------------------------------


def test_report_released_in_a_capital_is_that_states(extractor):
    text = "A 90-page report released on Friday in the Malian capital alleged that Algeria had armed the rebels."
    event = first_event(extractor, text, "ACCUSE")
    assert [a.country for a in event.actor] == ["MLI"]
    assert [r.country for r in event.recipient] == ["DZA"]


def test_statement_issued_in_a_capital_keeps_an_unknown_sector(nlp, resolver):
    actor = actor_at(nlp, resolver, "A statement issued in Dakar accused Gambia of sheltering the rebels.", "statement")
    assert (actor.country, actor.sector, actor.evidence) == ("SEN", None, "document")
    official = actor_at(nlp, resolver, "A government communique published in Dakar condemned the raid.", "communique")
    assert (official.country, official.sector) == ("SEN", "GOV")


def test_report_about_a_state_is_not_its_report(nlp, resolver):
    assert actor_at(nlp, resolver, "A report about Mali accused Algeria of arming the rebels.", "report") is None
    # a named author wins over the place of publication
    text = "A report released in Bamako by a Dutch charity accused Algeria of arming the rebels."
    found = actor_at(nlp, resolver, text, "report")
    assert found is None or found.country != "MLI"


# -- 3. armed groups named with a national or group modifier -----------------------------


def test_armed_group_in_apposition_takes_its_code(nlp, resolver):
    text = "The al-Qaeda-affiliated Somali Islamist group al-Shabab ambushed a convoy near the border."
    assert codes_at(nlp, resolver, text, "ambushed") == []  # the verb is no actor
    assert ("SOM", "REB") in codes_at(nlp, resolver, text, "group")
    assert codes_at(nlp, resolver, "Fighters from the militant group Shabab raided the town.", "Fighters") == [("SOM", "REB")]
    assert codes_at(nlp, resolver, "The ISWAP faction killed four soldiers.", "ISWAP")[0][0] == "NGA"
    assert codes_at(nlp, resolver, "The Qassam Brigades fired rockets overnight.", "Brigades") == [("PSE", "REB")]


def test_organisation_named_as_a_tie_is_not_an_actor(nlp, resolver):
    # "al-Qaeda-affiliated" says whom the group is tied to: al-Qaeda is no actor here
    text = "The al-Qaeda-affiliated Somali Islamist group al-Shabab ambushed a convoy near the border."
    assert "IMG" not in countries(nlp, resolver, text)
    assert "PSE" not in countries(nlp, resolver, "Pro-Hamas students marched past the embassy.")
    # an organisation whose own name starts with "anti-" is still itself
    assert codes_at(nlp, resolver, "Anti-balaka fighters burned the market.", "fighters") == [("CAF", "PRM")]


def test_group_nouns_without_an_organisation_stay_uncoded(nlp, resolver):
    assert codes_at(nlp, resolver, "Fighters from the north raided the town.", "Fighters") == [(None, "REB")]
    # a sea named after a town is not the regiment of that name
    assert "UKR" not in countries(nlp, resolver, "Fishing boats crossed the Sea of Azov at night.")
    # a short form of an organisation does not swallow a state's own noun phrase
    assert "AZE" in countries(nlp, resolver, "Iran cut the power to the remote Azerbaijani republic on Monday.")


# -- 4. settlers, provinces and states, people named after their group -------------------


def test_jewish_settlers_are_israeli_civilians(nlp, resolver):
    assert codes_at(nlp, resolver, "Jewish settlers uprooted olive trees near the village.", "settlers") == [("ISR", "CVL")]
    assert codes_at(nlp, resolver, "Jewish leaders in Chicago praised the mayor.", "leaders")[0][0] is None


def test_a_provinces_bodies_are_its_states(nlp, resolver):
    assert codes_at(nlp, resolver, "The Sindh government banned rallies for a week.", "government") == [("PAK", "GOV")]
    assert codes_at(nlp, resolver, "Kerala police detained three students.", "police") == [("IND", "COP")]
    text = "The government of Balochistan province imposed a curfew."
    assert codes_at(nlp, resolver, text, "government") == [("PAK", "GOV")]
    assert codes_at(nlp, resolver, "The governor of the Tyumen region resigned on Friday.", "governor") == [("RUS", "GOV")]


def test_a_province_acting_is_its_government(nlp, resolver):
    actor = actor_at(nlp, resolver, "Sindh province banned rallies after the riots.", "province")
    assert (actor.country, actor.sector) == ("PAK", "GOV")


def test_province_names_outside_their_constructions_are_places(nlp, resolver):
    # a place, not an actor
    assert "PAK" not in countries(nlp, resolver, "Gunmen attacked a police post in Sindh province.")
    assert actor_at(nlp, resolver, "Rebel-held Idlib province was shelled overnight.", "province") is None
    # "Punjab" is in India and in Pakistan: only the article can say which
    assert codes_at(nlp, resolver, "The Punjab government arrested the union leader.", "government") == [(None, "GOV")]
    text = "Pakistan said the Punjab government arrested the union leader."
    assert codes_at(nlp, resolver, text, "government") == [("PAK", "GOV")]
    # generic words that some states' divisions are named are not division names
    assert codes_at(nlp, resolver, "The Central government rejected the demand.", "government") == [(None, "GOV")]


def test_region_table_english_forms():
    table = RegionTable.load()
    assert table.countries("Sichuan") == ("CHN",)
    assert table.countries("Luhansk") == ("UKR",)
    assert table.countries("Anbar") == ("IRQ",)
    assert set(table.countries("Punjab")) == {"IND", "PAK"}
    assert table.countries("Western") == () and table.countries("Central") == ()


def test_person_named_after_a_group_noun_takes_the_groups_code(nlp, resolver):
    assert codes_at(nlp, resolver, "Hezbollah chief Hassan Nasrallah warned Israel.", "Nasrallah") == [("LBN", "REB")]


# -- 5. "the <Demonym> leader" is the state's leader on the article's date ---------------


def test_the_national_leader_is_the_kb_holder(nlp, resolver):
    bush = actor_at(nlp, resolver, "The US leader will tour Asia next week.", "leader", date(2008, 8, 5))
    assert (bush.name, bush.country, bush.sector, bush.evidence) == ("George W. Bush", "USA", "GOV", "kb")
    cameron = actor_at(nlp, resolver, "The British leader met farmers in Wales.", "leader", date(2012, 5, 10))
    assert cameron.name == "David Cameron"  # a parliamentary state's leader heads its government
    assert actor_at(nlp, resolver, "The Chinese premier toured the plant.", "premier", date(2012, 5, 10)).name == "Wen Jiabao"


def test_leaders_that_are_not_the_states_stay_descriptions(nlp, resolver):
    day = date(2012, 5, 10)
    chechen = actor_at(nlp, resolver, "The Chechen leader praised the troops.", "leader", day)
    assert chechen.kb_id is None and chechen.country == "RUS"
    assert actor_at(nlp, resolver, "The Hamas leader rejected the offer.", "leader", day).country == "PSE"
    assert actor_at(nlp, resolver, "The Hamas leader rejected the offer.", "leader", day).kb_id is None
    assert actor_at(nlp, resolver, "A Russian leader would never accept it.", "leader", day).kb_id is None
    former = actor_at(nlp, resolver, "The former Russian leader criticised the plan.", "leader", day)
    assert former.kb_id is None and former.sector == "ELI"


def test_leader_follows_changes_of_system():
    kb = KnowledgeBase.load()
    assert kb.leader("TUR", date(2012, 1, 1)).name == kb.leader("TUR", date(2016, 1, 1)).name  # Erdogan, PM then president
    assert kb.leader("PAK", date(2005, 1, 1)).id == "pervez-musharraf"
    assert kb.leader("IRN", date(2012, 1, 1)).id == "ali-khamenei"


def test_title_completed_by_its_of_phrase(nlp, resolver):
    rice = actor_at(nlp, resolver, "The US Secretary of State flew to Tbilisi.", "Secretary", date(2008, 8, 5))
    assert rice is not None and rice.kb_id == "condoleezza-rice"
    other = actor_at(nlp, resolver, "The secretary of the village council resigned.", "secretary", date(2008, 8, 5))
    assert other is None or other.kb_id is None


def test_two_people_of_a_named_country_are_new_people(nlp, resolver):
    text = "A court in Peru issued arrest warrants for two Bolivian men wanted for fraud."
    assert codes_at(nlp, resolver, text, "men") == [("BOL", None)]
    # "the two men" with no country still refers back to the two people just named
    _, an = actors_of(nlp, resolver, "Bush met Putin in Sochi. The two men agreed on a plan.", date(2008, 4, 6))
    pair = [an.get(m.actor_id).name for m in an.mentions if m.text == "The two men"]
    assert pair == ["George W. Bush", "Vladimir Putin"]


def test_organisation_noun_followed_by_its_name_is_one_actor(nlp, resolver):
    # the parser often attaches the name to the verb ("movement ... [Hamas rejected]")
    text = "The Palestinian Islamist movement Hamas rejected the plan."
    assert codes_at(nlp, resolver, text, "movement") == [("PSE", "REB")]
    assert {a.kind for a in actors_of(nlp, resolver, text)[1].actors} == {"organization"}
    # a noun that is not an organisation noun does not take the name after it
    assert codes_at(nlp, resolver, "Egyptian officials told Hamas to stop the rockets.", "officials") == [("EGY", "GOV")]


def test_a_spokesman_for_a_body_is_of_that_body(nlp, resolver):
    assert codes_at(nlp, resolver, "A spokesman for the Afghan interior ministry denied the report.", "spokesman")[0][0] == "AFG"
    assert codes_at(nlp, resolver, "A spokeswoman for the Syrian rebels denied the report.", "spokeswoman") == [("SYR", "REB")]
    assert codes_at(nlp, resolver, "A spokesman for Hezbollah denied the report.", "spokesman") == [("LBN", "REB")]
    # an envoy "for" a country is sent to it, not from it
    assert codes_at(nlp, resolver, "The UN envoy for Yemen met the president.", "envoy") == [("IGO", "GOV")]


def test_the_country_as_subject_refers_back_to_the_state_just_named(nlp, resolver):
    text = "Oman denied the claims on Monday. The sultanate said it had never armed the rebels."
    assert codes_at(nlp, resolver, text, "sultanate") == [("OMN", "GOV")]
    text = "Peru and Chile signed a fishing accord. The two countries agreed to share patrol data."
    assert [c for c, _ in codes_at(nlp, resolver, text, "countries")] == ["PER", "CHL"]
    text = "Officials of the Kenyan interior ministry met donors. The country wants more aid."
    assert codes_at(nlp, resolver, text, "country") == [("KEN", "GOV")]


def test_state_nouns_that_describe_are_not_references(nlp, resolver):
    text = "Oman denied the claims. The only country that objected was Yemen."
    assert codes_at(nlp, resolver, text, "country") == []
    assert codes_at(nlp, resolver, "Oman denied the claims. The state of emergency ended.", "state") == []
    # a place "in the country" is left alone
    assert codes_at(nlp, resolver, "Oman denied the claims. Floods hit the north of the country.", "country") == []
    # no state named nearby: nothing to refer to
    assert codes_at(nlp, resolver, "The country said it would appeal.", "country") == []
