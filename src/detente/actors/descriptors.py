"""Descriptors: what a noun phrase says about who someone is.

"Russian Foreign Minister Sergei Lavrov" -> country RUS, title "foreign minister" (GOV),
name "Sergei Lavrov"; "Syrian rebels" -> SYR, group REB; "a Hamas spokesman" -> Hamas's
code. Titles and group nouns come from ``data/actors/titles.tsv`` and ``groups.tsv``
(sectors chosen from the PLOVER sector definitions; see the tables' headers).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..tables import read_table
from .countries import NameHit

#: Offices with one holder per country on a date: the KB can say who "the president" is.
UNIQUE_OFFICES = frozenset(
    {
        "president", "vice president", "vice-president", "prime minister", "premier",
        "chancellor", "king", "queen", "emir", "supreme leader", "foreign minister",
        "defence minister", "defense minister", "interior minister", "finance minister",
        "secretary of state", "secretary of defense", "foreign secretary",
        "defence secretary", "home secretary", "secretary-general", "secretary general",
        "attorney general", "national security adviser",
    }
)
#: Nouns for members of a force or body, whose modifier names the force ("army officers",
#: "BSF men", "Hamas members").
MEMBER_NOUNS = frozenset({"officer", "man", "men", "personnel", "jawan", "member", "commando", "cadre", "soldier", "trooper"})
_FORCE_SECTORS = frozenset({"COP", "MIL", "PRM", "REB", "SPY", "UAF"})
#: Words that make a title a former office ("former senator", "ex-president").
FORMER = frozenset({"former", "ex", "ex-", "then", "late", "ousted", "deposed", "exiled"})
#: Heads that refer to two people at once ("the two men", "the pair", "both").
PAIR_HEADS = frozenset({"pair", "duo", "both", "two"})
PAIR_NOUNS = frozenset({"man", "men", "woman", "women", "leader", "minister", "president", "official"})
#: KB organisation codes of the organisations table (for "the UN secretary-general").
KB_ORGS: Mapping[str, str] = {
    "United Nations": "UN", "European Union": "EU", "European Commission": "EU",
    "European Council": "EU", "NATO": "NATO", "African Union": "AU", "Arab League": "ARAB_LEAGUE",
    "International Atomic Energy Agency": "IAEA", "International Monetary Fund": "IMF",
    "World Bank": "WORLD_BANK", "World Health Organization": "WHO", "World Trade Organization": "WTO",
    "OPEC": "OPEC", "International Criminal Court": "ICC", "OSCE": "OSCE",
    "Gulf Cooperation Council": "GCC", "ASEAN": "ASEAN", "Organization of American States": "OAS",
}


@functools.cache
def _lexicon_data() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str], ...]]:
    # titles.tsv also lists KB-only titles and synonyms: those have no sector, texts are not searched for them
    titles = read_table("actors/titles.tsv", ("title", "sector"))
    groups = read_table("actors/groups.tsv", ("noun", "sector"))
    return (
        tuple((r["title"].lower(), r["sector"]) for r in titles if r["sector"]),
        tuple((r["noun"].lower(), r["sector"], r.get("country")) for r in groups),
    )


@dataclass(frozen=True, slots=True)
class Descriptor:
    """The reading of one noun phrase (token range ``[start, end)``, head ``head``)."""

    start: int
    end: int
    head: int
    country: NameHit | None = None  # country name, demonym, capital or metonym
    org: NameHit | None = None
    title: str | None = None  # lower-case title as found ("foreign minister")
    title_sector: str | None = None
    title_span: tuple[int, int] | None = None
    person: tuple[int, int] | None = None  # tokens of the person's name
    group: str | None = None  # group noun ("rebels" -> "rebel")
    group_sector: str | None = None
    former: bool = False
    determiner: str | None = None
    plural: bool = False
    count: int | None = None  # "the two men" -> 2


#: Compounds whose head is a group noun but which name no party: a fire brigade is no
#: army brigade.
_NOT_GROUPS = frozenset({"fire brigade"})


class Lexicon:
    """Titles and group nouns with their sectors, indexed once."""

    def __init__(
        self, titles: Mapping[str, str], groups: Mapping[str, str], group_countries: Mapping[str, str] | None = None
    ) -> None:
        self.titles = dict(titles)
        self.groups = dict(groups)
        #: non-state "countries" of some group nouns ("rights group" -> NGO)
        self.group_countries = dict(group_countries or {})
        self._title_len = max((len(t.split()) for t in self.titles), default=1)
        # The texts a title's last token can have: a title's key ends with that token's
        # form (or lemma), which starts the key or follows a space or a hyphen.
        self._title_ends = frozenset(
            t[i:] for t in self.titles for i in range(len(t)) if i == 0 or t[i - 1] in " -"
        )

    @classmethod
    def load(cls) -> "Lexicon":
        titles, groups = _lexicon_data()
        return cls(dict(titles), {g[0]: g[1] for g in groups}, {g[0]: g[2] for g in groups if g[2]})

    def find_title(self, tokens: Sequence[Any]) -> tuple[int, int, str] | None:
        """Longest title among ``tokens`` (rightmost on ties): (start, end, title)."""
        n = len(tokens)
        ends = self._title_ends
        lower = [t.lower_ for t in tokens]
        lemma = [t.lemma_.lower() for t in tokens]
        if not any(w in ends for w in lower) and not any(w in ends for w in lemma):
            return None  # no word here can end a title (most noun phrases)
        for length in range(min(self._title_len, n), 0, -1):
            for s in range(n - length, -1, -1):
                last = s + length - 1
                if lower[last] not in ends and lemma[last] not in ends:
                    continue
                words = lower[s : s + length]
                for variant in (words, words[:-1] + [lemma[last]]):
                    key = " ".join(variant).replace(" - ", "-")
                    if key in self.titles:
                        return (tokens[s].i, tokens[s + length - 1].i + 1, key)
        return None

    def group_of(self, head: Any) -> tuple[str, str] | None:
        """Group noun of an NP head: two-word compounds first ("security forces"); a member
        noun takes its force from the modifier ("army officers" MIL, "crpf jawans" COP)."""
        lemma = self._lemma(head)
        for left in head.lefts:
            if left.dep_ in ("compound", "amod") and left.i == head.i - 1:
                for cand in (f"{left.lower_} {head.lower_}", f"{left.lower_} {lemma}"):
                    if cand in _NOT_GROUPS:
                        return None
                    if cand in self.groups:
                        return cand, self.groups[cand]
                if lemma in MEMBER_NOUNS and left.dep_ == "compound":
                    force = left.lower_ if left.lower_ in self.groups else self._lemma(left)
                    if force in self.groups and self.groups[force] in _FORCE_SECTORS:
                        return force, self.groups[force]
        for cand in (head.lower_, lemma):
            if cand in self.groups:
                return cand, self.groups[cand]
        return None

    @staticmethod
    def _lemma(token: Any) -> str:
        # a (capitalised or unknown) plural the tagger took for a name ("Rebels in Mali",
        # "jawans") has itself as lemma
        lemma = token.lemma_.lower()
        if lemma == token.lower_ and lemma.endswith("s") and token.tag_ in ("NNP", "NNPS"):
            return lemma[:-1]
        return lemma


def describe(
    doc: Any,
    head: Any,
    start: int,
    names: Mapping[int, NameHit],
    lexicon: Lexicon,
) -> Descriptor:
    """Read the noun phrase ``doc[start : head.i + 1]``."""
    toks = [doc[i] for i in range(start, head.i + 1)]
    country = org = None
    for t in toks:
        hit = names.get(t.i)
        if hit is None or t.i != hit.start or not_identity(doc, hit) or ethnic(doc, hit):
            continue
        if hit.entry.kind == "org" and org is None:
            org = hit
        elif hit.entry.kind != "org" and country is None:
            country = hit
    person = _person_name(doc, head, start)
    if person and person[1] - person[0] > 1:
        lead = lexicon.find_title([doc[i] for i in range(person[0], person[1] - 1)])
        if lead and lead[0] == person[0]:
            person = (lead[1], person[1])  # the tagger put the title inside the name ("King Abdullah")
    end = max(head.i + 1, person[1]) if person else head.i + 1
    group_found = lexicon.group_of(head)
    if country is None and org is None:
        grouped = group_found is not None
        country = post_country(head, names, grouped or _people(head, names))
        if country is not None:
            body = doc[country.end - 1].head  # "from the Georgian government": up to the body
            end = max(end, country.end, body.i + 1 if body.dep_ == "pobj" and body.i > country.start else 0)
        elif grouped:
            org = post_org(head, names)  # "fighters from the Islamist group Shabab"
            end = max(end, org.end) if org is not None else end
    speaker_sector = None
    if country is None and org is None and head.lemma_.lower() in SPEAKER_NOUNS:
        spoken, body = speaks_for(head, names)  # "a spokesman for the Afghan interior ministry"
        country, org = (None, spoken) if spoken is not None and spoken.entry.kind == "org" else (spoken, None)
        own = body is not None and (spoken is None or spoken.end <= body.i)  # the body is a group noun
        group_of = lexicon.group_of(body) if own else None
        speaker_sector = group_of[1] if group_of else None  # "a spokesman for the rebels" speaks for rebels
    if person and all(i in names for i in range(*person)):
        person = None  # a country or organisation spaCy tagged PERSON ("Sri Lanka")
    blocked = {i for h in (country, org) if h for i in range(h.start, h.end)}
    if person:
        blocked |= set(range(*person))
    free = [t for t in toks if t.i not in blocked and not t.is_punct and t.pos_ != "DET"]
    title = lexicon.find_title(free) if free else None
    if title is not None and title[1] == head.i + 1 and not person:
        longer = _title_of(head, title, lexicon)  # "the US Secretary of State"
        if longer is not None:
            title, end = (title[0], title[1], longer[0]), max(end, longer[1])
    group = group_found if head.pos_ in ("NOUN", "PROPN") and head.i not in blocked else None
    det = next((t.lower_ for t in toks if t.dep_ in ("det", "poss") and t.i < head.i), None)
    count = next((_number(t) for t in head.lefts if t.dep_ == "nummod"), None)
    return Descriptor(
        start=start,
        end=end,
        head=head.i,
        country=country,
        org=org,
        title=title[2] if title else None,
        title_sector=(speaker_sector or lexicon.titles[title[2]]) if title else None,
        title_span=(title[0], title[1]) if title else None,
        person=person,
        group=group[0] if group else None,
        group_sector=group[1] if group else None,
        former=any(t.lower_ in FORMER for t in toks),
        determiner=det,
        plural=head.tag_ in ("NNS", "NNPS"),
        count=count,
    )


#: "pro-Russia rebels", "anti-Syria journalist", "Qaeda-linked group", "UK-based
#: group": the name says whom the actor is for, against or tied to, not who it is.
_STANCE_PREFIXES = frozenset({"pro", "anti"})
_TIE_SUFFIXES = frozenset(
    {"linked", "backed", "based", "allied", "inspired", "affiliated", "funded", "trained",
     "armed", "supported", "sponsored", "aligned", "friendly", "leaning", "born",
     "occupied", "controlled", "held", "annexed", "administered",
     # made or arranged by the state, not the state itself ("Russian-made rockets")
     "made", "built", "manufactured", "designed", "produced", "supplied", "brokered",
     "mediated", "imposed", "installed", "appointed", "educated", "endorsed"}
)


def ethnic(doc: Any, hit: NameHit) -> bool:
    """A demonym after "ethnic" names a people, not a state: ethnic Albanian guerrillas in
    Macedonia are not Albania's."""
    return hit.entry.kind == "demonym" and hit.start > 0 and doc[hit.start - 1].lower_ == "ethnic"


def _people(head: Any, names: Mapping[int, NameHit]) -> bool:
    """A plural demonym head ("Albanians"): a people, placed like a group noun."""
    hit = names.get(head.i)
    return hit is not None and hit.entry.kind == "demonym" and head.tag_ in ("NNS", "NNPS")


def not_identity(doc: Any, hit: NameHit) -> bool:
    s, e = hit.start, hit.end
    before = doc[s - 2].lower_ if s >= 2 and doc[s - 1].text == "-" else (doc[s - 1].lower_ if s >= 1 else "")
    after = doc[e + 1].lower_ if e + 1 < len(doc) and doc[e].text == "-" else ""
    # an organisation's own name may start with "anti-" ("Anti-balaka"): only a prefix
    # outside the name is a stance for it
    own = hit.entry.kind == "org"
    return before in _STANCE_PREFIXES or after in _TIE_SUFFIXES or (not own and hit.text.lower().startswith(("pro-", "anti-")))


#: Prepositions after a head noun that name the actor's country: "King Hassan of Morocco"
#: for anyone; "rebels in the Ivory Coast", "refugees from Syria" only for group nouns
#: (a person "in Moscow" is somewhere, not from there).
_OF_PREPS = frozenset({"of"})
_GROUP_PREPS = frozenset({"of", "in", "from"})
_PLACE_KINDS = frozenset({"country", "demonym", "capital", "province"})
#: Nouns naming a province or state by its name ("the Tyumen region", "Sindh province").
_DIVISION_HEADS = frozenset({"province", "state", "region", "governorate", "oblast", "prefecture", "territory"})


#: Participles that place a group where it is from ("guerrillas operating in Macedonia",
#: "a newspaper based in Beirut"); not deployed/stationed (troops sent abroad).
_PLACING_VERBS = frozenset({"operate", "base", "live"})


#: Groups often sent or driven abroad: "peacekeepers in Iraq", "refugees in Pakistan"
#: are not from there ("refugees from Eritrea" still are).
_ABROAD_GROUPS = frozenset(
    {"peacekeeper", "troop", "refugee", "migrant", "observer", "monitor", "inspector", "diplomat",
     "envoy", "delegation", "embassy", "journalist", "reporter", "correspondent"}
)


def post_country(head: Any, names: Mapping[int, NameHit], group: bool) -> NameHit | None:
    """The country named in a prepositional post-modifier of ``head`` (first one only)."""
    preps = _GROUP_PREPS if group else _OF_PREPS
    if group and head.lemma_.lower() in _ABROAD_GROUPS:
        preps = _GROUP_PREPS - {"in"}
    for prep in head.rights:
        if group and prep.dep_ == "acl" and prep.lemma_.lower() in _PLACING_VERBS:
            prep = next((p for p in prep.rights if p.dep_ == "prep" and p.lower_ in ("in", "from")), prep)
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            hit = names.get(obj.i)
            if hit is None and obj.lemma_.lower() in _DIVISION_HEADS:  # "governor of the Tyumen region"
                hit = next((names[t.i] for t in obj.lefts if t.i in names and names[t.i].entry.kind == "province"), None)
            if hit is not None and hit.entry.kind in _PLACE_KINDS:
                return hit
            if group and obj.lemma_.lower() in _STATE_BODIES:
                return _body_country(obj, names)
        return None
    return None


#: People who speak for a body: "a spokesman for X" is X's.
SPEAKER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "mouthpiece"})


def speaks_for(head: Any, names: Mapping[int, NameHit]) -> tuple[NameHit | None, Any]:
    """The state or organisation a speaker's "for" phrase names (a country, capital or
    organisation, a state body with its country: "for the Afghan interior ministry", a
    body named by an organisation: "for the Hamas movement"), and the phrase's head."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
        if obj is None:
            return None, None
        hit = names.get(obj.i)
        if hit is not None and (hit.entry.kind in _PLACE_KINDS or hit.entry.kind in ("org", "metonym")):
            return hit, obj
        for left in obj.lefts:
            hit = names.get(left.i)
            if hit is not None and left.dep_ in ("amod", "compound", "poss", "nmod") and not not_identity(left.doc, hit):
                if hit.entry.kind in _PLACE_KINDS or hit.entry.kind in ("org", "metonym"):
                    return hit, obj
        return None, obj
    return None, None


def post_org(head: Any, names: Mapping[int, NameHit]) -> NameHit | None:
    """The organisation a group noun's "of"/"from" phrase names ("members of Hamas",
    "fighters from the militant group al-Shabab"): the object itself, or the name in
    apposition with or compounded onto it."""
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
        if obj is None:
            return None
        for tok in (obj, *(t for t in obj.children if t.dep_ in ("appos", "compound"))):
            hit = names.get(tok.i)
            if hit is not None and hit.entry.kind == "org" and not not_identity(tok.doc, hit):
                return hit
        return None
    return None


#: Nouns that an organisation's name may follow in apposition ("the movement Hezbollah").
ORG_NOUNS = frozenset(
    {"forum", "organisation", "organization", "group", "movement", "alliance", "bloc", "body",
     "agency", "party", "front", "council", "community", "union", "league", "network",
     "faction", "coalition", "grouping", "secretariat", "commission", "organ", "militia"}
)


def apposed_org(head: Any, names: Mapping[int, NameHit]) -> NameHit | None:
    """The organisation a noun is in apposition with ("the Somali group al-Shabab", "the
    main rebel group, the FDD,"); for organisation nouns also the name right after the
    noun that the parser attached elsewhere ("the Lebanese movement Hezbollah fired")."""
    nxt = names.get(head.i + 1)
    if (
        head.lemma_.lower() in ORG_NOUNS and nxt is not None and nxt.start == head.i + 1
        and nxt.entry.kind in ("org", "dict")
    ):
        return nxt
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        for tok in child.subtree:
            hit = names.get(tok.i)
            if hit is not None and hit.entry.kind in ("org", "dict"):
                return hit
    return None


#: Bodies of a state whose own modifier names it: "ministers from the Georgian
#: government", "soldiers of the Iraqi army".
_STATE_BODIES = frozenset(
    {"government", "army", "military", "administration", "cabinet", "ministry", "parliament",
     "navy", "police", "regime", "leadership", "delegation", "embassy", "force", "forces"}
)


def _body_country(body: Any, names: Mapping[int, NameHit]) -> NameHit | None:
    for left in body.lefts:
        hit = names.get(left.i)
        if left.dep_ in ("amod", "compound", "poss", "nmod") and hit is not None and hit.entry.kind in _PLACE_KINDS:
            if not not_identity(left.doc, hit):
                return hit
    return None


def _title_of(head: Any, title: tuple[int, int, str], lexicon: Lexicon) -> tuple[str, int] | None:
    """A title the head's "of" phrase completes ("Secretary" + "of State"): the longer
    title and the end of its tokens, or None."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            toks = list(prep.subtree)
            key = " ".join([title[2], *(t.lower_ for t in toks)])
            return (key, toks[-1].i + 1) if key in lexicon.titles else None
    return None


def _person_name(doc: Any, head: Any, start: int) -> tuple[int, int] | None:
    """Tokens of a PERSON entity ending at the head ("Sergei Lavrov")."""
    if head.ent_type_ != "PERSON":
        return None
    i = head.i
    while i - 1 >= start and doc[i - 1].ent_type_ == "PERSON" and doc[i].ent_iob_ != "B":
        i -= 1
    end = head.i + 1
    # "Moon Jae-in", "Fazl-ur-Rehman": the parse may end the phrase inside a hyphenated
    # name; keep the parts glued to the head by hyphens without spaces.
    while (
        end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
        and not doc[end].whitespace_ and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I"
    ):
        end += 2
    return (i, end)


def _number(token: Any) -> int | None:
    words = {"two": 2, "three": 3, "four": 4, "both": 2}
    if token.lower_ in words:
        return words[token.lower_]
    return int(token.text) if token.text.isdigit() else None
