"""``detente ingest --engine ray``: the local pipeline's per-article function on Ray Data.

The plan is Ray Data's own: one row per pending shard -> ``flat_map`` reads each shard
into article rows (in Ray tasks, from any pyarrow filesystem) -> ``map_batches`` with a
pool of :class:`ArticleActor` (each builds the pipeline once and runs
``Extractor.extract_many``, the function ``detente ingest`` runs) -> the driver streams
the results, and as soon as every item of a shard is back it writes that shard's five
Parquet files (:class:`detente.scale.shards.Output`). Each shard ends with a trailer row
carrying its item count, so completion does not depend on order.

Results do not depend on the engine, the number of actors or the order: each article is
extracted on its own (no memory of people carried between articles, which only an
ordered single-writer ingest can give), and event ids and content hashes are the
pipeline's.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

from ..errors import DetenteError
from ..limits import with_truncation
from ..records import Article, ArticleError
from ..settings import Settings, load_settings
from .shards import Output, Shard, list_shards, read_shard, shard_tables

log = logging.getLogger(__name__)

MISSING = "the ray engine needs Ray: pip install 'detente[ray]'"
#: a file path: the first actor call that finds "armed" in it overwrites it and exits (tests of a dying actor)
EXIT_ONCE_ENV = "DETENTE_RAY_TEST_EXIT_ONCE"
#: actor calls queued per actor (Ray Data's default is 4: the last batches of a run then
#: pile up behind one actor while another idles)
IN_FLIGHT_PER_ACTOR = 2
#: a news article as a pickled row, on average (5.8 KB over the Guardian sample)
ARTICLE_BYTES = 6 * 1024


@dataclass(frozen=True)
class ScaleReport:
    out: str
    shards: int  # shards named by the inputs
    skipped: int  # complete from an earlier run
    written: int
    articles: int
    failed: int
    events: int
    seconds: float
    problems: tuple[tuple[str, str], ...] = ()  # (input, message) of inputs naming no shard

    @property
    def rate(self) -> float:
        return (self.articles + self.failed) / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class RayOptions:
    actors: int = 1
    cpus_per_actor: float = 1.0
    batch_size: int = 8  # articles per actor call (the local ingest's task size)
    address: str | None = None  # a cluster (else RAY_ADDRESS, else a local instance)
    progress: bool = True  # Ray Data's progress bars


def require_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise DetenteError(MISSING) from None
    return ray


def ingest_ray(
    inputs: Sequence[str], out: str, options: RayOptions = RayOptions(), settings: Settings | None = None,
    on_shard: Callable[[str], None] | None = None,
) -> ScaleReport:
    """Extract the shards named by ``inputs`` into Parquet datasets under ``out``; shards
    complete from an earlier run are skipped. ``on_shard(key)`` is called after each
    shard is written."""
    ray = require_ray()
    settings = settings or load_settings()
    started = time.monotonic()
    shards, problems = list_shards(inputs)
    output = Output(out)
    done = output.done()
    pending = [s for s in shards if s.key not in done]
    tally = _Tally()
    if pending:
        with ray_session(ray, options), _data_context(ray, options):
            ds = _plan(ray, pending, settings, options)
            collector = _Collector(output, {s.key: s for s in pending}, tally, on_shard)
            batches = iter(ds.iter_batches(batch_size=None, batch_format="pyarrow"))
            try:
                for batch in batches:
                    collector.add(batch)
            finally:
                # a driver stopped mid-run (Ctrl-C) ends the streaming execution and its actors now
                getattr(batches, "close", lambda: None)()
            collector.finish()
    return ScaleReport(out, len(shards), len(shards) - len(pending), tally.written, tally.articles, tally.failed,
                       tally.events, time.monotonic() - started, tuple((p.source, p.message) for p in problems))


def _plan(ray: Any, pending: list[Shard], settings: Settings, options: RayOptions) -> Any:
    ds = ray.data.from_items([{"uri": s.uri, "key": s.key} for s in pending], override_num_blocks=len(pending))
    ds = ds.flat_map(_shard_rows)
    # At most two batches queued per actor: one runs while the next one's input arrives,
    # and at the end of the run no actor sits on a queue the others could have taken.
    pool = ray.data.ActorPoolStrategy(size=options.actors, max_tasks_in_flight_per_actor=IN_FLIGHT_PER_ACTOR)
    return ds.map_batches(
        ArticleActor, fn_constructor_args=(settings,), batch_size=options.batch_size, batch_format="pyarrow",
        compute=pool, num_cpus=options.cpus_per_actor,
    )


@contextmanager
def _data_context(ray: Any, options: RayOptions) -> Iterator[None]:
    """Ray Data settings for one run, put back afterwards (a notebook's Ray keeps its own)."""
    ctx = ray.data.DataContext.get_current()
    saved = (ctx.enable_progress_bars, ctx.execution_options.preserve_order, ctx.target_max_block_size,
             ctx.print_on_execution_start)
    ctx.enable_progress_bars = options.progress
    ctx.print_on_execution_start = options.progress
    ctx.execution_options.preserve_order = False
    # Blocks of about one batch: a shard read as one block would go to one actor whole
    # while the others idle; one article per block costs more in Ray's per-block work
    # than it gains (measured). Bytes, not rows, so a block of long articles is shorter.
    ctx.target_max_block_size = options.batch_size * ARTICLE_BYTES
    try:
        yield
    finally:
        (ctx.enable_progress_bars, ctx.execution_options.preserve_order, ctx.target_max_block_size,
         ctx.print_on_execution_start) = saved


def _shard_rows(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One shard's items (pickled articles or read problems) and a trailer with their count."""
    items = [{"key": row["key"], "index": i, "kind": "article" if isinstance(item, Article) else "problem",
              "payload": pickle.dumps(item)} for i, item in enumerate(read_shard(row["uri"]))]
    return [*items, {"key": row["key"], "index": len(items), "kind": "end", "payload": b""}]


class ArticleActor:
    """One pipeline per actor process (the model loads once); a batch of rows in, the same
    rows out with each article replaced by its result."""

    def __init__(self, settings: Settings) -> None:
        from ..pipeline import Extractor

        logging.basicConfig(level=logging.WARNING)
        self.extractor = Extractor(settings)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        _maybe_exit_once()
        rows = batch.to_pylist()
        todo = [(r, pickle.loads(r["payload"])) for r in rows if r["kind"] == "article"]
        # extract_many is the local ingest's per-article function; spaCy's memory zone is
        # opened around each of its batches, so a long-lived actor does not grow.
        results = self.extractor.extract_many([art for _, art in todo])
        max_chars = self.extractor.settings.max_chars
        for (r, art), result in zip(todo, results):
            result = with_truncation(art, result, max_chars)  # noted as the local ingest notes it
            r["payload"] = pickle.dumps((art, result) if isinstance(result, ArticleError) else result)
            r["kind"] = "result"
        return pa.Table.from_pylist(rows, schema=batch.schema)


def _maybe_exit_once() -> None:
    flag = os.environ.get(EXIT_ONCE_ENV)
    if not flag:
        return
    try:
        with open(flag, "r+", encoding="utf-8") as fh:
            if fh.read() != "armed":
                return
            fh.seek(0)
            fh.write(f"exited {os.getpid()}")
            fh.truncate()
    except FileNotFoundError:
        return
    os._exit(1)


@dataclass
class _Tally:
    written: int = 0
    articles: int = 0
    failed: int = 0
    events: int = 0


@dataclass
class _Collector:
    """Gathers each shard's items from the stream and writes the shard once all are back."""

    output: Output
    shards: dict[str, Shard]
    tally: _Tally
    on_shard: Callable[[str], None] | None = None
    items: dict[str, dict[int, Any]] = field(default_factory=lambda: defaultdict(dict))
    totals: dict[str, int] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)

    def add(self, batch: Any) -> None:
        for key, index, kind, payload in zip(*(batch.column(c).to_pylist() for c in ("key", "index", "kind", "payload"))):
            if key in self.written:
                continue  # a retried task's late copy of a shard already written
            if kind == "end":
                self.totals[key] = index
            else:
                # a retried task may deliver an item twice: the index keeps one
                self.items[key][index] = pickle.loads(payload)
            if key in self.totals and len(self.items[key]) >= self.totals[key]:
                self._write(key)

    def _write(self, key: str) -> None:
        items = sorted(self.items.pop(key, {}).items())
        self.totals.pop(key)
        tables = shard_tables(key, items)
        self.output.write_shard(self.shards[key], tables)
        self.written.add(key)
        t = self.tally
        t.written += 1
        t.articles += tables["articles"].num_rows
        t.failed += tables["failures"].num_rows
        t.events += tables["events"].num_rows
        log.info("shard %s written: %d articles, %d failures", key, tables["articles"].num_rows,
                 tables["failures"].num_rows)
        if self.on_shard is not None:
            self.on_shard(key)

    def finish(self) -> None:
        missing = sorted(set(self.items) | set(self.totals))
        if missing:
            raise DetenteError(f"the Ray run ended with shards incomplete ({', '.join(missing)}); run it again to redo them")


# -- the Ray instance --------------------------------------------------------------------
@contextmanager
def ray_session(ray: Any, options: RayOptions) -> Iterator[None]:
    """A Ray instance for one run: the cluster named by ``--address`` or RAY_ADDRESS, else
    a local one bound to 127.0.0.1 without dashboard or usage statistics. A Ray already
    initialised in this process (a notebook, the tests) is used as it is and left running."""
    if ray.is_initialized():
        check_cpus(ray, options)
        yield
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    address = options.address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, logging_level=logging.WARNING)
    else:
        # a local instance on 127.0.0.1 needs no token: Ray would write one to ~/.ray
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        init_local(ray, options)
    try:
        check_cpus(ray, options)
        yield
    finally:
        ray.shutdown()


def init_local(ray: Any, options: RayOptions) -> None:
    # one CPU more than the actors take: the shard readers need one, and an actor pool
    # holding every CPU is Ray Data's known hang
    cpus = int(options.actors * options.cpus_per_actor + 0.999) + 1
    ray.init(num_cpus=cpus, include_dashboard=False, _node_ip_address="127.0.0.1",
             logging_level=logging.WARNING, log_to_driver=False)


def check_cpus(ray: Any, options: RayOptions) -> None:
    need = options.actors * options.cpus_per_actor
    have = float(ray.cluster_resources().get("CPU", 0))
    if need >= have:
        raise DetenteError(
            f"--workers {options.actors} x --cpus-per-actor {options.cpus_per_actor:g} = {need:g} CPUs, but Ray has "
            f"{have:g}: leave at least one free (an actor pool holding every CPU hangs); give fewer actors"
        )
