"""Ingest: read articles, extract them in worker processes, write them to the store.

Streaming and resumable by construction:

- Articles are read lazily, hashed (:func:`detente.store.content_hash`), and skipped when
  the store already holds them (or when they appeared earlier in the same run).
- The remaining articles are numbered (``seq``, continuing the store's numbering) and cut
  into chunks of ``chunk_size``. Each chunk is extracted by the workers as tasks of
  ``TASK_SIZE`` articles (the model is loaded once per worker; workers return plain
  records) and written by the parent in one transaction, in input order. A kill at any
  point loses at most the chunks in flight; the next run starts at the first article
  not written, on the same chunk boundaries.
- What the store learned about people (``memory``) reaches the workers as a snapshot
  attached to each chunk: the entries of articles with ``seq < first_seq - LAG`` where
  ``LAG = (IN_FLIGHT - 1) * chunk_size``. The limit depends only on positions, never on
  timing, so 1 or N workers, interrupted or not, give the same store. The entries go
  through an append-only log file that each worker reads incrementally
  (:mod:`detente.store.memory`), so a task carries only the log's name and the limit.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import datetime as dt
import gzip
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

from .ingest_crash import CrashMarker
from .ingest_pool import WorkerPool
from .records import Article, ArticleError, ExtractedArticle
from .settings import Settings, load_settings

log = logging.getLogger(__name__)

#: chunks in flight: submitted and not yet written (fixed, so results do not depend on
#: --workers). Chunk k is submitted once chunk k - IN_FLIGHT is written; its memory
#: snapshot needs only chunks up to k - IN_FLIGHT, so the workers never wait for the writer.
IN_FLIGHT = 3
#: articles per chunk (one chunk = one transaction)
CHUNK_SIZE = 16
#: articles per task sent to a worker: a chunk goes out as several tasks that share its
#: memory snapshot, so two workers share the first and the last chunk instead of one of
#: them idling while the other parses 16 articles. The parse and the stages of an article
#: do not depend on which articles share its batch, so the store is the same.
TASK_SIZE = 8
#: tasks of the run's last chunk: smaller still, since nothing follows them to balance.
LAST_TASK_SIZE = 4
#: failures kept in the report (all are in the ingest_errors table)
REPORT_FAILURES = 50


@dataclass(frozen=True)
class Progress:
    """Sent to the progress callback after every committed chunk."""

    done: int  # articles read so far (added + skipped + failed)
    total: int | None
    added: int
    skipped: int
    failed: int
    elapsed: float


@dataclass(frozen=True)
class IngestReport:
    run_id: str
    db: str
    seen: int
    added: int
    skipped: int
    failed: int
    events: int
    seconds: float
    failures: tuple[tuple[str, str, str], ...] = ()  # (article or input, stage, message)
    failed_before: int = 0  # of the skipped: failed in an earlier run (in ingest_errors)
    renamed: int = 0  # of the skipped: same text as an article stored under another id

    @property
    def rate(self) -> float:
        return (self.added + self.failed) / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Chunk:
    articles: list[Article] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)


@dataclass
class _Tally:
    seen: int = 0
    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    failed_before: int = 0  # of the skipped: recorded as failed by an earlier run
    renamed: int = 0  # of the skipped: the text of an article stored under another id

    def note_failure(self, where: str, stage: str, message: str) -> None:
        self.failed += 1
        if len(self.failures) < REPORT_FAILURES:
            self.failures.append((where, stage, message))


def ingest(
    paths: Sequence[str],
    db: str | Path = "detente.duckdb",
    workers: int = 1,
    settings: Settings | None = None,
    progress: Callable[[Progress], None] | None = None,
    *,
    chunk_size: int = CHUNK_SIZE,
    count_total: bool = True,
    make_extractor: ExtractorFactory | None = None,
) -> IngestReport:
    """Ingest files, folders and globs of articles into the store at ``db``.

    ``make_extractor(settings, memory)`` builds each worker's extractor (default: the
    pipeline's :class:`~detente.pipeline.Extractor`); with ``workers > 1`` it is sent to
    the worker processes, so it must be a module-level function."""
    from .store import open_store

    settings = settings or load_settings()
    workers = max(1, int(workers))
    # Workers start loading the model first, while this process opens the store, counts
    # and reads the inputs.
    executor = _make_executor(workers, settings, make_extractor or pipeline_extractor)
    try:
        store = open_store(db)
        try:
            store.verify()  # a damaged block is named now, not hidden by a run that "succeeds"
        except BaseException:
            store.close()
            raise
        # The parent's statements are small (one chunk each): extra DuckDB threads save
        # no time there and take CPU from the workers (this store is ours, closed below).
        store.con.execute("SET threads = 1")
        if store.path != ":memory:" and hasattr(executor, "track"):
            db_path = Path(store.path)
            executor.track(db_path.with_name(f".{db_path.name}.inflight"))
        try:
            return _Run(store, paths, workers, settings, progress, chunk_size, count_total).run(executor)
        finally:
            store.close()
    finally:
        executor.shutdown()


class _Run:
    """One ingest run: reader -> chunker -> extractors -> single writer."""

    def __init__(self, store: Any, paths: Sequence[str], workers: int, settings: Settings,
                 progress: Callable[[Progress], None] | None, chunk_size: int, count_total: bool) -> None:
        from .store import new_run_id

        self.store, self.paths, self.workers, self.settings = store, list(paths), workers, settings
        self.progress, self.chunk_size = progress, max(1, chunk_size)
        self.total = count_articles(self.paths) if (progress and count_total) else None
        self.run_id = new_run_id()
        self.tally = _Tally()
        self.problems: list[Any] = []  # InputProblems waiting for the next transaction
        self.started = time.monotonic()

    def run(self, executor: Any) -> IngestReport:
        from .store.memory import MemoryLog

        log_dir = _memory_log_dir(self.store.path)
        try:
            memory = MemoryLog(self.store.con, log_dir / "memory.log")
            try:
                self._run(executor, memory)
            finally:
                memory.close()
        finally:
            shutil.rmtree(log_dir, ignore_errors=True)
        t = self.tally
        return IngestReport(self.run_id, self.store.path, t.seen, t.added, t.skipped, t.failed, t.events,
                            time.monotonic() - self.started, tuple(t.failures), t.failed_before, t.renamed)

    def _run(self, executor: Any, memory: Any) -> None:
        self._log_start()
        pending: collections.deque[tuple[_Chunk, list[Any]]] = collections.deque()
        for chunk, last in _with_last(self._chunks()):
            if len(pending) >= IN_FLIGHT:
                self._commit(*pending.popleft())
            # Entries of chunks up to k - IN_FLIGHT, all written by now (see IN_FLIGHT).
            snapshot = memory.snapshot(chunk.seqs[0] - (IN_FLIGHT - 1) * self.chunk_size)
            size = LAST_TASK_SIZE if last else TASK_SIZE
            tasks = [chunk.articles[i : i + size] for i in range(0, len(chunk.articles), size)]
            pending.append((chunk, [executor.submit(task, snapshot) for task in tasks]))
            if getattr(executor, "runs_inline", False):
                # Extracted already, in this process: write it now, so that progress shows
                # at once and an interruption loses one chunk, not IN_FLIGHT. The snapshots
                # do not change: they never reach past chunk k - IN_FLIGHT.
                self._commit(*pending.popleft())
        while pending:
            self._commit(*pending.popleft())
        self._commit_problems()
        self._log_end("done")

    # -- reading ------------------------------------------------------------------------
    def _chunks(self) -> Iterator[_Chunk]:
        from .store import content_hash

        seen_in_run: dict[str, str | None] = {}  # content hash -> the id it came with first
        seq = self.store.next_seq()
        chunk = _Chunk()
        for window in _windows(self._articles(), 256):
            hashes = [content_hash(a) for a in window]
            stored = self.store.existing(hashes)
            ids = self.store.stored_ids(list(stored)) if stored else {}
            failed = self.store.failed_hashes(list(stored)) if stored else set()
            for art, chash in zip(window, hashes):
                self.tally.seen += 1
                if chash in stored or chash in seen_in_run:
                    self.tally.skipped += 1
                    self.tally.failed_before += chash in failed
                    self._note_other_id(art, ids[chash] if chash in ids else seen_in_run.get(chash))
                    continue
                seen_in_run[chash] = art.id
                chunk.articles.append(art)
                chunk.hashes.append(chash)
                chunk.seqs.append(seq)
                seq += 1
                if len(chunk.articles) >= self.chunk_size:
                    yield chunk
                    chunk = _Chunk()
            self._report()
        if chunk.articles:
            yield chunk

    def _note_other_id(self, art: Article, first_id: str | None) -> None:
        """The same text under another id: one article, kept under its first id."""
        if art.id is not None and first_id is not None and art.id != first_id:
            self.tally.renamed += 1
            log.info("article %s: same text as article %s, stored once under %s", art.id, first_id, first_id)

    def _articles(self) -> Iterator[Article]:
        from .sources import InputProblem, read_inputs

        for item in read_inputs(self.paths):
            if isinstance(item, InputProblem):
                self.tally.seen += 1
                self.tally.note_failure(item.source, "read", item.message)
                self.problems.append(item)
            else:
                yield item

    # -- writing ------------------------------------------------------------------------
    def _commit(self, chunk: _Chunk, futures: list[Any]) -> None:
        from .store import Failure

        results = [self._with_limits(art, result) for art, result in
                   zip(chunk.articles, (result for future in futures for result in future.result()))]
        failures = [Failure("read", p.message, p.source) for p in self.problems]
        self.problems = []
        ok = 0
        for art, result in zip(chunk.articles, results):
            if isinstance(result, ArticleError):
                self.tally.note_failure(art.id or art.source or "?", result.stage, result.message)
            else:
                ok += 1
                self.tally.events += len(result.events)
        self.tally.added += self.store.write(
            results, chunk.hashes, seqs=chunk.seqs, failures=failures, run_id=self.run_id,
            log_update=self._log_update(extra_added=ok),
        )
        self._report()

    def _with_limits(self, art: Article, result: ExtractedArticle | ArticleError) -> ExtractedArticle | ArticleError:
        """The cut at ``max_chars`` is made before the workers see the text: note it here."""
        from .limits import with_truncation

        return with_truncation(art, result, self.settings.max_chars)

    def _commit_problems(self) -> None:
        from .store import Failure

        if self.problems:
            failures = [Failure("read", p.message, p.source) for p in self.problems]
            self.problems = []
            self.store.write([], [], failures=failures, run_id=self.run_id, log_update=self._log_update())

    def _report(self) -> None:
        if self.progress is not None:
            t = self.tally
            self.progress(Progress(t.added + t.skipped + t.failed, self.total, t.added, t.skipped, t.failed, time.monotonic() - self.started))

    # -- ingest_log ---------------------------------------------------------------------
    def _log_start(self) -> None:
        # Only one process can write a store: a run still 'running' was killed.
        self.store.con.execute("UPDATE ingest_log SET status = 'interrupted' WHERE status = 'running'")
        self.store.con.execute(
            "INSERT INTO ingest_log VALUES (?, ?, NULL, ?, ?, 0, 0, 0, 0, 'running')",
            [self.run_id, dt.datetime.now(), json.dumps(self.paths), self.workers],
        )

    def _log_update(self, extra_added: int = 0) -> tuple[str, list[Any]]:
        t = self.tally
        return (
            "UPDATE ingest_log SET finished_at = ?, articles_seen = ?, articles_added = ?, "
            "articles_skipped = ?, errors = ? WHERE run_id = ?",
            [dt.datetime.now(), t.seen, t.added + extra_added, t.skipped, t.failed, self.run_id],
        )

    def _log_end(self, status: str) -> None:
        t = self.tally
        self.store.con.execute(
            "UPDATE ingest_log SET finished_at = ?, articles_seen = ?, articles_added = ?, "
            "articles_skipped = ?, errors = ?, status = ? WHERE run_id = ?",
            [dt.datetime.now(), t.seen, t.added, t.skipped, t.failed, status, self.run_id],
        )


def _memory_log_dir(store_path: str) -> Path:
    """A fresh folder for the workers' memory log, beside the store: only one process can
    write a store, so a folder a killed run left is this store's and is replaced."""
    if store_path == ":memory:":
        return Path(tempfile.mkdtemp(prefix="detente-ingest-"))
    db = Path(store_path)
    folder = db.with_name(f".{db.name}.ingest")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def _with_last(chunks: Iterator[_Chunk]) -> Iterator[tuple[_Chunk, bool]]:
    """Each chunk with whether it is the run's last (reads one chunk ahead)."""
    previous = next(chunks, None)
    if previous is None:
        return
    for chunk in chunks:
        yield previous, False
        previous = chunk
    yield previous, True


def _windows(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    window: list[Article] = []
    for item in items:
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


# -- extraction: in process or in worker processes ---------------------------------------
class BatchExtractor(Protocol):
    """What a worker needs of an extractor (the pipeline's Extractor is one)."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle | ArticleError]: ...


#: Builds one worker's extractor from the run's settings and the actor memory it reads.
ExtractorFactory = Callable[[Settings, Any], BatchExtractor]


def pipeline_extractor(settings: Settings, memory: Any) -> BatchExtractor:
    """The default :data:`ExtractorFactory`: the real pipeline, model loaded once."""
    from .pipeline import Extractor

    return Extractor(settings, memory=memory)


class _InlineExecutor:
    """Runs chunks in this process (workers=1) with the same snapshot rules as the pool."""

    #: submit() returns a finished future: the run writes each chunk as soon as it is submitted
    runs_inline = True

    def __init__(self, settings: Settings, make_extractor: ExtractorFactory) -> None:
        self._settings, self._make_extractor = settings, make_extractor
        self._worker: _Worker | None = None  # built at the first chunk: nothing to overlap
        self._marker: CrashMarker | None = None

    def track(self, path: Path) -> None:
        """Note the articles in extraction in ``path``, so that one that kills this
        process is extracted alone by the next run, then failed (:mod:`detente.ingest_crash`)."""
        self._marker = CrashMarker(path)

    def submit(self, articles: list[Article], snapshot: Any) -> cf.Future:
        if self._worker is None:
            self._worker = _Worker(self._settings, self._make_extractor)
        worker = self._worker
        future: cf.Future = cf.Future()
        if self._marker is None:
            future.set_result(worker.run(articles, snapshot))
        else:
            future.set_result(self._marker.run(articles, lambda some: worker.run(some, snapshot)))
        return future

    def shutdown(self) -> None:
        if self._worker is not None:
            self._worker.memory.close()


_PRELOAD = ("spacy", "detente.pipeline", "detente.actors", "detente.events", "detente.grounding.places",
            "detente.grounding.time", "detente.quotes")


class _PoolExecutor(WorkerPool):
    """Worker processes that each load the model once; a dead worker is replaced and the
    article that killed it recorded as failed (see :mod:`detente.ingest_pool`)."""

    def __init__(self, workers: int, settings: Settings, make_extractor: ExtractorFactory | None = None) -> None:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            # Import spaCy and the stages once in the fork server, not once per worker.
            context.set_forkserver_preload(list(_PRELOAD))
        super().__init__(workers, context, initializer=_init_worker,
                         initargs=(settings, os.getpid(), make_extractor or pipeline_extractor),
                         task=_run_in_worker, ready=_worker_ready, max_chars=settings.max_chars)


def _make_executor(workers: int, settings: Settings, make_extractor: ExtractorFactory) -> Any:
    if workers == 1:
        return _InlineExecutor(settings, make_extractor)
    return _PoolExecutor(workers, settings, make_extractor)


class _Worker:
    """One Extractor (model loaded once) whose memory follows the run's memory log."""

    def __init__(self, settings: Settings, make_extractor: ExtractorFactory = pipeline_extractor) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        from .store.memory import MemoryLogReader

        self.memory = MemoryLogReader()
        self.extractor = make_extractor(settings, self.memory)
        #: (wall, CPU) seconds this took, reported to the bench by _worker_ready
        self.startup = (time.perf_counter() - started, time.process_time() - cpu)

    def run(self, articles: list[Article], snapshot: Any) -> list[ExtractedArticle | ArticleError]:
        self.memory.advance(snapshot)
        return list(self.extractor.extract_many(articles))


# The worker process's Extractor: built by the pool initializer, used by every task of that
# process. Module state is the only way a ProcessPoolExecutor task can reach it.
_WORKER: _Worker | None = None


def _init_worker(settings: Settings, parent: int | None = None,
                 make_extractor: ExtractorFactory = pipeline_extractor) -> None:
    global _WORKER
    logging.basicConfig(level=logging.WARNING)
    if parent is not None:
        _watch_parent(parent)
    _WORKER = _Worker(settings, make_extractor)


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """Exit when the ingest process is gone. A worker's parent is the fork server, and a
    pool worker holds both ends of its task queue, so after a hard kill of the ingest
    (SIGKILL, OOM) nothing else would end the worker: it would wait for tasks forever."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                continue  # the pid exists (taken by another user's process): keep going

    threading.Thread(target=watch, name="detente-parent-watch", daemon=True).start()


def _worker_ready() -> tuple[int, float, float]:
    assert _WORKER is not None, "worker not initialised"
    return (os.getpid(), *_WORKER.startup)


def _run_in_worker(articles: list[Article], snapshot: Any) -> list[ExtractedArticle | ArticleError]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.run(articles, snapshot)


# -- counting for the progress bar --------------------------------------------------------
def count_articles(paths: Sequence[str]) -> int | None:
    """A quick count of the articles in the inputs (lines of JSONL files, one per other
    file), for the progress bar's ETA; None when it cannot be known (stdin)."""
    from .sources import InputProblem, expand_inputs

    total = 0
    for item in expand_inputs(paths):
        if isinstance(item, InputProblem):
            continue
        if item == "-":
            return None
        name = item.lower()
        try:
            if name.endswith((".jsonl", ".json", ".jsonl.gz")):
                opener = gzip.open if name.endswith(".gz") else open
                with opener(item, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif Path(item).is_file():
                total += 1
        except (OSError, EOFError):
            continue
    return total
