"""TempEval-3 platinum: DATE values resolved from the document creation time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.evaluate.tempeval import evaluate_tempeval, read_tml, tense_hint

SHARED = Path(
    os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
)
GOLD = SHARED / "eval" / "tempeval3_platinum"

needs_gold = pytest.mark.skipif(
    not GOLD.is_dir(),
    reason=f"TempEval-3 gold not found at {GOLD} (set DETENTE_SHARED to the shared folder)",
)


def test_tense_hint_reads_the_clause() -> None:
    text = "On Feb. 28, the bank said coal use would rise. The towers will close on April 7."
    assert tense_hint(text, 3, 10) == "past"
    start = text.index("April 7")
    assert tense_hint(text, start, start + 7) == "future"


def test_read_tml_offsets(tmp_path: Path) -> None:
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2009-03-07" '
        'functionInDocument="CREATION_TIME">March 7, 2009</TIMEX3></DCT><TEXT>The envoys '
        '<EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2009-03-06">on '
        'Friday</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    doc = read_tml(tml)
    assert str(doc.dct) == "2009-03-07"
    (timex,) = doc.timexes
    assert doc.text[timex.start:timex.end] == "on Friday" == timex.text
    report = evaluate_tempeval(tmp_path)
    assert report.metrics["date_accuracy"] == 1.0
    assert report.counts["dates"] == 1


# The floor itself is checked once, by tests/test_eval_gate.py against eval_baseline.json.
