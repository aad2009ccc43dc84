"""The events stage on sentences written for these tests: one or more per PLOVER type,
per status, and negatives that must yield nothing.

Actors are made by hand from spaCy's entities (a tiny table below), so these tests
exercise the event coder alone, not the actors stage.
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.events import EventCoder, Lexicon
from detente.events import ontology
from detente.records import Actor, ActorAnalysis, Mention

COUNTRIES = {
    "france": "FRA", "french": "FRA", "germany": "DEU", "german": "DEU", "chile": "CHL", "peru": "PER",
    "norway": "NOR", "sweden": "SWE", "kenya": "KEN", "uganda": "UGA", "brazil": "BRA", "japan": "JPN",
    "japanese": "JPN", "canada": "CAN", "mexico": "MEX", "ghana": "GHA", "togo": "TGO", "nepal": "NPL",
    "indian": "IND", "india": "IND", "pakistan": "PAK", "iceland": "ISL", "finland": "FIN", "estonia": "EST",
    "chilean": "CHL", "peruvian": "PER", "kenyan": "KEN", "canadian": "CAN", "pakistani": "PAK",
}
GROUP_NOUNS = {"police": "COP", "protesters": "CVL", "students": "CVL", "rebels": "REB", "soldiers": "MIL"}


def analyse(doc) -> ActorAnalysis:
    """Actors from entities whose words are in COUNTRIES, plus a few group nouns."""
    actors: list[Actor] = []
    mentions: list[Mention] = []
    by_token: dict[int, str] = {}

    def add(start: int, end: int, name: str, country: str | None, sector: str | None) -> None:
        found = next((a for a in actors if a.name == name), None)
        if found is None:
            found = Actor(f"a{len(actors) + 1}", name, "country", country, sector)
            actors.append(found)
        span = doc[start:end]
        mentions.append(Mention(found.id, start, end, (span.start_char, span.end_char), 0, span.text))
        for i in range(start, end):
            by_token[i] = found.id

    for ent in doc.ents:
        code = next((COUNTRIES[t.lower_] for t in ent if t.lower_ in COUNTRIES), None)
        if code:
            add(ent.start, ent.end, code, code, "GOV")
    for tok in doc:
        if tok.lower_ in GROUP_NOUNS and tok.i not in by_token:
            add(tok.i, tok.i + 1, tok.lower_, None, GROUP_NOUNS[tok.lower_])
    return ActorAnalysis(tuple(actors), tuple(mentions), by_token)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


@pytest.fixture(scope="module")
def code(nlp, coder):
    def run(text: str):
        doc = nlp(text)
        return coder.code(doc, analyse(doc), (), dt.date(2021, 5, 3))

    return run


def only(events, etype: str):
    found = [e for e in events if e.type == etype]
    assert found, f"no {etype} event in {[(e.type, e.trigger) for e in events]}"
    return found[0]


def countries(refs) -> list[str | None]:
    return [r.country for r in refs]


@pytest.mark.parametrize(
    "text, etype, actor, recipient",
    [
        ("France and Germany agreed on Tuesday to build a joint research centre.", "AGREE", ["FRA"], ["DEU"]),
        ("The Chilean foreign minister met his Peruvian counterpart in Lima.", "CONSULT", ["CHL"], ["PER"]),
        ("Norway held talks with Sweden about fishing quotas.", "CONSULT", ["NOR"], ["SWE"]),
        ("The Kenyan president visited Uganda last week.", "CONSULT", ["KEN"], ["UGA"]),
        ("Brazil praised Japan for its handling of the crisis.", "SUPPORT", ["BRA"], ["JPN"]),
        ("Canada apologized to Mexico for the border incident.", "CONCEDE", ["CAN"], ["MEX"]),
        ("Ghana extradited two suspects to Togo on Friday.", "COOPERATE", ["GHA"], ["TGO"]),
        ("Japan donated medical supplies to Nepal.", "AID", ["JPN"], ["NPL"]),
        ("Pakistan released forty Indian fishermen on Sunday.", "RETREAT", ["PAK"], ["IND"]),
        ("Iceland urged Finland to reopen the embassy.", "REQUEST", ["ISL"], ["FIN"]),
        ("Estonia accused Finland of violating its airspace.", "ACCUSE", ["EST"], ["FIN"]),
        ("Mexico rejected the Canadian proposal outright.", "REJECT", ["MEX"], ["CAN"]),
        ("Uganda threatened to expel Kenyan traders.", "THREATEN", ["UGA"], ["KEN"]),
        ("Thousands of students protested against the French government in Paris.", "PROTEST", [None], ["FRA"]),
        ("Germany imposed sanctions on Peru after the coup.", "SANCTION", ["DEU"], ["PER"]),
        ("India deployed troops along the border with Pakistan.", "MOBILIZE", ["IND"], ["PAK"]),
        ("Police arrested twelve protesters outside parliament.", "COERCE", [None], [None]),
        ("India shelled Pakistani positions overnight.", "ASSAULT", ["IND"], ["PAK"]),
    ],
)
def test_each_type_with_its_dyad(code, text, etype, actor, recipient):
    event = only(code(text), etype)
    assert countries(event.actor) == actor
    assert countries(event.recipient) == recipient
    assert event.status == "asserted"
    assert event.quad_class == ontology.PLOVER[etype].quad_class


def test_passive_voice_puts_the_agent_first(code):
    event = only(code("Peru was accused by Chile of hiding the documents."), "ACCUSE")
    assert countries(event.actor) == ["CHL"] and countries(event.recipient) == ["PER"]


def test_coordinated_subjects_of_a_symmetric_verb(code):
    event = only(code("Norway and Sweden signed a fisheries treaty."), "SUPPORT")
    assert event.symmetric
    assert countries(event.actor) + countries(event.recipient) == ["NOR", "SWE"]


def test_coordinated_subjects_of_a_directed_verb_are_both_actors(code):
    event = only(code("France and Germany condemned Ghana."), "ACCUSE")
    assert not event.symmetric
    assert countries(event.actor) == ["FRA", "DEU"] and countries(event.recipient) == ["GHA"]


def test_governed_trigger_is_content_not_an_event(code):
    events = code("Uganda threatened to attack Kenya.")
    assert [e.type for e in events] == ["THREATEN"]
    assert events[0].mode == "violence" and events[0].cameo == "138"
    events = code("Iceland urged Finland to withdraw its troops.")
    assert [e.type for e in events] == ["REQUEST"] and events[0].mode == "yield"


def test_refusal_is_reject_not_negated(code):
    events = code("Chile refused to meet the Peruvian delegation.")
    assert [(e.type, e.status, e.mode) for e in events] == [("REJECT", "asserted", "meet")]


@pytest.mark.parametrize(
    "text, etype, status",
    [
        ("France and Germany will meet in Berlin next month.", "AGREE", "future"),  # PLOVER: future meeting
        ("Norway plans to attack the rebels.", "ASSAULT", "future"),
        ("Brazil is expected to sign the deal with Peru.", "AGREE", "future"),
        ("Kenya could impose sanctions on Uganda.", "SANCTION", "hypothetical"),
        ("If Canada arrests the activists, Mexico will protest.", "COERCE", "hypothetical"),
        ("Japan did not condemn the attack.", "ACCUSE", "negated"),
        ("Police never arrested the suspect.", "COERCE", "negated"),
        ("Ghana failed to release the prisoners.", "RETREAT", "negated"),
    ],
)
def test_status(code, text, etype, status):
    assert only(code(text), etype).status == status


def test_failing_to_agree_is_a_rejection(code):
    assert only(code("Chile and Peru did not agree on the border."), "REJECT").status == "asserted"


def test_announced_force_is_a_threat(code):
    event = only(code("Pakistan said it would strike Indian bases."), "THREATEN")
    assert event.status == "asserted" and countries(event.actor) == ["PAK"]


def test_speaker_demanding_with_must(code):
    event = only(code("France said Germany must release the sailors."), "REQUEST")
    assert countries(event.actor) == ["FRA"] and countries(event.recipient) == ["DEU"]
    assert event.mode == "yield"


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the situation was difficult.",
        "Japan is a large island nation with a long coastline.",
        "The weather in Nairobi was warm and sunny.",
        "Chile declined to comment on the report.",
        "Photo: the harbour of Oslo at dawn.",
        "Peru's economy grew by three percent last year.",
    ],
)
def test_no_event(code, text):
    assert code(text) == ()


def test_event_fields(code, nlp):
    text = "Norway held talks with Sweden. Kenya condemned Uganda."
    events = code(text)
    assert [e.id for e in events] == ["e1", "e2"]
    first, second = events
    assert text[slice(*first.trigger_span)] == "held talks"
    assert first.span == (0, 30) and first.text == "Norway held talks with Sweden."
    assert second.sentence_index == 1 and nlp(text)[second.trigger_token].text == "condemned"
    assert second.cameo == "111" and second.goldstein == ontology.goldstein("111")
    assert second.intensity == ontology.intensity("ACCUSE", "disapprove")
    assert 0 < second.confidence <= 1 and second.date is None and second.location is None


def test_one_event_per_trigger_actor_recipient(code):
    events = code("India attacked and shelled Pakistani posts.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1


def test_lexicon_rows_are_valid():
    lexicon = Lexicon.load()
    for rows in lexicon.entries.values():
        for entry in rows:
            assert entry.type in ontology.PLOVER
            assert ontology.goldstein(entry.cameo) <= 10
            assert entry.mode is None or entry.mode in ontology.PLOVER[entry.type].modes
    assert lexicon.has_role("hold", "-light") and lexicon.has_role("plan", "-plan")


def test_a_quote_that_judges_another_actor_is_an_accusation(nlp, coder):
    from detente.records import Quote

    text = "Kenya's minister told reporters that Uganda's decision was irresponsible and dangerous."
    doc = nlp(text)
    actors = analyse(doc)
    kenya = actors.get(actors.by_token[0])
    start = text.index("Uganda")
    cue = text.index("told")
    quote = Quote(kenya.ref(), text[start:-1], (start, len(text) - 1), "told", False,
                  cue_span=(cue, cue + 4), sentence_index=0)
    events = coder.code(doc, actors, (quote,), None)
    event = only(events, "ACCUSE")
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]
    assert event.confidence == 0.5
    assert coder.code(doc, actors, (), None) == ()


def test_a_stated_refusal_to_cooperate_is_a_rejection(code):
    event = only(code("Norway said it would not send aid to Chile."), "REJECT")
    assert event.status == "asserted" and event.mode == "assist"
    assert countries(event.actor) == ["NOR"] and countries(event.recipient) == ["CHL"]
    # a plain past negation stays a negated event
    assert only(code("Norway did not send aid to Chile."), "AID").status == "negated"


def top(events):
    return max(events, key=lambda e: e.confidence)


def test_main_clause_event_outranks_an_allegation_inside_it(code):
    events = code("Pakistan offered to hand over to India two men suspected of bombing a Kenyan train.")
    assert top(events).type == "AGREE"
    assert countries(top(events).recipient) == ["IND"]
    assert [e.type for e in events if e.confidence >= top(events).confidence] == ["AGREE"]


def test_relative_clause_event_ranks_below_the_main_one(code):
    events = code("Chile expelled the Peruvian diplomats, who had accused Chile of spying.")
    assert top(events).type == "SANCTION"
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert all(e.confidence < top(events).confidence for e in accuse)


def test_reported_clause_is_a_main_clause(code):
    event = only(code("India shelled Pakistani posts, officials in Delhi said."), "ASSAULT")
    assert event.confidence >= 0.9


def test_transfer_verb_recipient_is_the_to_phrase_not_the_object(code):
    event = top(code("Japan sent soldiers to Nepal."))
    assert countries(event.actor) == ["JPN"] and countries(event.recipient) == ["NPL"]
    event = only(code("Norway offered its soldiers to Kenya."), "AGREE")
    assert countries(event.actor) == ["NOR"] and countries(event.recipient) == ["KEN"]


def test_fallback_recipient_keeps_the_whole_coordination(code):
    event = only(code("Pakistan threatened to cut diplomatic ties with Kenya and Uganda."), "THREATEN")
    assert countries(event.recipient) == ["KEN", "UGA"]


def test_country_named_as_the_place_of_the_object_is_the_recipient(code):
    event = only(code("France will contribute soldiers to a peacekeeping force in Togo."), "AGREE")
    assert countries(event.actor) == ["FRA"] and countries(event.recipient) == ["TGO"]


def test_meeting_venue_is_never_the_recipient(code):
    events = code("Mexico met with the rebels in Ghana.")
    assert "GHA" not in [c for e in events for c in countries(e.recipient)]


class FakePlaces:
    """A two-city gazetteer stand-in."""

    class Entry:
        def __init__(self, name: str, country: str) -> None:
            self.name, self.country = name, country

    def lookup(self, name: str):
        table = {"Kisumu": "KEN", "Lahore": "PAK"}
        return self.Entry(name, table[name]) if name in table else None


def test_city_target_through_the_gazetteer(nlp):
    coder = EventCoder(places=FakePlaces())
    doc = nlp("Indian jets bombed targets in Lahore on Monday.")
    event = only(coder.code(doc, analyse(doc), (), None), "ASSAULT")
    assert countries(event.actor) == ["IND"] and countries(event.recipient) == ["PAK"]
    assert event.recipient[0].name == "Lahore"
    doc = nlp("Thousands of students demonstrated in Kisumu on Sunday.")
    assert countries(only(coder.code(doc, analyse(doc), (), None), "PROTEST").recipient) == ["KEN"]
    # the same city without a gazetteer gives no recipient
    assert only(EventCoder().code(doc, analyse(doc), (), None), "PROTEST").recipient == ()


def test_domestic_group_takes_the_country_of_the_state_acting_on_it(code):
    event = only(code("The Kenyan police arrested dozens of protesters."), "COERCE")
    assert "KEN" in countries(event.actor) and countries(event.recipient) == ["KEN"]
    # not in cooperative events: soldiers sent to help are not the sender's
    event = only(code("Kenya accused the rebels of looting."), "ACCUSE")
    assert countries(event.recipient) == ["KEN"]


def test_two_party_symmetric_event_puts_one_side_in_each_role(code):
    event = only(code("Kenya and Uganda held talks in Kampala."), "CONSULT")
    assert event.symmetric
    assert countries(event.actor) == ["KEN"] and countries(event.recipient) == ["UGA"]


def test_subject_of_a_passive_raising_verb_is_the_doer(code):
    event = only(code("Kenya is scheduled to attack the rebels."), "ASSAULT")
    assert countries(event.actor) == ["KEN"]


def test_held_talks_with_is_symmetric_and_the_venue_is_not_a_party(code):
    event = only(code("Norway held talks with Sweden in Chile."), "CONSULT")
    assert event.symmetric and countries(event.recipient) == ["SWE"]
    # attending a meeting abroad with no other party is a visit to the host (PLOVER visit)
    event = only(code("Norway will attend a summit in Chile."), "AGREE")
    assert event.cameo == "036" and countries(event.recipient) == ["CHL"]
