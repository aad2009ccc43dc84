"""The ``detente`` command line: a Typer app whose commands are thin wrappers.

Each command lives in its own module ``detente.cli.<name>`` exposing
``register(app)``; modules are discovered by name, so a command is added by adding its
module (the same hook a plugin would use).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys

import typer

COMMANDS = ("extract", "ingest", "events", "dyad", "export", "summary", "eval", "serve", "store")


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="detente",
        help="Political event data from your own news articles: who did what to whom, when and where.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    # A callback keeps `detente <command>` a group even while one command is registered.
    app.callback()(_root)
    for name in COMMANDS:
        if importlib.util.find_spec(f"{__name__}.{name}") is None:
            continue
        importlib.import_module(f"{__name__}.{name}").register(app)
    return app


def _show_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"detente {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True,
                                 callback=_show_version),
) -> None:
    """Political event data from your own news articles."""


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = build_app()
    try:
        app()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        from ..store.faults import is_store_fault, store_error

        if not is_store_fault(exc):
            raise
        # a damaged block or a full disk met in the middle of a command: one line, no traceback
        print(f"detente: {store_error('the store', exc, 'use')}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
