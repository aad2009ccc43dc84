"""The event ontology: PLOVER types, modes, intensities and contexts; the CAMEO codebook
with Goldstein values; quad classes; actor sectors; named groups of sectors and of event types.

The facts live in ``detente/data/ontology/*.tsv`` (read once, on first use, by
:func:`load`); this module gives them types. The ``Literal`` types below are what
:mod:`detente.records` and static checkers see; ``tests/test_ontology.py`` checks that
they equal the tables, and that the JSON schema's enums do too.

Adding an event type: see "Adding an event type" in docs/approach.md.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, Mapping

from .errors import DataFileError
from .tables import Row, read_table

#: The 16 PLOVER event types, in the order of ``data/ontology/plover_types.tsv``.
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
#: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QuadClass = Literal[1, 2, 3, 4]
#: PLOVER actor sectors and the non-state roots (``data/ontology/sectors.tsv``).
Sector = Literal[
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "REL", "SOC", "IGO", "NGO", "MNC",
]


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type: quad class, base intensity, modes (mode -> intensity),
    the CAMEO code used when nothing more specific is known."""

    name: str
    quad_class: int
    intensity: float
    modes: Mapping[str, float]
    cameo: str


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One code of the CAMEO codebook. ``goldstein`` is None where the scale gives none
    (the root's value applies); ``plover`` is set on root rows only."""

    code: str
    name: str
    goldstein: float | None
    plover: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Ontology:
    """The whole ontology, read from the data tables (see :func:`load`)."""

    types: Mapping[str, PloverType]
    cameo: Mapping[str, CameoCode]
    quad_classes: Mapping[int, str]
    contexts: tuple[str, ...]
    sectors: Mapping[str, str]
    sector_groups: Mapping[str, frozenset[str]]
    type_groups: Mapping[str, frozenset[str]]

    def intensity(self, event_type: str, mode: str | None) -> float:
        """PLOVER intensity of a type, refined by its mode when the manual gives one."""
        t = self.types[event_type]
        return t.modes.get(mode, t.intensity) if mode else t.intensity

    def goldstein(self, code: str) -> float:
        """Goldstein value of a CAMEO code, falling back to its three-digit then root value."""
        for key in (code, code[:3], code[:2]):
            entry = self.cameo.get(key)
            if entry is not None and entry.goldstein is not None:
                return entry.goldstein
        raise KeyError(f"unknown CAMEO code {code!r}")

    def cameo_name(self, code: str) -> str:
        """The codebook's name of a CAMEO code."""
        return self.cameo[code].name

    def root_names(self) -> Mapping[str, str]:
        """CAMEO root (two digits) -> its name."""
        return MappingProxyType({c: e.name for c, e in self.cameo.items() if len(c) == 2})

    def root_plover(self) -> Mapping[str, str | None]:
        """CAMEO root -> the PLOVER type it usually becomes (None: no PLOVER type)."""
        return MappingProxyType({c: e.plover for c, e in self.cameo.items() if len(c) == 2})

    def sector_group(self, name: str) -> frozenset[str]:
        """A named group of sectors of ``data/ontology/sector_groups.tsv``."""
        return self.sector_groups[name]

    def type_group(self, name: str) -> frozenset[str]:
        """A named group of event types of ``data/ontology/type_groups.tsv``."""
        return self.type_groups[name]


@functools.cache
def load() -> Ontology:
    """The ontology, read from ``data/ontology/*.tsv`` once per process (immutable)."""
    modes: dict[str, dict[str, float]] = {}
    for row in read_table("ontology/plover_modes.tsv", ("type", "mode", "intensity")):
        modes.setdefault(row["type"], {})[row["mode"]] = _number(row, "intensity")
    types = {
        row["type"]: PloverType(row["type"], int(_number(row, "quad_class")), _number(row, "intensity"),
                                MappingProxyType(modes.pop(row["type"], {})), row["cameo"])
        for row in read_table("ontology/plover_types.tsv", ("type", "quad_class", "intensity", "cameo"))
    }
    if modes:
        raise DataFileError("ontology/plover_modes.tsv", None, f"modes of unknown type(s) {sorted(modes)}",
                            "add the type to ontology/plover_types.tsv first")
    cameo = {row["code"]: _cameo(row) for row in read_table("ontology/cameo.tsv", ("code", "name", "goldstein"))}
    sectors = {r["sector"]: r["name"] for r in read_table("ontology/sectors.tsv", ("sector", "name"))}
    sector_groups = _groups("ontology/sector_groups.tsv", "sector", set(sectors))
    type_groups = _groups("ontology/type_groups.tsv", "type", set(types))
    return Ontology(
        types=MappingProxyType(types),
        cameo=MappingProxyType(cameo),
        quad_classes=MappingProxyType({int(r["quad_class"]): r["name"]
                                       for r in read_table("ontology/quad_classes.tsv", ("quad_class", "name"))}),
        contexts=tuple(r["context"] for r in read_table("ontology/contexts.tsv", ("context",))),
        sectors=MappingProxyType(sectors),
        sector_groups=sector_groups,
        type_groups=type_groups,
    )


def _groups(name: str, column: str, known: set[str]) -> Mapping[str, frozenset[str]]:
    """Named groups of a (group, member) table; a member that is not ``known`` is an error."""
    groups: dict[str, set[str]] = {}
    for row in read_table(name, ("group", column)):
        if row[column] not in known:
            raise DataFileError(row.path, row.line, f"{column} {row[column]!r} is not in the ontology",
                                "add it to its ontology table first, or fix the spelling")
        groups.setdefault(row["group"], set()).add(row[column])
    return MappingProxyType({g: frozenset(members) for g, members in groups.items()})


def _cameo(row: Row) -> CameoCode:
    code = row["code"]
    if not code.isdigit() or len(code) not in (2, 3, 4):
        raise DataFileError(row.path, row.line, f"CAMEO code {code!r} is not 2-4 digits", "write the code as in the codebook")
    goldstein = _number(row, "goldstein") if row["goldstein"] else None
    return CameoCode(code, row["name"], goldstein, row.get("plover") or None)


def _number(row: Row, column: str) -> float:
    # "4" stays an int and "4.0" a float, so the output writes values as the tables do
    text = row[column]
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        raise DataFileError(row.path, row.line, f"{column} {text!r} is not a number", "write a number") from None
