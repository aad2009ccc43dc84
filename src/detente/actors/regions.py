"""Provinces and states named as actors: "the Sindh government", "Kerala police",
"Borno state governor", "the government of Sindh province".

A first-level division of a state (ISO 3166-2, from pycountry) acts for its state: PLOVER
and CAMEO code a provincial government as its country's GOV, provincial police as its COP.
Decided here:
- a division's name counts only where the text says it is one or names its institutions:
  followed by a division noun ("Sindh province", "Tyumen region"), by an institution
  ("the Punjab government", "Kerala police", "Sindh Chief Minister"), or after
  "province/state/region/government of" ("the government of Sindh");
  a bare name ("met in Sindh", "Kano said") is left alone: cities, people and provinces
  share names;
- a name that several states' divisions share ("Punjab": India and Pakistan) takes the
  one of those states the article names elsewhere, else no code;
- single generic words ("Central", "Northern", "Capital") are never division names.
ISO 3166-2 writes many names in the local language; English forms are derived for the
patterns news meets ("Sichuan Sheng" -> Sichuan, "Tyumenskaya oblast'" -> Tyumen,
"Luhanska oblast" -> Luhansk, "Al Anbār" -> Anbar).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from importlib import resources
from typing import Any, Iterable, Mapping

from .countries import CodeRow, NameEntry, NameHit

log = logging.getLogger(__name__)

#: ISO 3166-2 types of first-level divisions that have governments of their own.
_TYPES = frozenset(
    {"Province", "Region", "State", "Governorate", "Prefecture", "Administrative region", "Republic",
     "Autonomous region", "Autonomous community", "Autonomous republic", "Autonomous province",
     "Regional state", "Union territory", "Administrative territory", "Autonomous district", "Oblast",
     "Department", "Land", "Voivodship", "Popularate", "Federal district", "Capital territory",
     "Federal capital territory", "Pakistan administered area", "Territory", "Special administrative region",
     "County", "Canton", "Emirate"}
)
#: Nouns that say a name is a division ("Sindh province", "Borno state").
DIVISION_NOUNS = frozenset(
    {"province", "provincial", "state", "region", "regional", "governorate", "oblast", "prefecture",
     "county", "canton", "territory", "district"}
)
#: Institutions of a division named after it ("the Punjab government", "Kerala police").
_INSTITUTIONS = frozenset(
    {"government", "administration", "police", "policemen", "authorities", "authority", "assembly",
     "legislature", "cabinet", "governor", "chief", "minister", "premier", "cm", "dgp", "legislator",
     "lawmakers", "officials"}
)
#: Words before "of" that introduce a division ("the government of Sindh").
_OF_HEADS = DIVISION_NOUNS | frozenset({"government", "governor", "administration", "police", "premier"})
#: Generic words that some divisions are named (Ghana's "Central", Zambia's "Western"),
#: ordinary English words and given names (Papua New Guinea's "Gulf": "the Gulf state" is
#: a Gulf Arab country; Uruguay's "Rivera"), and regions that name a group of states
#: ("the Balkan state", "the Sahel state").
_GENERIC = frozenset(
    {"central", "centre", "center", "centrale", "north", "south", "east", "west", "northern", "southern",
     "eastern", "western", "nord", "norte", "sud", "sul", "est", "ouest", "capital", "national", "federal",
     "upper", "lower", "middle", "coast", "coastal", "islands", "island", "lakes", "lake", "interior",
     "border", "highlands", "plateau", "plateaux", "river", "rivers", "sea", "mountain", "valley", "city",
     "metropolitan", "special", "autonomous", "new", "littoral", "maritime", "cascades", "midlands",
     "gulf", "bay", "delta", "free", "colon", "sum", "van", "pool", "unity", "salt", "nan", "tom", "mon",
     "tak", "om", "uri", "uva", "kara", "sila", "mila", "mary", "para", "mono", "oro", "batman", "bong",
     "bono", "lac", "meta", "volta", "victoria", "albert", "nelson", "bryan", "isabel", "leon", "progreso",
     "paraiso", "principe", "savannah", "kur", "tov", "yap", "zou", "vas", "here", "rivera", "herrera",
     "cesar", "bolivar", "cortes", "flores", "santander", "sucre", "balkan", "sahel", "arab", "golan"}
)
_MAX_WORDS = 4
_LOCAL_SUFFIXES = (" uygur zizhiqu", " huizu zizhiqu", " zhuangzu zizhiqu", " zizhiqu", " sheng", " shi")
_ARTICLES = ("al ", "an ", "ar ", "as ", "ad ", "ash ", "at ", "az ", "el ")


def _fold(text: str) -> str:
    """Lower case without accents, apostrophes or brackets ("Karbalā’" -> "karbala")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch not in "'’‘ʻʼ`")
    text = re.sub(r"\s*\(.*?\)", "", text).replace("-", " ")
    return " ".join(text.lower().split())


def _keys(name: str) -> set[str]:
    """English keys of an ISO 3166-2 (or regions table) name."""
    base = _fold(name.split(",")[0])
    keys = {base}
    for suffix in _LOCAL_SUFFIXES:
        if base.endswith(suffix):
            keys.add(base[: -len(suffix)])
            break
    m = re.fullmatch(r"(\w+?)sk(?:aya|iy|ij) (?:oblast|kray|krai)", base)
    if m:  # Russian adjectival forms: "tyumenskaya oblast" -> tyumen, "kurganskaya" -> kurgan
        keys |= {m.group(1), m.group(1) + "sk"}
    if base.endswith("ska oblast"):  # Ukrainian: "luhanska oblast" -> luhansk, "lvivska" -> lviv
        keys |= {base[: -len("a oblast")], base[: -len("ska oblast")]}
    words = base.split()
    if len(words) > 1 and words[-1] in DIVISION_NOUNS:
        keys.add(" ".join(words[:-1]))  # "Idlib province": the construction checks the noun
    for key in list(keys):
        for article in _ARTICLES:
            if key.startswith(article) and len(key) > len(article) + 2:
                keys.add(key[len(article) :])
    return {k for k in keys if k and not all(w in _GENERIC for w in k.split())}


@functools.cache
def _division_rows() -> tuple[tuple[str, str, str], ...]:
    """(key, ISO3, name) for every first-level division of the allowed types, then the
    English names of the project's regions table (``data/regions.tsv``: "Nineveh",
    "Kurdistan", "Bavaria") that belong to one state."""
    import pycountry  # ISO 3166-2 data; imported here: only needed when the table is built

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    rows: list[tuple[str, str, str]] = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in _TYPES or sub.country_code not in iso3:
            continue
        for key in _keys(sub.name):
            rows.append((key, iso3[sub.country_code], sub.name))
    text = (resources.files("detente") / "data" / "regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        if line.startswith("#") or len(f) < 5 or f[2].strip() != "region" or len(f[4].strip()) != 3:
            continue
        for name in [f[0], *f[1].split("|")]:
            for key in _keys(name) if name.strip() else ():
                rows.append((key, f[4].strip(), f[0].strip()))
    return tuple(rows)


class RegionTable:
    """First-level divisions by English key -> the states that have one of that name."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]) -> None:
        index: dict[str, dict[str, str]] = {}
        for key, country, name in rows:
            index.setdefault(key, {}).setdefault(country, name)
        self._index = index
        self._reach = max((len(k.split()) for k in index), default=1)
        self._first_words = frozenset(k.split()[0] for k in index)

    @classmethod
    def load(cls) -> "RegionTable":
        table = cls(_division_rows())
        log.info("region table: %d names", len(table._index))
        return table

    def countries(self, text: str) -> tuple[str, ...]:
        return tuple(self._index.get(_fold(text), {}))

    def scan(self, doc: Any, taken: Mapping[int, NameHit]) -> list[NameHit]:
        """Division names in their constructions (module doc), on tokens no other name
        took; an ambiguous name takes a state the article names elsewhere."""
        named = {h.entry.code_on(None).country for h in taken.values() if h.entry.kind in ("country", "demonym", "capital")}
        hits: list[NameHit] = []
        resume = 0
        for i in _capitalised(doc):
            if i < resume:
                continue
            found = self._longest_at(doc, i, taken)
            if found is None:
                continue
            end, states = found
            country = _choose(states, named)
            if country is not None and _in_construction(doc, i, end):
                text = doc[i:end].text
                hits.append(NameHit(i, end, NameEntry("province", text, (CodeRow(country, None),)), text))
            resume = end
        return hits

    def _longest_at(self, doc: Any, i: int, taken: Mapping[int, NameHit]) -> tuple[int, tuple[str, ...]] | None:
        best = None
        for j in range(i + 1, min(len(doc), i + _MAX_WORDS) + 1):
            tok = doc[j - 1]
            if tok.i in taken or tok.ent_type_ == "PERSON" or not (tok.text[:1].isupper() or (tok.text == "-" and j > i + 1)):
                break  # a person's name: "the Rivera government" is Rivera's
            key = _fold(doc[i:j].text)
            states = tuple(self._index.get(key, {}))
            if states:
                best = (j, states)
            elif j == i + 1 and not self._may_start(tok, key):
                break  # no name begins with this word: longer spans cannot match either
        return best

    def _may_start(self, tok: Any, key: str) -> bool:
        """Whether a longer span from ``tok`` could fold to a name. Only decided when the
        word is followed by a space and has no brackets, so that its folded words are the
        first words of any longer span's folded text."""
        words = key.split()
        if not tok.whitespace_ or not words or "(" in tok.text or ")" in tok.text:
            return True
        return words[0] in self._first_words


def _capitalised(doc: Any) -> list[int]:
    """Indices of the tokens whose first character is upper case, the only ones a name
    can start at, read from the word shapes in one array instead of a Token per word.
    A shape keeps an upper-case letter as "X" and any other character that is upper case
    as itself, so no such token is missed ("LONG" words are kept and checked)."""
    shapes = doc.to_array("SHAPE").tolist()
    strings = doc.vocab.strings
    upper = {h: strings[h][:1].isupper() for h in set(shapes)}
    return [i for i, h in enumerate(shapes) if upper[h]]


def _choose(states: tuple[str, ...], named: set[str]) -> str | None:
    if len(states) == 1:
        return states[0]
    known = [s for s in states if s in named]
    return known[0] if len(known) == 1 else None


def _in_construction(doc: Any, start: int, end: int) -> bool:
    after = doc[end].lower_ if end < len(doc) else ""
    if after == "'s" and end + 1 < len(doc):  # "Sindh's chief minister"
        after = doc[end + 1].lower_
    if after in DIVISION_NOUNS or after in _INSTITUTIONS:
        return True
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("the",):
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lemma_.lower() in _OF_HEADS
