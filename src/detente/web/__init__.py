"""``detente serve``: a local web page (FastAPI + a static page) to explore the store.

The API is documented in docs/web.md and by the app's OpenAPI schema at /openapi.json.
"""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
