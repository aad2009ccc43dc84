"""The event vocabulary (lexicon.tsv, classes.tsv, lemmas.tsv) on sentences written for
these tests: the verbs, phrasal verbs and support-verb + noun constructions of each PLOVER
type, the CAMEO code each one carries, and words that must not become events.

Actors come from a tiny hand-made table, so these tests exercise the lexicon and the
coder, not the actors stage.
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.events import Lexicon, ontology
from events_support import coder_runner
from detente.records import Actor, ActorAnalysis, Mention

COUNTRIES = {
    "kenya": "KEN", "kenyan": "KEN", "uganda": "UGA", "ugandan": "UGA", "peru": "PER", "peruvian": "PER",
    "chile": "CHL", "chilean": "CHL", "norway": "NOR", "norwegian": "NOR", "ghana": "GHA", "togo": "TGO",
    "nepal": "NPL", "india": "IND", "indian": "IND", "mali": "MLI", "niger": "NER", "fiji": "FJI",
}
GROUPS = {"police": "COP", "protesters": "CVL", "workers": "LAB", "rebels": "REB", "troops": "MIL",
          "union": "LAB", "students": "CVL"}


def analyse(doc) -> ActorAnalysis:
    """One actor per country word in an entity, plus a few group nouns."""
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    by_token: dict[int, str] = {}

    def add(start: int, end: int, name: str, country: str | None, sector: str) -> None:
        actor = actors.setdefault(name, Actor(f"a{len(actors) + 1}", name, "country", country, sector))
        span = doc[start:end]
        mentions.append(Mention(actor.id, start, end, (span.start_char, span.end_char), 0, span.text))
        by_token.update(dict.fromkeys(range(start, end), actor.id))

    for ent in doc.ents:
        code = next((COUNTRIES[t.lower_] for t in ent if t.lower_ in COUNTRIES), None)
        if code:
            add(ent.start, ent.end, code, code, "GOV")
    for tok in doc:
        if tok.lower_ in GROUPS and tok.i not in by_token:
            add(tok.i, tok.i + 1, tok.lower_, None, GROUPS[tok.lower_])
    return ActorAnalysis(tuple(actors.values()), tuple(mentions), by_token)


@pytest.fixture(scope="module")
def code(nlp):
    return coder_runner(nlp, analyse, dt.date(2022, 3, 1))


def top(events):
    assert events, "no event"
    return max(events, key=lambda e: e.confidence)


# (sentence, type, CAMEO code, mode, actor, recipient); None = not checked
CASES = [
    # AGREE
    ("Kenya made a pledge to Uganda to rebuild the bridge.", "AGREE", None, None, "KEN", "UGA"),
    ("Peru accepted an invitation from Chile.", "AGREE", None, None, "PER", None),
    ("The rebels swore to attack Kenya.", "THREATEN", "138", "violence", "rebels", None),
    ("Kenya wants to meet Uganda.", "AGREE", "036", None, "KEN", "UGA"),
    ("Chile is seeking to deepen its partnership with Peru.", "AGREE", "031", None, "CHL", "PER"),
    # CONSULT
    ("The Kenyan president attended the summit in Lima.", "CONSULT", "040", "multilateral", "KEN", None),
    ("Norway gave a warm welcome to the president of Ghana.", "CONSULT", "042", "visit", "GHA", "NOR"),  # PLOVER: the visitor is the actor
    ("Mali and Niger held a dialogue on border security.", "CONSULT", "040", None, None, None),
    # SUPPORT
    ("Norway expressed solidarity with Nepal after the floods.", "SUPPORT", "051", None, "NOR", "NPL"),
    ("Chile reopened its embassy in Peru.", "SUPPORT", "050", None, "CHL", "PER"),
    ("Kenya and Uganda deepened ties.", "SUPPORT", "050", None, None, None),
    ("The Ugandan parliament approved the treaty with Kenya.", "SUPPORT", "057", None, "UGA", "KEN"),
    # CONCEDE
    ("Peru backed down after a week of pressure.", "CONCEDE", "080", None, "PER", None),
    ("Kenya accepted the demands of the protesters.", "CONCEDE", "083", None, "KEN", "protesters"),
    ("The union called off its strike.", "CONCEDE", "082", None, "union", None),
    ("Uganda lifted the curfew in the capital.", "CONCEDE", "081", None, "UGA", None),
    ("Ghana eased restrictions on opposition parties.", "CONCEDE", "081", None, "GHA", None),
    ("Chile withdrew its complaint against Peru.", "CONCEDE", "080", None, "CHL", None),
    ("Kenya gave permission to Uganda to use the port.", "CONCEDE", "081", None, "KEN", "UGA"),
    # COOPERATE
    ("Kenya exchanged intelligence with Uganda.", "COOPERATE", "064", None, "KEN", "UGA"),
    ("Peruvian and Chilean warships held joint drills.", "COOPERATE", "062", None, None, None),
    # AID
    ("Norway paid compensation to the families in Ghana.", "AID", "071", None, "NOR", None),
    ("Kenya distributed food to refugees from Uganda.", "AID", "073", None, "KEN", None),
    # RETREAT
    ("Norway lifted economic sanctions on Fiji.", "RETREAT", "085", None, "NOR", "FJI"),
    ("Togo lifted the blockade of the port.", "RETREAT", "087", "withdraw", None, None),
    ("The rebels laid down their arms.", "RETREAT", "087", "disarm", "rebels", None),
    ("Kenya allowed the return of inspectors.", "RETREAT", "086", "access", "KEN", None),
    ("Both armies respected the ceasefire.", "RETREAT", "087", "ceasefire", None, None),
    # PLOVER manual: declaring (not implementing) a ceasefire is a verbal concession
    ("The rebels declared a unilateral ceasefire.", "CONCEDE", "087", None, "rebels", None),
    # the addressee of a complaint is not what it is about
    ("Uganda complained to the council about Kenya.", "ACCUSE", "114", "disapprove", "UGA", "KEN"),
    ("The Peruvian minister quit his post on Monday.", "RETREAT", "080", "resign", "PER", None),
    # REQUEST
    ("Norway renewed its call for an inquiry.", "REQUEST", None, None, "NOR", None),
    ("Ghana implored Togo to open the border.", "REQUEST", None, None, "GHA", "TGO"),
    # ACCUSE
    ("Chile expressed concern over the arrests in Peru.", "ACCUSE", "110", "disapprove", "CHL", None),
    ("The Kenyan minister lashed out at Uganda.", "ACCUSE", "111", "disapprove", "KEN", "UGA"),
    ("Peru presented evidence against Chile.", "ACCUSE", "112", "allege", "PER", "CHL"),
    # REJECT
    ("Kenya ruled out talks with the rebels.", "REJECT", "125", "meet", "KEN", "rebels"),
    ("Chile brushed aside the proposal from Peru.", "REJECT", "120", None, "CHL", None),
    ("Kenya ignored the ultimatum from Uganda.", "REJECT", "128", None, "KEN", None),
    # THREATEN
    ("Mali said it would impose a curfew on the north.", "THREATEN", None, None, "MLI", None),
    # PROTEST
    ("Students staged a demonstration against the Kenyan government.", "PROTEST", "141", "demo", "students", None),
    ("Workers staged a hunger strike outside the ministry.", "PROTEST", "142", "hunger", "workers", None),
    ("Protesters threw stones at the police.", "PROTEST", "145", "riot", "protesters", "police"),
    ("Protesters burned an effigy of the Ugandan president.", "PROTEST", "141", "demo", "protesters", None),
    # SANCTION
    ("Peru closed its embassy in Chile.", "SANCTION", "161", "withdraw", "PER", "CHL"),
    ("Norway withdrew its observers from Mali.", "SANCTION", "166", "withdraw", "NOR", "MLI"),
    ("Kenya slapped tariffs on goods from Uganda.", "SANCTION", "163", "discontinue", "KEN", None),
    # MOBILIZE
    ("India scrambled fighter jets near the border.", "MOBILIZE", "150", "weapons", "IND", None),
    ("Kenya test-fired a missile on Sunday.", "MOBILIZE", "150", "weapons", "KEN", None),
    ("Ghana tightened security around the parliament.", "MOBILIZE", "153", "police", "GHA", None),
    ("Uganda amassed troops on the Kenyan border.", "MOBILIZE", "154", "troops", "UGA", None),
    ("Kenya trained hundreds of fighters in the north.", "MOBILIZE", "150", "militia", "KEN", None),
    ("Norway trained Kenyan police officers.", "AID", "072", None, "NOR", None),
    # COERCE
    ("Police broke up the rally in the capital.", "COERCE", "170", "restrict", "police", None),
    ("Mali declared martial law in the north.", "COERCE", None, "martial-law", "MLI", None),
    ("Niger shut down the internet for three days.", "COERCE", "170", "withhold", "NER", None),
    ("Kenya laid siege to the rebel town.", "COERCE", "191", "restrict", "KEN", None),
    ("Togo expelled two Ghanaian journalists.", "COERCE", "174", "deport", "TGO", None),
    # wrecking property hurts no one directly: CAMEO 171 "seize or damage property"
    ("Kenyan troops demolished houses in the village.", "COERCE", "171", "seize", "KEN", None),
    ("Rebels set fire to the offices of the union.", "COERCE", "171", "seize", "rebels", None),
    ("Rebels blew up two power lines near the capital.", "COERCE", "171", "seize", "rebels", None),
    ("Workers burned crops on the farms of Chilean owners.", "COERCE", "171", "seize", "workers", None),
    # ASSAULT
    ("India launched rockets at Pakistan.", "ASSAULT", "194", "heavy-weapons", "IND", None),
    ("Rebels violated the ceasefire with Mali.", "ASSAULT", "196", None, "rebels", None),
    ("The rebels waged war against Kenya.", "ASSAULT", "190", None, "rebels", "KEN"),
    ("Two soldiers raped a woman in the camp.", "ASSAULT", "182", "sexual", None, None),
    ("Troops captured fifty rebels near the border.", "ASSAULT", "181", "abduct", "troops", "rebels"),
]


@pytest.mark.parametrize("text, etype, cameo, mode, actor, recipient", CASES)
def test_vocabulary(code, text, etype, cameo, mode, actor, recipient):
    events = code(text)
    found = [e for e in events if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.trigger) for e in events]}"
    event = found[0]
    if cameo is not None:
        assert event.cameo == cameo
    if mode is not None:
        assert event.mode == mode
    if actor is not None:  # a group noun may also inherit a country: compare names too
        assert actor in [a.name for a in event.actor] + [a.country for a in event.actor]
    if recipient is not None:
        assert recipient in [r.name for r in event.recipient] + [r.country for r in event.recipient]


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Kenya launched a weather satellite on Sunday.", {"MOBILIZE", "ASSAULT"}),  # not a show of force
        ("Hackers tried to hack into computers in Kenya.", {"ASSAULT"}),  # 'to' is the infinitive
        ("A demonstration of the new software impressed Peru.", {"PROTEST"}),  # the non-protest sense
        ("Chile opened a new school in the north.", {"SUPPORT", "RETREAT"}),  # only embassies/borders
        ("Kenya hopes the rain will stop soon.", {"PROTEST"}),  # only 'stopped work' is a strike
        ("Uganda lifted the curfew in the capital.", {"RETREAT"}),  # a curfew is a verbal concession
        ("Peru accepted the proposal from Chile.", {"CONCEDE"}),  # agreeing is not yielding
        ("The Kenyan minister spoke to reporters in Nairobi.", {"CONSULT", "ACCUSE"}),
        ("Norway raised taxes on tobacco.", {"PROTEST", "SANCTION"}),
        ("Kenya closed the schools for the holidays.", {"SANCTION", "COERCE"}),
        ("Rebels blew up a bus in Kenya, killing nine.", {"COERCE"}),  # a bombing of people
        ("Rebels declared a unilateral ceasefire.", {"RETREAT"}),  # declared, not yet observed
    ],
)
def test_not_an_event_of_these_types(code, text, absent):
    assert not [e.type for e in code(text) if e.type in absent]


def test_organised_protest_outranks_its_stated_purpose(code):
    event = top(code("Students staged a march to demand the release of activists."))
    assert event.type == "PROTEST"


def test_complaint_target_is_what_it_is_about_not_its_addressee(code):
    events = [e for e in code("Uganda complained to Norway about Kenya.") if e.type == "ACCUSE"]
    assert events, "no ACCUSE"
    assert [r.country for r in events[0].recipient] == ["KEN"]


def test_lifting_sanctions_and_curfews_differ():
    lexicon = Lexicon.load()
    # row order matters: the first row whose object matches wins
    kinds = [(e.type, e.cameo) for e in lexicon.rows("lift", "V")]
    assert kinds.index(("RETREAT", "085")) < kinds.index(("CONCEDE", "081"))


def test_tagger_lemma_errors_are_corrected():
    lexicon = Lexicon.load()
    assert lexicon.verb("stag") == "stage" and lexicon.verb("attack") == "attack"
    assert lexicon.has_role("stag", "-light") and lexicon.has_role("hop", "-plan")
    assert [e.type for e in lexicon.rows("rap", "V")] == ["ASSAULT"]
    assert lexicon.rows("stag", "N") == ()  # nouns are left alone
    demo = lexicon.rows("demonstration", "N")[0]
    assert {"stage", "stag"} <= demo.marker  # "staged a demonstration" whatever the lemma


def test_every_row_has_a_known_code_type_and_mode():
    lexicon = Lexicon.load()
    for rows in lexicon.entries.values():
        for entry in rows:
            assert len(entry.cameo) == 3 and entry.cameo in ontology.GOLDSTEIN
            assert entry.type in ontology.PLOVER
            assert entry.mode is None or entry.mode in ontology.PLOVER[entry.type].modes


def test_request_and_reject_modes_are_named_as_in_the_manual():
    assert set(ontology.PLOVER["REJECT"].modes) == {"assist", "change", "yield", "meet"}
    assert ontology.intensity("REQUEST", "yield") == -1
    assert ontology.intensity("ASSAULT", "suicide-attack") == -9.5
