"""`detente store ...`: store maintenance (`store load` brings in Parquet from `ingest --engine ray`)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    from ._scale import store_load_command

    group = typer.Typer(no_args_is_help=True)
    # a callback keeps `load` a subcommand while it is the group's only one
    group.callback()(_store)
    group.command("load")(store_load_command)
    app.add_typer(group, name="store")


def _store() -> None:
    """Store maintenance: `detente store load PARQUET_DIR --db FILE`."""
