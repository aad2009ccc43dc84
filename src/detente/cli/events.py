"""`detente events`: list stored events with filters."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ..sources import parse_published
from ._store import open_read, print_rows
from .common import usage_error

COLUMNS = ["date", "type", "actor_names", "recipient_names", "location_name", "status", "text"]
HEADERS = {"actor_names": "actor", "recipient_names": "recipient", "location_name": "place"}


def register(app: typer.Typer) -> None:
    app.command("events")(events_command)


def events_command(
    actor: Optional[str] = typer.Option(None, "--actor", help="Name ('Sergei Lavrov'), country (RUS) or code (RUSGOV)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO3 country code of actor or recipient."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),  # noqa: A002
    since: Optional[str] = typer.Option(None, "--since", help="First event date YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Last event date YYYY-MM-DD."),
    place: Optional[str] = typer.Option(None, "--place", help="Place name (Geneva) or ISO3 country of the place."),
    format: str = typer.Option("table", "--format", "-f", help="table, json or csv."),  # noqa: A002
    limit: int = typer.Option(1000, "--limit", min=0, help="At most this many events (0: all)."),
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store."),
) -> None:
    """Events of the store (one row per article mention), oldest first."""
    if format not in ("table", "json", "csv"):
        usage_error(f"--format {format!r} is not known; use table, json or csv")
    try:
        first = parse_published(since, "--since")
        last = parse_published(until, "--until")
    except InputError as exc:
        usage_error(str(exc))
    from ..store.filters import EventFilter
    from ..store.queries import list_events

    flt = EventFilter(since=first, until=last, type=type, actor=actor, country=country, place=place)
    with open_read(db) as store:
        rows = list_events(store.con, flt, limit=limit or None)
    print_rows(rows, COLUMNS, format, title=f"{len(rows)} events", headers=HEADERS)
