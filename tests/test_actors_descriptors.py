"""Descriptors (actors/descriptors.py, candidates.py): descriptor post-modifiers, organisation-named heads, peoples,
family-name-first names and the wider organisation table. Sentences written for these
tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors import ActorResolver
from detente.actors.coref import surnames_of
from detente.actors.kb import KnowledgeBase, Person, Role


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    kb = KnowledgeBase(
        [
            Person("xi-jinping", "Xi Jinping", ("Xi",), (Role("CHN", "GOV", "president", date(2013, 3, 14), None),)),
            Person("moon-jae-in", "Moon Jae-in", ("Moon",), (Role("KOR", "GOV", "president", date(2017, 5, 10), date(2022, 5, 10)),)),
            Person("george-h-w-bush", "George H. W. Bush", (), (Role("USA", "GOV", "president", date(1989, 1, 20), date(1993, 1, 20)),)),
            Person("george-w-bush", "George W. Bush", (), (Role("USA", "GOV", "president", date(2001, 1, 20), date(2009, 1, 20)),)),
        ]
    )
    return ActorResolver(kb)


def code_at(nlp, resolver, text: str, word: str, day: date | None = date(2019, 6, 1)):
    doc = nlp(text)
    an = resolver.analyse(doc, day)
    i = next(t.i for t in doc if t.text == word)
    actor = an.at_token(i)
    return (actor.country, actor.sector) if actor else None


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("King Abdullah of Jordan will travel to Cairo next week.", "Abdullah", ("JOR", "GOV")),
        ("The president of Ghana opened the summit.", "president", ("GHA", "GOV")),
        ("Rebels in Mali seized two towns.", "Rebels", ("MLI", "REB")),
        ("Protesters in Bahrain blocked the highway.", "Protesters", ("BHR", "CVL")),
        ("Refugees from Eritrea crossed the border.", "Refugees", ("ERI", "REF")),
        ("The Kenyan parliament passed the bill.", "parliament", ("KEN", "LEG")),
        ("Peru's foreign ministry summoned the envoy.", "ministry", ("PER", "GOV")),
        ("The Greek side walked out of the talks.", "side", ("GRC", "GOV")),
    ],
)
def test_descriptor_patterns(nlp, resolver, text, word, expected):
    assert code_at(nlp, resolver, text, word) == expected


def test_place_after_a_person_is_only_of(nlp, resolver):
    # a person "in Lima" is somewhere, not from there
    assert code_at(nlp, resolver, "A spokesman in Lima denied the claim.", "spokesman") == (None, "GOV")


def test_country_in_the_post_modifier_is_part_of_the_actor(nlp, resolver):
    text = "Sultan Qaboos of Oman hosted the talks."
    doc = nlp(text)
    an = resolver.analyse(doc, date(2000, 1, 1))
    oman = next(t.i for t in doc if t.text == "Oman")
    assert an.at_token(oman) is an.at_token(1)  # one actor, not the Sultan and a country
    assert len(an.actors) == 1


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("The Andean Community forum approved the tariff.", "forum", ("IGO", "GOV")),
        ("The Polisario Front movement rejected the vote.", "movement", ("ESH", "REB")),
        ("Transparency International criticised the deal.", "Transparency", ("NGO", "SOC")),
        ("UNITA fighters ambushed a convoy.", "fighters", ("AGO", "PTY")),  # a party by 2005
        ("The Moro Islamic Liberation Front signed the accord.", "Front", ("PHL", "REB")),
        ("Janjaweed militiamen burned the village.", "militiamen", ("SDN", "PRM")),
    ],
)
def test_organisations(nlp, resolver, text, word, expected):
    assert code_at(nlp, resolver, text, word, date(2005, 1, 1)) == expected


def test_dated_organisation_codes(nlp, resolver):
    text = "The Rwandan Patriotic Front took the capital."
    assert code_at(nlp, resolver, text, "Front", date(1994, 5, 1)) == ("RWA", "REB")
    assert code_at(nlp, resolver, text, "Front", date(1999, 5, 1)) == ("RWA", "GOV")


def test_longer_name_inside_a_shorter_one_wins(nlp, resolver):
    text = "Officials asked the UN refugee agency to stay."
    assert code_at(nlp, resolver, text, "agency") == ("IGO", "GOV")
    doc = nlp(text)
    names = {a.name for a in resolver.analyse(doc, date(2019, 1, 1)).actors}
    assert "UNHCR" in names and "United Nations" not in names


def test_long_and_former_country_names(nlp, resolver):
    assert code_at(nlp, resolver, "The Democratic People's Republic of Korea tested a rocket.", "Republic")[0] == "PRK"
    assert code_at(nlp, resolver, "Zaire closed its border.", "Zaire")[0] == "COD"


def test_stance_and_tie_modifiers_do_not_give_the_country(nlp, resolver):
    assert code_at(nlp, resolver, "Pro-Moscow separatists shelled the airport.", "separatists") == (None, "REB")
    assert code_at(nlp, resolver, "An Iran-backed militia attacked the base.", "militia") == (None, "PRM")


def test_peoples_are_not_states(nlp, resolver):
    assert code_at(nlp, resolver, "Bosnian Croats blocked the road.", "Croats") == ("BIH", "CVL")
    assert code_at(nlp, resolver, "Ethnic Hungarians marched in the town.", "Hungarians") == (None, "CVL")
    assert code_at(nlp, resolver, "Croatia protested.", "Croatia") == ("HRV", "GOV")


def test_owner_of_an_administration(nlp, resolver):
    # two Bushes in the KB, both USA: the country is known even without a date
    assert code_at(nlp, resolver, "The Bush administration imposed tariffs.", "administration", None) == ("USA", "GOV")


def test_family_name_first(nlp, resolver):
    text = "Xi Jinping met Moon Jae-in in Beijing. Later Xi thanked Moon."
    doc = nlp(text)
    an = resolver.analyse(doc, date(2019, 6, 1))
    xi = [an.at_token(t.i) for t in doc if t.text == "Xi"]
    moon = [an.at_token(t.i) for t in doc if t.text == "Moon"]
    assert xi[0] is xi[1] and xi[0].country == "CHN"
    assert moon[0] is moon[1] and moon[0].country == "KOR" and moon[0].name == "Moon Jae-in"
    assert surnames_of("Wang Xiaoming") == ("xiaoming", "wang")
    assert surnames_of("Gordon Brown") == ("brown",)


def test_unknown_family_name_first_person_coreference(nlp, resolver):
    text = "Chinese envoy Zhang Weiming arrived in Nairobi. Zhang said the loan was ready."
    doc = nlp(text)
    an = resolver.analyse(doc, date(2019, 6, 1))
    zhang = [an.at_token(t.i) for t in doc if t.text == "Zhang"]
    assert zhang[0] is zhang[1] and zhang[1].country == "CHN"


def test_capital_modifying_an_event_noun_is_not_an_actor(nlp, resolver):
    doc = nlp("Athletes gathered for the Beijing Olympics.")
    assert "CHN" not in {a.country for a in resolver.analyse(doc, date(2008, 8, 1)).actors}
