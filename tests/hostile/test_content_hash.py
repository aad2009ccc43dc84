"""The content hash is the text's, normalised: a copy with a trailing space, CRLF line
ends or no date is the article already stored; one other word is another article. Stores
written with the old hash (date + exact bytes) are re-keyed when opened for writing; and
`ingest` over a store with a damaged block says so instead of succeeding."""

from __future__ import annotations

import hashlib
import json
import unicodedata

import duckdb
import pytest

import fake_extractor
from detente.cli.ingest import _print_report
from detente.errors import StoreError
from detente.ingest import ingest
from detente.records import Article, text_hash
from detente.settings import load_settings
from detente.store import open_store, schema

TEXT = "Ana Ruiz (MEX) met Ben Okafor. Talks on water rights went well."


def run(rows, tmp_path, db, name="in.jsonl"):
    src = tmp_path / name
    src.write_bytes("".join(json.dumps(r) + "\n" for r in rows).encode("utf-8"))
    return ingest([str(src)], db, settings=load_settings(), count_total=False, make_extractor=fake_extractor.make)


def test_text_hash_ignores_only_what_does_not_tell_texts_apart():
    assert text_hash(TEXT) == text_hash(f"  {TEXT} \n") == text_hash(TEXT.replace(". ", ".\r\n\r\n"))
    assert text_hash("Café talks.") == text_hash(unicodedata.normalize("NFD", "Café talks."))
    assert text_hash(TEXT) != text_hash(TEXT.replace("well", "badly"))
    assert text_hash(TEXT) != text_hash(TEXT.replace(". Talks", ", Talks"))
    assert text_hash("Ana met Ben.") != text_hash("Ana metBen.")
    dated = Article(TEXT, id="x", published=__import__("datetime").date(2020, 1, 2))
    assert dated.content_hash() == Article(TEXT).content_hash()


def test_a_copy_with_a_trailing_space_crlf_or_no_date_is_stored_once(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    assert run([{"id": "a", "text": TEXT, "published": "2020-01-02"}], tmp_path, db).added == 1
    copies = [{"id": "a-space", "text": TEXT + " ", "published": "2020-01-02"},
              {"id": "a-crlf", "text": TEXT.replace(". ", ".\r\n") + "\r\n", "published": "2020-01-02"},
              {"id": "a-nodate", "text": TEXT}]
    other = {"id": "b", "text": TEXT.replace("well", "badly"), "published": "2020-01-02"}
    report = run([*copies, other], tmp_path, db, "copies.jsonl")
    assert (report.added, report.skipped, report.renamed) == (1, 3, 3)
    _print_report(report)
    assert "3 skipped articles have the text of an article stored under another id" in capsys.readouterr().err
    with open_store(db, read_only=True) as store:
        ids = sorted(r[0] for r in store.con.execute("SELECT id FROM articles").fetchall())
    assert ids == ["a", "b"]


def _old_hash(self):
    published = self.published.isoformat() if self.published else ""
    return hashlib.sha256(f"{published}\x1f{self.text}".encode("utf-8")).hexdigest()


def test_a_store_with_the_old_hash_is_rekeyed_and_its_copies_merged(tmp_path, monkeypatch):
    rows = [{"id": "a", "text": TEXT, "published": "2020-01-02"},
            {"id": "a-space", "text": TEXT + " ", "published": "2020-01-02"},  # stored twice by the old hash
            {"id": "c", "text": "Chen Wei (CHN) met Dara Singh.", "published": "2020-01-03"}]
    old = tmp_path / "old.duckdb"
    with monkeypatch.context() as m:
        m.setattr(Article, "content_hash", _old_hash)
        m.setattr(schema, "SCHEMA_VERSION", 3)
        assert run(rows, tmp_path, old).added == 3
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("3",)]
    report = run([*rows, {"id": "c-nodate", "text": "Chen Wei (CHN) met Dara Singh."}], tmp_path, old, "again.jsonl")
    assert (report.added, report.skipped) == (0, 4)
    fresh = tmp_path / "fresh.duckdb"
    run(rows, tmp_path, fresh)
    with open_store(old, read_only=True) as a, open_store(fresh, read_only=True) as b:
        assert a.counts() == b.counts()
        assert sorted(r[0] for r in a.con.execute("SELECT id FROM articles").fetchall()) == ["a", "c"]
        for table in ("articles", "events", "event_mentions", "dedup_events", "ingest_errors"):
            column = "anchor_hash" if table == "dedup_events" else "content_hash"
            sql = f"SELECT {column} FROM {table} ORDER BY 1"
            assert a.con.execute(sql).fetchall() == b.con.execute(sql).fetchall(), table
        keys = "SELECT dedup_key, dedup_id FROM event_mentions ORDER BY 1, 2"
        assert a.con.execute(keys).fetchall() == b.con.execute(keys).fetchall()


def test_ingest_over_a_damaged_block_says_the_store_is_damaged(tmp_path, run_cli):
    db = tmp_path / "s.duckdb"
    rows = [{"id": f"n{i}", "text": f"Ana Ruiz (MEX) met Zed Q{i}. " + "More words of the story. " * 40,
             "published": "2020-01-02"} for i in range(400)]
    assert run(rows, tmp_path, db).added == 400
    with duckdb.connect(str(db), read_only=True) as con:
        blocks = con.execute("SELECT block_id FROM pragma_storage_info('articles') "
                             "WHERE column_name = 'text' AND block_id >= 0").fetchall()
    if not blocks:
        pytest.skip("this DuckDB keeps the texts in no block of their own")
    # blocks of 256 KiB follow the file header (4 KiB) and two database headers
    with open(db, "r+b") as fh:
        fh.seek(3 * 4096 + blocks[0][0] * 262144 + 4096)
        fh.write(b"\xff" * 64)
    src = tmp_path / "new.jsonl"
    src.write_text(json.dumps({"id": "new", "text": "Chen Wei (CHN) met Dara Singh."}) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match="damaged"):
        ingest([str(src)], db, settings=load_settings(), count_total=False, make_extractor=fake_extractor.make)
    proc = run_cli("ingest", str(src), "--db", str(db))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err and "damaged" in err and str(db) in err
    assert "articles added" not in proc.stdout.decode()
