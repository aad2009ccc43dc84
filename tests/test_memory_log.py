"""The memory log: ingest workers read the store's memory incrementally, with the answers
a full snapshot would give."""

from __future__ import annotations

import pickle
import random
from datetime import date, timedelta

import pytest

from detente.actors.kb import normalize_name
from detente.actors.memory import DictMemory, MemoryHit
from detente.store.memory import MemoryLogReader, MemorySnapshot

NAMES = ["Ivan Petrenko", "IVAN PETRENKO", "Amina Yusuf", "José Ramírez", "Jose Ramirez", "Li Wei"]
CODES = [("UKR", "COP", "police chief"), ("UKR", "GOV", "minister"), ("NGA", "GOV", None), ("MEX", None, None)]


def _reference(hits: list[MemoryHit]) -> DictMemory:
    """The snapshot as a whole: per name, entries in (date, code) order, the first of each
    run of equal codes kept, looked up with DictMemory."""
    by_name: dict[str, list[MemoryHit]] = {}
    for hit in hits:
        by_name.setdefault(normalize_name(hit.name), []).append(hit)
    kept = []
    for key in sorted(by_name):
        last = None
        for hit in sorted(by_name[key], key=lambda h: (h.since, h.country or "", h.sector or "", h.title or "")):
            code = (hit.country, hit.sector, hit.title)
            if code != last:
                kept.append(hit)
                last = code
    return DictMemory(kept)


def _write_log(path, frames: list[list[MemoryHit]]) -> list[int]:
    """Frames of 10 sequence numbers each; returns the limits."""
    limits = []
    with open(path, "wb") as fh:
        for k, hits in enumerate(frames):
            pickle.dump((10 * k, 10 * (k + 1), hits), fh)
            limits.append(10 * (k + 1))
    return limits


def test_incremental_reads_answer_like_the_whole_snapshot(tmp_path) -> None:
    rng = random.Random(7)
    day0 = date(2020, 1, 1)
    frames = [
        [MemoryHit(rng.choice(NAMES), *rng.choice(CODES), day0 + timedelta(days=rng.randrange(60)))
         for _ in range(rng.randrange(0, 6))]
        for _ in range(30)
    ]
    log = tmp_path / "memory.log"
    limits = _write_log(log, frames)
    reader = MemoryLogReader()
    checked = answered = 0
    for k, limit in enumerate(limits):
        reader.advance(MemorySnapshot(str(log), limit))
        reference = _reference([h for frame in frames[: k + 1] for h in frame])
        for name in NAMES + ["Nobody"]:
            for day in [None, day0 - timedelta(days=1)] + [day0 + timedelta(days=d) for d in range(0, 62, 3)]:
                found = reader.lookup(name, day)
                assert found == reference.lookup(name, day), (k, name, day)
                checked += 1
                answered += found is not None
    assert checked > 4000 and answered > 1000


def test_out_of_order_dates_split_a_run(tmp_path) -> None:
    """Evidence may arrive out of date order: a later article about an earlier day can
    split a run of equal codes, so the reader keeps every distinct (date, code)."""
    minister = ("UKR", "GOV", "minister")
    chief = ("UKR", "COP", "police chief")
    log = tmp_path / "memory.log"
    limits = _write_log(log, [
        [MemoryHit("Ivan Petrenko", *minister, date(2020, 1, 1)), MemoryHit("Ivan Petrenko", *minister, date(2020, 3, 1))],
        [MemoryHit("Ivan Petrenko", *chief, date(2020, 2, 1))],
    ])
    reader = MemoryLogReader()
    reader.advance(MemorySnapshot(str(log), limits[0]))
    assert reader.lookup("Ivan Petrenko", date(2020, 3, 5)).since == date(2020, 1, 1)
    reader.advance(MemorySnapshot(str(log), limits[1]))
    # now minister (Jan) | police chief (Feb) | minister again (Mar)
    assert reader.lookup("Ivan Petrenko", date(2020, 2, 15)).title == "police chief"
    found = reader.lookup("ivan petrenko", date(2020, 3, 5))
    assert (found.title, found.since) == ("minister", date(2020, 3, 1))
    assert reader.lookup("Ivan Petrenko", date(2019, 12, 31)) is None


def test_a_new_log_or_an_earlier_limit_starts_again(tmp_path) -> None:
    first, second = tmp_path / "a.log", tmp_path / "b.log"
    _write_log(first, [[MemoryHit("Li Wei", "CHN", "GOV", None, date(2020, 1, 1))]])
    _write_log(second, [[], [MemoryHit("Amina Yusuf", "NGA", "GOV", None, date(2020, 1, 1))]])
    reader = MemoryLogReader()
    reader.advance(MemorySnapshot(str(first), 10))
    assert reader.lookup("Li Wei", None) is not None
    reader.advance(MemorySnapshot(str(second), 20))
    assert reader.lookup("Li Wei", None) is None and reader.lookup("Amina Yusuf", None) is not None
    reader.advance(MemorySnapshot(str(second), 10))  # less than was read: read again up to 10
    assert reader.lookup("Amina Yusuf", None) is None and len(reader) == 0
    reader.close()


def test_a_log_with_a_gap_is_refused_with_its_name(tmp_path) -> None:
    log = tmp_path / "memory.log"
    with open(log, "wb") as fh:
        pickle.dump((0, 10, []), fh)
        pickle.dump((20, 30, []), fh)
    reader = MemoryLogReader()
    with pytest.raises(ValueError, match="memory.log"):
        reader.advance(MemorySnapshot(str(log), 30))
