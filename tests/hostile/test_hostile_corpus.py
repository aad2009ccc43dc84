"""The hostile corpus (tests/hostile/corpus.py) ingested by the real CLI: no traceback,
every good article stored, every bad input reported once with its reason."""

from __future__ import annotations

import collections

import pytest

from corpus import write_corpus
from detente.normalize import normalise
from detente.store import open_store


@pytest.mark.slow
def test_hostile_corpus_ingests_with_no_traceback_and_no_loss(tmp_path, run_cli, monkeypatch):
    folder = tmp_path / "hostile"
    want = write_corpus(folder, big_chars=1_000_000, long_line_chars=5_000_000)
    db = tmp_path / "h.duckdb"
    # the limit is a setting: a small one keeps the test quick and still cuts two articles
    monkeypatch.setenv("DETENTE_MAX_CHARS", "30000")
    proc = run_cli("ingest", str(folder), "--db", str(db), "--workers", "1")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert proc.returncode == 1, err[-3000:]  # some inputs failed, the run went on
    with open_store(db) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY seq").fetchall()]
        rows = store.con.execute("SELECT source, stage, message, article_id FROM ingest_errors").fetchall()
        # a killed run's log row: the next run marks it (simulated: one process writes a store)
        store.con.execute("UPDATE ingest_log SET status = 'running'")
    assert collections.Counter(ids) == collections.Counter(normalise(i).text for i in want.good)
    # articles skipped by a limit or the language check: by id, with their stage
    limits = {"truncated", "sentence_tokens", "time_budget", "language"}
    notes = {"truncated", "sentence_tokens"}  # the article is stored, with a note
    assert {r[3]: r[1] for r in rows if r[1] in limits - notes} == want.skipped
    assert sorted((r[3], r[1]) for r in rows if r[1] in notes) == [
        ("big", "truncated"), ("long-line", "truncated"), ("numbers", "sentence_tokens")]  # 3000 numbers, no stop
    errors = [r[:3] for r in rows if r[1] not in limits]
    sources = collections.Counter(source for source, _, _ in errors)
    assert set(sources) == set(want.bad), (set(sources) ^ set(want.bad))
    assert all(n == 1 for n in sources.values())  # each once
    assert all(message and len(message.splitlines()) == 1 for _, _, message in errors)

    again = run_cli("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert "Traceback" not in again.stderr.decode("utf-8", "replace")
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == len(ids)  # nothing twice
        assert store.counts()["ingest_errors"] == len(rows)  # each failure still once
        statuses = [r[0] for r in store.con.execute("SELECT status FROM ingest_log ORDER BY started_at").fetchall()]
    assert statuses == ["interrupted", "done"]
