"""What a DuckDB error on the store means to the user, in one line with the fix.

DuckDB reports a locked file, a damaged one, a full disk and a read-only file system all
as ``IOException`` (or, for a failed checksum, sometimes another class); the text tells
them apart. Each gets its own message: "another process may be writing it" is only said
where a lock is the cause.
"""

from __future__ import annotations

from ..errors import StoreError

_DAMAGED = ("checksum", "corrupt", "not a valid duckdb", "could not read enough bytes", "invalid block",
            "failed to read", "deserializ", "serializ", "truncated")
_FULL = ("no space left", "disk is full", "disk full", "not enough space", "errno 28")
_READ_ONLY = ("read-only file system", "read only file system", "errno 30")
_LOCKED = ("lock", "conflicting")
_DENIED = ("permission denied", "errno 13")


def store_error(where: str, exc: BaseException, doing: str = "open") -> StoreError:
    """A StoreError naming the store, what failed and how to fix it."""
    text = " ".join(str(exc).split())
    low = text.lower()
    if any(k in low for k in _FULL):
        return StoreError(f"{where}: no space left on the device while writing the store; free some space and "
                          "run the same command again: what was written before is kept and ingest resumes")
    if any(k in low for k in _READ_ONLY):
        return StoreError(f"{where}: the store is on a read-only file system; copy it to a writable folder "
                          "(--db there), or only read it (events, summary, export, serve)")
    if any(k in low for k in _DENIED):
        return StoreError(f"{where}: permission denied; give a --db in a folder you can write")
    if any(k in low for k in _DAMAGED):
        return StoreError(f"{where}: the store file is damaged ({_short(text)}); restore it from a copy, or "
                          "ingest the articles again into a new --db")
    if any(k in low for k in _LOCKED):
        return StoreError(f"{where}: another detente process is writing the store; wait for it to finish or "
                          "use another --db")
    return StoreError(f"{where}: cannot {doing} the store ({_short(text)})")


def is_store_fault(exc: BaseException) -> bool:
    """True for an error raised by DuckDB (not by detente's own code)."""
    return type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb")


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
