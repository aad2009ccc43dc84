"""CPU time of detente's own stages, the spaCy parse excluded (a script, not a test).

Parses N real articles once (outside the measurement), then runs each stage of
``Extractor.process`` over all the parsed Docs and reports the CPU seconds per stage
(best of ``--repeat``), and with ``--profile`` the functions that cost most under cProfile.

    .venv/bin/python bench/profile_stages.py --n 100 --repeat 3
    .venv/bin/python bench/profile_stages.py --n 100 --profile 40
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import as_articles, load_texts


def _parsed(extractor: Any, n: int, source: str) -> list[tuple[Any, Any, Any]]:
    arts = list(as_articles(load_texts(source, n)))
    cleaned = [extractor._clean(a) for a in arts]
    nlp = extractor.resources.nlp
    docs = list(nlp.pipe([c.text for c in cleaned], batch_size=extractor.settings.batch_size))
    return list(zip(arts, cleaned, docs))


def _stages(extractor: Any) -> list[tuple[str, Callable[[Any, Any, dict[str, Any]], None]]]:
    from detente import pipeline as p
    from detente.grounding.ground import date_quotes, ground_events
    from detente.quotes import find_quotes

    res = extractor.resources

    def actors(art: Any, doc: Any, st: dict[str, Any]) -> None:
        st["actors"] = res.actors.analyse(doc, art.published)

    def quotes(art: Any, doc: Any, st: dict[str, Any]) -> None:
        st["quotes"] = find_quotes(doc, st["actors"])

    def events(art: Any, doc: Any, st: dict[str, Any]) -> None:
        st["events"] = res.events.code(doc, st["actors"], st["quotes"], art.published)

    def grounding(art: Any, doc: Any, st: dict[str, Any]) -> None:
        countries = p._article_countries(st["actors"].actors)
        ground_events(doc, st["events"], art.published, countries, res.gazetteer)
        date_quotes(doc, st["quotes"], art.published)

    return [("actors", actors), ("quotes", quotes), ("events", events), ("grounding", grounding)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--source", default="both", choices=["guardian", "india", "both"])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the top K functions (cumulative and own)")
    ap.add_argument("--callers", default="", help="with --profile: print the callers of functions matching this regex")
    args = ap.parse_args(argv)

    from detente.pipeline import Extractor

    extractor = Extractor()
    items = _parsed(extractor, args.n, args.source)
    tokens = sum(len(d) for _, _, d in items)
    stages = _stages(extractor)
    best = {name: float("inf") for name, _ in stages}
    prof = cProfile.Profile() if args.profile else None
    for lap in range(args.repeat):
        states: list[dict[str, Any]] = [{} for _ in items]
        for name, fn in stages:
            if prof is not None and lap == args.repeat - 1:
                prof.enable()
            cpu = time.process_time()
            for (art, _, doc), st in zip(items, states):
                fn(art, doc, st)
            best[name] = min(best[name], time.process_time() - cpu)
            if prof is not None:
                prof.disable()
    total = sum(best.values())
    print(f"{len(items)} articles, {tokens} tokens; CPU seconds per stage (best of {args.repeat}):")
    for name, sec in best.items():
        print(f"  {name:10s} {sec:7.3f} s  {100 * sec / total:5.1f}%  {1000 * sec / len(items):6.2f} ms/article")
    print(f"  {'total':10s} {total:7.3f} s")
    if prof is not None:
        stats = pstats.Stats(prof).strip_dirs()
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        if args.callers:
            stats.sort_stats("tottime").print_callers(args.callers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
