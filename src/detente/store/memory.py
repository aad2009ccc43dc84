"""The actors stage's memory over the store: people learned from earlier articles.

:class:`StoreMemory` answers lookups from the ``memory`` table directly (one process
holding the store). Worker processes cannot open a DuckDB file another process writes,
so ingest shares the entries through an append-only *memory log* instead: as chunks
commit, the parent appends their entries (:class:`MemoryLog`), and each task carries a
:class:`MemorySnapshot`, the log and a sequence limit. A worker's :class:`MemoryLogReader`
reads the log up to that limit, once, and keeps what it read for the next task, so the
cost per task is that of the new entries only, however long the run. The limit depends
only on the article's position in the input (see :mod:`detente.ingest`), which keeps
results independent of the number of workers and of interruptions.
"""

from __future__ import annotations

import bisect
import datetime as dt
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..actors.kb import normalize_name
from ..actors.memory import MemoryHit
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


# -- the memory log between the ingest parent and its workers ---------------------------
@dataclass(frozen=True, slots=True)
class MemorySnapshot:
    """What a task may know: the entries of articles with ``seq < limit`` in the log."""

    log: str
    limit: int


class MemoryLog:
    """The parent's side: appends the entries of committed articles, one frame per limit.

    A frame is a pickle of ``(from_seq, below_seq, hits)``; frames follow each other in
    ``seq`` order without gaps, and each ends at a limit some task was given."""

    def __init__(self, con: Any, path: Path) -> None:
        self._con = con
        self.path = path
        self._fh: IO[bytes] = open(path, "ab")
        self._below = 0

    def snapshot(self, limit: int) -> MemorySnapshot:
        """The snapshot for ``limit`` (the entries below it must be committed by now)."""
        limit = max(0, limit)
        if limit > self._below:
            hits = memory_hits(self._con, limit, self._below)
            pickle.dump((self._below, limit, hits), self._fh, protocol=pickle.HIGHEST_PROTOCOL)
            self._fh.flush()  # the workers read it as soon as the task is submitted
            self._below = limit
        return MemorySnapshot(str(self.path), min(limit, self._below))

    def close(self) -> None:
        self._fh.close()


class MemoryLogReader:
    """A worker's :class:`ActorMemory`: the log read up to the current task's limit.

    Lookups answer as a :class:`~detente.actors.memory.DictMemory` over the snapshot with
    runs of identical evidence collapsed would: per name, the entries are kept sorted by
    (date, code); the answer is the first entry of the run of equal codes that holds the
    last entry dated on or before the day. An entry equal in date and code to one already
    kept can never be that answer, so it is not kept."""

    def __init__(self) -> None:
        self._log: str | None = None
        self._fh: IO[bytes] | None = None
        self._below = 0
        self._by_name: dict[str, list[tuple[tuple[dt.date, str, str, str], MemoryHit]]] = {}

    def advance(self, snapshot: MemorySnapshot) -> None:
        """Read the log up to ``snapshot.limit`` (from the start for another log, or if
        a task asks for less than was read, which a pool's in-order queue never does)."""
        if snapshot.log != self._log or snapshot.limit < self._below:
            self._reset(snapshot.log)
        assert self._fh is not None
        while self._below < snapshot.limit:
            start, below, hits = pickle.load(self._fh)
            if start != self._below or below > snapshot.limit:
                raise ValueError(f"memory log {snapshot.log}: frame {start}-{below} does not follow {self._below}")
            for hit in hits:
                self._add(hit)
            self._below = below

    def _reset(self, log: str) -> None:
        if self._fh is not None:
            self._fh.close()
        self._log, self._fh, self._below, self._by_name = log, open(log, "rb"), 0, {}

    def _add(self, hit: MemoryHit) -> None:
        entries = self._by_name.setdefault(normalize_name(hit.name), [])
        key = (hit.since, hit.country or "", hit.sector or "", hit.title or "")
        at = bisect.bisect_right(entries, key, key=lambda e: e[0])
        if at and entries[at - 1][0] == key:
            return  # same date and code as one kept: never the answer (see class doc)
        entries.insert(at, (key, hit))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_name.values())

    def lookup(self, name: str, day: dt.date | None) -> MemoryHit | None:
        entries = self._by_name.get(normalize_name(name))
        if not entries:
            return None
        last = len(entries) if day is None else bisect.bisect_right(entries, day, key=lambda e: e[0][0])
        if last == 0:
            return None
        k = last - 1
        code = entries[k][0][1:]
        while k > 0 and entries[k - 1][0][1:] == code:
            k -= 1
        return entries[k][1]

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
