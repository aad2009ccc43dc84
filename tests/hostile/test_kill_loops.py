"""SIGKILL loops: the ingest killed at random points (10 runs) and one worker killed
(3 runs), each resumed: every table's row count and content fingerprint equals an
uninterrupted run's. The ingest is the real one (reader, chunks, memory log, pool,
writer) with the model-free extractor of fake_extractor.py, so a run takes a second; the
real pipeline's kill and resume is tests/test_ingest_resume.py (needs ../shared)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.store import open_store
from detente.store.schema import CONTENT_TABLES

HERE = Path(__file__).resolve().parent
N_ARTICLES = 20
CHUNKS = N_ARTICLES // 4  # the driver's chunk size is 4
#: columns that name the run or the moment, not the content
RUN_COLUMNS = {"run_id", "ingested_at", "failed_at"}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def write_input(path: Path) -> None:
    """Names whose country only the memory knows (``?``) after an earlier article said it."""
    people = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Khan", "Eli Stone", "Femi Ade", "Gul Aydin"]
    codes = ["MEX", "NGA", "CHN", "PAK", "USA", "NGA", "TUR"]
    rows = []
    for i in range(N_ARTICLES):
        p = i % len(people)
        code = codes[p] if i < len(people) else "?"
        text = f"{people[p]} ({code}) met {people[(p + 3) % len(people)]}. Round {i}."  # distinct texts
        if i == 15:
            text = "FAIL " + text  # an article that fails: recorded in ingest_errors
        rows.append({"id": f"k{i}", "text": text, "published": f"2020-01-{1 + i:02d}"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def start(src: Path, db: Path, workers: int, delay: float) -> subprocess.Popen:
    env = dict(os.environ, FAKE_DELAY=str(delay), PYTHONWARNINGS="ignore",
               PYTHONPATH=os.pathsep.join([str(HERE), *sys.path]))
    return subprocess.Popen([sys.executable, str(HERE / "ingest_driver.py"), str(src), str(db), str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(src: Path, db: Path) -> None:
    """An uninterrupted run or a resume, in this process (the same code, no start-up cost;
    chunks and results do not depend on --workers)."""
    import fake_extractor
    from detente.ingest import ingest
    from detente.settings import load_settings

    ingest([str(src)], db, workers=1, settings=load_settings(), chunk_size=4, count_total=False,
           make_extractor=fake_extractor.make)


def fingerprints(db: Path) -> dict[str, tuple[int, str]]:
    """Per content table: the row count and a hash of its rows in a stable order."""
    out = {}
    with open_store(db, read_only=True) as store:
        for table in CONTENT_TABLES:
            cols = [c[0] for c in store.con.execute(f"DESCRIBE {table}").fetchall() if c[0] not in RUN_COLUMNS]
            listed = ", ".join(f'"{c}"' for c in cols)
            rows = store.con.execute(f"SELECT {listed} FROM {table} ORDER BY {listed}").fetchall()
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        statuses = {r[0] for r in store.con.execute("SELECT status FROM ingest_log").fetchall()}
    assert "running" not in statuses, statuses  # a killed run is marked by the next one
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kills")
    src = folder / "in.jsonl"
    write_input(src)
    finish(src, folder / "clean.duckdb")
    want = fingerprints(folder / "clean.duckdb")
    assert want["articles"][0] == N_ARTICLES - 1 and want["ingest_errors"][0] == 1
    assert want["memory"][0] > 0 and want["event_actors"][0] > 0
    with open_store(folder / "clean.duckdb", read_only=True) as store:
        remembered = store.con.execute("SELECT count(*) FROM actors WHERE evidence = 'memory'").fetchall()[0][0]
    assert remembered >= 4  # the memory snapshots shape the output: a resume must hand out the same
    return src, want


def wait_for_chunks(proc: subprocess.Popen, n: int) -> list[str]:
    lines = []
    while len([x for x in lines if x.startswith("chunk")]) < n:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
    return lines


@pytest.mark.parametrize("seed", range(10))
def test_ingest_killed_at_a_random_point_then_resumed_equals_an_uninterrupted_run(reference, tmp_path, seed):
    src, want = reference
    rng = random.Random(seed)
    db = tmp_path / "killed.duckdb"
    # after 0 to CHUNKS - 2 committed chunks, then within one chunk's extraction or write
    after, pause = rng.randrange(CHUNKS - 1), rng.uniform(0, 0.06)
    proc = start(src, db, 1, delay=0.02)
    assert proc.stdout.readline().strip() == "start"
    wait_for_chunks(proc, after)
    time.sleep(pause)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, f"seed {seed}: the run ended before the kill"
    finish(src, db)  # resume
    assert fingerprints(db) == want, f"seed {seed}: killed after {after} chunks + {pause:.3f} s"


@pytest.mark.parametrize("seed", range(3))
def test_one_worker_killed_then_resumed_equals_an_uninterrupted_run(reference, tmp_path, seed):
    src, want = reference
    rng = random.Random(100 + seed)
    db = tmp_path / "worker.duckdb"
    proc = start(src, db, 2, delay=0.03)
    lines = wait_for_chunks(proc, 1 + rng.randrange(CHUNKS - 3))
    pids = [int(p) for p in lines[-1].split("pids ")[1].split(",") if p]
    assert len(pids) == 2, lines
    time.sleep(rng.uniform(0, 0.1))
    os.kill(rng.choice(pids), signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and "Traceback" not in err, err[-2000:]  # the pool replaced the worker
    assert "an ingest worker died" in err
    finish(src, db)  # resume: nothing is left to add
    assert fingerprints(db) == want, f"seed {seed}"


def test_an_article_that_kills_the_ingest_itself_is_failed_by_the_second_resume(reference, tmp_path):
    """--workers 1: the article is extracted in the ingest process. The first run dies in
    its batch, the next extracts that batch one article at a time and dies on it alone,
    the third records it as failed (stage crash) and stores every other article."""
    src = tmp_path / "crash.jsonl"
    lines = reference[0].read_text(encoding="utf-8").splitlines()[:12]
    lines.insert(10, json.dumps({"id": "crasher", "text": "CRASH now.", "published": "2020-02-01"}))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "crash.duckdb"
    stored = []
    for _ in range(2):
        proc = start(src, db, 1, delay=0)
        proc.communicate(timeout=60)
        assert proc.returncode == 3
        with open_store(db, read_only=True) as store:
            stored.append(store.counts()["articles"])
    assert stored == [8, 8]  # the chunks before the crasher's; its chunk is written whole or not at all
    out, err = start(src, db, 1, delay=0).communicate(timeout=60)
    assert "done" in out and "Traceback" not in err, err[-2000:]
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == 12
        rows = store.con.execute("SELECT article_id, stage, message FROM ingest_errors WHERE stage = 'crash'").fetchall()
    assert [r[:2] for r in rows] == [("crasher", "crash")] and "--workers 2" in rows[0][2]
    assert not (tmp_path / ".crash.duckdb.inflight").exists()
