"""An article that kills the ingest process itself (``--workers 1``) must not block every
resume.

With ``--workers 1`` articles are extracted in the ingest process: a segfault in native
code or an out-of-memory kill ends the run, and the pool's recovery (:mod:`detente.ingest_pool`)
cannot help. So the inline executor notes, in a small file beside the store, the content
hashes of the task it is extracting, with how often each was attempted, and removes
them when the task is done. A run that finds hashes left there (the last run died on
one of them, or was killed) extracts those articles one at a time, noting each first;
an article whose second attempt alone also ended the process is recorded as failed
(stage ``crash``) without a third attempt. Results do not change: one article's parse
does not depend on the others of its batch.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Callable, Sequence

from .records import Article, ArticleError, ExtractedArticle

log = logging.getLogger(__name__)

Result = ExtractedArticle | ArticleError
#: attempts after which an article is failed instead of tried again (one in its batch,
#: one alone)
MAX_ATTEMPTS = 2
CRASH_MESSAGE = ("the ingest process died while extracting it, also when it was extracted alone (a crash in "
                 "native code or out of memory?); it is skipped, and a resume skips it too. "
                 "With --workers 2 such an article is named in one run")


class CrashMarker:
    """The ``{content hash: attempts}`` file of one store (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._attempts = self._read()

    def _read(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): int(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self) -> None:
        try:
            if self._attempts:
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text(json.dumps(self._attempts), encoding="utf-8")
                os.replace(tmp, self.path)
            else:
                self.path.unlink(missing_ok=True)
        except OSError as exc:  # a read-only folder: go on without the marker
            log.debug("crash marker %s not written: %s", self.path, exc)

    def run(self, articles: Sequence[Article], extract: Callable[[list[Article]], list[Result]]) -> list[Result]:
        """``extract(articles)``, one article at a time where an earlier run died."""
        hashes = [a.content_hash() for a in articles]
        if not any(h in self._attempts for h in hashes):
            for h in hashes:
                self._attempts[h] = 1
            self._write()
            results = extract(list(articles))
            for h in hashes:
                self._attempts.pop(h, None)
            self._write()
            return results
        out: list[Result] = []
        for art, h in zip(articles, hashes):
            tried = self._attempts.get(h, 0)
            if tried >= MAX_ATTEMPTS:
                log.warning("article %s: %s", art.id or art.source or "?", CRASH_MESSAGE)
                out.append(ArticleError(art.id, "crash", CRASH_MESSAGE))
            else:
                self._attempts[h] = tried + 1
                self._write()
                out.extend(extract([art]))
            self._attempts.pop(h, None)
            self._write()
        return out
