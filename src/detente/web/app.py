"""The FastAPI application behind ``detente serve``: the JSON API and the static page.

The store is opened once, read-only, when the app is created (so that a missing or
locked file is reported before a server starts); each request gets its own cursor.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from importlib.resources import files
from pathlib import Path
from typing import AsyncIterator, Sequence

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from ..store import open_store
from ..store.faults import is_store_fault, store_error
from .api import router
from .security import UVICORN_OPTIONS, SecurityMiddleware, allowed_hosts

log = logging.getLogger(__name__)


def static_dir() -> Path:
    """The folder of the page's HTML, JavaScript, CSS and vendored data."""
    return Path(str(files("detente.web") / "static"))


def create_app(db_path: str | Path, *, hosts: Sequence[str] | None = None) -> FastAPI:
    """An app serving the store at ``db_path`` (opened read-only; raises StoreError with a
    message naming the file and the fix when it cannot be opened). ``hosts``: the Host
    names answered (see :mod:`detente.web.security`); by default the loopback names only,
    so an app mounted by other code is not open to DNS rebinding either."""
    hosts = allowed_hosts("127.0.0.1") if hosts is None else hosts
    store = open_store(db_path, read_only=True)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="detente",
        summary="Political events coded from your own articles: who did what to whom, when and where.",
        version="1",
        lifespan=lifespan,
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: only the schema is served
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.cursor_lock = threading.Lock()
    app.include_router(router)
    app.add_middleware(SecurityMiddleware, hosts=hosts)
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        if is_store_fault(exc):  # a damaged store file: say so, not "internal error"
            message = str(store_error(str(db_path), exc, "read"))
            log.error("%s %s: %s", request.method, request.url.path, message)
            return JSONResponse({"detail": message}, status_code=503)
        # a bug, not a bad parameter: log it, answer without a traceback
        log.exception("%s %s failed", request.method, request.url.path)
        return JSONResponse({"detail": f"internal error ({type(exc).__name__}); see the server log"}, status_code=500)

    return app


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info",
          allow_hosts: Sequence[str] = ()) -> None:
    """Serve the page and the API until interrupted, answering only requests addressed to
    this server's names (loopback, ``host`` and ``allow_hosts``)."""
    import uvicorn

    app = create_app(db_path, hosts=allowed_hosts(host, allow_hosts))
    log.info("serving %s on http://%s:%d/", db_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level=log_level, **UVICORN_OPTIONS)


def bind_check(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be bound (or None), so that the CLI says it in one line."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"--host {host}: cannot resolve it ({exc.strerror}); use an IP address such as 127.0.0.1"
    family, kind, proto, _, addr = infos[0]
    with contextlib.closing(socket.socket(family, kind, proto)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            return f"{host}:{port}: cannot listen there ({exc.strerror}); choose another --port or --host"
    return None


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = ["create_app", "serve", "static_dir", "bind_check", "is_loopback"]
