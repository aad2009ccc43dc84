"""What ``detente serve`` does before and after every request, against hostile pages.

- **Host check** (DNS rebinding): a web page the user visits can point its own domain at
  127.0.0.1 and read the local server as same-origin. The browser still sends that
  domain in ``Host``, so only the names the server was started for are answered:
  loopback names, the ``--host`` value and any ``--allow-host`` name.
- **Security headers** on every response: a Content-Security-Policy that allows only the
  page's own files (no inline script, no framing), ``nosniff`` and no referrer.
- **414** for a query string or path longer than the page ever sends (the server's HTTP
  parser is given room for it; see :data:`UVICORN_OPTIONS`) instead of a reset connection.
- **HEAD** answered like GET without the body, for every GET route.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from typing import Any, Awaitable, Callable, Iterable, Sequence

#: longest query string and path answered (the page's longest is well under 1 KiB)
MAX_QUERY = 8 * 1024
MAX_PATH = 2 * 1024
#: uvicorn's h11 parser drops a request whose head exceeds its buffer (16 KiB by
#: default) without an answer; with room for 1 MiB the app can answer 414 itself.
UVICORN_OPTIONS: dict[str, Any] = {"h11_max_incomplete_event_size": 1024 * 1024}
#: names that always reach a server bound to this machine
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The Host names a server bound to ``host`` answers: loopback names, ``host`` itself
    and ``extra``; for a wildcard address (0.0.0.0, ::) also this machine's names."""
    names = [*LOOPBACK_NAMES, host, *extra]
    if _is_wildcard(host):
        names += [socket.gethostname(), socket.getfqdn()]
    return tuple(dict.fromkeys(_bare(n).lower() for n in names if n))


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def _bare(host: str) -> str:
    """The host name of a Host header value, without port or IPv6 brackets."""
    host = host.strip().rstrip(".")
    if host.startswith("["):  # [::1]:8000
        return host[1:host.find("]")] if "]" in host else host
    if host.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        return host.split(":", 1)[0]
    return host


class SecurityMiddleware:
    """ASGI middleware: Host check (when ``hosts`` is given; ``create_app`` always gives
    them), 414, HEAD and headers."""

    def __init__(self, app: Any, hosts: Sequence[str] | None = None) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refuse(scope)
        if problem is not None:
            await _answer(send, *problem)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _with_security_headers(message.get("headers", []))}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_secured)

    def _refuse(self, scope: Scope) -> tuple[int, str] | None:
        if self.hosts is not None:
            host = _header(scope, b"host")
            if _bare(host).lower() not in self.hosts:
                return 400, (f"Host {host[:100]!r} is not a name of this server; open it as "
                             f"http://127.0.0.1:PORT/, or start `detente serve` with --allow-host NAME")
        query = scope.get("query_string", b"")
        path = scope.get("raw_path") or scope.get("path", "").encode()
        if len(query) > MAX_QUERY or len(path) > MAX_PATH:
            return 414, (f"the request's query string or path is too long ({len(query) + len(path)} bytes); "
                         f"keep the query under {MAX_QUERY} and the path under {MAX_PATH} bytes")
        return None


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


def _with_security_headers(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    own = {k for k, _ in SECURITY_HEADERS}
    return [(k, v) for k, v in headers if k.lower() not in own] + list(SECURITY_HEADERS)


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
