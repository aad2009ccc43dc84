"""`detente serve`: the local web page over a store (graph, timelines, map, events)."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from ..errors import DetenteError
from .common import EXIT_USAGE, fail, usage_error, warn


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    db: Path = typer.Option(Path("detente.duckdb"), "--db", help="DuckDB store written by `detente ingest`."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; other than loopback exposes the store."),
    allow_host: List[str] = typer.Option([], "--allow-host", help="Another name this server is reached by "
                                         "(repeatable); requests for other names are refused (DNS rebinding)."),
) -> None:
    """Serve a local web page to explore the relationships in a store."""
    try:
        from ..web.app import bind_check, is_loopback, serve
    except ImportError as exc:  # FastAPI / uvicorn are the optional detente[web]
        from ..errors import MissingExtraError

        usage_error(f"{MissingExtraError('detente serve', 'web')} ({exc.name} is missing)")

    if not db.is_file():
        usage_error(f"--db {db}: no such store; run `detente ingest ARTICLES --db {db}` first")
    if not is_loopback(host):
        warn(f"--host {host} is not a loopback address: anyone who can reach this machine can read the store")
    problem = bind_check(host, port)
    if problem:
        usage_error(problem)
    try:
        serve(db, host, port, allow_hosts=allow_host)
    except DetenteError as exc:
        fail(str(exc), EXIT_USAGE)
