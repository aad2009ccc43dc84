"""Import of CAMEO / TABARI / PETRARCH actor and agent dictionaries.

Users keep the dictionaries they already have (``--actors FILE``). The format, as the
Phoenix and PETRARCH files write it:

- an entry line ``VLADIMIR_PUTIN_ [RUSGOV]`` (words joined by ``_`` or spaces; a trailing
  ``_`` only marks the end of a word), then ``+ALIAS`` lines with other spellings, then
  codes on the same line or on indented lines: ``[RUSGOV 991231-080507]``;
- date restrictions: ``<YYMMDD`` (before), ``>YYMMDD`` (from), ``A-B`` (between, both
  ends included); dates are ``YYMMDD`` or ``YYYYMMDD``; an undated code is the default
  used when no dated one applies; ``[---]`` is a null code;
- agents: ``POLICE {} [~COP]``: ``~`` marks a code joined to the country of the modifier
  ("Ukrainian police"); ``{PLURAL}`` gives an irregular plural, ``{}`` none; ``!PERSON! =
  MAN, WOMAN`` defines a substitution used as ``CONGRESS!PERSON!``;
- comments: ``#`` to the end of the line and ``<!-- ... -->`` blocks.

Codes are CAMEO strings of 3-letter parts: the first is the country (or IGO/NGO/...), the
next recognised agent part gives the PLOVER sector (:data:`AGENT_SECTORS`). Country codes
are kept as written: the fictional countries of the PETRARCH validation suite must pass
through unchanged.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

log = logging.getLogger(__name__)

#: CAMEO agent codes -> PLOVER sectors (CAMEO MED was media, HLH health).
AGENT_SECTORS: dict[str, str] = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP",
    "PTY": "PTY", "COP": "COP", "JUD": "JUD", "SPY": "SPY", "LEG": "LEG", "BUS": "BUS",
    "CVL": "CVL", "CIV": "CVL", "PPL": "CVL", "SET": "CVL", "EDU": "EDU", "ELI": "ELI",
    "HLH": "MED", "MED": "JRN", "REL": "REL", "REF": "REF", "LAB": "LAB", "AGR": "AGR",
    "CRM": "CRM", "UAF": "UAF", "HRI": "SOC", "ENV": "SOC", "NGM": "SOC", "PRM": "PRM",
    "MNC": "MNC", "IGO": "IGO", "NGO": "NGO",
}
#: Religion parts: a sector only when nothing else in the code is one.
_RELIGIONS = frozenset("MUS CHR JEW BUD HIN BAH SHI SUN CTH PRO ORT MOS CPT JAN SIK".split())
#: Roots that are not countries but stand in the country field (PLOVER non-state codes).
NONSTATE_ROOTS = frozenset({"IGO", "NGO", "MNC", "IMG", "ISM", "UNO", "EUR"})

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_SUBST = re.compile(r"^\s*(![A-Z]+!)\s*=\s*(.+)$")


class DictionaryError(ValueError):
    """A dictionary file cannot be read; the message names the file and the fix."""


@dataclass(frozen=True, slots=True)
class DatedCode:
    """One CAMEO code with the period it applies to (None = open end)."""

    code: str
    start: date | None = None
    end: date | None = None  # inclusive
    dated: bool = False

    def applies(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class DictionaryHit:
    """A dictionary answer: the entry's name, its CAMEO code and the PLOVER reading."""

    name: str
    code: str
    country: str | None
    sector: str | None
    agent: bool = False


@dataclass(frozen=True, slots=True)
class DictMatch:
    """A dictionary phrase found in a doc: tokens ``[start, end)``."""

    start: int
    end: int
    hit: DictionaryHit


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    codes: tuple[DatedCode, ...]
    agent: bool


def phrase_key(text: str) -> str:
    """Match key shared by dictionary phrases and doc text ("BAN_KI-MOON" == "Ban Ki-moon")."""
    text = text.replace("_", " ").casefold()
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split())


def _first_word(key: str) -> str:
    return re.split(r"[ \-]", key, maxsplit=1)[0]


def parse_code(code: str) -> tuple[str | None, str | None]:
    """CAMEO code -> (country, PLOVER sector). ``~GOV`` (agent) has no country."""
    code = code.strip().upper()
    if not code or code.startswith("-") or not code[0].isalpha() and not code.startswith("~"):
        return None, None
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    country: str | None = None
    if code.startswith("~"):
        parts = [code[i : i + 3] for i in range(1, len(code), 3)]
    elif code.endswith("~"):
        return code[:-1][:3] or None, None
    else:
        country, parts = parts[0], parts[1:]
        if country in AGENT_SECTORS and country not in NONSTATE_ROOTS:
            country, parts = None, [code[:3], *parts]
    sector = next((AGENT_SECTORS[p] for p in parts if p in AGENT_SECTORS), None)
    if sector is None and any(p in _RELIGIONS for p in parts):
        sector = "REL"
    return country, sector


def _parse_day(text: str) -> date | None:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy  # TABARI two-digit years
        month, day = int(text[2:4]), int(text[4:6])
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    return date(year, month, day)


def parse_code_block(block: str) -> DatedCode | None:
    """``RUSGOV 991231-080507`` / ``HOB < 950601`` -> DatedCode (None for a null code)."""
    block = block.strip()
    m = re.match(r"^(\S+)\s*(.*)$", block)
    if not m or set(m.group(1)) <= set("-#+*"):
        return None
    code, restriction = m.group(1), m.group(2).replace(" ", "")
    if restriction[:1] in "<>" and restriction[:1]:
        if code[-1:] in "<>":
            restriction = code[-1] + restriction
        when = _parse_day(restriction[1:])
        if restriction[0] == "<":
            return DatedCode(code, None, date.fromordinal(when.toordinal() - 1), True)
        return DatedCode(code, when, None, True)
    if "-" in restriction:
        a, b = restriction.split("-", 1)
        return DatedCode(code, _parse_day(a), _parse_day(b), True)
    if restriction:
        raise ValueError(f"restriction {restriction!r} not understood")
    return DatedCode(code)


def pick_code(codes: Sequence[DatedCode], day: date | None) -> DatedCode | None:
    """The first dated code that applies on ``day``, else the undated default."""
    default = next((c for c in codes if not c.dated), None)
    if day is not None:
        for code in codes:
            if code.dated and code.applies(day):
                return code
        return default
    if default is not None:
        return default
    return max(codes, key=lambda c: c.start or date.min) if codes else None


def _strip_comments(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


class _Reader:
    """Line-by-line state of one file being read (current entry and its aliases)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[tuple[list[str], list[DatedCode]]] = []
        self.subst: dict[str, list[str]] = {}
        self.bad = 0

    def feed(self, lineno: int, raw: str) -> None:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            return
        sub = _SUBST.match(line)
        if sub:
            self.subst[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            return
        codes = self._codes(line, lineno)
        head = _CODE_BLOCK.sub("", line)
        plurals = _PLURAL.findall(head)
        head = _PLURAL.sub("", head).strip()
        if raw[:1] in " \t" and not head:
            if self.entries:
                self.entries[-1][1].extend(codes)
            return
        if head.startswith("+"):
            if self.entries:
                self.entries[-1][0].extend(self._expand(head[1:]))
            return
        names = self._expand(head)
        if plurals and plurals[0].strip():
            names += self._expand(plurals[0])
        elif not plurals and codes and any("~" in c.code for c in codes):
            names += [n + "S" if not n.upper().endswith("S") else n for n in names]
        self.entries.append((names, codes))

    def _codes(self, line: str, lineno: int) -> list[DatedCode]:
        out = []
        for block in _CODE_BLOCK.findall(line):
            try:
                code = parse_code_block(block)
            except ValueError as exc:
                self.bad += 1
                log.debug("%s:%d: code [%s] skipped: %s", self.path.name, lineno, block, exc)
                continue
            if code is not None:
                out.append(code)
        return out

    def _expand(self, phrase: str) -> list[str]:
        phrase = phrase.strip().rstrip("_").strip()
        for mark, words in self.subst.items():
            if mark in phrase:
                return [phrase.replace(mark, w) for w in words]
        return [phrase] if phrase else []


class ActorDictionary:
    """A loaded actor (and/or agent) dictionary with a phrase index for matching docs."""

    def __init__(self, entries: Iterable[_Entry], source: str = "<memory>") -> None:
        self.source = source
        self._entries: dict[str, _Entry] = {}
        self._reach: dict[str, int] = {}  # first word -> longest key length (chars)
        for entry in entries:
            key = phrase_key(entry.name)
            if not key or key in self._entries:
                continue  # the first entry of a phrase wins, as in PETRARCH
            self._entries[key] = entry
            first = _first_word(key)
            self._reach[first] = max(self._reach.get(first, 0), len(key))

    @classmethod
    def load(cls, path: str | Path) -> "ActorDictionary":
        """Read a CAMEO/TABARI/PETRARCH actors or agents file."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise DictionaryError(
                f"cannot read actor dictionary {path}: {exc.strerror}; check the path given "
                "to --actors"
            ) from None
        reader = _Reader(path)
        for lineno, raw in enumerate(_strip_comments(text).splitlines(), start=1):
            reader.feed(lineno, raw)
        entries = []
        for names, codes in reader.entries:
            agent = any("~" in c.code for c in codes)
            for name in names:
                entries.append(_Entry(name, tuple(codes), agent))
        if not entries:
            raise DictionaryError(
                f"{path}: no dictionary entries found; is it a CAMEO/PETRARCH actors file "
                "(lines like 'VLADIMIR_PUTIN_ [RUSGOV]')?"
            )
        book = cls(entries, source=str(path))
        log.info("actor dictionary %s: %d phrases (%d codes skipped)", path.name, len(book), reader.bad)
        return book

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, name: str, day: date | None) -> DictionaryHit | None:
        """The code of ``name`` on ``day`` (None when unknown or a null code)."""
        entry = self._entries.get(phrase_key(name))
        return _hit(entry, day) if entry else None

    def matches(self, doc: Any, day: date | None) -> list[DictMatch]:
        """Longest non-overlapping dictionary phrases in a spaCy doc, left to right."""
        found: list[DictMatch] = []
        i, n = 0, len(doc)
        while i < n:
            reach = self._reach.get(doc[i].lower_)
            best: DictMatch | None = None
            if reach:
                start_char = doc[i].idx
                for j in range(i + 1, n + 1):
                    if doc[j - 1].idx + len(doc[j - 1]) - start_char > reach:
                        break
                    entry = self._entries.get(phrase_key(doc[i:j].text))
                    hit = _hit(entry, day) if entry else None
                    if hit is not None:
                        best = DictMatch(i, j, hit)
            if best is not None:
                found.append(best)
                i = best.end
            else:
                i += 1
        return found


def _hit(entry: _Entry, day: date | None) -> DictionaryHit | None:
    code = pick_code(entry.codes, day)
    if code is None:
        return None
    country, sector = parse_code(code.code)
    if country is None and sector is None:
        return None
    return DictionaryHit(entry.name.replace("_", " "), code.code, country, sector, entry.agent)
