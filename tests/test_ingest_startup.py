"""Start-up of ingest: the gazetteer's on-disk cache and the order of submits and commits.

The cache must give exactly what a build gives, and a missing, stale or corrupt file must
be rebuilt (with a log message), never trusted or allowed to crash a run.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import json
import logging

import pytest

from detente import ingest as ingest_mod
from detente.errors import StoreError
from detente.grounding import gazetteer as gaz
from detente.grounding.gazetteer import Gazetteer, GazetteerEntry
from detente.store import open_store

# --- the gazetteer cache ------------------------------------------------------------------

PARIS = GazetteerEntry("Paris", "FRA", 48.85, 2.35, 2988507, "city", 2_138_551)
LYON = GazetteerEntry("Lyon", "FRA", 45.75, 4.85, 2996944, "city", 472_317)


def tiny() -> Gazetteer:
    return Gazetteer([PARIS, LYON], {"paris": [(0, 2)], "lyon": [(1, 2)], "lugdunum": [(1, 1)]})


@pytest.fixture()
def builds(monkeypatch) -> list[int]:
    """Replace the slow build by a two-city gazetteer; records each build's min_population."""
    calls: list[int] = []

    def build(cls, min_population: int = 15000) -> Gazetteer:
        calls.append(min_population)
        return tiny()

    monkeypatch.setattr(Gazetteer, "build", classmethod(build))
    return calls


def cache_file(folder, min_population: int = 15000):
    return gaz.cache_path(folder, min_population)


def test_missing_cache_is_built_once_then_read(tmp_path, builds) -> None:
    first = Gazetteer.load(cache_dir=tmp_path)
    assert cache_file(tmp_path).is_file()
    second = Gazetteer.load(cache_dir=tmp_path)
    assert builds == [15000]  # the second load read the file
    assert second.lookup("Lugdunum") == first.lookup("Lugdunum") == LYON
    assert second.lookup("Paris").country == "FRA"


@pytest.mark.parametrize("damage", [
    lambda blob: blob[: len(blob) // 2],               # truncated (a crash mid-copy)
    lambda blob: blob[:-10] + b"\x00" * 10,            # bytes changed
    lambda blob: b"",                                  # empty
    lambda blob: b"not a cache at all",                # something else
    lambda blob: blob.replace(b"Lyon", b"Lxon", 1),    # still loadable, but altered
])
def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path, builds, caplog, damage) -> None:
    Gazetteer.load(cache_dir=tmp_path)
    path = cache_file(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="detente.grounding.gazetteer"):
        rebuilt = Gazetteer.load(cache_dir=tmp_path)
    assert builds == [15000, 15000]
    assert rebuilt.lookup("Lyon") == LYON
    assert any("corrupt" in r.getMessage() for r in caplog.records)
    # the rebuilt file is whole again: the next load reads it
    Gazetteer.load(cache_dir=tmp_path)
    assert builds == [15000, 15000]


def test_unwritable_cache_folder_still_gives_a_gazetteer(tmp_path, builds, caplog) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="detente.grounding.gazetteer"):
        gazetteer = Gazetteer.load(cache_dir=blocker)
    assert gazetteer.lookup("Paris") == PARIS
    assert any("not written" in r.getMessage() for r in caplog.records)


def test_cache_key_follows_min_population_and_versions(monkeypatch) -> None:
    assert gaz.cache_key(15000) == gaz.cache_key(15000)
    assert gaz.cache_key(15000) != gaz.cache_key(5000)
    before = gaz.cache_key(15000)
    monkeypatch.setattr(gaz, "_version", lambda package: "99.0")
    assert gaz.cache_key(15000) != before


def test_another_min_population_does_not_read_the_cache(tmp_path, builds) -> None:
    Gazetteer.load(15000, cache_dir=tmp_path)
    Gazetteer.load(5000, cache_dir=tmp_path)
    assert builds == [15000, 5000]
    assert cache_file(tmp_path, 15000) != cache_file(tmp_path, 5000)
    assert cache_file(tmp_path, 15000).is_file() and cache_file(tmp_path, 5000).is_file()


def test_stale_cache_of_an_older_version_is_replaced(tmp_path, builds, monkeypatch) -> None:
    monkeypatch.setattr(gaz, "_version", lambda package: "0.1")
    Gazetteer.load(cache_dir=tmp_path)
    old = cache_file(tmp_path)
    monkeypatch.setattr(gaz, "_version", lambda package: "0.2")
    Gazetteer.load(cache_dir=tmp_path)
    assert builds == [15000, 15000]
    assert not old.exists() and cache_file(tmp_path).is_file()


def test_cached_gazetteer_equals_the_built_one(tmp_path) -> None:
    built = Gazetteer.load(cache_dir=tmp_path)  # no cache yet: built, then written
    cached = Gazetteer.load(cache_dir=tmp_path)
    assert cached._entries == built._entries
    assert cached._index == built._index
    for name, context in [("Paris", ()), ("Birmingham", ("USA",)), ("Georgia", ()), ("Kharkiv", ())]:
        assert cached.lookup(name, context) == built.lookup(name, context)


# --- ingest: the same store with a cold and a warm cache ----------------------------------

ARTICLES = [
    {"id": "s1", "published": "2022-03-08",
     "text": "Russian artillery shelled Kharkiv on Tuesday, the regional governor said."},
    {"id": "s2", "published": "2021-06-12",
     "text": "Police in Lagos arrested twenty protesters on Friday after a march on the state house."},
    {"id": "s3", "published": "2019-11-02",
     "text": "The foreign ministers of Japan and South Korea met in Bangkok on Saturday."},
]


def store_rows(db) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {
            "events": store.con.execute("SELECT * FROM events ORDER BY content_hash, event_id").fetchall(),
            "actors": store.con.execute("SELECT * FROM actors ORDER BY content_hash, actor_id").fetchall(),
            "located": store.con.execute(
                "SELECT location_country FROM events WHERE location_country IS NOT NULL").fetchall(),
        }


@pytest.mark.slow
def test_ingest_gives_the_same_store_with_and_without_the_cache(tmp_path, monkeypatch, nlp) -> None:
    from detente.pipeline import Extractor, Resources

    def shared_model(settings, memory) -> Extractor:
        """The real stages with the session's spaCy model (loading it again is slow)."""
        return Extractor(settings, resources=Resources.build(settings, nlp=nlp, memory=memory))

    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")

    ingest_mod.ingest([str(src)], tmp_path / "cold.duckdb", make_extractor=shared_model)  # builds and writes the cache
    assert list((tmp_path / "cache").glob("gazetteer-*.bin"))

    def no_build(cls, min_population: int = 15000) -> Gazetteer:
        raise AssertionError("the warm run must read the cache, not build")

    monkeypatch.setattr(Gazetteer, "build", classmethod(no_build))
    ingest_mod.ingest([str(src)], tmp_path / "warm.duckdb", make_extractor=shared_model)
    cold, warm = store_rows(tmp_path / "cold.duckdb"), store_rows(tmp_path / "warm.duckdb")
    assert cold == warm
    assert cold["events"] and ("UKR",) in cold["located"]


# --- ingest: chunks in flight -------------------------------------------------------------


@dataclasses.dataclass
class RecordingExecutor:
    """Runs chunks with a stand-in worker; records submits, commits and shutdown."""

    log: list[tuple[str, int]]
    shut: bool = False

    def submit(self, articles, snapshot) -> cf.Future:
        self.log.append(("submit", int(articles[0].id[1:])))
        future: cf.Future = cf.Future()
        future.set_result([ingest_mod.ArticleError(a.id, "events", "stand-in") for a in articles])
        return future

    def shutdown(self) -> None:
        self.shut = True


def write_articles(path, n: int) -> None:
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Article number {i}.", "published": "2020-01-01"})
                            + "\n" for i in range(n)), encoding="utf-8")


def test_in_flight_chunks_are_submitted_before_the_first_commit(tmp_path, monkeypatch) -> None:
    log: list[tuple[str, int]] = []
    executor = RecordingExecutor(log)
    monkeypatch.setattr(ingest_mod, "_make_executor", lambda *args: executor)
    real_commit = ingest_mod._Run._commit

    def commit(self, chunk, future) -> None:
        log.append(("commit", int(chunk.articles[0].id[1:])))
        real_commit(self, chunk, future)

    monkeypatch.setattr(ingest_mod._Run, "_commit", commit)
    src = tmp_path / "a.jsonl"
    write_articles(src, 10)
    ingest_mod.ingest([str(src)], tmp_path / "s.duckdb", chunk_size=2)
    assert ingest_mod.IN_FLIGHT == 3
    # three chunks in flight before the first is written; then one in, one out
    assert log[:6] == [("submit", 0), ("submit", 2), ("submit", 4), ("commit", 0), ("submit", 6), ("commit", 2)]
    assert [e for e in log if e[0] == "commit"] == [("commit", i) for i in (0, 2, 4, 6, 8)]
    assert executor.shut


def test_workers_are_shut_down_when_the_store_cannot_be_opened(tmp_path, monkeypatch) -> None:
    executor = RecordingExecutor([])
    monkeypatch.setattr(ingest_mod, "_make_executor", lambda *args: executor)
    src = tmp_path / "a.jsonl"
    write_articles(src, 2)
    not_a_store = tmp_path / "folder.duckdb"
    not_a_store.mkdir()
    with pytest.raises(StoreError):
        ingest_mod.ingest([str(src)], not_a_store)
    assert executor.shut and executor.log == []


def test_no_cache_without_a_readable_source_or_home(builds, monkeypatch, caplog) -> None:
    def no_home() -> None:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.delenv("DETENTE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(gaz.Path, "home", staticmethod(no_home))
    with caplog.at_level(logging.WARNING, logger="detente.grounding.gazetteer"):
        gazetteer = Gazetteer.load()
    assert builds == [15000] and gazetteer.lookup("Paris") == PARIS
    assert any("unavailable" in r.getMessage() for r in caplog.records)


def test_default_cache_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "mine"))
    assert gaz.default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("DETENTE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gaz.default_cache_dir() == tmp_path / "xdg" / "detente"


def test_chunks_go_to_the_workers_as_tasks_sharing_the_chunk_snapshot(tmp_path, monkeypatch) -> None:
    """A chunk of 16 is sent as two tasks of 8 with the same memory snapshot, the run's
    last chunk as tasks of 4, and each chunk is still written once with all its results."""
    log: list[tuple[str, int]] = []
    executor = RecordingExecutor(log)
    snapshots: list[tuple] = []
    real_submit = executor.submit

    def submit(articles, snapshot) -> cf.Future:
        snapshots.append((int(articles[0].id[1:]), len(articles), snapshot))
        return real_submit(articles, snapshot)

    executor.submit = submit  # type: ignore[method-assign]
    monkeypatch.setattr(ingest_mod, "_make_executor", lambda *args: executor)
    src = tmp_path / "a.jsonl"
    write_articles(src, 40)
    report = ingest_mod.ingest([str(src)], tmp_path / "s.duckdb", chunk_size=16)
    assert (ingest_mod.TASK_SIZE, ingest_mod.LAST_TASK_SIZE) == (8, 4)
    assert [(first, n) for first, n, _ in snapshots] == [(0, 8), (8, 8), (16, 8), (24, 8), (32, 4), (36, 4)]
    assert snapshots[0][2] == snapshots[1][2] and snapshots[2][2] == snapshots[3][2]
    assert [e for e in log if e[0] == "submit"] == [("submit", i) for i in (0, 8, 16, 24, 32, 36)]
    assert report.failed == 40  # every article's result came back and was written once
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 40


def test_a_single_chunk_is_the_last_one(tmp_path, monkeypatch) -> None:
    log: list[tuple[str, int]] = []
    executor = RecordingExecutor(log)
    monkeypatch.setattr(ingest_mod, "_make_executor", lambda *args: executor)
    src = tmp_path / "a.jsonl"
    write_articles(src, 6)
    ingest_mod.ingest([str(src)], tmp_path / "s.duckdb", chunk_size=16)
    assert log == [("submit", 0), ("submit", 4)]


def test_the_ingest_parent_does_not_import_spacy() -> None:
    """The parent only reads, hashes and writes; the modules it imports for the memory
    snapshots must not pull in spaCy (half a second of CPU taken from the workers)."""
    import subprocess
    import sys

    code = ("import sys, detente.ingest, detente.store; from detente.actors.memory import MemoryHit; "
            "from detente.actors.kb import normalize_name; print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- performance rewrites that must keep results ------------------------------------------


def test_entity_bounds_agree_with_doc_ents(nlp) -> None:
    from detente.actors.surnames import _entity_bounds

    doc = nlp("Angela Merkel met Emmanuel Macron at the Lincoln Memorial in Washington on Monday.")
    for tok in doc:
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        assert _entity_bounds(doc, tok) == (None if ent is None else (ent.start, ent.end))
    assert _entity_bounds(doc, doc[0]) == (0, 2)
    assert _entity_bounds(doc, doc[2]) is None  # "met"


def test_capitalised_tokens_include_every_upper_case_start(nlp) -> None:
    from detente.actors.regions import _capitalised

    doc = nlp("the Sindh government and Ⅻ legion met in ÉVORA, not in lisbon.")
    assert [doc[i].text for i in _capitalised(doc)] == [t.text for t in doc if t.text[:1].isupper()]
    assert "government" not in [doc[i].text for i in _capitalised(doc)]
