"""PLOVER event types, modes, contexts and intensities; CAMEO codes with Goldstein values.

Everything here is static reference data (facts from the PLOVER manual and the CAMEO
codebook), held in immutable mappings; nothing is computed at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type: quad class, base intensity, modes (mode -> intensity),
    the CAMEO code used when nothing more specific is known."""

    name: str
    quad_class: int
    intensity: float
    modes: Mapping[str, float]
    cameo: str


def _t(name: str, quad: int, intensity: float, cameo: str, **modes: float) -> EventType:
    # "yield_" (a Python keyword) names the mode "yield"; other underscores are hyphens
    names = {k.rstrip("_").replace("_", "-"): v for k, v in modes.items()}
    return EventType(name, quad, intensity, MappingProxyType(names), cameo)


#: The 16 PLOVER types (quad: 1 verbal coop, 2 material coop, 3 verbal conflict,
#: 4 material conflict) with the PLOVER intensities of each type and mode.
PLOVER: Mapping[str, EventType] = MappingProxyType(
    {
        t.name: t
        for t in (
            _t("AGREE", 1, 2.5, "030"),
            _t("CONSULT", 1, 2.5, "040", visit=4, third_party=1, multilateral=4, phone=1.5),
            _t("SUPPORT", 1, 5, "051"),
            _t("CONCEDE", 1, 4.5, "080"),
            _t("COOPERATE", 2, 9.5, "060"),
            _t("AID", 2, 10, "070"),
            _t("RETREAT", 2, 6.5, "080", withdraw=8, release=6.5, disarm=10, ceasefire=7.5, access=6.5, resign=4.5),
            _t("REQUEST", 3, 0, "100", assist=0.5, change=-1, yield_=-1, meet=0),
            _t("ACCUSE", 3, -3, "110", disapprove=-2, investigate=-3.5, allege=-3.5),
            _t("REJECT", 3, -2, "120", assist=-1.5, change=-2, yield_=-2, meet=-2),
            _t("THREATEN", 3, -3.5, "130", restrict=-3, arrest=-3.5, relations=-3.5, expel=-3.5,
               territory=-4, violence=-3.5),
            _t("PROTEST", 4, -5, "140", demo=-5, riot=-7, strike=-5, hunger=-4.5, boycott=-4.5,
               obstruct=-4.5, vandalize=-5),
            _t("SANCTION", 4, -6, "160", convict=-6, expel=-5.5, withdraw=-6, discontinue=-6),
            _t("MOBILIZE", 4, -5.5, "150", troops=-6.5, weapons=-6.5, police=-5.5, militia=-6),
            _t("COERCE", 4, -7, "170", seize=-7, restrict=-7, censor=-6.5, curfew=-6.5, martial_law=-7.5,
               arrest=-7, deport=-7, withhold=-7, misinformation=-6.5, cyber=-7),
            _t("ASSAULT", 4, -9, "190", abduct=-8.5, beat=-7.5, torture=-8.5, sexual=-8.5, targeted=-9.5,
               destroy=-8.5, primitive=-8, firearms=-9, explosives=-9, suicide_attack=-9.5, aerial=-9.5,
               drone=-9.5, heavy_weapons=-9.5, crowd_control=-7.5, unconventional=-10),
        )
    }
)

#: The general contexts of the PLOVER manual.
CONTEXTS: tuple[str, ...] = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
)

#: Goldstein values of CAMEO codes (roots and the three-digit codes of the codebook).
GOLDSTEIN: Mapping[str, float] = MappingProxyType(
    {
        "01": 0.0, "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0,
        "016": 3.4, "017": 0.0, "018": 3.4,
        "02": 3.0, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3,
        "026": 4.0, "027": 4.0, "028": 4.0,
        "03": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 7.0,
        "036": 4.0, "037": 5.0, "038": 7.0, "039": 5.0,
        "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
        "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0,
        "056": 7.0, "057": 8.0,
        "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
        "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
        "08": 5.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0,
        "086": 9.0, "087": 9.0,
        "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
        "10": -5.0, "100": -5.0, "101": -5.0, "102": -5.0, "103": -5.0, "104": -5.0, "105": -5.0,
        "106": -5.0, "107": -5.0, "108": -5.0,
        "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0,
        "116": -2.0,
        "12": -4.0, "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0,
        "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
        "13": -6.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8,
        "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
        "14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
        "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
        "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0, "165": -7.0,
        "166": -7.0,
        "17": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
        "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0,
        "186": -10.0,
        "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0,
        "195": -10.0, "196": -9.5,
        "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
    }
)

#: CAMEO root -> the PLOVER type it usually becomes (used to check lexicon rows and to
#: read CAMEO-coded data; 01 statements have no PLOVER type).
ROOT_TO_PLOVER: Mapping[str, str | None] = MappingProxyType(
    {
        "01": None, "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
        "07": "AID", "08": "RETREAT", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
        "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
        "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
    }
)

#: Words of the sentence that set a PLOVER context (knowledge of English, not of any corpus).
CONTEXT_WORDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("military", "army", "troops", "soldiers", "navy", "warship", "missile", "defence",
                         "defense", "airstrike", "tank", "artillery"), "military"),
        **dict.fromkeys(("intelligence", "spy", "espionage"), "intelligence"),
        **dict.fromkeys(("parliament", "lawmakers", "legislature", "congress", "senate", "bill"), "legislative"),
        **dict.fromkeys(("election", "elections", "vote", "ballot", "poll", "polls", "campaign"), "election"),
        **dict.fromkeys(("trade", "economic", "economy", "tariff", "tariffs", "investment", "loan", "debt",
                         "oil", "gas", "energy", "bank", "currency", "business"), "economic"),
        **dict.fromkeys(("court", "judge", "trial", "lawsuit", "verdict", "tribunal", "prosecutor",
                         "extradition", "extradite"), "legal"),
        **dict.fromkeys(("reparations", "compensation"), "reparations"),
        **dict.fromkeys(("rights",), "human_rights"),
        **dict.fromkeys(("press", "journalist", "journalists", "censorship", "freedom"), "rights_freedoms"),
        **dict.fromkeys(("crackdown", "repression"), "repression"),
        **dict.fromkeys(("food", "water", "housing", "famine"), "human_security"),
        **dict.fromkeys(("women", "gender", "abortion"), "gender"),
        **dict.fromkeys(("religious", "ethnic", "muslim", "muslims", "hindu", "hindus", "christian",
                         "christians", "mosque", "temple", "church", "communal", "sectarian"), "religion_ethnicity"),
        **dict.fromkeys(("diplomatic", "ambassador", "embassy", "diplomat", "diplomats", "envoy",
                         "summit", "treaty"), "diplomatic"),
        **dict.fromkeys(("border", "territory", "territorial", "annexation", "occupied"), "territory"),
        **dict.fromkeys(("peacekeepers", "peacekeeping"), "peacekeeping"),
        **dict.fromkeys(("health", "epidemic", "vaccine", "disease", "hospital", "outbreak"), "health"),
        **dict.fromkeys(("asylum",), "asylum"),
        **dict.fromkeys(("refugees", "refugee", "migrants", "migrant", "displaced", "migration"), "migration"),
        **dict.fromkeys(("earthquake", "flood", "floods", "hurricane", "cyclone", "disaster", "tsunami"), "disasters"),
        **dict.fromkeys(("climate", "pollution", "environmental", "emissions"), "environment"),
        **dict.fromkeys(("terrorist", "terrorists", "terrorism", "militants", "militant"), "terrorism"),
        **dict.fromkeys(("nuclear", "chemical", "biological", "uranium"), "cbrn"),
        **dict.fromkeys(("cyber", "hacking", "hackers", "cyberattack"), "cyber"),
        **dict.fromkeys(("disinformation", "misinformation", "propaganda"), "misinformation"),
        **dict.fromkeys(("corruption", "bribery", "bribe", "bribes", "embezzlement"), "corruption"),
        **dict.fromkeys(("drugs", "narcotics", "cocaine", "heroin", "cartel"), "illegal_drugs"),
        **dict.fromkeys(("trafficking", "smuggling", "smugglers", "traffickers"), "trafficking"),
        **dict.fromkeys(("murder", "robbery", "theft", "criminal", "criminals", "gang"), "crime"),
    }
)

#: Types whose events are diplomatic unless the sentence says otherwise.
DIPLOMATIC_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "REJECT", "ACCUSE"})


def intensity(event_type: str, mode: str | None) -> float:
    """PLOVER intensity of a type, refined by its mode when the manual gives one."""
    t = PLOVER[event_type]
    return t.modes.get(mode, t.intensity) if mode else t.intensity


def goldstein(cameo: str) -> float:
    """Goldstein value of a CAMEO code, falling back to its three-digit then root value."""
    for key in (cameo, cameo[:3], cameo[:2]):
        if key in GOLDSTEIN:
            return GOLDSTEIN[key]
    raise KeyError(f"unknown CAMEO code {cameo!r}")


def contexts_for(words: tuple[str, ...] | list[str], event_type: str) -> tuple[str, ...]:
    """Contexts named by the sentence's words; 'diplomatic' for verbal types otherwise."""
    found: list[str] = []
    for word in words:
        ctx = CONTEXT_WORDS.get(word.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    if not found and event_type in DIPLOMATIC_TYPES:
        found.append("diplomatic")
    return tuple(found)
