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
