"""`detente extract`: JSON lines in input order, one clear line per bad input, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli import build_app

GOOD = "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday."


@pytest.fixture(scope="module")
def cli():
    runner = CliRunner()
    app = build_app()

    def invoke(*args, input=None):
        return runner.invoke(app, list(args), input=input)

    return invoke


def test_json_lines_in_input_order(cli, tmp_path):
    rows = [{"id": "z9", "text": GOOD, "published": "2022-05-09"},
            {"id": "a1", "text": "Kenyan police arrested twelve protesters in Nairobi on Tuesday.", "published": "2022-05-10"}]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = cli("extract", str(path))
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["article"]["id"] for x in lines] == ["z9", "a1"]
    consult = [e for e in lines[0]["events"] if e["type"] == "CONSULT"]
    assert consult and consult[0]["date"] == "2022-05-09" and consult[0]["location"]["name"] == "Berlin"
    coerce = [e for e in lines[1]["events"] if e["type"] == "COERCE"]
    assert coerce and coerce[0]["actor"][0]["sector"] == "COP"


def test_bad_inputs_are_reported_and_the_rest_processed(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes(b"Bogot\xe1 talks")
    (tmp_path / "bad.jsonl").write_text('{"text": "Chile and Peru agreed."}\nnot json\n', encoding="utf-8")
    inputs = [str(tmp_path / n) for n in ("missing.txt", "empty.txt", "bin.txt", "latin.txt", "bad.jsonl", "good.txt")]
    result = cli("extract", *inputs, "--published", "2022-05-09")
    assert result.exit_code == 1
    stdout_ids = [json.loads(x)["article"]["id"] for x in result.stdout.splitlines()]
    assert stdout_ids == ["bad-1", "good"]
    err = result.stderr
    for needle in ("missing.txt: no such file", "empty.txt: is empty", "bin.txt: looks like a binary",
                   "latin.txt: is not valid UTF-8", "bad.jsonl:2: is not valid JSON"):
        assert needle in err, (needle, err)
    assert "Traceback" not in err


def test_usage_errors_exit_2(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad_date = cli("extract", str(good), "--published", "May 9")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr
    bad_format = cli("extract", str(good), "--format", "xml")
    assert bad_format.exit_code == 2 and "json or table" in bad_format.stderr


def test_stdin_and_table(cli):
    result = cli("extract", "-", "--published", "2022-05-09", "--format", "table", input=GOOD)
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.stdout and "Macron" in result.stdout


def test_real_entry_point_has_no_traceback(run_cli, tmp_path):
    (tmp_path / "d").mkdir()
    proc = run_cli("extract", str(tmp_path / "d" / "nothing.html"))
    assert proc.returncode == 1
    assert b"nothing.html: no such file" in proc.stderr and b"Traceback" not in proc.stderr
