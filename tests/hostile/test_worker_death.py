"""A dead ingest worker: the pool is restarted, the article that killed it is recorded as
failed (stage ``worker``) and every other article still gets its result."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal


import killer_worker
from detente import ingest as ingest_mod
from detente.ingest_pool import WorkerPool, describe_exit
from detente.records import Article, ArticleError, ExtractedArticle
from detente.store import open_store


def _pool(max_chars: int | None = None) -> WorkerPool:
    context = multiprocessing.get_context("forkserver")
    return WorkerPool(2, context, initializer=killer_worker.init, initargs=(), task=killer_worker.run,
                      ready=killer_worker.ready, max_chars=max_chars)


def test_an_article_that_kills_its_worker_is_failed_and_the_others_are_kept():
    articles = [Article(f"Article {i}.", id=f"a{i}") for i in range(12)]
    articles[5] = Article("Here KILL-THE-WORKER now.", id="killer")
    pool = _pool()
    try:
        tasks = [pool.submit(articles[i:i + 4], None) for i in range(0, 12, 4)]
        results = [r for task in tasks for r in task.result()]
        after = pool.submit([Article("Later article.", id="later")], None).result()
    finally:
        pool.shutdown()
    assert len(results) == 12
    failed = {r.article_id: r for r in results if isinstance(r, ArticleError)}
    assert list(failed) == ["killer"]
    assert failed["killer"].stage == "worker" and "exit code 3" in failed["killer"].message
    good = [r.article.id for r in results if isinstance(r, ExtractedArticle)]
    assert good == [a.id for a in articles if a.id != "killer"]  # in input order, none lost
    assert isinstance(after[0], ExtractedArticle)  # the restarted pool goes on


def test_workers_get_only_the_text_that_is_parsed_and_results_keep_the_whole_text():
    whole = "LENGTH? " + "x" * 5000
    pool = _pool(max_chars=100)
    try:
        sized, plain = pool.submit([Article(whole, id="long"), Article("y" * 300, id="p")], None).result()
    finally:
        pool.shutdown()
    assert isinstance(sized, ArticleError) and sized.message == "100"
    assert isinstance(plain, ExtractedArticle) and plain.article.text == "y" * 300


def test_exit_descriptions():
    assert describe_exit(-signal.SIGKILL) == "killed by signal 9 (SIGKILL: out of memory?)"
    assert describe_exit(3) == "exit code 3"


SENTENCES = [
    "Chile recalled its ambassador to Peru on Monday.",
    "Kenya and Ethiopia signed a border agreement in Nairobi.",
    "Iran condemned Israel over the air strikes.",
    "Japan sent food aid to Bangladesh after the floods.",
]


def test_sigkill_of_a_real_worker_loses_no_article(tmp_path, monkeypatch, extractor):
    """A worker of a real ingest (the model loaded) is killed with SIGKILL after the
    first chunk is written: the run ends normally with every article stored."""
    src = tmp_path / "news.jsonl"
    # distinct texts: the content hash is the text's alone
    rows = [{"id": f"n{i}", "text": f"{SENTENCES[i % 4]} Page {i}.", "published": f"2019-06-{1 + i:02d}"}
            for i in range(24)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pools: list = []
    real_make = ingest_mod._make_executor

    def make(workers, settings, make_extractor):
        pools.append(real_make(workers, settings, make_extractor))
        return pools[-1]

    killed: list[int] = []

    def progress(p) -> None:
        if not killed and p.added:
            pid = sorted(pools[0]._pool._processes)[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    monkeypatch.setattr(ingest_mod, "_make_executor", make)
    db = tmp_path / "k.duckdb"
    report = ingest_mod.ingest([str(src)], db, workers=2, progress=progress, chunk_size=4)
    assert killed
    assert (report.added, report.failed) == (24, 0)
    with open_store(db, read_only=True) as store:
        stored = store.con.execute(
            "SELECT a.id, e.type, e.trigger FROM events e JOIN articles a USING (content_hash) ORDER BY a.seq, e.event_id"
        ).fetchall()
    expected = []
    for row in rows:
        result = extractor.extract(Article(row["text"], id=row["id"]), published=row["published"])
        expected += [(row["id"], e.type, e.trigger) for e in result.events]
    assert sorted(stored) == sorted(expected) and expected
