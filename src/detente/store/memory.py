"""The actors stage's memory over the store: people learned from earlier articles.

:class:`StoreMemory` answers lookups from the ``memory`` table directly (one process
holding the store). Worker processes cannot open a DuckDB file another process writes,
so ingest sends them a *snapshot* instead: the entries of articles whose sequence number
is below a limit, as a :class:`~detente.actors.memory.DictMemory`. The limit depends only
on the article's position in the input (see :mod:`detente.ingest`), which keeps results
independent of the number of workers and of interruptions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..actors.memory import ActorMemory, DictMemory, MemoryHit
from .writer import name_key

_COLUMNS = "name, country, sector, title, evidence_date"


class StoreMemory:
    """:class:`ActorMemory` reading the store's ``memory`` table.

    ``below_seq`` limits the evidence to articles stored before that sequence number.
    """

    def __init__(self, store: Any, below_seq: int | None = None) -> None:
        self._con = store.con
        self._below = below_seq

    def lookup(self, name: str, day: dt.date | None) -> MemoryHit | None:
        row = self._con.execute(
            f"SELECT {_COLUMNS} FROM memory WHERE name_key = ? AND (?::DATE IS NULL OR evidence_date <= ?::DATE) "
            "AND (?::BIGINT IS NULL OR seq < ?::BIGINT) ORDER BY evidence_date DESC, seq DESC LIMIT 1",
            [name_key(name), day, day, self._below, self._below],
        ).fetchall()
        return _hit(row[0]) if row else None


def _hit(row: tuple[Any, ...]) -> MemoryHit:
    name, country, sector, title, since = row
    return MemoryHit(name=name, country=country, sector=sector, title=title, since=since)


def memory_hits(con: Any, below_seq: int, from_seq: int = 0) -> list[MemoryHit]:
    """Memory entries of articles with ``from_seq <= seq < below_seq``, in seq order."""
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM memory WHERE seq >= ? AND seq < ? ORDER BY seq, name_key",
        [from_seq, below_seq],
    ).fetchall()
    return [_hit(r) for r in rows]


class SwappableMemory:
    """An :class:`ActorMemory` whose content a worker replaces before each chunk.

    The actors stage is built once per worker with this object; each chunk then brings
    the snapshot it must see.
    """

    def __init__(self) -> None:
        self._current: ActorMemory = DictMemory()

    def set(self, memory: ActorMemory) -> None:
        self._current = memory

    def lookup(self, name: str, day: dt.date | None) -> MemoryHit | None:
        return self._current.lookup(name, day)
