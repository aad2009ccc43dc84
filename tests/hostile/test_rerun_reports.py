"""What a re-run says about the articles it skips: failures of an earlier run are not
"already stored", and a text stored under another id is said to be one article."""

from __future__ import annotations

import json

import fake_extractor
from detente.cli.ingest import _print_report
from detente.ingest import ingest
from detente.settings import load_settings


def run(src, db):
    return ingest([str(src)], db, settings=load_settings(), count_total=False, make_extractor=fake_extractor.make)


def test_a_rerun_names_earlier_failures_and_texts_stored_under_another_id(tmp_path, capsys):
    first = tmp_path / "first.jsonl"
    rows = [{"id": "a", "text": "Ana Ruiz (MEX) met Ben Okafor.", "published": "2020-01-01"},
            {"id": "b", "text": "FAIL Ana Ruiz (MEX) met Chen Wei.", "published": "2020-01-02"}]
    first.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "r.duckdb"
    assert (run(first, db).added, run(first, db).skipped) == (1, 2)
    again = run(first, db)
    assert (again.skipped, again.failed_before, again.renamed) == (2, 1, 0)
    _print_report(again)
    out = capsys.readouterr().out
    assert "1 already stored, 1 failed in an earlier run, 0 failed" in out

    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text(json.dumps(dict(rows[0], id="a-copy")) + "\n" + json.dumps(dict(rows[0], id="a-copy2")) + "\n",
                       encoding="utf-8")
    report = run(renamed, db)
    assert (report.added, report.skipped, report.renamed) == (0, 2, 2)
    _print_report(report)
    assert "2 skipped articles have the text of an article stored under another id" in capsys.readouterr().err
