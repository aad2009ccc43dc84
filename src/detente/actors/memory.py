"""What a store remembers about people between articles.

A person introduced with a descriptor in one article ("Ukrainian police chief Ivan
Petrenko") is known, from that article's date, in later articles ingested into the same
store. The store implements :class:`ActorMemory` (over DuckDB); the actors stage only
sees the protocol, injected through :class:`~detente.actors.resolver.ActorResolver`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Protocol, runtime_checkable

from .kb import normalize_name


@dataclass(frozen=True, slots=True)
class MemoryHit:
    """What the store learned about ``name``: its code and since when it was evidenced."""

    name: str
    country: str | None
    sector: str | None
    title: str | None
    since: date


@runtime_checkable
class ActorMemory(Protocol):
    """Lookup of people learned from earlier articles of a store."""

    def lookup(self, name: str, day: date | None) -> MemoryHit | None:
        """The most recent evidence about ``name`` dated on or before ``day``
        (any date when ``day`` is None); None when the store knows nothing."""
        ...


class DictMemory:
    """An in-memory :class:`ActorMemory`, for tests and single-process use.

    Keys are normalised names (case/accent-insensitive); each name keeps its hits in
    date order so that a lookup returns the evidence valid on the asked day.
    """

    def __init__(self, hits: Iterable[MemoryHit] = ()) -> None:
        self._hits: dict[str, list[MemoryHit]] = {}
        for hit in hits:
            self.add(hit)

    def add(self, hit: MemoryHit) -> None:
        entries = self._hits.setdefault(normalize_name(hit.name), [])
        entries.append(hit)
        entries.sort(key=lambda h: h.since)

    def lookup(self, name: str, day: date | None) -> MemoryHit | None:
        entries = self._hits.get(normalize_name(name), [])
        valid = [h for h in entries if day is None or h.since <= day]
        return valid[-1] if valid else None

    def __len__(self) -> int:
        return sum(len(v) for v in self._hits.values())
