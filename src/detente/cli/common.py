"""Helpers shared by CLI commands: error lines, exit codes, settings from options."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, NoReturn

import typer

from ..errors import DetenteError
from ..settings import Settings, load_settings

#: Exit codes: every input processed / some inputs failed / usage error.
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def warn(message: str) -> None:
    """One line on stderr: the input, the problem, the fix."""
    print(f"detente: {message}", file=sys.stderr)


def describe_failure(stage: str, message: str) -> str:
    """An article's failure for one line: the limits' messages say what happened already."""
    if stage in ("language", "time_budget"):
        return message
    return f"failed in {stage}: {message}"


def limits_line(counts: dict[str, int]) -> str | None:
    """'3 articles truncated, 1 over its time budget' (the limits of docs/reliability.md)."""
    def n(stage: str, one: str, many: str) -> str | None:
        k = counts.get(stage, 0)
        return f"{k} {one if k == 1 else many}" if k else None

    parts = [n("truncated", "article truncated", "articles truncated"),
             n("sentence_tokens", "article with sentences ended at the token limit",
               "articles with sentences ended at the token limit"),
             n("time_budget", "over its time budget", "over their time budget"),
             n("language", "not in English (skipped)", "not in English (skipped)")]
    kept = [p for p in parts if p]
    return (", ".join(kept) + " (see ingest_errors)") if kept else None


def usage_error(message: str) -> NoReturn:
    warn(message)
    raise typer.Exit(EXIT_USAGE)


def fail(message: str, code: int = EXIT_SOME_FAILED) -> NoReturn:
    warn(message)
    raise typer.Exit(code)


def settings_from(actor_files: Iterable[Path] | None = None, model: str | None = None) -> Settings:
    try:
        return load_settings({"actor_dictionaries": list(actor_files or ()), "model": model})
    except DetenteError as exc:
        usage_error(str(exc))
