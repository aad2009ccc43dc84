"""The events stage's view of :mod:`detente.ontology`: intensities, Goldstein values and
the PLOVER contexts a sentence's words set.

The facts are in ``data/ontology/*.tsv`` and ``data/events/context_words.tsv``, read on
first use; nothing is read at import time. ``PLOVER``, ``GOLDSTEIN``, ``ROOT_TO_PLOVER``
and ``CONTEXTS`` are kept as module attributes (computed on first access) for the code
and tests that read them.
"""

from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Any, Mapping

from .. import ontology as _ontology
from ..tables import read_table


def load_ontology() -> _ontology.Ontology:
    """The ontology (read once per process)."""
    return _ontology.load()


def intensity(event_type: str, mode: str | None) -> float:
    """PLOVER intensity of a type, refined by its mode when the manual gives one."""
    return _ontology.load().intensity(event_type, mode)


def goldstein(cameo: str) -> float:
    """Goldstein value of a CAMEO code, falling back to its three-digit then root value."""
    return _ontology.load().goldstein(cameo)


def type_group(name: str) -> frozenset[str]:
    """A named group of event types (``data/ontology/type_groups.tsv``), e.g. "diplomatic"."""
    return _ontology.load().type_group(name)


def sector_group(name: str) -> frozenset[str]:
    """A named group of sectors (``data/ontology/sector_groups.tsv``), e.g. "state"."""
    return _ontology.load().sector_group(name)


@functools.cache
def context_words() -> Mapping[str, str]:
    """Word (lower case) -> the PLOVER context it sets (``data/events/context_words.tsv``)."""
    rows = read_table("events/context_words.tsv", ("word", "context"))
    return MappingProxyType({r["word"]: r["context"] for r in rows})


def contexts_for(words: tuple[str, ...] | list[str], event_type: str) -> tuple[str, ...]:
    """Contexts named by the sentence's words; 'diplomatic' for verbal types otherwise."""
    table = context_words()
    found: list[str] = []
    for word in words:
        ctx = table.get(word.lower())
        if ctx and ctx not in found:
            found.append(ctx)
    if not found and event_type in type_group("diplomatic"):
        found.append("diplomatic")
    return tuple(found)


def __getattr__(name: str) -> Any:
    # the former module-level tables, now views of the data tables (read on first access;
    # other names, e.g. the import system's "__path__", must not read them)
    if name == "PLOVER":
        return _ontology.load().types
    if name == "GOLDSTEIN":
        cameo = _ontology.load().cameo
        return MappingProxyType({c: e.goldstein for c, e in cameo.items() if e.goldstein is not None})
    if name == "ROOT_TO_PLOVER":
        return _ontology.load().root_plover()
    if name == "CONTEXTS":
        return _ontology.load().contexts
    if name == "CONTEXT_WORDS":
        return context_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
