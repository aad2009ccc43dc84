"""``python ingest_driver.py SRC DB WORKERS``: the real ingest (reader, chunks, pool,
memory log, writer) with the model-free extractor of fake_extractor.py, for the SIGKILL
loops. Prints ``start``, then ``chunk N pids P,Q`` after each committed chunk (the pool's
worker pids, so that a test can kill one), then ``done``."""

from __future__ import annotations

import sys

import fake_extractor
from detente import ingest as ingest_mod
from detente.settings import load_settings


def main(src: str, db: str, workers: int) -> None:
    # The fork server need not import spaCy and the stages: the fake extractor uses neither.
    ingest_mod._PRELOAD = ("detente.ingest", "fake_extractor")
    pools: list = []
    real_make = ingest_mod._make_executor

    def make(n, settings, make_extractor):
        pools.append(real_make(n, settings, make_extractor))
        return pools[-1]

    ingest_mod._make_executor = make
    chunks = [0]

    def progress(p) -> None:
        if p.done:
            chunks[0] += 1
            pool = getattr(pools[0], "_pool", None) if pools else None
            pids = ",".join(str(pid) for pid in sorted(getattr(pool, "_processes", None) or {}))
            print(f"chunk {chunks[0]} pids {pids}", flush=True)

    print("start", flush=True)
    ingest_mod.ingest([src], db, workers=workers, settings=load_settings(), progress=progress,
                      chunk_size=4, count_total=False, make_extractor=fake_extractor.make)
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
