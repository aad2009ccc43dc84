"""`detente dyad A B`: the relationship between two countries or two people over time."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._store import open_read, print_rows
from .common import usage_error

COLUMNS = ["period", "events", "verbal_cooperation", "material_cooperation", "verbal_conflict",
           "material_conflict", "mean_goldstein", "net_cooperation", "net_ratio"]
HEADERS = {"verbal_cooperation": "v.coop", "material_cooperation": "m.coop", "verbal_conflict": "v.confl",
           "material_conflict": "m.confl", "mean_goldstein": "goldstein", "net_cooperation": "net",
           "net_ratio": "ratio"}


def register(app: typer.Typer) -> None:
    app.command("dyad")(dyad_command)


def dyad_command(
    a: str = typer.Argument(..., help="Country code (USA), code (USAGOV) or person ('Hillary Clinton')."),
    b: str = typer.Argument(..., help="The other side."),
    by: str = typer.Option("month", "--by", help="day, week, month or year."),
    plot: Optional[Path] = typer.Option(None, "--plot", help="Write a PNG chart here."),
    format: str = typer.Option("table", "--format", "-f", help="table, json or csv."),  # noqa: A002
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store."),
) -> None:
    """Counts by quad class, mean Goldstein, net cooperation per period, and the trend."""
    from ..analytics import PERIODS, dyad_series, plot_dyad

    if by not in PERIODS:
        usage_error(f"--by {by!r} is not known; use one of {', '.join(PERIODS)}")
    if format not in ("table", "json", "csv"):
        usage_error(f"--format {format!r} is not known; use table, json or csv")
    with open_read(db) as store:
        series = dyad_series(store.con, a, b, by)
    rows = [p.to_dict() for p in series.periods if p.events]
    t = series.trend
    trend = t.label if t.change is None else f"{t.label} (net cooperation ratio change {t.change:+.2f} over the span)"
    if format == "json":
        import json

        print(json.dumps(series.to_dict(), ensure_ascii=False, default=str))
    else:
        print_rows(rows, COLUMNS, format, title=f"{series.a.label} - {series.b.label}: {series.events} events",
                   headers=HEADERS)
        if format == "table":
            print(f"trend: {trend}; undated events: {series.undated}")
    if plot is not None:
        if not series.periods:
            usage_error(f"no dated events between {a!r} and {b!r}; nothing to plot (check the names with `detente events --actor`)")
        from ..errors import MissingExtraError

        try:
            path = plot_dyad(series, plot)
        except MissingExtraError as exc:
            usage_error(str(exc))
        print(f"chart written to {path}")
