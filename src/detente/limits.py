"""The per-article time budget (``Settings.time_budget``).

An article that keeps the stages busy longer than the budget (an input no limit on size
foresaw) is stopped, so that one article cannot stall an ingest for hours; the ingest
records it as failed (stage ``time_budget``) and a resume skips it.

The budget is enforced with a ``SIGALRM`` timer, which interrupts Python code anywhere
(a check between stages would not stop a stage that never ends). A timer can only be
used from the main thread and only when nobody else's timer is running (the previous
handler is put back afterwards). Elsewhere (a Ray Data actor runs its batches in another
thread; pytest-timeout holds the timer) a watchdog thread raises the same exception in
the article's thread, also between two Python bytecodes (CPython's
``PyThreadState_SetAsyncExc``; a few ms late: the watchdog waits for the GIL), so both
engines stop the same articles.
"""

from __future__ import annotations

import contextlib
import dataclasses
import signal
import threading
from typing import Any, Iterator

from .records import Article, ArticleError, ExtractedArticle


class OverBudget(BaseException):
    """The article's stages took longer than ``Settings.time_budget``. A BaseException, like
    KeyboardInterrupt, so that no ``except Exception`` inside a stage swallows it."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` in the body once ``seconds`` have passed (0: no limit)."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not _can_time():
        with _thread_budget(seconds):
            yield
        return
    armed = [True]

    def expire(signum: int, frame: Any) -> None:
        if armed[0]:
            armed[0] = False
            raise _over(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _over(seconds: float) -> OverBudget:
    return OverBudget(f"its stages took over {seconds:g} s (time_budget); it is skipped, and a resume skips it too")


@contextlib.contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    """The budget where no SIGALRM timer can be used: a timer thread raises OverBudget in this one."""
    import ctypes

    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"armed": True, "sent": False}

    def expire() -> None:
        with lock:  # never after the body has ended
            if state["armed"]:
                state["sent"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(OverBudget))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    over = False
    try:
        yield
    except OverBudget:
        over = True
    finally:
        with lock:
            state["armed"] = False
        timer.cancel()
        if state["sent"]:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)  # one still pending is dropped
    # Sent but not seen: something swallowed it (a finalizer, a C callback); over all the same.
    if over or state["sent"]:
        raise _over(seconds)


def _can_time() -> bool:
    if not hasattr(signal, "setitimer"):
        return False
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # someone else's timer: leave it


def with_truncation(article: Article, result: ExtractedArticle | ArticleError, max_chars: int) -> ExtractedArticle | ArticleError:
    """``result`` with the note that ``article`` was cut at ``max_chars`` (the extractor
    parses only the first ``max_chars`` characters); both engines add it after extraction."""
    if isinstance(result, ArticleError) or len(article.text) <= max_chars:
        return result
    note = ("truncated", f"{len(article.text)} characters, only the first {max_chars} parsed (max_chars)")
    return dataclasses.replace(result, notes=result.notes + (note,))
