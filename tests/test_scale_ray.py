"""`detente ingest --engine ray` on a real local Ray: same store as `detente ingest`.

One small local Ray (127.0.0.1, 3 CPUs, no dashboard) serves the module and is shut down
at its end. Inputs are 12 of the bundled sample articles in three JSONL shards (one with
a broken line), plus, in one test, a Parquet shard and a corrupt Parquet file; one test
kills a real `detente ingest --engine ray` process; the gold test runs the 249 Guardian
articles of ../shared (skipped without it).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

ray = pytest.importorskip("ray", reason="the Ray tests need the extra: pip install -e '.[ray]'")

from conftest import REPO  # noqa: E402

from detente.scale.load import load_parquet  # noqa: E402
from detente.scale.ray_engine import EXIT_ONCE_ENV, RayOptions, ingest_ray  # noqa: E402
from detente.store import open_store  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.timeout(240)]

ARTICLES_Q = ("SELECT id, title, published, content_hash, num_events, num_quotes FROM articles ORDER BY seq")
EVENTS_Q = ("SELECT a.id, e.event_id, e.type, e.status, e.date, e.date_precision, e.actor_names, e.actor_countries, "
            "e.recipient_names, e.recipient_countries, e.location_name, e.span_start, e.span_end, "
            "e.trigger_start, e.trigger_end FROM events e JOIN articles a USING (content_hash) ORDER BY a.seq, 2")
QUOTES_Q = ("SELECT a.id, q.quote_index, q.speaker_name, q.text, q.span_start, q.cue FROM quotes q "
            "JOIN articles a USING (content_hash) ORDER BY a.seq, 2")
FAILURES_Q = "SELECT source, stage, message FROM ingest_errors ORDER BY 1"


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shards")
    lines = (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    for i in range(3):
        part = lines[4 * i: 4 * i + 4]
        if i == 1:
            part.insert(2, '{"id": "broken", "text": ')  # a line cut short
        (folder / f"part-{i}.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_store(shards, tmp_path_factory):
    """`detente ingest` of the same shards: the reference (and the gazetteer cache the actors reuse)."""
    from detente.ingest import ingest

    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    report = ingest([str(shards)], db)
    assert (report.added, report.failed) == (12, 1)
    return db


@pytest.fixture(scope="module")
def ray_local(local_store, tmp_path_factory):
    flag = tmp_path_factory.mktemp("flag") / "exit-once"
    os.environ[EXIT_ONCE_ENV] = str(flag)  # actor processes inherit it when Ray starts
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=3, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False,
             logging_level="ERROR")
    yield flag
    ray.shutdown()
    os.environ.pop(EXIT_ONCE_ENV, None)


def _rows(db, sql):
    with open_store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def _assert_same_store(local, loaded):
    for sql in (ARTICLES_Q, EVENTS_Q, QUOTES_Q, FAILURES_Q):
        assert _rows(loaded, sql) == _rows(local, sql), sql
    with open_store(local, read_only=True) as a, open_store(loaded, read_only=True) as b:
        assert b.counts() == a.counts()


def test_one_actor_that_dies_once_still_gives_every_article_once(ray_local, shards, local_store, tmp_path):
    ray_local.write_text("armed")  # the first batch's actor exits; Ray restarts it and retries
    out = tmp_path / "out"
    report = ingest_ray([str(shards)], str(out), RayOptions(actors=1, progress=False))
    assert ray_local.read_text() != "armed", "no actor died: the test did not test a death"
    assert (report.written, report.articles, report.failed) == (3, 12, 1)
    db = tmp_path / "ray.duckdb"
    assert load_parquet(str(out), db).added == 12
    _assert_same_store(local_store, db)
    # the broken line is a failure row naming the line, not a crashed job
    failures = [r for r in _rows(db, FAILURES_Q)]
    assert len(failures) == 1 and failures[0][0].endswith("part-1.jsonl:3") and failures[0][1] == "read"


def test_two_actors_resume_after_the_driver_stops_and_load_adds_nothing_twice(ray_local, shards, local_store, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    inputs = tmp_path / "in"
    shutil.copytree(shards, inputs)
    # a Parquet shard repeating two articles (same content hash: stored once) and a corrupt one
    rows = [json.loads(line) for line in (shards / "part-0.jsonl").read_text().splitlines()[:2]]
    pq.write_table(pa.Table.from_pylist(rows), inputs / "zz-copies.parquet")
    (inputs / "zz-corrupt.parquet").write_bytes(b"PAR1 not really")
    out = tmp_path / "out"

    def stop(key):
        raise KeyboardInterrupt  # the driver is stopped after its first shard

    with pytest.raises(KeyboardInterrupt):
        ingest_ray([str(inputs)], str(out), RayOptions(actors=2, progress=False), on_shard=stop)
    assert len(list((out / "_shards").glob("*.json"))) == 1
    report = ingest_ray([str(inputs)], str(out), RayOptions(actors=2, progress=False))
    assert (report.shards, report.skipped, report.written) == (5, 1, 4)
    again = ingest_ray([str(inputs)], str(out), RayOptions(actors=2, progress=False))
    assert (again.skipped, again.written) == (5, 0)

    db = tmp_path / "ray.duckdb"
    first, second = load_parquet(str(out), db), load_parquet(str(out), db)
    assert (first.added, second.added) == (12, 0)
    with open_store(local_store, read_only=True) as a, open_store(db, read_only=True) as b:
        for sql in (ARTICLES_Q, EVENTS_Q, QUOTES_Q):
            assert b.con.execute(sql).fetchall() == a.con.execute(sql).fetchall(), sql
        extra = b.con.execute("SELECT source, message FROM ingest_errors WHERE source LIKE '%corrupt%'").fetchall()
    assert len(extra) == 1 and "not a readable Parquet file" in extra[0][1]


def test_actors_taking_every_cpu_are_refused_with_the_numbers(ray_local, shards, tmp_path):
    from detente.errors import DetenteError

    # the module's Ray has 3 CPUs: 3 actors of 1 CPU would leave none for the shard readers
    with pytest.raises(DetenteError, match=r"--workers 3 x --cpus-per-actor 1 = 3 CPUs, but Ray has 3"):
        ingest_ray([str(shards)], str(tmp_path / "out"), RayOptions(actors=3, progress=False))
    assert not (tmp_path / "out" / "_shards").exists()


def test_a_driver_killed_mid_run_is_resumed_with_every_article_once(ray_local, local_store, tmp_path):
    import pyarrow.parquet as pq

    lines = (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, line in enumerate(lines):  # one article a shard: the run is killed between two shards
        (inputs / f"a-{i:02d}.jsonl").write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != EXIT_ONCE_ENV}
    cmd = [sys.executable, "-m", "detente.cli", "ingest", str(inputs), "--engine", "ray", "--out", str(out),
           "--workers", "2", "--batch-size", "1", "-q"]
    # its own session: the driver's local Ray (GCS, raylet, workers) can be ended with it
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not list((out / "_shards").glob("*.json")):
            assert proc.poll() is None, f"the run ended before any shard was written: {proc.stderr.read()[-2000:]!r}"
            assert time.monotonic() < deadline, "no shard written in 180 s"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever of its Ray outlived it
        except ProcessLookupError:
            pass
        proc.stderr.close()
    done = len(list((out / "_shards").glob("*.json")))
    assert proc.returncode == -signal.SIGKILL and 1 <= done < 12, f"killed after {done} of 12 shards"

    report = ingest_ray([str(inputs)], str(out), RayOptions(actors=2, progress=False))
    assert (report.skipped, report.written) == (done, 12 - done)
    hashes = pq.read_table(out / "articles").column("content_hash").to_pylist()
    assert len(hashes) == len(set(hashes)) == 12  # every article once, the one in flight too
    db = tmp_path / "ray.duckdb"
    assert load_parquet(str(out), db).added == 12
    for sql in (ARTICLES_Q, EVENTS_Q, QUOTES_Q):
        assert _rows(db, sql) == _rows(local_store, sql), sql


# -- the 249 Guardian articles (../shared): the same store as `detente ingest`, row for row --
@pytest.fixture(scope="module")
def guardian_shards(shared, tmp_path_factory):
    sample = shared / "eval" / "guardian_sdf_sample" / "articles.jsonl.gz"
    if not sample.exists():
        pytest.skip(f"{sample} not found (set DETENTE_SHARED to the shared folder)")
    with gzip.open(sample, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    folder = tmp_path_factory.mktemp("guardian")
    per = -(-len(lines) // 10)
    for i in range(10):
        part = lines[i * per: (i + 1) * per]
        if i == 3:
            part.insert(4, '{"id": "cut-short", "text": "The talks\n')  # a broken line: one failure row
        (folder / f"part-{i}.jsonl").write_text("".join(part), encoding="utf-8")
    return folder, len(lines)


@pytest.fixture(scope="module")
def guardian_local(guardian_shards, tmp_path_factory):
    """`detente ingest --workers 2` of the Guardian shards, once for the module."""
    from detente.ingest import ingest

    folder, n = guardian_shards
    db = tmp_path_factory.mktemp("guardian-local") / "local.duckdb"
    report = ingest([str(folder)], db, workers=2)
    assert (report.added, report.failed) == (n, 1)
    return db


@pytest.mark.gold
@pytest.mark.slow
@pytest.mark.timeout(600)
def test_guardian_articles_with_one_then_two_actors_give_the_local_store_row_for_row(
    ray_local, guardian_shards, guardian_local, tmp_path
):
    folder, n = guardian_shards
    files = sorted(folder.glob("*.jsonl"))
    out = tmp_path / "out"
    # three shards with one actor, the rest with two (a resumed run with more actors):
    # each article is extracted once by Ray, which keeps the suite within its time
    first = ingest_ray([str(f) for f in files[:3]], str(out), RayOptions(actors=1, progress=False))
    assert (first.shards, first.written) == (3, 3)
    rest = ingest_ray([str(folder)], str(out), RayOptions(actors=2, progress=False))
    assert (rest.shards, rest.skipped, rest.written) == (10, 3, 7)
    assert (first.articles + rest.articles, first.failed + rest.failed) == (n, 1)
    db = tmp_path / "ray.duckdb"
    assert load_parquet(str(out), db).added == n
    # articles, events (type, status, date, actors, recipients, place, spans), quotes,
    # failures, and every table's row count (memory and dedup included)
    _assert_same_store(guardian_local, db)


# -- the limits and the language check: the same ingest_errors rows from both engines --------
# Articles written for this test (no eval data).
LIMITED = [
    {"id": "en-short", "published": "2024-03-05", "title": "Recall",
     "text": "Chile recalled its ambassador to Peru on Monday after a dispute over fishing rights. "
             "The Peruvian foreign minister said Lima regretted the decision."},
    {"id": "fr", "published": "2024-03-05", "title": "Frontières",
     "text": "Le gouvernement suisse a annoncé mercredi de nouvelles discussions avec l'Italie sur les "
             "tunnels alpins et les frontières, selon le ministre des affaires étrangères."},
    {"id": "en-long", "published": "2024-03-06", "title": "Talks",
     "text": "Ghana and Togo signed a border agreement in Accra on Tuesday. " * 12},
    {"id": "en-list", "published": "2024-03-07", "title": "Summit",
     "text": "Leaders of Kenya, Uganda, Tanzania, Rwanda, Burundi, Ethiopia, Somalia, Sudan, Egypt, Libya, "
             "Tunisia, Algeria, Morocco, Senegal, Mali, Niger, Chad, Nigeria, Ghana, Togo and Benin met in "
             "Nairobi on Thursday and agreed on a trade pact, officials said."},
]


def test_limits_and_language_give_the_local_ingest_errors_row_for_row(ray_local, tmp_path):
    import dataclasses

    from detente.ingest import ingest
    from detente.scale.summary import summarize_parquet
    from detente.settings import load_settings
    from detente.store.queries import limit_counts, store_overview

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "limits.jsonl").write_text("".join(json.dumps(a) + "\n" for a in LIMITED), encoding="utf-8")
    # en-long is cut at 300 characters; en-list has a sentence of more than 30 tokens
    settings = dataclasses.replace(load_settings(), max_chars=300, max_sentence_tokens=30)
    local = tmp_path / "local.duckdb"
    ingest([str(inputs)], local, settings=settings)
    out = tmp_path / "out"
    report = ingest_ray([str(inputs)], str(out), RayOptions(actors=1, progress=False), settings=settings)
    assert report.articles == 3
    db = tmp_path / "ray.duckdb"
    load_parquet(str(out), db)

    errors_q = "SELECT article_id, content_hash, source, stage, message FROM ingest_errors ORDER BY 1, 4"
    local_errors = _rows(local, errors_q)
    assert {(r[0], r[3]) for r in local_errors} == {("fr", "language"), ("en-long", "truncated"),
                                                    ("en-list", "sentence_tokens")}, local_errors
    assert _rows(db, errors_q) == local_errors
    _assert_same_store(local, db)
    with open_store(local, read_only=True) as store:
        counts, overview = limit_counts(store.con), store_overview(store.con)
    # `summary --parquet` counts them as `summary` does: the limits, and one failed input
    s = summarize_parquet(str(out))
    assert (s.limits, s.failures, s.articles) == (counts, overview["errors"], overview["articles"]) == (
        {"language": 1, "truncated": 1, "sentence_tokens": 1}, 1, 3)


def test_an_article_over_its_time_budget_fails_in_a_ray_actor_as_in_ingest(ray_local, tmp_path):
    # a Ray Data actor runs batches outside the main thread, where no SIGALRM timer reaches
    import dataclasses

    from detente.ingest import ingest
    from detente.settings import load_settings

    inputs = tmp_path / "in"
    inputs.mkdir()
    # long enough that its stages outlast the budget and the switch to the watchdog thread (~5 ms)
    slow = {**LIMITED[0], "text": " ".join(a["text"] for a in (LIMITED[0], LIMITED[3], LIMITED[2])) * 3}
    (inputs / "slow.jsonl").write_text(json.dumps(slow) + "\n", encoding="utf-8")
    settings = dataclasses.replace(load_settings(), time_budget=1e-3)
    local = tmp_path / "local.duckdb"
    ingest([str(inputs)], local, settings=settings)
    out = tmp_path / "out"
    report = ingest_ray([str(inputs)], str(out), RayOptions(actors=1, progress=False), settings=settings)
    assert (report.articles, report.failed) == (0, 1)
    db = tmp_path / "ray.duckdb"
    load_parquet(str(out), db)
    errors_q = "SELECT article_id, content_hash, source, stage, message FROM ingest_errors"
    assert [r[3] for r in _rows(local, errors_q)] == ["time_budget"]
    assert _rows(db, errors_q) == _rows(local, errors_q)
