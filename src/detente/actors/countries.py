"""Names that point at countries and organisations: the project's alias tables.

``data/actors/countries.tsv`` (extra names, demonyms, capitals), ``metonyms.tsv`` (seats
of power: "the Kremlin"), ``organisations.tsv`` (UN, NATO, EU, Hamas, ... with dated
codes) and the ISO names of pycountry are merged into one :class:`NameTable`, built once
and passed in. Matching a doc is a longest-match scan over a phrase index (a dict lookup
per candidate span, never a regex over the table).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Iterable

from ..errors import DataFileError
from ..nlp import doc_text, token_table
from ..tables import Row, read_table
from .dictionaries import phrase_key, _first_word

log = logging.getLogger(__name__)

#: Kinds of names, in the order their tables are loaded (first spelling wins).
KINDS = ("org", "metonym", "country", "demonym", "capital")


@dataclass(frozen=True, slots=True)
class CodeRow:
    """An organisation's code over a period (``end`` exclusive; None = open)."""

    country: str
    sector: str | None
    start: date | None = None
    end: date | None = None

    def applies(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class NameEntry:
    """What a name denotes: a country (by name, demonym or capital), a metonym or an org."""

    kind: str  # one of KINDS
    name: str  # canonical name ("Russia", "NATO")
    rows: tuple[CodeRow, ...]
    short: tuple[str, ...] = ()  # organisation short forms ("alliance")

    def code_on(self, day: date | None) -> CodeRow:
        for row in self.rows:
            if row.applies(day):
                return row
        return self.rows[-1]


@dataclass(frozen=True, slots=True)
class NameHit:
    """A name found in a doc: tokens ``[start, end)``."""

    start: int
    end: int
    entry: NameEntry
    text: str


def _split(field: str) -> list[str]:
    return [p.strip() for p in field.split("|") if p.strip()]


def _day(text: str, row: Row) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise DataFileError(row.path, row.line, f"{text!r} is not a date", "write an ISO date YYYY-MM-DD or leave it empty") from None


def _plurals(demonym: str) -> list[str]:
    # "Israeli" -> "Israelis", "Russian" -> "Russians"; "-ese"/"-ish" forms stay as they are.
    return [demonym + "s"] if demonym.endswith(("an", "i")) and " " not in demonym else []


@functools.cache
def _table_rows() -> tuple[tuple[str, str, str, tuple[CodeRow, ...], tuple[str, ...]], ...]:
    """(kind, surface, canonical name, rows, short forms) from the packaged tables."""
    out: list[tuple[str, str, str, tuple[CodeRow, ...], tuple[str, ...]]] = []
    orgs: dict[str, list[Row]] = {}
    for r in read_table("actors/organisations.tsv", ("name", "country")):
        orgs.setdefault(r["name"], []).append(r)
    for name, rows in orgs.items():
        codes = tuple(CodeRow(r["country"], r.get("sector") or None, _day(r.get("start"), r), _day(r.get("end"), r)) for r in rows)
        short = tuple(_split(rows[0].get("short")))
        for surface in [name, *_split(rows[0].get("aliases"))]:
            out.append(("org", surface, name, codes, short))
    for r in read_table("actors/metonyms.tsv", ("text", "iso3")):
        out.append(("metonym", r["text"], r["text"], (CodeRow(r["iso3"], r.get("sector") or None),), ()))
    names, capitals = _country_names()
    for iso, surfaces in names.items():
        canonical = surfaces[0]
        for surface in surfaces:
            out.append(("country", surface, canonical, (CodeRow(iso, None),), ()))
    for r in read_table("actors/countries.tsv", ("iso3",)):
        for demonym in _split(r.get("demonyms")):
            for surface in [demonym, *_plurals(demonym)]:
                out.append(("demonym", surface, names[r["iso3"]][0], (CodeRow(r["iso3"], None),), ()))
    for iso, caps in capitals.items():
        for cap in caps:
            out.append(("capital", cap, names[iso][0], (CodeRow(iso, "GOV"),), ()))
    return tuple(out)


def _country_names() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    import pycountry  # ISO names; imported here: only needed when the table is built

    names: dict[str, list[str]] = {}
    capitals: dict[str, list[str]] = {}
    for r in read_table("actors/countries.tsv", ("iso3",)):
        names.setdefault(r["iso3"], []).extend(_split(r.get("names")))
        capitals.setdefault(r["iso3"], []).extend(_split(r.get("capitals")))
    extra_file = resources.files("detente") / "data" / "country_names.tsv"
    extra = extra_file.read_text(encoding="utf-8") if extra_file.is_file() else ""
    for line in extra.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and not line.startswith("#"):
            names.setdefault(parts[0].strip(), []).append(parts[1].strip())
    for c in pycountry.countries:
        for attr in ("common_name", "name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.setdefault(c.alpha_3, []).append(value)
    return names, capitals


#: Kinds of names matched whatever their case ("iSrael", "tunisian rioters"): a country's
#: name or demonym is rarely anything else. Capitals and organisations keep their case
#: ("congress" is a common noun, "nice" an adjective).
_CASELESS_KINDS = frozenset({"country", "demonym"})
#: Country names and demonyms that are also ordinary lower-case English words: written in
#: lower case they are the word ("a turkey", "china plates", "polish the shoes").
_COMMON_WORDS = frozenset(
    {"turkey", "china", "chad", "jordan", "guinea", "niger", "jersey", "guernsey", "chile",
     "panama", "georgia", "japan", "india", "morocco", "bermuda", "tonga", "wales", "ulster",
     "afghan", "afghani", "afghanis", "polish", "pole", "poles", "french", "dutch", "danish",
     "dane", "danes", "swiss", "swede", "swedes", "english", "welsh", "turk", "turks",
     "turkish", "emirates", "soviet", "soviets", "mongol", "holland", "lao", "thai"}
)


def _case_ok(surface: str, text: str, caseless: bool = False) -> bool:
    """Acronyms must match exactly ("US" is not "us"); names must be capitalised, except
    country names and demonyms (``caseless``) that are no ordinary word in lower case."""
    letters = [ch for ch in surface if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) <= 5:
        return text.replace(" ", "") == surface.replace(" ", "")
    if surface[:1].isupper():
        return text[:1].isupper() or (caseless and _odd_case(text))
    return True


def _odd_case(text: str) -> bool:
    """A name typed in odd case: mixed ("iSrael") always; all lower case ("tunisian",
    "the united states") unless the words are an ordinary English word."""
    if not text.islower():
        return True
    return phrase_key(text) not in _COMMON_WORDS


_SLIP_KINDS = frozenset({"country", "demonym"})
_SLIP_MIN = 7


#: real places one letter from a country's name: not slips
_REAL_NAMES = frozenset({"columbia"})


def _extends(word: str, name: str) -> bool:
    """"Indiana" (Indians), "Prussia": a change at either end makes another real word or
    an inflection more often than a typing slip does."""
    return word[0] != name[0] or word[-1] != name[-1]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _deletion_index(pairs: Iterable[tuple[str, NameEntry]]) -> dict[str, tuple[tuple[str, NameEntry], ...]]:
    """Single-word names and their one-letter deletions -> (name, entry): a one-slip
    lookup is then a few dict probes, not a scan of the table."""
    index: dict[str, list[tuple[str, NameEntry]]] = {}
    for key, entry in pairs:
        if " " in key or len(key) < _SLIP_MIN - 1 or not key.isalpha():
            continue
        for variant in (key, *_deletions(key)):
            index.setdefault(variant, []).append((key, entry))
    return {k: tuple(v) for k, v in index.items()}


def _one_slip(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns a into b."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1])
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


#: answers NameTable.lookup keeps (it forgets them all when full)
_LOOKUP_CACHE = 20_000


class NameTable:
    """Phrase index over countries, demonyms, capitals, metonyms and organisations."""

    def __init__(self, rows: Iterable[tuple[str, str, str, tuple[CodeRow, ...], tuple[str, ...]]]) -> None:
        self._index: dict[str, tuple[str, NameEntry]] = {}
        self._reach: dict[str, int] = {}
        self._seen: dict[str, NameEntry | None] = {}  # lookup's answers, by text
        # Other spellings of a key's entry that differ only in case ("NATO", "Nato"):
        # the case check accepts any of them.
        self._cases: dict[str, tuple[str, ...]] = {}
        entries: dict[tuple[str, str], NameEntry] = {}
        for kind, surface, name, codes, short in rows:
            entry = entries.setdefault((kind, name), NameEntry(kind, name, codes, short))
            key = phrase_key(surface)
            if key and key not in self._index:
                self._index[key] = (surface, entry)
                first = _first_word(key)
                self._reach[first] = max(self._reach.get(first, 0), len(key))
            elif key and self._index[key][1] is entry and surface != self._index[key][0]:
                self._cases[key] = (*self._cases.get(key, ()), surface)
        self.orgs = tuple(e for (k, _), e in entries.items() if k == "org")
        self._near = _deletion_index(
            (key, entry) for key, (_, entry) in self._index.items() if entry.kind in _SLIP_KINDS
        )

    @classmethod
    def load(cls) -> "NameTable":
        table = cls(_table_rows())
        log.info("name table: %d spellings", len(table._index))
        return table

    def lookup(self, text: str) -> NameEntry | None:
        # The same few thousand words and phrases are looked up in every article.
        if text in self._seen:
            return self._seen[text]
        key = phrase_key(text)
        found = self._index.get(key)
        entry = None
        if found is not None:
            caseless = found[1].kind in _CASELESS_KINDS
            spellings = (found[0], *self._cases.get(key, ()))
            if any(_case_ok(surface, text, caseless) for surface in spellings):
                entry = found[1]
        if len(self._seen) >= _LOOKUP_CACHE:
            self._seen.clear()
        self._seen[text] = entry
        return entry

    def near(self, word: str) -> NameEntry | None:
        """The one country or demonym that a capitalised word misspells by one letter
        ("Ethopia", "Phillippines"); wire copy is full of such slips. Short words are too
        close to ordinary names to be judged this way, and two candidates are no answer."""
        if len(word) < _SLIP_MIN or not word[:1].isupper() or not word.isalpha() or word.lower() in _REAL_NAMES:
            return None
        key = word.lower()
        found = {
            id(entry): entry
            for variant in (key, *_deletions(key))
            for name, entry in self._near.get(variant, ())
            if name != key and _one_slip(key, name) and not _extends(key, name)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def scan(self, doc: Any) -> list[NameHit]:
        """Longest non-overlapping names in a doc, left to right. A match gives way to one
        that starts inside it and reaches further ("the UN refugee agency": "the UN" is
        a name, "UN refugee agency" a longer one)."""
        lower, starts, ends = token_table(doc)
        text = doc_text(doc)
        found: dict[int, NameHit | None] = {}

        def longest_at(i: int) -> NameHit | None:
            # Read from the token table and the doc's text, not Token objects: this runs
            # at every word of every article.
            if i in found:
                return found[i]
            best: NameHit | None = None
            reach = self._reach.get(lower[i])
            if reach:
                start_char = starts[i]
                for j in range(i + 1, len(lower) + 1):
                    if ends[j - 1] - start_char > reach:
                        break
                    name = text[start_char:ends[j - 1]]
                    entry = self.lookup(name)
                    if entry is not None:
                        best = NameHit(i, j, entry, name)
            found[i] = best
            return best

        hits: list[NameHit] = []
        i, n = 0, len(lower)
        while i < n:
            best = longest_at(i)
            if best is not None and not any(
                (other := longest_at(k)) is not None and other.end > best.end
                for k in range(i + 1, best.end)
            ):
                hits.append(best)
                i = best.end
            else:
                i += 1
        return hits
