"""Police events in Indian English news (issue #5): arrests reported in participles and
nouns, and attacks named as what hurt people. Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def events_of(extractor):
    def run(text: str):
        return extractor.extract(text).events

    return run


def _arrests(events):
    return [e for e in events if e.type == "COERCE" and e.cameo == "173" and e.status in ("asserted", "historical")]


def _assaults(events):
    return [e for e in events if e.type == "ASSAULT" and e.status in ("asserted", "historical")]


def test_participle_arrest_is_reported_without_named_police(events_of):
    # "the arrested activists" presupposes that they were arrested
    arrests = _arrests(events_of("The arrested activists were produced before a magistrate on Tuesday."))
    assert len(arrests) == 1
    assert arrests[0].trigger == "arrested"


def test_participle_of_other_acts_stays_background(events_of):
    # near miss: a participle of a non-arrest act is a description, not an event
    events = events_of("The injured activists were taken to hospital on Tuesday.")
    assert not _assaults(events)
    assert not _arrests(events)


def test_participle_arrest_takes_the_police_of_the_sentence(events_of):
    arrests = _arrests(events_of("Police said the arrested men had confessed."))
    assert arrests and any(a.sector == "COP" for a in arrests[0].actor)


def test_noun_arrest_of_a_person_is_reported(events_of):
    arrests = _arrests(events_of("The arrest of the two smugglers at the border exposed the racket."))
    assert len(arrests) == 1 and arrests[0].trigger == "arrest"


def test_arrests_after_which_something_happened_are_reported(events_of):
    arrests = _arrests(events_of("After the arrests, the district was placed on high alert."))
    assert [e.trigger for e in arrests] == ["arrests"]


@pytest.mark.parametrize("text", [
    "The threat of arrest did not deter the marchers.",
    "The marchers ignored the risk of arrest in the capital.",
    "My arrest would not serve anyone's interest, the leader said.",
    "The volunteers will go ahead whatever the government does, including arrests.",
])
def test_arrests_feared_ordered_or_imagined_are_not_reported(events_of, text):
    assert not _arrests(events_of(text))


def test_demanded_arrest_is_a_request_not_an_arrest(events_of):
    events = events_of("The opposition demanded the arrest of the officers.")
    assert not _arrests(events)
    assert any(e.type == "REQUEST" for e in events)


def test_injuries_in_a_firing_assert_the_firing(events_of):
    assaults = _assaults(events_of("Ten persons sustained injuries in the firing near the station."))
    assert [e.cameo for e in assaults] == ["190"]


def test_deaths_due_to_police_firing_name_the_police(events_of):
    assaults = _assaults(events_of("Nine deaths due to police firing were reported from the district."))
    assert assaults and assaults[0].type == "ASSAULT"


def test_a_firing_with_no_harm_named_is_not_asserted(events_of):
    # near miss: the firing range is a place, not an attack that hurt anyone
    assert not _assaults(events_of("Ten persons attended a training in the firing range."))


def test_an_unspecified_clash_with_people_dead_is_not_coded_as_an_attack(events_of):
    # near miss: "a clash between two groups" names neither the attacker nor a known act
    events = events_of("Two persons were dead in a clash between two groups on Sunday.")
    assert not [e for e in _assaults(events) if e.trigger == "clash"]


def test_a_named_clash_with_people_dead_is_coded(events_of):
    events = events_of("One dead in police-protester clash at the temple.")
    assert [e.trigger for e in _assaults(events)] == ["clash"]
