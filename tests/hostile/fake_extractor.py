"""A test-only extractor with no model, for the SIGKILL loops: it fills every table of the
store (articles, actors, mentions, events, quotes, memory, dedup, ingest_errors) and its
output depends on the actor memory the ingest gives it, like the real one.

An article's text is ``NAME (CODE) met OTHER.`` where CODE is a country or ``?``. A known
code is a descriptor (the store remembers it); for ``?`` the memory is asked, so a resumed
run gives the same store only if it hands out the same memory snapshots. ``FAIL`` in a
text makes the article fail; ``CRASH`` ends the process. ``FAKE_DELAY`` (seconds per article) spreads the run out so
that a kill lands inside extraction as well as inside a write."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from typing import Any, Iterable, Iterator

from detente.records import Actor, ActorRef, Article, ArticleError, Event, ExtractedArticle, Quote

_TEXT = re.compile(r"(?P<name>[A-Z]\w+ [A-Z]\w+) \((?P<code>[A-Z]{3}|\?)\) met (?P<other>[A-Z]\w+ [A-Z]\w+)\.")


def make(settings: Any, memory: Any) -> "FakeExtractor":
    return FakeExtractor(memory)


class FakeExtractor:
    def __init__(self, memory: Any) -> None:
        self.memory = memory
        self.delay = float(os.environ.get("FAKE_DELAY", "0"))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractedArticle | ArticleError]:
        for art in articles:
            if self.delay:
                time.sleep(self.delay)
            yield self.one(art)

    def one(self, art: Article) -> ExtractedArticle | ArticleError:
        if "CRASH" in art.text:
            os._exit(3)  # as a segfault or an out-of-memory kill ends a process
        m = _TEXT.match(art.text)
        if "FAIL" in art.text or m is None:
            return ArticleError(art.id, "extract", "ValueError: the fake extractor was told to fail")
        name, code, other = m["name"], m["code"], m["other"]
        evidence = "descriptor"
        if code == "?":
            hit = self.memory.lookup(name, art.published) if self.memory is not None else None
            code, evidence = (hit.country, "memory") if hit and hit.country else (None, "none")
        a = Actor("a1", name, "person", code, "GOV", "Minister", ((m.start("name"), m.end("name")),), evidence)
        b = Actor("a2", other, "person", None, None, None, ((m.start("other"), m.end("other")),), "none")
        ra, rb = ActorRef("a1", name, code, "GOV"), ActorRef("a2", other, None, None)
        day = art.published.isoformat() if isinstance(art.published, dt.date) else None
        event = Event(
            id="e1", type="CONSULT", mode=None, contexts=("diplomatic",), cameo="040", quad_class=1,
            intensity=2.5, goldstein=1.0, actor=(ra,), recipient=(rb,), symmetric=True, status="asserted",
            sentence_index=0, span=(0, m.end()), trigger="met", trigger_span=(m.start("other") - 4, m.start("other") - 1),
            text=m.group(), confidence=0.9, date=day, date_precision="day" if day else None, date_text=None, location=None,
        )
        quote = Quote(ra, m.group(), (0, m.end()), "met", False, day)
        return ExtractedArticle(article=art, actors=(a, b), events=(event,), quotes=(quote,))
