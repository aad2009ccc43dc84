"""When and where from the story: each way an event gets its date and place (sentence,
clause, another mention, the episode told before, the dateline), and the events that
must keep the publication date. Sentences written for these tests."""

from __future__ import annotations

import pytest

from detente.records import Event


def _events(extractor, text: str, published: str) -> list[Event]:
    return list(extractor.extract(text, published=published).events)


def _one(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger.split()[0] == trigger]
    assert found, f"no event {trigger!r} in {[e.trigger for e in events]}"
    return found[0]


def _when(event: Event) -> tuple[str | None, str | None, str | None]:
    return event.date, event.date_precision, event.date_source


def _where(event: Event) -> tuple[str | None, str | None]:
    return (event.location.name, event.location.source) if event.location else (None, None)


# --- time --------------------------------------------------------------------------


def test_own_sentence_dates_the_event(extractor) -> None:
    events = _events(extractor, "Police arrested a dissident writer in Havana on Monday.", "2011-03-09")
    assert _when(_one(events, "arrested")) == ("2011-03-07", "day", "sentence")


def test_a_temporal_clause_dates_the_main_event(extractor) -> None:
    events = _events(extractor, "When police arrived on Saturday, they arrested three men.", "2020-08-25")
    assert _when(_one(events, "arrested")) == ("2020-08-22", "day", "clause")


def test_the_next_sentence_continues_the_episode(extractor) -> None:
    text = "Protesters marched through Minsk on Sunday. Police detained dozens of them."
    events = _events(extractor, text, "2020-08-25")
    assert _when(_one(events, "detained")) == ("2020-08-23", "day", "context")


def test_the_next_day_counts_from_the_episode(extractor) -> None:
    text = ("Militants attacked a convoy near Kandahar on Monday. Two days later, troops raided their hideout. "
            "The following day, soldiers arrested their commander.")
    events = _events(extractor, text, "2010-05-20")
    assert _when(_one(events, "raided")) == ("2010-05-19", "day", "context")
    assert _when(_one(events, "arrested"))[:2] == ("2010-05-20", "day")


def test_untied_events_keep_the_publication_date(extractor) -> None:
    events = _events(extractor, "Police arrested the suspect. He was later charged with murder.", "2020-08-25")
    for trigger in ("arrested", "charged"):
        assert _when(_one(events, trigger)) == ("2020-08-25", "published", "published")


def test_a_pluperfect_does_not_take_the_episodes_time(extractor) -> None:
    text = "Soldiers shelled the village on Tuesday. Rebels had attacked the convoy from the hills."
    events = _events(extractor, text, "2022-06-09")
    assert _when(_one(events, "shelled")) == ("2022-06-07", "day", "sentence")
    assert _one(events, "attacked").date_source == "published"


def test_a_present_reporting_verb_keeps_the_storys_time(extractor) -> None:
    text = "Soldiers shelled the village on Tuesday. The opposition accuses the army of war crimes."
    events = _events(extractor, text, "2022-06-09")
    assert _when(_one(events, "accuses")) == ("2022-06-09", "published", "published")


def test_a_later_dated_sentence_starts_a_new_episode(extractor) -> None:
    text = ("Soldiers shelled the village on Tuesday. In 2019, rebels seized the town. "
            "They executed the mayor.")
    events = _events(extractor, text, "2022-06-09")
    assert _when(_one(events, "seized"))[:2] == ("2019", "year")
    assert _one(events, "executed").date == "2019"


def test_mentions_of_one_event_share_its_date(extractor) -> None:
    text = ("Gunmen stormed a hotel in Mogadishu on Monday and held guests hostage. "
            "The attack on the hotel killed at least twelve people, police said.")
    events = _events(extractor, text, "2019-02-13")
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and all(e.date == "2019-02-11" for e in attacks)


# --- deadlines and plans look forward ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "trigger", "date"),
    [
        ("The president will visit Cairo on Friday.", "2026-12-30", "visit", "2027-01-01"),
        ("The government will release the prisoners by Jan. 14.", "2026-12-30", "release", "2027-01-14"),
        ("The two leaders will meet next month in Geneva.", "2026-12-15", "meet", "2027-01"),
        ("Under the deal, the army must withdraw its troops by Jan. 14.", "2000-01-06", "withdraw", "2000-01-14"),
    ],
)
def test_deadlines_and_plans_resolve_forward_across_the_year_end(extractor, text, published, trigger, date) -> None:
    assert _one(_events(extractor, text, published), trigger).date == date


def test_a_past_event_of_a_december_date_stays_in_the_past(extractor) -> None:
    events = _events(extractor, "Police arrested the opposition leader on December 28.", "2027-01-03")
    assert _one(events, "arrested").date == "2026-12-28"


# --- place --------------------------------------------------------------------------


def test_the_dateline_places_the_story_until_a_sentence_names_another_place(extractor) -> None:
    text = ("HAVANA (AP) -- Cuban police arrested a dissident writer on Monday. Officers also detained "
            "his brother. In Miami, exiles protested outside the consulate.")
    events = _events(extractor, text, "2011-03-09")
    assert _where(_one(events, "arrested")) == ("Havana", "dateline")
    assert _where(_one(events, "detained"))[0] == "Havana"
    assert _where(_one(events, "protested")) == ("Miami", "sentence")


def test_a_wire_dateline_with_a_date(extractor) -> None:
    text = ("LONDON, March 3 (Reuters) - Police arrested four men on Wednesday. The men were detained "
            "at an address in the east of the city.")
    events = _events(extractor, text, "2015-03-05")
    assert _where(_one(events, "arrested")) == ("London", "dateline")
    assert _where(_one(events, "detained"))[0] == "London"


def test_the_episodes_place_holds_for_the_next_sentence(extractor) -> None:
    text = "Protesters marched through Minsk on Sunday. Police detained dozens of them."
    events = _events(extractor, text, "2020-08-25")
    assert _where(_one(events, "marched")) == ("Minsk", "sentence")
    assert _where(_one(events, "detained")) == ("Minsk", "context")


def test_a_sentence_naming_another_country_keeps_its_own_place(extractor) -> None:
    text = ("KABUL, Afghanistan (AP) — Taliban fighters attacked a police checkpoint on Friday. "
            "Officials in Pakistan condemned the attack.")
    events = _events(extractor, text, "2009-03-07")
    assert _where(_one(events, "condemned"))[0] != "Kabul"


def test_a_recalled_episode_does_not_take_the_storys_place(extractor) -> None:
    text = "Protesters marched through Minsk on Sunday. In 2019, police detained the opposition leader."
    events = _events(extractor, text, "2020-08-25")
    assert _where(_one(events, "detained")) == (None, None)


def test_contract_carries_where_date_and_place_came_from(extractor) -> None:
    result = extractor.extract("Protesters marched through Minsk on Sunday. Police detained dozens of them.",
                               published="2020-08-25").to_dict()
    sources = [(e["date_source"], e["location"]["source"]) for e in result["events"]]
    assert ("sentence", "sentence") in sources and ("context", "context") in sources


def test_a_present_perfect_keeps_the_storys_present(extractor) -> None:
    text = "Soldiers shelled the village on Tuesday. Rebels have attacked the convoy from the hills."
    events = _events(extractor, text, "2022-06-09")
    assert _when(_one(events, "attacked")) == ("2022-06-09", "published", "published")


def test_an_acronym_opening_the_story_is_no_dateline(extractor) -> None:
    text = "UN – The Syrian government delegation rejected the proposal on Tuesday. Officials then accused the envoy of bias."
    events = _events(extractor, text, "2017-12-14")
    assert all(e.location is None or e.location.source != "dateline" for e in events)


# --- the story's own day, "when" clauses, dated nouns, schedules ---------------------


def test_a_wire_datelines_day_is_the_storys_today(extractor) -> None:
    # filed on the 7th, published on the 8th: "Friday" and the fallback are the 7th's story
    text = ("NAIROBI, August 7 (Newswire) -- Kenya condemned the blasts that destroyed the embassy. "
            "Police have arrested two suspects.")
    events = _events(extractor, text, "1998-08-08")
    assert _one(events, "condemned").date == "1998-08-07"
    assert _when(_one(events, "arrested")) == ("1998-08-07", "published", "published")


def test_an_old_dateline_day_does_not_move_the_story(extractor) -> None:
    text = "NAIROBI, July 2 (Newswire) -- Kenya condemned the blasts that destroyed the embassy."
    events = _events(extractor, text, "1998-08-08")
    assert _when(_one(events, "condemned")) == ("1998-08-08", "published", "published")


def test_a_when_clause_of_a_date_takes_that_date(extractor) -> None:
    text = ("The minister, who lived in Paris from 1968, when the Soviets invaded Czechoslovakia, "
            "until 1990, returned home.")
    assert _when(_one(_events(extractor, text, "1999-03-12"), "invaded"))[:2] == ("1968", "year")


def test_a_when_clause_after_a_weekday_is_that_days(extractor) -> None:
    text = ("Unlike Thursday, when police arrested forty people outside the consulate, the protesters "
            "were calm on Friday.")
    assert _one(_events(extractor, text, "2000-01-08"), "arrested").date == "2000-01-06"


def test_a_date_before_an_event_noun_dates_it(extractor) -> None:
    text = "The men were charged in the March 3, 2004, bombing of the central station."
    events = _events(extractor, text, "2009-06-01")
    assert _when(_one(events, "bombing"))[:2] == ("2004-03-03", "day")


def test_the_date_of_an_event_noun_is_not_its_verbs(extractor) -> None:
    text = "Two men were jailed for the March 3, 2004, bombing of the central station."
    assert _when(_one(_events(extractor, text, "2009-06-01"), "jailed"))[2] == "published"


def test_a_document_made_on_a_date_dates_its_making(extractor) -> None:
    text = "Inspectors may enter the sites under the Feb. 23 accord signed by Annan and Aziz."
    events = _events(extractor, text, "1998-03-06")
    assert _one(events, "signed").date == "1998-02-23"


def test_a_quote_attributed_after_a_recalled_episode_is_said_now(extractor) -> None:
    text = ('In 1989, the dissidents marched through Prague. "We will never again be victims," '
            "the foreign minister said.")
    events = _events(extractor, text, "1999-03-12")
    assert _one(events, "marched").date == "1989"
    said = [e for e in events if e.trigger.split()[0] == "said"]
    assert all(e.date == "1999-03-12" for e in said)


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("Netanyahu and Arafat meet Monday with the secretary of state in London.", "1998-05-01", "1998-05-04"),
        ("The two presidents meet on Friday in Geneva.", "2026-12-30", "2027-01-01"),
    ],
)
def test_a_present_tense_schedule_looks_ahead(extractor, text, published, date) -> None:
    assert _one(_events(extractor, text, published), "meet").date == date


def test_a_past_tense_weekday_still_looks_back(extractor) -> None:
    events = _events(extractor, "Netanyahu met Arafat on Monday in London.", "1998-05-01")
    assert _one(events, "met").date == "1998-04-27"


# --- what must keep the publication date (conservative narrative time) ----------------


def test_an_event_inside_a_quote_takes_no_episode_time(extractor) -> None:
    for opened, closed in (("\u201c", "\u201d"), ('"', '"')):
        text = (f"Soldiers shelled the village on Tuesday. {opened}Troops burned our houses and beat my son,"
                f"{closed} a farmer said.")
        events = _events(extractor, text, "2022-06-09")
        assert _when(_one(events, "burned")) == ("2022-06-09", "published", "published")


def test_a_statement_after_an_episode_of_other_parties_is_the_storys_own(extractor) -> None:
    text = ("Turkish troops shelled Kurdish positions near Manbij on Tuesday. "
            "Amnesty International also criticised the British government.")
    events = _events(extractor, text, "2022-06-09")
    assert _when(_one(events, "criticised")) == ("2022-06-09", "published", "published")


def test_a_deed_told_in_someones_words_keeps_its_own_time(extractor) -> None:
    text = ("The prisoner spoke to reporters on Monday. He said guards tortured him in the prison.")
    events = _events(extractor, text, "2022-06-09")
    assert _one(events, "tortured").date_source != "context"


def test_the_day_after_something_else_is_not_counted_from_the_episode(extractor) -> None:
    text = ("Gunmen seized the two boys on Monday. Kidnapped the day after their father's birthday, "
            "the boys were taken to Raqqa.")
    events = _events(extractor, text, "2019-01-23")
    assert _when(_one(events, "Kidnapped"))[2] == "published"


def test_a_past_event_of_the_next_morning_is_never_after_the_story(extractor) -> None:
    text = "Police arrested the two men on Monday. The following morning, officers raided their house."
    events = _events(extractor, text, "2019-01-21")
    assert _one(events, "raided").date is not None and _one(events, "raided").date <= "2019-01-21"


def test_a_statement_takes_no_place_from_the_episode(extractor) -> None:
    text = ("Government forces shelled Idlib on Tuesday. Rebels in Idlib attacked an army post. "
            "The president warned the rebels that the world is watching.")
    events = _events(extractor, text, "2018-09-05")
    assert _where(_one(events, "warned"))[1] != "context"


def test_a_year_said_in_words_opening_the_sentence_dates_it(extractor) -> None:
    text = "In nineteen ninety-one the banker was convicted in state court of fraud."
    assert _when(_one(_events(extractor, text, "1998-01-15"), "convicted"))[:2] == ("1991", "year")


def test_a_shared_participant_alone_does_not_carry_a_place(extractor) -> None:
    # the lawyer's client signed a letter about a tower in Moscow: the signing was not there
    text = ("The lawyer said the businessman signed a letter of intent to build a tower in Moscow. "
            "The businessman later signed a second letter.")
    events = _events(extractor, text, "2018-12-19")
    signed = [e for e in events if e.trigger.split()[0] == "signed" and e.sentence_index == 1]
    assert all(e.location is None or e.location.source != "context" for e in signed)
