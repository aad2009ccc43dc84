"""The ingest's worker processes: a process pool that survives a dead worker.

A worker killed by the kernel (out of memory), a segfault in native code or an
``os._exit`` breaks a :class:`concurrent.futures.ProcessPoolExecutor`: every task in
flight fails with ``BrokenProcessPool``. :class:`WorkerPool` then starts a new pool and
extracts the articles of the failed tasks again, one article per task and one task at a
time, so that a worker that dies again names its article. That article is returned as an
:class:`~detente.records.ArticleError` (stage ``worker``), which the store records like
any failure, so a resume skips it; every other article gets its normal result. Results
do not depend on the crash: a task's articles are extracted with the task's own memory
snapshot, and one article's parse does not depend on the others of its batch.

Workers are sent only what they parse: a text longer than ``max_chars`` goes out cut to
that length, and the results come back without the article's text; the parent puts its
own article (with the whole text, which the store keeps) back into each result.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import logging
import signal
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Sequence

from .errors import DetenteError
from .records import Article, ArticleError, ExtractedArticle

log = logging.getLogger(__name__)

Result = ExtractedArticle | ArticleError
#: exit codes of the pool's own shutdown of the other workers after one died
_TERMINATED = (None, 0, -signal.SIGTERM)
#: exit codes that say little: Python's for an error of its own, forkserver's for "not known"
_GENERIC = (1, 255)


class PoolTask:
    """A submitted task; :meth:`result` gives one result per article, in order."""

    def __init__(self, pool: "WorkerPool", articles: Sequence[Article], snapshot: Any, future: cf.Future) -> None:
        self._pool = pool
        self.articles, self.snapshot, self.future = list(articles), snapshot, future
        self.results: list[Result] | None = None

    def result(self) -> list[Result]:
        if self.results is None:
            self._pool._resolve(self)
        assert self.results is not None
        return self.results


class WorkerPool:
    """A process pool whose tasks are ``task(articles, snapshot) -> list[Result]``.

    ``initializer(*initargs)`` runs in each new worker (it loads the model);
    ``ready()`` is a no-op task that each worker answers once started."""

    def __init__(self, workers: int, context: Any, *, initializer: Callable[..., None], initargs: tuple,
                 task: Callable[..., list[Result]], ready: Callable[[], Any], max_chars: int | None = None) -> None:
        self._workers, self._context = workers, context
        self._initializer, self._initargs = initializer, initargs
        self._task, self._ready, self._max_chars = task, ready, max_chars
        self._live: list[PoolTask] = []  # submitted to the current pool, not resolved yet
        # The current pool's worker processes as seen at each submit: the executor may drop
        # a dead one from its own table before we read its exit code.
        self._seen: dict[int, Any] = {}
        self._pool = self._new_pool()
        # The pool starts a process per submit while none is idle: one no-op task per
        # worker starts them all now, so they load while the parent reads the input.
        self._started = [self._pool.submit(ready) for _ in range(workers)]

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=self._workers, mp_context=self._context,
                                      initializer=self._initializer, initargs=self._initargs)

    def ready(self, timeout: float | None = None) -> list[Any]:
        """Wait for the start-up tasks (for the bench)."""
        return [f.result(timeout) for f in self._started]

    def submit(self, articles: Sequence[Article], snapshot: Any) -> PoolTask:
        sent = [self._slim(a) for a in articles]
        try:
            future = self._pool.submit(run_slim, self._task, sent, snapshot)
        except BrokenProcessPool:  # a worker died since the last result was read
            self._recover()
            future = self._pool.submit(run_slim, self._task, sent, snapshot)
        self._note_processes()
        task = PoolTask(self, articles, snapshot, future)
        self._live.append(task)
        return task

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- results and recovery ------------------------------------------------------------
    def _resolve(self, task: PoolTask) -> None:
        try:
            task.results = self._restore(task.articles, task.future.result())
        except BrokenProcessPool:
            self._recover()
        else:
            self._live.remove(task)

    def _recover(self) -> None:
        """The pool broke: restart it and redo every unfinished task of the old pool."""
        dead = self._death_note()
        log.warning("an ingest worker died (%s); restarting the workers and retrying its articles alone", dead)
        broken, self._live = self._live, []
        self._restart()
        for task in broken:
            try:
                task.results = self._restore(task.articles, task.future.result())
            except (BrokenProcessPool, cf.CancelledError):
                task.results = [self._alone(art, task.snapshot, dead) for art in task.articles]

    def _alone(self, art: Article, snapshot: Any, earlier: str) -> Result:
        """Extract one article as the only task in flight: if the worker dies, it was this one."""
        future = self._pool.submit(run_slim, self._task, [self._slim(art)], snapshot)
        self._note_processes()
        try:
            return self._restore([art], future.result())[0]
        except BrokenProcessPool:
            dead = self._death_note(fallback=earlier)
            self._restart()
        message = (f"the worker process died while extracting it ({dead}), also when retried alone; "
                   "it is skipped (a resume skips it too). Check the article's size and content")
        log.warning("article %s: %s", art.id or art.source or "?", message)
        return ArticleError(art.id, "worker", message)

    def _restart(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._seen = {}
        self._pool = self._new_pool()
        try:
            self._pool.submit(self._ready).result()
        except BrokenProcessPool:
            raise DetenteError(
                "ingest workers cannot start after a worker died (the model could not be loaded); "
                "check free memory, or run with --workers 1"
            ) from None

    def _death_note(self, fallback: str | None = None) -> str:
        """How the dead worker ended, from the exit codes of the broken pool's processes
        (the others end with SIGTERM: the pool terminates them)."""
        self._note_processes()
        codes = [p.exitcode for p in list(self._seen.values()) if p.exitcode not in _TERMINATED]
        # 255 is also what a forkserver child reports when its status was not read in time,
        # and 1 what a worker caught mid-task by the shutdown may give: a telling code wins,
        # then the earlier death's note (the article that died alone died that way before).
        telling = [code for code in codes if code not in _GENERIC]
        if telling:
            return describe_exit(telling[0])
        if fallback is not None:
            return fallback
        return describe_exit(codes[0]) if codes else "it ended abruptly"

    def _note_processes(self) -> None:
        self._seen.update(getattr(self._pool, "_processes", None) or {})  # pid -> Process

    # -- what goes to the workers and back -----------------------------------------------
    def _slim(self, art: Article) -> Article:
        """The article as the worker needs it: the text only up to what is parsed."""
        limit = self._max_chars
        if limit is None or len(art.text) <= limit:
            return art
        log.warning("article %s: %d characters, cut to %d", art.id, len(art.text), limit)
        return dataclasses.replace(art, text=art.text[:limit])

    @staticmethod
    def _restore(articles: Sequence[Article], results: list[Result]) -> list[Result]:
        """Put the parent's articles (whole texts) back into the workers' results."""
        return [dataclasses.replace(r, article=art) if isinstance(r, ExtractedArticle) else r
                for art, r in zip(articles, results)]


def describe_exit(code: int) -> str:
    """'killed by signal 9 (SIGKILL: out of memory?)' or 'exit code 3'."""
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = {"SIGKILL": ": out of memory?", "SIGSEGV": ": a crash in native code"}.get(name, "")
        return f"killed by signal {-code} ({name}{hint})"
    return f"exit code {code}"


def run_slim(task: Callable[..., list[Result]], articles: list[Article], snapshot: Any) -> list[Result]:
    """Runs in the worker: the task's results, without the article texts (the parent
    has them), so that a long article is not sent back."""
    results = task(articles, snapshot)
    return [dataclasses.replace(r, article=dataclasses.replace(r.article, text=""))
            if isinstance(r, ExtractedArticle) else r for r in results]
