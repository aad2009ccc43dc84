"""In-document coreference by rules (coreferee has no offline English model).

Works on the drafts the resolver has built so far, in document order, so that every
rule only looks back: surname-only names ("Clinton"), title-only references ("the
secretary", "the former senator"), pairs ("the two men", "both"), pronoun subjects and
objects (he/she/they) and organisation short forms ("the alliance" after NATO).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Sequence

from .kb import normalize_name

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "themselves"})


@dataclass
class Draft:
    """An actor being assembled while one doc is analysed (local to that analysis)."""

    key: tuple[Any, ...]
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    evidence: str = "none"
    kb_id: str | None = None
    kb_titles: tuple[str, ...] = ()  # every title the KB knows for the person
    named: bool = True  # False for "the Russian foreign minister" with no known name
    acting: bool = False  # a country mention acted (subject, metonym): code it GOV
    last: int = -1  # token index of the latest mention
    sentence: int = -1  # sentence of the latest mention
    count: int = 0  # mentions so far
    surnames: tuple[str, ...] = field(default_factory=tuple)
    gender: str | None = None  # "m"/"f": the KB's fact, or learned from an unambiguous pronoun


#: Common family names of China, Taiwan, Hong Kong, Singapore, Korea, Vietnam and
#: Cambodia, whose English news spelling puts the family name first ("Xi Jinping",
#: "Moon Jae-in", "Nguyen Tan Dung"). Japanese names are written given-name first.
FAMILY_FIRST = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
    zheng liang xie song tang xi deng jiang wen qian yu cao peng zeng xiao tian dong pan
    yuan cai tsai lai soong chiang teo goh ong tan lim ng wong cheung leung lam tung tsang
    chan kim lee park choi jung chung kang cho yoon jang han shin seo kwon hwang ahn yoo
    hong jeon ko moon son bae baek roh ban chun yun nguyen tran le pham hoang huynh phan
    vu vo dang bui ngo duong hun""".split()
)


def surname_of(name: str) -> str:
    words = normalize_name(name).split()
    return words[-1] if words else ""


def surnames_of(name: str, aliases: Sequence[str] = ()) -> tuple[str, ...]:
    """Keys a surname-only mention may use: the last word, the first word of a name
    written family name first, and one-word aliases (the KB's "Xi", "Lula")."""
    keys = [surname_of(name)]
    words = name.split()
    if len(words) >= 2 and normalize_name(words[0]) in FAMILY_FIRST:
        keys.append(normalize_name(words[0]))
    keys.extend(normalize_name(a) for a in aliases if len(a.split()) == 1)
    return tuple(dict.fromkeys(k for k in keys if k))


def recent(drafts: Sequence[Draft], before: int, kinds: Sequence[str]) -> list[Draft]:
    """Drafts of ``kinds`` mentioned before token ``before``, most recent first."""
    cands = [d for d in drafts if d.kind in kinds and 0 <= d.last < before]
    return sorted(cands, key=lambda d: -d.last)


#: Nouns that refer back to a state already named ("the country", "the kingdom", "the
#: two countries"); "island" is left out: it is as often a literal island.
STATE_REF_NOUNS = frozenset(
    {"country", "nation", "kingdom", "state", "republic", "emirate", "sultanate", "monarchy", "principality"}
)


def states(drafts: Sequence[Draft], before: int, sentence: int, n: int = 1, window: int = 2) -> list[str]:
    """Codes of the ``n`` states named most recently before token ``before`` (as a
    country, or as the country of a person or group: "the foreign ministry in Bangladesh"),
    each mentioned within ``window`` sentences before ``sentence``, in text order; []
    when there are fewer."""
    found: list[tuple[int, str]] = []
    for d in recent(drafts, before, ("country", "group", "person", "organization")):
        if sentence - d.sentence > window:
            break
        code = d.country
        if code and code.isalpha() and code not in _NONSTATE and all(c != code for _, c in found):
            found.append((d.last, code))
        if len(found) == n:
            return [c for _, c in sorted(found)]  # text order: "Russia and China ... the two"
    return []


_NONSTATE = frozenset({"IGO", "EUR", "NGO", "IMG", "ISM", "MNC", "UNO"})


def by_surname(drafts: Sequence[Draft], surname: str, before: int) -> Draft | None:
    """The most recent named person whose surname is ``surname`` ("Clinton")."""
    key = normalize_name(surname)
    for d in recent(drafts, before, ("person",)):
        if d.named and key in d.surnames:
            return d
    return None


def by_title(drafts: Sequence[Draft], title: str, before: int, former: bool) -> Draft | None:
    """The most recent person whose title (as written or in the KB) ends like ``title``.

    "the secretary" matches "Secretary of State"; "the former senator" matches a person
    whose KB roles include "senator" (she may hold another office now).
    """
    word = title.split()[-1]
    for d in recent(drafts, before, ("person",)):
        titles = [t.lower() for t in ((d.title or ""), *d.kb_titles) if t]
        if any(title == t or word in t.split() or t.startswith(word) for t in titles):
            return d
        if former and any(word in t for t in d.kb_titles):
            return d
    return None


def pair(drafts: Sequence[Draft], before: int, window: int = 3) -> list[Draft]:
    """Two people for "the two men", "the pair", "both": among the people of the last
    ``window`` sentences, the two most mentioned (recency breaks ties), so that a person
    named in passing does not displace the protagonists."""
    people = [d for d in recent(drafts, before, ("person",)) if d.named and d.sentence >= 0]
    if len(people) < 2:
        return []
    newest = max(d.sentence for d in people)
    near = [d for d in people if d.sentence >= newest - window + 1] or people
    if len(near) < 2:
        near = people
    chosen = sorted(near, key=lambda d: (-d.count, -d.last))[:2]
    return sorted(chosen, key=lambda d: d.last)


def pronoun_target(drafts: Sequence[Draft], token: Any, day: date | None = None) -> Draft | None:
    """they/them -> the most recent group-like actor (he/she: see ``pronouns``, which
    weighs gender and salience and may leave the pronoun unresolved)."""
    if token.lower_ in GROUP_PRONOUNS:
        found = recent(drafts, token.i, ("group", "organization", "country"))
        return found[0] if found else None
    return None


def org_short(drafts: Sequence[Draft], word: str, before: int, shorts: Mapping[str, tuple[str, ...]]) -> Draft | None:
    """An organisation already named whose short forms include ``word`` ("alliance")."""
    for d in recent(drafts, before, ("organization",)):
        if word in shorts.get(d.name, ()):
            return d
    return None


#: Sectors of non-state armed bodies that a plain group noun refers back to ("the
#: militants", "the insurgents", "the rebels" after a named armed group).
ARMED_SECTORS = frozenset({"REB", "UAF", "PRM"})


def armed_body(drafts: Sequence[Draft], before: int, sentence: int, sector: str | None, window: int = 2) -> Draft | None:
    """The named armed organisation a definite group noun of its sector refers back to:
    the most recent one within ``window`` sentences, when no other of that sector is as
    near (two armed groups in reach leave "the militants" a group of their own)."""
    if sector not in ARMED_SECTORS:
        return None
    near = [d for d in recent(drafts, before, ("organization",)) if d.sector == sector and sentence - d.sentence <= window]
    return near[0] if len(near) == 1 else None
