"""``detente store load``: Parquet datasets of ``ingest --engine ray`` into a DuckDB store.

Only complete shards (those with a marker) are read, in key order; each shard's rows are
turned back into records and written by the store's own writer in one transaction, so
deduplication, memory and ``ingest_errors`` are those of a local ingest. Articles the
store holds already are skipped and failures are recorded once: loading twice adds nothing.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DetenteError
from ..records import ArticleError, EventMention, ExtractedArticle
from .shards import Output

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadReport:
    db: str
    shards: int
    added: int
    failures: int  # failure rows read (those already stored are not added again)


def load_parquet(parquet_dir: str, db: str | Path) -> LoadReport:
    """Load every complete shard under ``parquet_dir`` into the store at ``db``."""
    from ..store import open_store

    output = Output(parquet_dir)
    keys = sorted(output.done())
    if not keys:
        raise DetenteError(f"{parquet_dir}: no complete shard here; run `detente ingest --engine ray ... --out {parquet_dir}` first")
    added = failures = 0
    with open_store(db) as store:
        for key in keys:
            results, hashes, extra = _shard_records(output, key)
            failures += sum(isinstance(r, ArticleError) for r in results) + len(extra)
            added += store.write(results, hashes, failures=extra)
    return LoadReport(str(db), len(keys), added, failures)


def _read(output: Output, dataset: str, key: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    path = output.table_path(dataset, key)
    try:
        rows: list[dict[str, Any]] = pq.read_table(path, filesystem=output.fs).to_pylist()
    except Exception as exc:  # noqa: BLE001 - a damaged file: name it and the fix
        raise DetenteError(f"{path}: cannot be read ({exc}); delete {output.out}/_shards/{key}.json and rerun the ingest") from None
    return rows


def _shard_records(output: Output, key: str) -> tuple[list[Any], list[str], list[Any]]:
    """The shard's results in input order (articles, with the limits noted on them, and
    failed articles), their content hashes, and its read failures (lines that named no article)."""
    from ..records import Article
    from ..store import Failure
    from ..store.reader import _actor, _event, _quote

    by_hash: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for dataset in ("actors", "events", "quotes"):
        for row in _read(output, dataset, key):
            by_hash[row["content_hash"]][dataset].append(row)
    ordered: list[tuple[int, Any, str]] = []
    notes: dict[int, list[tuple[str, str]]] = defaultdict(list)  # article index -> its limit notes
    failures = []
    articles = _read(output, "articles", key)
    stored = {(a["index"], a["content_hash"]) for a in articles}
    for f in _read(output, "failures", key):
        if (f["index"], f["content_hash"]) in stored:
            notes[f["index"]].append((f["stage"], f["message"]))
        else:
            failures.append(f)
    for a in articles:
        parts = by_hash[a["content_hash"]]
        article = Article(text=a["text"] or "", id=a["id"], published=a["published"], title=a["title"],
                          source=a["source"], url=a["url"])
        actors = tuple(_actor(r, _spans(r)) for r in parts["actors"])
        events = tuple(_with_mentions(_event(r), r) for r in parts["events"])
        quotes = tuple(_quote(q) for q in sorted(parts["quotes"], key=lambda q: q["quote_index"]))
        ordered.append((a["index"], ExtractedArticle(article, actors, events, quotes, notes=tuple(notes[a["index"]])),
                        a["content_hash"]))
    extra = []
    for f in failures:
        if f["content_hash"]:
            ordered.append((f["index"], ArticleError(f["article_id"], f["stage"], f["message"]), f["content_hash"]))
        else:
            extra.append(Failure(f["stage"], f["message"], f["source"], f["article_id"], None))
    ordered.sort(key=lambda t: t[0])
    return [r for _, r, _ in ordered], [h for _, _, h in ordered], extra


def _spans(actor: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"actor_id": actor["actor_id"], "start_char": s, "end_char": e}
            for s, e in zip(actor["mention_starts"] or (), actor["mention_ends"] or ())]


def _with_mentions(event: Any, row: dict[str, Any]) -> Any:
    mentions = tuple(EventMention(m["trigger"], (m["trigger_start"], m["trigger_end"]),
                                  (m["span_start"], m["span_end"]), m["sentence_index"]) for m in row["mentions"] or ())
    return dataclasses.replace(event, mentions=mentions)
