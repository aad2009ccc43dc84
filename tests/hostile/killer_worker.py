"""A test-only stand-in for the ingest worker: no model, and an article that says
KILL-THE-WORKER ends the worker process the way an out-of-memory kill or a segfault does."""

from __future__ import annotations

import os
from typing import Any

from detente.records import Article, ArticleError, ExtractedArticle


def init() -> None:
    pass


def ready() -> int:
    return os.getpid()


def run(articles: list[Article], snapshot: Any) -> list[ExtractedArticle | ArticleError]:
    out: list[ExtractedArticle | ArticleError] = []
    for art in articles:
        if "KILL-THE-WORKER" in art.text:
            os._exit(3)
        if art.text.startswith("LENGTH?"):
            # reports how much text the worker received
            out.append(ArticleError(art.id, "length", str(len(art.text))))
        else:
            out.append(ExtractedArticle(article=art))
    return out
