"""Ray's overhead: the same articles through `detente ingest --workers N` and
`detente ingest --engine ray --workers N` (N actors) on this machine.

Usage (from the repository root, with the detente[ray] extra installed)::

    .venv/bin/python bench/scale.py                      # 249 Guardian articles, 10 shards, N = 2
    .venv/bin/python bench/scale.py --n 50 --shards 5 --pairs 3

Texts are the Guardian articles of the shared evaluation folder (never copied into the
repository), ../shared/eval/guardian_sdf_sample/articles.jsonl.gz (or $DETENTE_SHARED),
else the bundled samples. Each command runs in a fresh process, so the figures include
start-up (model loads, and Ray's own start for the ray engine): articles/s of the whole
command, the CPU seconds of the command's process tree (Ray's GCS, raylet and actors
included) and so articles per CPU second, and peak memory as the largest sum of RSS over
the tree, sampled every 0.2 s. On a machine that other jobs share, wall time favours the
command with more busy processes (the scheduler gives it a larger share of the cores);
articles per CPU second does not depend on that, and is the figure to multiply by the
CPUs of a cluster.

``--pairs K`` runs the two commands in turn K times and reports the ratio of each pair and
their median: on a shared machine, a pair run back to back sees about the same load.

A script, not a test: the figures depend on the machine and on its load, printed with them.
"""

from __future__ import annotations

import argparse
import json
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _articles(n: int) -> list[str]:
    shared = Path(os.environ.get("DETENTE_SHARED", REPO.parent / "shared"))
    guardian = shared / "eval" / "guardian_sdf_sample" / "articles.jsonl.gz"
    if guardian.exists():
        with gzip.open(guardian, "rt", encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip()]
    else:
        print(f"note: {guardian} not found; using samples/articles.jsonl", file=sys.stderr)
        lines = (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    if n > len(lines) and (shared / "eval" / "india_police_events").exists():
        # More than the Guardian holds: Times of India articles after them, so that a run is
        # long enough to show Ray's steady state apart from its fixed start-up.
        from throughput import read_india  # bench/ is the script's folder

        lines += [json.dumps(r) + "\n" for r in read_india(shared / "eval")]
    return lines[:n]


def _tree(root: int) -> dict[int, tuple[int, float]]:
    """RSS (bytes) and CPU seconds (user + system) of ``root`` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    stats: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat[stat.rfind(")") + 2:].split()
            parents[int(entry)] = int(fields[1])
            stats[int(entry)] = (int(fields[21]) * os.sysconf("SC_PAGE_SIZE"),
                                 (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return {p: stats[p] for p in tree if p in stats}


def _measure(cmd: list[str]) -> tuple[float, int, float, str]:
    """Wall seconds, peak RSS of the process tree, CPU seconds of the tree, last output line.
    CPU is each process's last sample (every 0.2 s): what a process spends after its
    last sample is not counted, so the figure is a slight undercount for both engines."""
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    peak = 0
    cpu: dict[int, float] = {}

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            tree = _tree(proc.pid)
            peak = max(peak, sum(rss for rss, _ in tree.values()))
            cpu.update({pid: seconds for pid, (_, seconds) in tree.items()})
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - started
    thread.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out}")
    return seconds, peak, sum(cpu.values()), out.strip().splitlines()[-1] if out.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=249, help="articles (default: the 249 of the Guardian sample; more adds Times of India articles)")
    ap.add_argument("--shards", type=int, default=10, help="JSONL shards they are split into")
    ap.add_argument("--workers", type=int, default=2, help="worker processes / Ray actors")
    ap.add_argument("--pairs", type=int, default=1, help="local/ray pairs run back to back (the ratio per pair)")
    args = ap.parse_args()
    lines = _articles(args.n)
    detente = str(Path(sys.executable).with_name("detente"))
    with tempfile.TemporaryDirectory(prefix="detente-scale-") as tmp:
        shards = Path(tmp) / "in"
        shards.mkdir()
        per = -(-len(lines) // args.shards)
        for i in range(args.shards):
            (shards / f"part-{i:03d}.jsonl").write_text("".join(lines[i * per:(i + 1) * per]), encoding="utf-8")
        ratios = []
        for pair in range(args.pairs):
            load = os.getloadavg()[0]
            runs = {
                f"ingest --workers {args.workers}": [
                    detente, "ingest", str(shards), "--db", f"{tmp}/local-{pair}.duckdb", "--workers",
                    str(args.workers), "-q"],
                f"ingest --engine ray --workers {args.workers}": [
                    detente, "ingest", str(shards), "--engine", "ray", "--out", f"{tmp}/out-{pair}", "--workers",
                    str(args.workers), "-q"],
            }
            rates, per_cpu = [], []
            for name, cmd in runs.items():
                seconds, peak, cpu, last = _measure(cmd)
                rates.append(len(lines) / seconds)
                per_cpu.append(len(lines) / cpu if cpu else 0.0)
                print(f"{name:40s} {len(lines)} articles in {seconds:6.1f} s = {rates[-1]:.2f} articles/s, "
                      f"{cpu:6.1f} CPU s = {per_cpu[-1]:.2f} articles per CPU second, "
                      f"peak RSS {peak / 2**30:.2f} GiB  ({last})")
            ratios.append((rates[1] / rates[0], per_cpu[1] / per_cpu[0]))
            print(f"pair {pair + 1}: ray / local throughput {ratios[-1][0]:.2f}x wall, {ratios[-1][1]:.2f}x per CPU "
                  f"second (load average {load:.1f} on {os.cpu_count()} cores at the start)")
        for i, what in enumerate(("wall", "per CPU second")):
            r = sorted(x[i] for x in ratios)
            print(f"ray / local throughput over {len(r)} pairs, {what}: median {statistics.median(r):.2f}x "
                  f"(min {r[0]:.2f}x, max {r[-1]:.2f}x)")
        print(_compare(f"{tmp}/local-0.duckdb", f"{tmp}/out-0", f"{tmp}/ray.duckdb"))


def _compare(local: str, out: str, loaded: str) -> str:
    """Load the Ray output into a store and compare its events with the local ingest's."""
    sys.path.insert(0, str(REPO / "src"))
    from detente.scale.load import load_parquet
    from detente.store import open_store

    load_parquet(out, loaded)
    sql = ("SELECT a.id, e.event_id, e.type, e.status, e.date, e.actor_names, e.recipient_names, e.location_name, "
           "e.span_start, e.span_end FROM events e JOIN articles a USING (content_hash) ORDER BY 1, 2")
    with open_store(local, read_only=True) as a, open_store(loaded, read_only=True) as b:
        x, y = (
            {tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in s.con.execute(sql).fetchall()}
            for s in (a, b)
        )
        same_counts = a.counts() == b.counts()
    return (f"events: {len(x)} local, {len(y)} ray, {len(x ^ y)} rows differ; "
            f"table counts {'equal' if same_counts else 'differ'}")


if __name__ == "__main__":
    main()
