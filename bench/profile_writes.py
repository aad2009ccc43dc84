"""CPU time of the ingest parent's store writes (a script, not a test).

Extracts N real articles once (cached as a pickle, so repeated runs skip spaCy), then
writes them into a fresh DuckDB in chunks of ``--chunk`` articles, as ``ingest`` does, and
reports the CPU seconds of the writes (best of ``--repeat``); ``--profile K`` prints
cProfile's top K functions; ``--dump FILE`` writes every table's rows (sorted, minus the
ingest timestamps) so two versions of the writer can be compared byte for byte.

    .venv/bin/python bench/profile_writes.py --n 200 --repeat 3
    .venv/bin/python bench/profile_writes.py --n 200 --profile 30
"""

from __future__ import annotations

import argparse
import cProfile
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import as_articles, load_texts

#: columns that hold the time of writing, left out of --dump
_VOLATILE = {"ingested_at", "failed_at", "run_id"}


def _results(n: int, source: str, cache: Path) -> list[Any]:
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from detente.pipeline import Extractor
    from detente.records import ExtractedArticle

    extracted = Extractor().extract_many(list(as_articles(load_texts(source, n))))
    results = [r for r in extracted if isinstance(r, ExtractedArticle)]
    cache.write_bytes(pickle.dumps(results))
    return results


def _write_all(results: list[Any], chunk: int, path: Path, threads: int, prof: cProfile.Profile | None) -> float:
    from detente.store import content_hash, open_store

    store = open_store(path)
    store.con.execute(f"SET threads = {int(threads)}")
    hashes = [content_hash(r.article) for r in results]
    cpu = time.process_time()
    if prof is not None:
        prof.enable()
    for i in range(0, len(results), chunk):
        store.write(results[i:i + chunk], hashes[i:i + chunk], seqs=list(range(i, min(i + chunk, len(results)))))
    if prof is not None:
        prof.disable()
    spent = time.process_time() - cpu
    store.close()
    return spent


def _dump(path: Path, out: Path) -> None:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    lines = []
    for (table,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
        cols = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall() if c not in _VOLATILE]
        if not cols:
            continue
        select = ", ".join(f'"{c}"' for c in cols)
        rows = con.execute(f'SELECT {select} FROM "{table}" ORDER BY ALL').fetchall()
        lines.append(f"## {table} {cols}")
        lines.extend(repr(r) for r in rows)
    con.close()
    out.write_text("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--source", default="both", choices=["guardian", "india", "both"])
    ap.add_argument("--chunk", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the top K functions (cumulative and own)")
    ap.add_argument("--threads", type=int, default=1, help="DuckDB threads (ingest sets 1)")
    ap.add_argument("--dump", type=Path, help="write the stored rows here (for comparing writers)")
    ap.add_argument("--cache", type=Path, help="pickle of the extracted articles (default: a temp file)")
    args = ap.parse_args(argv)

    cache = args.cache or Path(tempfile.gettempdir()) / f"detente_writes_{args.source}_{args.n}.pkl"
    results = _results(args.n, args.source, cache)
    best = float("inf")
    prof = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as tmp:
        for lap in range(args.repeat):
            path = Path(tmp) / f"w{lap}.duckdb"
            last = lap == args.repeat - 1
            best = min(best, _write_all(results, args.chunk, path, args.threads, prof if last else None))
            if last and args.dump:
                _dump(path, args.dump)
    chunks = -(-len(results) // args.chunk)
    print(f"{len(results)} articles in {chunks} chunks of {args.chunk}: write CPU {best:.3f} s "
          f"(best of {args.repeat}), {1000 * best / chunks:.1f} ms/chunk")
    if prof is not None:
        stats = pstats.Stats(prof).strip_dirs()
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
