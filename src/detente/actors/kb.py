"""Knowledge base of office holders with date-bounded roles.

The data lives in ``detente/data/kb/*.tsv`` (format in ``data/kb/README.md``). Nothing is
read at import time: build a :class:`KnowledgeBase` once with :meth:`KnowledgeBase.load`
and pass it to the stages that need it.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from detente import ontology
from detente.errors import DataFileError
from detente.tables import read_table

log = logging.getLogger(__name__)

HEADER = ("person_id", "name", "aliases", "country", "sector", "title", "start", "end", "org", "gender")
#: Files written before the gender column may keep the nine-column header.
_LEGACY_HEADER = HEADER[:-1]
#: The ``gender`` column: "m" or "f", empty when unknown (for "he"/"she" resolution).
GENDERS = frozenset({"m", "f"})

# Non-state country codes accepted besides ISO 3166-1 alpha-3 (XKX: Kosovo, user-assigned).
SPECIAL_COUNTRIES = frozenset({"IGO", "EUR", "NGO", "MNC", "XKX"})


#: Titles, the KB vocabulary and the title-synonym map all live in data/actors/titles.tsv.
_TITLES_TABLE = "actors/titles.tsv"
#: Where "the <Demonym> leader" is the head of government, with the dates of the system.
_SYSTEMS_TABLE = "actors/government_systems.tsv"


@functools.cache
def _title_table() -> tuple[frozenset[str], dict[str, str]]:
    """(the KB's title vocabulary, title -> the post it names) from titles.tsv."""
    rows = read_table(_TITLES_TABLE, ("title",))  # kb and means are optional trailing columns
    vocabulary = frozenset(r["title"] for r in rows if r.get("kb") == "yes")
    return vocabulary, {r["title"]: r.get("means") for r in rows if r.get("means")}


def kb_titles() -> frozenset[str]:
    """The titles KB rows may use (``kb`` = yes in data/actors/titles.tsv)."""
    return _title_table()[0]


# Meta titles answered by holder(), in order of preference.
_META = {
    "head of state": ("supreme leader", "king", "queen", "emir", "sultan", "president",
                      "head of state"),
    "head of government": ("prime minister", "chancellor", "chief executive", "president"),
}

#: Who "the <Demonym> leader" is: the executive head of state by default (a president,
#: an absolute monarch, Iran's supreme leader), the head of government where the head of
#: state reigns or presides without ruling (parliamentary systems). Dates bound a change
#: of system (``end`` exclusive): Turkey's leader was its prime minister until Erdogan
#: became president, Iraq's since the interim government of 2004.
_LEADER_HEAD_OF_STATE = ("supreme leader", "king", "emir", "sultan", "president", "head of state", "chairman")
_LEADER_HEAD_OF_GOVERNMENT = ("prime minister", "chancellor")


@functools.cache
def _government_leads() -> dict[str, tuple[date | None, date | None]]:
    """Country -> (from, until) of its parliamentary system (government_systems.tsv)."""
    leads: dict[str, tuple[date | None, date | None]] = {}
    for row in read_table(_SYSTEMS_TABLE, ("country",)):  # from and until may be left off
        where = _Where(row.path, row.line)
        leads[row["country"]] = (_parse_date(row.get("from"), where, "from"), _parse_date(row.get("until"), where, "until"))
    return leads


# Roles of these sectors win when a person holds several at once.
_SECTOR_RANK = {"GOV": 0, "MIL": 1, "JUD": 2, "SPY": 3, "LEG": 4}
#: Among concurrent posts of one sector, the head-of-state/government post is the one
#: news means (Xi is "president" though also party leader; MBS "prime minister").
_TITLE_RANK = {
    "president": 0, "king": 0, "queen": 0, "emir": 0, "sultan": 0, "emperor": 0,
    "supreme leader": 0, "head of state": 0, "prime minister": 1, "chancellor": 1,
    "premier": 1, "taoiseach": 1, "chief adviser": 1, "state counsellor": 1,
    "secretary-general": 1, "commission president": 1, "crown prince": 2,
    "foreign minister": 3, "secretary of state": 3, "foreign secretary": 3,
    "defence minister": 3, "secretary of defense": 3,
}

# Lower-case name particles that belong to the surname ("von der Leyen", "al-Assad").
_PARTICLES = frozenset(
    "von van der den de du da di del della dos das le la al el bin ibn ben abu ter".split()
)

# Letters that NFKD does not decompose into base letter + accent.
_FOLD = str.maketrans(
    {"ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "œ": "oe", "þ": "th",
     "ð": "d", "ŀ": "l", "ħ": "h"}
)

# Generational suffixes are not surnames ("Joseph R. Biden Jr.").
_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv)\.?,?$", re.IGNORECASE)
# Regnal numbers, written in capitals ("Felipe VI", "Frederik X"); "Xi" is a name.
_REGNAL = re.compile(r"^[IVX]+$")
# Styles before a given name: the word after them is no surname.
_STYLE_WORDS = frozenset({"king", "queen", "prince", "princess", "emperor", "empress", "pope", "patriarch", "sheikh"})
# Arabic article glued to a surname: "al-Assad" is also "Assad".
_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an)-(.+)$", re.IGNORECASE)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class KnowledgeBaseError(DataFileError, ValueError):
    """A knowledge-base data file is malformed; the message names file, line and fix."""


@dataclass(frozen=True)
class _Where:
    """File and line of a row, for error messages."""

    path: str
    line: int

    def error(self, problem: str, fix: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(self.path, self.line, problem, fix)


def normalize_name(text: str) -> str:
    """Key for case- and accent-insensitive name lookup ("Erdoğan" == "erdogan")."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’‘`.]", "", text)
    text = re.sub(r"[\s\-‐–]+", " ", text)
    return text.strip()


def surname_keys(name: str) -> tuple[str, ...]:
    """Surname keys of a full name: last word with its particles, and without them.

    "Ursula von der Leyen" -> ("von der leyen", "leyen"); "Bashar al-Assad" ->
    ("al assad", "assad"). Hyphens inside a word are kept ("Kramp-Karrenbauer").
    """
    # "Abdullah II of Jordan", "Charles, Prince of Wales": what follows is a place or title
    words = re.split(r",| of ", name)[0].split()
    while len(words) > 1 and (_SUFFIX.match(words[-1]) or _REGNAL.match(words[-1])):
        words.pop()
    if len(words) < 2 or words[0].casefold() in _STYLE_WORDS:
        return ()  # "King Charles", "Prince William": a given name, not a surname
    i = len(words) - 1
    while i > 1 and words[i - 1].casefold() in _PARTICLES:
        i -= 1
    keys = [normalize_name(" ".join(words[i:])), normalize_name(words[-1])]
    article = _ARTICLE.match(words[-1])
    if article:
        keys.append(normalize_name(article.group(1)))
    return tuple(dict.fromkeys(k for k in keys if k))


def normalize_title(title: str) -> str:
    """Map a title to the function it denotes ("secretary of state" -> "foreign minister")."""
    key = " ".join(title.casefold().replace("-", " ").split())
    key = key.replace("secretary general", "secretary-general").replace(
        "governor general", "governor-general"
    )
    return _title_table()[1].get(key, key)


@dataclass(frozen=True)
class Role:
    country: str
    sector: str
    title: str
    start: date | None
    end: date | None
    org: str | None = None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]  # sorted by start date
    gender: str | None = None  # "m", "f" or None (unknown): a fact of the KB

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day``; a derived ELI role after the last one ended."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=_start_key)
        active = [r for r in self.roles if r.active_on(day)]
        if active:
            # GOV outranks a party post held at the same time; within a sector the head
            # post wins, then the office held first (a minister who is also acting adviser).
            return min(active, key=lambda r: (_SECTOR_RANK.get(r.sector, 9), _TITLE_RANK.get(r.title, 5), _start_key(r)))
        ended = [r for r in self.roles if r.end is not None and r.end <= day]
        if not ended:
            return None  # before the first role
        return self._former(max(ended, key=lambda r: r.end or date.min), ended)

    def _former(self, last: Role, ended: Sequence[Role]) -> Role:
        national = [r for r in ended if r.country not in ("IGO", "EUR")]
        home = max(national, key=lambda r: r.end or date.min).country if national else last.country
        org = last.org if home == last.country else None
        return Role(home, "ELI", f"former {last.title}", last.end, None, org)


def _start_key(role: Role) -> date:
    return role.start or date.min


@dataclass(frozen=True)
class _Row:
    person_id: str
    name: str
    aliases: tuple[str, ...]
    role: Role
    gender: str | None = None
    where: _Where | None = None


def _parse_date(text: str, where: _Where, column: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    fix = "write an ISO date YYYY-MM-DD (or YYYY-MM / YYYY), or leave it empty"
    if not _ISO_DATE.match(text):
        raise where.error(f"column {column!r} is {text!r}, not a date", fix)
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise where.error(f"column {column!r} is {text!r} ({exc})", fix) from None


def _check_country(country: str, where: _Where) -> None:
    if country in SPECIAL_COUNTRIES or country in iso3_codes():
        return
    raise where.error(
        f"country {country!r} is not an ISO 3166-1 alpha-3 code",
        "Use e.g. USA, RUS, or IGO/EUR for international organisations (see data/kb/README.md)",
    )


@functools.cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes from pycountry (a pure loader of packaged data)."""
    import pycountry  # imported here: the code list is only needed when loading data

    return frozenset(c.alpha_3 for c in pycountry.countries)


def _parse_row(fields: list[str], where: _Where) -> _Row:
    if len(HEADER) - 3 <= len(fields) < len(HEADER):
        # Editors strip trailing tabs: missing trailing columns are the optional end/org/gender.
        fields = fields + [""] * (len(HEADER) - len(fields))
    if len(fields) != len(HEADER):
        raise where.error(
            f"{len(fields)} tab-separated fields, expected {len(HEADER)} ({', '.join(HEADER)})",
            "Separate columns with single tabs and leave empty columns empty",
        )
    pid, name, aliases, country, sector, title, start, end, org, gender = (f.strip() for f in fields)
    if gender and gender not in GENDERS:
        raise where.error(f"gender {gender!r} is not 'm' or 'f'", "Write m or f, or leave the column empty when unknown")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid):
        raise where.error(f"person_id {pid!r} is not a slug", "Write e.g. 'hillary-clinton'")
    if not name:
        raise where.error("column 'name' is empty", "Write the person's name on every row")
    _check_country(country, where)
    sectors = ontology.load().sectors  # PLOVER actor sectors plus the non-state roots
    if sector not in sectors:
        raise where.error(f"sector {sector!r} is not a PLOVER sector", f"Use one of {sorted(sectors)}")
    if not title or title != title.lower():
        raise where.error(f"title {title!r} is empty or not lower case", "Use a title from README.md")
    if country in ("IGO", "EUR") and not org:
        raise where.error(f"country {country} without an organisation", "Fill 'org' (e.g. UN, EU)")
    start_d = _parse_date(start, where, "start")
    end_d = _parse_date(end, where, "end")
    if start_d and end_d and start_d >= end_d:
        raise where.error(
            f"start {start} is not before end {end}", "Fix the dates (end is exclusive)"
        )
    alias_t = tuple(a.strip() for a in aliases.split("|") if a.strip())
    role = Role(country, sector, title, start_d, end_d, org or None)
    return _Row(pid, name, alias_t, role, gender or None, where)


def read_rows(path: Path) -> list[_Row]:
    """Parse one TSV file of the knowledge base (format: data/kb/README.md)."""
    rows: list[_Row] = []
    header_seen = False
    text = path.read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        where = _Where(str(path), lineno)
        if not header_seen:
            if tuple(f.strip() for f in fields) not in (HEADER, _LEGACY_HEADER):
                raise where.error("the first line is not the header", "<TAB>".join(HEADER))
            header_seen = True
            continue
        rows.append(_parse_row(fields, where))
    return rows


def _build_people(rows: Iterable[_Row]) -> list[Person]:
    by_id: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_id[row.person_id].append(row)
    people = []
    for pid, prows in by_id.items():
        name = prows[0].name
        aliases: dict[str, None] = {}
        for row in prows:
            # A different spelling on another row (or file) is kept as an alias.
            for alias in (row.name, *row.aliases):
                if alias != name:
                    aliases[alias] = None
        roles = tuple(sorted(dict.fromkeys(r.role for r in prows), key=_start_key))
        people.append(Person(pid, name, tuple(aliases), roles, _gender(prows)))
    return people


def _gender(rows: Sequence[_Row]) -> str | None:
    """The person's gender: the value of the rows that fill it; rows that differ are an error."""
    found: _Row | None = None
    for row in rows:
        if row.gender is None:
            continue
        if found is not None and row.gender != found.gender and row.where is not None:
            raise row.where.error(
                f"gender {row.gender!r} of {row.person_id!r} differs from {found.gender!r} on an earlier row",
                "Write the same gender on every row of a person (or leave it empty)",
            )
        found = found or row
    return found.gender if found else None


def default_paths() -> list[Path]:
    """Every ``*.tsv`` under the packaged ``detente/data/kb`` folder, in name order."""
    folder = resources.files("detente") / "data" / "kb"
    return sorted(
        (Path(str(p)) for p in folder.iterdir() if p.name.endswith(".tsv")), key=lambda p: p.name
    )


class KnowledgeBase:
    """People with date-bounded roles, indexed by full name, alias and surname."""

    def __init__(self, people: Iterable[Person]) -> None:
        self._people: tuple[Person, ...] = tuple(people)
        names: dict[str, list[Person]] = defaultdict(list)
        surnames: dict[str, list[Person]] = defaultdict(list)
        for person in self._people:
            for spelling in (person.name, *person.aliases):
                if len(spelling.split()) == 1:
                    # One-word alias: a surname-like short form ("Xi", "Lula").
                    _add(surnames, normalize_name(spelling), person)
                    continue
                _add(names, normalize_name(spelling), person)
                for key in surname_keys(spelling):
                    _add(surnames, key, person)
        posts: dict[str, list[tuple[str, Role, Person]]] = defaultdict(list)
        for person in self._people:
            for role in person.roles:
                posts[role.country].append((normalize_title(role.title), role, person))
        self._posts = {k: tuple(v) for k, v in posts.items()}
        self._names = {k: tuple(v) for k, v in names.items()}
        self._surnames = {k: tuple(v) for k, v in surnames.items()}

    @classmethod
    def load(cls, paths: Sequence[Path] | None = None) -> "KnowledgeBase":
        """Read the TSV files (default: the packaged ``data/kb/*.tsv``)."""
        files = list(paths) if paths is not None else default_paths()
        rows: list[_Row] = []
        for path in files:
            rows.extend(read_rows(Path(path)))
        kb = cls(_build_people(rows))
        log.info("knowledge base: %d people from %d file(s)", len(kb), len(files))
        return kb

    def __len__(self) -> int:
        return len(self._people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self._people)

    def find(self, name: str) -> tuple[Person, ...]:
        """People whose full name or alias is ``name`` (case/accent-insensitive)."""
        return self._names.get(normalize_name(name), ())

    def find_surname(self, surname: str) -> tuple[Person, ...]:
        """People whose surname (or one-word alias) is ``surname``."""
        return self._surnames.get(normalize_name(surname), ())

    def near_surname(self, surname: str) -> tuple[Person, ...]:
        """People whose surname is one typing slip away from ``surname`` (a letter added,
        dropped, changed or two swapped: "Mitterand", "Bouteflicka"). Only for surnames of
        seven letters or more, where a slip rarely lands on another real name."""
        key = normalize_name(surname)
        if len(key) < 7 or " " in key:
            return ()
        found: dict[str, Person] = {}
        for variant in _one_edit(key):
            for person in self._surnames.get(variant, ()):
                found.setdefault(person.id, person)
        return tuple(found.values())

    def resolve(self, name: str, day: date | None) -> tuple[Person, Role] | None:
        """Full name or alias first; else a surname that is unambiguous on ``day``.

        For surnames, people in office that day win over former officials
        ("Clinton" in 2010 is the Secretary of State, not the former president).
        """
        full = self.find(name)
        if full:
            return _pick(full, day)
        if len(name.split()) > 3:
            return None
        candidates = self.find_surname(name)
        if not candidates:
            return None
        dated = [(p, p.role_on(day)) for p in candidates]
        in_office = [(p, r) for p, r in dated if r is not None and r.sector != "ELI"]
        if len(in_office) == 1:
            return in_office[0]
        if in_office:
            return None
        former = [(p, r) for p, r in dated if r is not None]
        return former[0] if len(former) == 1 else None

    def holder(
        self, country: str, title: str, day: date | None, org: str | None = None
    ) -> Person | None:
        """Who held ``title`` in ``country`` (and ``org``) on ``day``; None day = latest.

        Titles are compared by function: "foreign secretary", "secretary of state" and
        "foreign minister" are the same post; "head of state"/"head of government" try
        the usual titles in order.
        """
        wanted = normalize_title(title)
        posts = self._posts.get(country.upper(), ())
        for function in _META.get(wanted, (wanted,)):
            best: tuple[date, Person] | None = None
            for post_function, role, person in posts:
                if post_function != function or (org is not None and role.org != org):
                    continue
                if day is not None and not role.active_on(day):
                    continue
                key = _start_key(role)
                if best is None or key > best[0]:
                    best = (key, person)
            if best is not None:
                return best[1]
        return None


    def leader(self, country: str, day: date | None) -> Person | None:
        """Who "the <country's> leader" was on ``day``: the head of government in
        parliamentary systems, else the executive head of state (see ``government_systems.tsv``)."""
        span = _government_leads().get(country.upper())
        if span is None:
            by_government = False
        elif day is None:  # no date: the state as it is now
            by_government = span[1] is None
        else:
            by_government = (span[0] is None or span[0] <= day) and (span[1] is None or day < span[1])
        titles = _LEADER_HEAD_OF_GOVERNMENT if by_government else _LEADER_HEAD_OF_STATE
        for title in titles:
            person = self.holder(country, title, day)
            if person is not None:
                return person
        return None


def _add(index: dict[str, list[Person]], key: str, person: Person) -> None:
    if key and person not in index[key]:
        index[key].append(person)


def _pick(people: Sequence[Person], day: date | None) -> tuple[Person, Role] | None:
    """Among namesakes, prefer the one in office on ``day``, then anyone with a role."""
    dated = [(p, p.role_on(day)) for p in people]
    dated_ok = [(p, r) for p, r in dated if r is not None]
    in_office = [(p, r) for p, r in dated_ok if r.sector != "ELI"]
    if in_office:
        return in_office[0]
    return dated_ok[0] if dated_ok else None


_LETTERS = "abcdefghijklmnopqrstuvwxyz-'"


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, insertion, substitution or adjacent swap from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(word)
    return out
