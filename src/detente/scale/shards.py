"""Input shards, their reading, and the Parquet datasets they become (no Ray here).

An input shard is one JSONL(.gz) or Parquet file, given as a local path, a glob, a folder
or any URI pyarrow's filesystems understand (``s3://``, ``gs://``, ``hdfs://``). Each
shard becomes one Parquet file in each of five datasets under the output folder::

    OUT/articles/KEY.parquet  OUT/actors/KEY.parquet  OUT/events/KEY.parquet
    OUT/quotes/KEY.parquet    OUT/failures/KEY.parquet    OUT/_shards/KEY.json

The files are written under a temporary name and renamed; the marker ``_shards/KEY.json``
is written last, so a shard with a marker is complete and is skipped by the next run.
``events`` has the columns and types of ``detente export --format parquet``
(:data:`detente.frames.EVENT_COLUMNS`) plus the few a store needs to rebuild the records.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ..errors import DetenteError
from ..records import Article, ArticleError, ExtractedArticle

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

#: file names read as shards
SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".parquet")
DATASETS = ("articles", "actors", "events", "quotes", "failures")
MARKERS = "_shards"


@dataclass(frozen=True)
class Shard:
    uri: str  # as the reader opens it: a local absolute path or a URI
    key: str  # file stem + a hash of the URI: unique, stable across runs


@dataclass(frozen=True)
class ShardProblem:
    """An input that names no shard (a pattern matching nothing, a missing file)."""

    source: str
    message: str


def _filesystem(uri: str) -> tuple[Any, str]:
    import pyarrow.fs as pafs

    if "://" not in uri:
        return pafs.LocalFileSystem(), os.path.abspath(uri)
    try:
        fs, path = pafs.FileSystem.from_uri(uri)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad URI
        raise DetenteError(f"{uri}: cannot open this location ({exc}); check the URI and credentials") from None
    return fs, str(path)


def _is_shard(name: str) -> bool:
    return name.lower().endswith(SHARD_SUFFIXES)


def shard_key(uri: str) -> str:
    name = PurePosixPath(uri.split("://", 1)[-1]).name
    stem = name.split(".")[0] or "shard"
    return f"{stem}-{hashlib.sha1(uri.encode()).hexdigest()[:10]}"


def list_shards(inputs: Sequence[str]) -> tuple[list[Shard], list[ShardProblem]]:
    """The shards the inputs name, in order (folders walked and globs expanded, sorted)."""
    import pyarrow.fs as pafs

    shards: list[Shard] = []
    problems: list[ShardProblem] = []
    for item in inputs:
        fs, path = _filesystem(item)
        prefix = item.split("://", 1)[0] + "://" if "://" in item else ""
        if any(ch in path for ch in "*?["):
            base = path[: min(path.find(ch) for ch in "*?[" if ch in path)].rsplit("/", 1)[0] or "/"
            infos = fs.get_file_info(pafs.FileSelector(base, recursive=True, allow_not_found=True))
            found = sorted(i.path for i in infos if i.type == pafs.FileType.File and fnmatch.fnmatch(i.path, path))
        else:
            info = fs.get_file_info(path)
            if info.type == pafs.FileType.Directory:
                infos = fs.get_file_info(pafs.FileSelector(path, recursive=True))
                found = sorted(i.path for i in infos if i.type == pafs.FileType.File and _is_shard(i.path))
            elif info.type == pafs.FileType.File:
                found = [path]
            else:
                problems.append(ShardProblem(item, "no such file; check the path"))
                continue
        found = [f for f in found if _is_shard(f)]
        if not found:
            problems.append(ShardProblem(item, f"names no {', '.join(SHARD_SUFFIXES)} file; check the path or pattern"))
        for f in found:
            # a URI's filesystem gives paths without the scheme ("bucket/key"): put it back
            uri = prefix + f.lstrip("/") if prefix and prefix != "file://" else f
            shards.append(Shard(uri, shard_key(uri)))
    return shards, problems


# -- reading one shard ---------------------------------------------------------------------
def read_shard(uri: str) -> Iterator[Article | tuple[str, str]]:
    """The articles of one shard, in order; a bad line or a bad shard as (where, message)."""
    from ..errors import InputError

    try:
        if uri.lower().endswith(".parquet"):
            yield from _read_parquet(uri)
        elif "://" not in uri:
            from ..sources import InputProblem, read_inputs

            for item in read_inputs([uri]):
                yield (item.source, item.message) if isinstance(item, InputProblem) else item
        else:
            yield from _read_remote_jsonl(uri)
    except InputError as exc:
        yield (exc.source, f"{exc.problem}. {exc.fix}")
    except DetenteError as exc:
        yield (uri, str(exc))


def _read_parquet(uri: str) -> Iterator[Article | tuple[str, str]]:
    import pyarrow.parquet as pq

    from ..errors import InputError
    from ..sources import article_from_dict

    fs, path = _filesystem(uri)
    try:
        table = pq.read_table(path, filesystem=fs)
    except Exception as exc:  # noqa: BLE001 - corrupt files raise ArrowInvalid, OSError, ...
        raise InputError(uri, f"is not a readable Parquet file ({exc})",
                         "Re-write the shard, or give JSONL with one article per line") from None
    stem = PurePosixPath(path).name.split(".")[0]
    for i, row in enumerate(table.to_pylist(), start=1):
        where = f"{uri}:row {i}"
        try:
            yield article_from_dict(row, where, f"{stem}-{i}")
        except InputError as exc:
            yield (where, f"{exc.problem}. {exc.fix}")


def _read_remote_jsonl(uri: str) -> Iterator[Article | tuple[str, str]]:
    from ..errors import InputError
    from ..sources import InputProblem, _read_jsonl_text

    fs, path = _filesystem(uri)
    try:
        with fs.open_input_stream(path, compression="detect") as fh:
            text = fh.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(uri, f"cannot be read ({exc})", "Check the shard (UTF-8 JSON lines, gzip if .gz)") from None
    for item in _read_jsonl_text(text, uri, None):
        yield (item.source, item.message) if isinstance(item, InputProblem) else item


# -- results -> the five datasets ----------------------------------------------------------
def _schemas() -> dict[str, "pa.Schema"]:
    import pyarrow as pa

    from ..frames import event_schema

    s, i32 = pa.string(), pa.int32()
    mention = pa.struct([("trigger", s), ("trigger_start", i32), ("trigger_end", i32), ("span_start", i32),
                         ("span_end", i32), ("sentence_index", i32)])
    events = event_schema()
    for name, kind in (("actor_ids", pa.list_(s)), ("recipient_ids", pa.list_(s)), ("location_start", i32),
                       ("location_end", i32), ("mentions", pa.list_(mention)), ("shard", s)):
        events = events.append(pa.field(name, kind))
    return {
        "articles": pa.schema([("content_hash", s), ("shard", s), ("index", i32), ("id", s), ("title", s),
                               ("published", pa.date32()), ("source", s), ("url", s), ("text", s),
                               ("num_actors", i32), ("num_events", i32), ("num_quotes", i32)]),
        "actors": pa.schema([("content_hash", s), ("actor_id", s), ("name", s), ("kind", s), ("country", s),
                             ("sector", s), ("title", s), ("evidence", s), ("kb_id", s), ("num_mentions", i32),
                             ("mention_starts", pa.list_(i32)), ("mention_ends", pa.list_(i32))]),
        "events": events,
        "quotes": pa.schema([("content_hash", s), ("quote_index", i32), ("speaker_id", s), ("speaker_name", s),
                             ("speaker_country", s), ("speaker_sector", s), ("speaker_text", s), ("text", s),
                             ("span_start", i32), ("span_end", i32), ("cue", s), ("cue_start", i32),
                             ("cue_end", i32), ("direct", pa.bool_()), ("date", s), ("sentence_index", i32)]),
        "failures": pa.schema([("content_hash", s), ("shard", s), ("index", i32), ("article_id", s),
                               ("source", s), ("stage", s), ("message", s)]),
    }


def dataset_schemas() -> dict[str, "pa.Schema"]:
    """The Arrow schema of each dataset (documented in docs/scale.md)."""
    return _schemas()


def shard_tables(key: str, items: Sequence[tuple[int, Any]]) -> dict[str, "pa.Table"]:
    """The five tables of one shard from its items in order: ``(index, result)`` where a
    result is an ExtractedArticle, an (Article, ArticleError) pair, or a (where, message)
    read problem. An article's notes (limits that applied to it) are failure rows with its
    index and content hash."""
    import pyarrow as pa

    from ..frames import events_table

    schemas = _schemas()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in DATASETS}
    done: list[ExtractedArticle] = []
    for index, item in items:
        if isinstance(item, ExtractedArticle):
            done.append(item)
            _article_rows(rows, key, index, item)
            # limits that applied to a stored article (truncated, ...): failure rows beside
            # its article row, as ingest_errors holds them beside the article
            art = item.article
            rows["failures"].extend({"content_hash": art.content_hash(), "shard": key, "index": index,
                                     "article_id": art.id, "source": art.source, "stage": stage,
                                     "message": message} for stage, message in item.notes)
        elif isinstance(item[1], ArticleError):
            art, err = item
            rows["failures"].append({"content_hash": art.content_hash(), "shard": key, "index": index,
                                     "article_id": err.article_id, "source": art.source, "stage": err.stage,
                                     "message": err.message})
        else:
            rows["failures"].append({"content_hash": None, "shard": key, "index": index, "article_id": None,
                                     "source": item[0], "stage": "read", "message": item[1]})
    tables = {name: pa.Table.from_pylist(rows[name], schema=schemas[name]) for name in DATASETS if name != "events"}
    events = events_table(done)
    extras = [_event_extras(e, key) for r in done for e in r.events]
    for field in schemas["events"]:
        if field.name not in events.column_names:
            events = events.append_column(field, pa.array([x[field.name] for x in extras], type=field.type))
    tables["events"] = events
    return tables


def _article_rows(rows: dict[str, list[dict[str, Any]]], key: str, index: int, result: ExtractedArticle) -> None:
    art, chash = result.article, result.article.content_hash()
    rows["articles"].append({
        "content_hash": chash, "shard": key, "index": index, "id": art.id, "title": art.title,
        "published": art.published, "source": art.source, "url": art.url, "text": art.text,
        "num_actors": len(result.actors), "num_events": len(result.events), "num_quotes": len(result.quotes),
    })
    for a in result.actors:
        rows["actors"].append({
            "content_hash": chash, "actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
            "sector": a.sector, "title": a.title, "evidence": a.evidence, "kb_id": a.kb_id,
            "num_mentions": len(a.mentions), "mention_starts": [m[0] for m in a.mentions],
            "mention_ends": [m[1] for m in a.mentions],
        })
    for i, q in enumerate(result.quotes):
        sp = q.speaker
        rows["quotes"].append({
            "content_hash": chash, "quote_index": i, "speaker_id": sp.id if sp else None,
            "speaker_name": sp.name if sp else None, "speaker_country": sp.country if sp else None,
            "speaker_sector": sp.sector if sp else None, "speaker_text": q.speaker_text, "text": q.text,
            "span_start": q.span[0], "span_end": q.span[1], "cue": q.cue,
            "cue_start": q.cue_span[0] if q.cue_span else None, "cue_end": q.cue_span[1] if q.cue_span else None,
            "direct": q.direct, "date": q.date, "sentence_index": q.sentence_index,
        })


def _event_extras(e: Any, key: str) -> dict[str, Any]:
    loc = e.location
    return {
        "actor_ids": [a.id for a in e.actor], "recipient_ids": [a.id for a in e.recipient],
        "location_start": loc.span[0] if loc else None, "location_end": loc.span[1] if loc else None,
        "mentions": [{"trigger": m.trigger, "trigger_start": m.trigger_span[0], "trigger_end": m.trigger_span[1],
                      "span_start": m.span[0], "span_end": m.span[1], "sentence_index": m.sentence_index}
                     for m in e.mentions],
        "shard": key,
    }


# -- the output folder -----------------------------------------------------------------------
class Output:
    """The output folder (local or a URI): which shards are complete, and writing one."""

    def __init__(self, out: str) -> None:
        self.fs, self.base = _filesystem(out)
        self.out = out

    def _path(self, *parts: str) -> str:
        return "/".join((self.base.rstrip("/"), *parts))

    def done(self) -> set[str]:
        """Keys of the shards whose outputs are complete."""
        import pyarrow.fs as pafs

        infos = self.fs.get_file_info(pafs.FileSelector(self._path(MARKERS), allow_not_found=True))
        return {PurePosixPath(i.path).name[: -len(".json")] for i in infos if i.path.endswith(".json")}

    def marker(self, key: str) -> dict[str, Any]:
        with self.fs.open_input_stream(self._path(MARKERS, f"{key}.json")) as fh:
            result: dict[str, Any] = json.loads(fh.read())
        return result

    def table_path(self, dataset: str, key: str) -> str:
        return self._path(dataset, f"{key}.parquet")

    def write_shard(self, shard: Shard, tables: dict[str, "pa.Table"]) -> None:
        """Every dataset's file under a temporary name, then the renames, then the marker."""
        import pyarrow.parquet as pq

        for name in (*DATASETS, MARKERS):
            self.fs.create_dir(self._path(name), recursive=True)
        for name in DATASETS:
            pq.write_table(tables[name], self.table_path(name, shard.key) + ".tmp", filesystem=self.fs)
        for name in DATASETS:
            path = self.table_path(name, shard.key)
            self.fs.move(path + ".tmp", path)
        counts = {name: tables[name].num_rows for name in DATASETS}
        tmp = self._path(MARKERS, f"{shard.key}.json.tmp")
        with self.fs.open_output_stream(tmp) as fh:
            fh.write(json.dumps({"shard": shard.uri, "key": shard.key, "rows": counts}).encode())
        self.fs.move(tmp, self._path(MARKERS, f"{shard.key}.json"))
