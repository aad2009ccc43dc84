"""The per-article time budget (``Settings.time_budget``).

An article that keeps the stages busy longer than the budget (an input no limit on size
foresaw) is stopped, so that one article cannot stall an ingest for hours; the ingest
records it as failed (stage ``time_budget``) and a resume skips it.

The budget is enforced with a ``SIGALRM`` timer, which interrupts Python code anywhere
(a check between stages would not stop a stage that never ends). A timer can only be
used from the main thread and only when nobody else's timer is running: elsewhere the
budget is not enforced. The previous handler is put back afterwards.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any, Iterator


class OverBudget(BaseException):
    """The article's stages took longer than ``Settings.time_budget``. A BaseException, like
    KeyboardInterrupt, so that no ``except Exception`` inside a stage swallows it."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` in the body once ``seconds`` have passed (0: no limit)."""
    if seconds <= 0 or not _can_time():
        yield
        return
    armed = [True]

    def expire(signum: int, frame: Any) -> None:
        if armed[0]:
            armed[0] = False
            raise OverBudget(f"its stages took over {seconds:g} s (time_budget); it is skipped, "
                             "and a resume skips it too")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _can_time() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # someone else's timer: leave it
