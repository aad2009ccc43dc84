"""Store faults: a truncated or foreign file, a locked store, a full disk and a damaged
block met while serving; each gets its own one-line message, and a full disk leaves a
store that reopens with what was written before."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import warnings

import duckdb
import pytest

from detente.errors import StoreError
from detente.store import Store, open_store
from test_web_hostile import _article


def _filled(path, n: int = 3):
    base = _article()
    with open_store(path) as store:
        store.write([dataclasses.replace(base, article=dataclasses.replace(base.article, text=f"{base.article.text} {i}",
                                                                            id=f"c{i}")) for i in range(n)])
    return path


def test_truncated_and_foreign_files_are_called_damaged(tmp_path):
    store = _filled(tmp_path / "s.duckdb")
    size = store.stat().st_size
    with open(store, "r+b") as fh:
        fh.truncate(size // 2)
    (tmp_path / "notes.duckdb").write_bytes(b"these are my notes\n" * 500)
    for path in (store, tmp_path / "notes.duckdb"):
        for read_only in (True, False):
            with pytest.raises(StoreError) as info:
                open_store(path, read_only=read_only)
            message = str(info.value)
            assert "damaged" in message and str(path) in message
            assert "another detente process" not in message


def test_summary_of_a_truncated_store_is_one_line(tmp_path, run_cli):
    store = _filled(tmp_path / "s.duckdb")
    with open(store, "r+b") as fh:
        fh.truncate(store.stat().st_size // 2)
    proc = run_cli("summary", "--db", str(store))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err and "damaged" in err


def test_a_locked_store_says_another_process_writes_it(tmp_path):
    store = _filled(tmp_path / "s.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="another detente process is writing"):
            open_store(store)
    finally:
        holder.kill()
        holder.wait()


class _FullDisk:
    """A connection whose COMMIT fails as on a full disk and whose ROLLBACK then fails too
    (DuckDB ends the transaction with the failed COMMIT)."""

    def __init__(self, con) -> None:
        self._con = con

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._con.execute("ROLLBACK")
            raise duckdb.IOException('IO Error: Could not write file "s.duckdb.wal": No space left on device')
        if sql == "ROLLBACK":
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")
        # the store's statements read Arrow tables from the caller's locals (DuckDB
        # replacement scans), which this extra frame hides: register them instead
        import pyarrow as pa

        tables = {k: v for k, v in sys._getframe(1).f_locals.items() if isinstance(v, pa.Table)}
        for name, table in tables.items():
            self._con.register(name, table)
        try:
            return self._con.execute(sql, *args)
        finally:
            for name in tables:
                self._con.unregister(name)

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_a_full_disk_is_named_and_the_store_keeps_what_was_written(tmp_path):
    path = _filled(tmp_path / "s.duckdb", 2)
    real = duckdb.connect(str(path))
    store = Store(_FullDisk(real), str(path), read_only=False)
    base = _article()
    with pytest.raises(StoreError) as info:
        store.write([dataclasses.replace(base, article=dataclasses.replace(base.article, text="Another text."))])
    assert "no space left" in str(info.value) and "resumes" in str(info.value)
    real.close()
    with open_store(path, read_only=True) as again:
        assert again.counts()["articles"] == 2


def test_a_real_full_file_system(tmp_path):
    """On a 3 MB tmpfs (where this machine lets the test mount one)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root); the failing-writer test covers the message")
    try:
        base = _article()
        written = 0
        with pytest.raises(StoreError, match="no space left"):
            with open_store(mnt / "full.duckdb") as store:
                for i in range(2000):
                    batch = [dataclasses.replace(base, article=dataclasses.replace(
                        base.article, text=f"{base.article.text} {i}-{j} " + "x" * 2000)) for j in range(20)]
                    written += store.write(batch)
        assert written > 0
        with open_store(mnt / "full.duckdb", read_only=True) as again:
            assert again.counts()["articles"] == written
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_serve_answers_503_naming_a_damaged_store(tmp_path, monkeypatch):
    from detente.web import create_app
    from detente.web import queries

    path = _filled(tmp_path / "s.duckdb")

    def damaged(*args, **kwargs):
        raise duckdb.IOException("IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2")

    monkeypatch.setattr(queries, "overview", damaged)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient
    with TestClient(create_app(path), raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        response = client.get("/api/overview")
    assert response.status_code == 503
    assert "damaged" in response.json()["detail"] and str(path) in response.json()["detail"]
