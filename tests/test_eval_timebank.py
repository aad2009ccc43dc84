"""TimeBank/AQUAINT scorer: gold dates from TimeML links, alignment by trigger, nesting
periods, on a two-sentence TimeML document written here; the real set is scored by the
gate (tests/test_eval_gate.py)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from detente.evaluate.timebank import evaluate_timebank, judge, period, read_timebank_tml, score_timebank
from detente.records import Article, ExtractedArticle

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2009-03-07" functionInDocument="CREATION_TIME">March 7, 2009</TIMEX3></DCT>
<TEXT>Rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the town <TIMEX3 tid="t1" type="DATE" value="2009-03-06">on Friday</TIMEX3>. The mayor <EVENT eid="e2" class="REPORTING">condemned</EVENT> the raid, which <EVENT eid="e3" class="OCCURRENCE">followed</EVENT> a truce agreed <TIMEX3 tid="t2" type="DATE" value="2008">last year</TIMEX3> and <EVENT eid="e4" class="OCCURRENCE">talks</EVENT> <TIMEX3 tid="t3" type="DATE" value="PAST_REF">earlier</TIMEX3>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei3" relatedToTime="t2" />
<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei4" relatedToTime="t3" />
</TimeML>
"""


def write(tmp_path: Path) -> Path:
    file = tmp_path / "doc.tml"
    file.write_text(TML, encoding="utf-8")
    return file


def ev(text: str, word: str, date: str | None, precision: str | None, **more) -> SimpleNamespace:
    start = text.index(word)
    return SimpleNamespace(type="ASSAULT", trigger_span=(start, start + len(word)), date=date,
                           date_precision=precision, **more)


def test_gold_dates_come_from_links_to_dates_and_to_the_document_time(tmp_path):
    doc = read_timebank_tml(write(tmp_path))
    assert str(doc.dct) == "2009-03-07"
    dated = {g.text: g.values for g in doc.events}
    # BEFORE does not date an event; a PAST_REF is no ISO value; INCLUDES from the DCT's side does
    assert dated == {"attacked": ("2009-03-06",), "condemned": ("2009-03-07",)}
    assert doc.text.startswith("Rebels attacked the town on Friday. The mayor condemned")


def test_periods_nest_at_the_coarser_precision():
    assert period("2009-W10") == (period("2009-03-02")[0], period("2009-03-08")[0], "week")
    assert period("2009-02")[1].day == 28 and period("PAST_REF") is None
    assert judge("2009-03-06", "day", ["2009-03-06"]) == (True, True)
    assert judge("2009-03", "month", ["2009-03-06"]) == (True, False)  # right at our precision
    assert judge("2009-03-06", "day", ["2009-03"]) == (True, True)
    assert judge("2009-03-05", "day", ["2009-W10"]) == (True, True)
    assert judge("2009-03-07", "published", ["2009-03-06"]) == (False, False)
    assert judge(None, None, ["2009-03-06"]) == (False, False)


def test_judged_events_accuracy_and_published_share(tmp_path):
    doc = read_timebank_tml(write(tmp_path))
    t = doc.text
    ours = [ev(t, "attacked", "2009-03-06", "day"),  # right
            ev(t, "condemned", "2009-03-07", "published"),  # right, from the publication date
            ev(t, "followed", "2009-03-07", "published"),  # gold has no date for it: not judged
            ev(t, "Rebels", "2009-03-01", "day")]  # meets no gold event
    report = score_timebank([doc], [ours])
    assert report.counts["judged"] == 2
    assert report.metrics["date_accuracy"] == 1.0 and report.metrics["published_share"] == 0.5
    wrong = [ev(t, "attacked", "2009-03-07", "published")]
    assert score_timebank([doc], [wrong]).metrics["date_accuracy"] == 0.0
    start = t.index("condemned")
    merged = SimpleNamespace(type="ACCUSE", trigger_span=(0, 2), date="2009-03-07", date_precision="day",
                             mentions=[{"trigger_span": [start, start + 9]}])
    assert score_timebank([doc], [[merged]]).counts["judged"] == 1  # aligned by another mention


def test_the_scorer_gives_detente_the_text_and_its_date(tmp_path):
    class Fake:
        def __init__(self) -> None:
            self.seen: list[Article] = []

        def extract_many(self, articles):
            for art in articles:
                self.seen.append(art)
                yield ExtractedArticle(art, events=())

    write(tmp_path)
    fake = Fake()
    report = evaluate_timebank(fake, tmp_path)
    assert str(fake.seen[0].published) == "2009-03-07" and fake.seen[0].text.startswith("Rebels attacked")
    assert report.counts["gold_dated_events"] == 2 and report.metrics["date_accuracy"] == 0.0


@pytest.mark.gold
def test_the_real_set_reads_and_dates_events_from_links(shared):
    folder = shared / "eval" / "timebank_aquaint"
    if not folder.is_dir():
        pytest.skip(f"timebank_aquaint is absent from {shared / 'eval'}")
    from detente.evaluate.timebank import tml_files

    files = tml_files(folder)
    assert len(files) == 256
    docs = [read_timebank_tml(f) for f in files[::16]]
    dated = [g for d in docs for g in d.events]
    assert dated and all(period(v) for g in dated for v in g.values)
    assert all(d.text[slice(*g.span)] == g.text for d in docs for g in d.events)
