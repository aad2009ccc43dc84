"""Ingest plumbing with a stand-in extractor (fast); the real pipeline is in test_ingest_resume."""

from __future__ import annotations

import dataclasses
import json

import pytest

from detente import ingest as ingest_mod
from detente.records import ArticleError, ExtractedArticle
from detente.store import open_store

from store_fixtures import RUS, USA, article, event


class FakeExtractor:
    """Codes 'CONSULT on DATE' from the text; 'fail' makes the article fail; records the
    memory snapshot each article saw (the worker advances ``memory`` before each chunk)."""

    seen_memory: dict[str, int] = {}

    def __init__(self, settings, memory):
        self.memory = memory

    def extract_many(self, articles):
        out = []
        for art in articles:
            FakeExtractor.seen_memory[art.id] = len(self.memory)
            if "fail" in art.text:
                out.append(ArticleError(art.id, "events", "ValueError: cannot code"))
                continue
            made = article(art.id, art.published.isoformat(), (event("e1", "CONSULT", USA, RUS, art.published.isoformat()),),
                           text=art.text)
            # each article introduces its own person with a descriptor (a memory entry)
            person = dataclasses.replace(made.actors[0], name=f"Person {art.id}")
            out.append(ExtractedArticle(art, (person, *made.actors[1:]), made.events, made.quotes))
        return out


def ingest(*args, **kwargs):
    """The real ingest with the stand-in extractor."""
    return ingest_mod.ingest(*args, make_extractor=FakeExtractor, **kwargs)


@pytest.fixture()
def fake():
    FakeExtractor.seen_memory = {}
    return FakeExtractor


def write_jsonl(path, n, extra=()):
    with path.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i}", "text": f"Article {i}: Clinton met Lavrov.",
                                 "published": f"2009-03-{1 + i % 28:02d}"}) + "\n")
        for line in extra:
            fh.write(line + "\n")


def test_ingest_is_idempotent_and_records_failures(tmp_path, fake):
    src = tmp_path / "a.jsonl"
    write_jsonl(src, 10, ['{"id": "bad", "text": ""}', "not json", json.dumps({"id": "f", "text": "please fail"})])
    db = tmp_path / "s.duckdb"
    progress = []
    report = ingest([str(src)], db, progress=progress.append, chunk_size=4)
    assert (report.added, report.failed, report.skipped) == (10, 3, 0)
    assert progress[-1].done == 13 and progress[-1].total == 13
    again = ingest([str(src)], db, chunk_size=4)
    assert (again.added, again.skipped) == (0, 11)
    with open_store(db, read_only=True) as s:
        counts = s.counts()
        stages = sorted(r[0] for r in s.con.execute("SELECT stage FROM ingest_errors").fetchall())
        runs = s.con.execute("SELECT status, articles_added FROM ingest_log ORDER BY started_at").fetchall()
    assert counts["articles"] == 10 and counts["ingest_errors"] == 3
    assert stages == ["events", "read", "read"]
    assert runs == [("done", 10), ("done", 0)]


def test_missing_input_is_reported_not_raised(tmp_path, fake):
    report = ingest([str(tmp_path / "nope.jsonl")], tmp_path / "s.duckdb")
    assert report.added == 0 and report.failed == 1
    assert "no such file" in report.failures[0][2]


def test_memory_snapshot_lags_by_position_not_timing(tmp_path, fake):
    src = tmp_path / "a.jsonl"
    write_jsonl(src, 12)
    ingest([str(src)], tmp_path / "s.duckdb", chunk_size=2)
    # chunk k (articles 2k, 2k+1) sees the memory of articles with seq < 2k - (IN_FLIGHT-1)*2
    lag = (ingest_mod.IN_FLIGHT - 1) * 2
    expected = {f"a{i}": max(0, (i - i % 2) - lag) for i in range(12)}
    assert fake.seen_memory == expected
    assert expected["a11"] == 6


def test_count_articles(tmp_path):
    src = tmp_path / "a.jsonl"
    write_jsonl(src, 3)
    (tmp_path / "b.txt").write_text("One article.")
    assert ingest_mod.count_articles([str(tmp_path)]) == 4


def test_the_memory_log_of_a_killed_run_is_replaced_and_a_finished_run_leaves_none(tmp_path, fake):
    src = tmp_path / "a.jsonl"
    write_jsonl(src, 8)
    db = tmp_path / "s.duckdb"
    stale = tmp_path / ".s.duckdb.ingest"
    stale.mkdir()
    (stale / "memory.log").write_bytes(b"not a pickle: what a SIGKILL might leave")
    report = ingest([str(src)], db, chunk_size=2)
    assert report.added == 8
    assert max(fake.seen_memory.values()) > 0  # the workers read the new log
    assert not stale.exists()


def test_one_worker_writes_each_chunk_as_soon_as_it_is_extracted(tmp_path, fake, monkeypatch):
    """In one process nothing runs beside the extraction, so nothing is gained by keeping
    chunks in flight: each is written at once (progress shows, a kill loses one chunk)."""
    order: list[str] = []
    real_extract = FakeExtractor.extract_many

    def extract_many(self, articles):
        order.append(f"extract {articles[0].id}")
        return real_extract(self, articles)

    monkeypatch.setattr(FakeExtractor, "extract_many", extract_many)
    src = tmp_path / "a.jsonl"
    write_jsonl(src, 6)
    ingest([str(src)], tmp_path / "s.duckdb", workers=1, chunk_size=2,
                      progress=lambda p: order.append(f"written {p.done}"))
    # (the reader also reports once per window of input lines, so "written" may repeat)
    steps = [step for k, step in enumerate(order) if k == 0 or step != order[k - 1]]
    assert steps == ["extract a0", "written 2", "extract a2", "written 4", "extract a4", "written 6"]
    # the memory each article saw is still decided by position only
    lag = (ingest_mod.IN_FLIGHT - 1) * 2
    assert fake.seen_memory == {f"a{i}": max(0, (i - i % 2) - lag) for i in range(6)}
