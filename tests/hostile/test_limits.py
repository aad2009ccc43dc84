"""Resource limits and the language check (docs/reliability.md): each applies per article,
is recorded in ``ingest_errors`` and counted by ``summary``; English is never rejected on
weak evidence."""

from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from detente.cli import build_app
from detente.cli.summary import limits_line
from detente.language import LanguageCheck
from detente.limits import OverBudget, time_budget
from detente.records import Article, ArticleError, ExtractedArticle
from detente.store import open_store
from detente.store.queries import limit_counts

from store_fixtures import RUS, USA, article, event

# Sentences written for these tests (no eval data).
FOREIGN = {
    "ru": "Правительство Казахстана объявило во вторник о новых переговорах с соседями о воде и границах.",
    "ar": "أعلنت الحكومة المصرية يوم الثلاثاء عن محادثات جديدة مع السودان حول مياه النيل والحدود.",
    "zh": "越南政府星期二宣布将与老挝举行新的边界谈判。",
    "fr": "Le gouvernement belge a annoncé mardi de nouvelles négociations avec les Pays-Bas sur les frontières.",
    "de": "Die Regierung in Wien kündigte am Dienstag neue Gespräche mit Ungarn über die Grenze an.",
}
ENGLISH = [
    "Floods in Dhaka",  # a headline
    "Kenya protests.",
    "Ukraine, Moldova",
    "1914 1918 1939 1945 2.5 3,000",
    '"" "" "" "" ""',
    "Volodymyr Zelensky, Emmanuel Macron, Olaf Scholz, Giorgia Meloni and Pedro Sánchez met in Kyiv.",
    "Nicolás Maduro met Juan Guaidó and officials of the Organización de los Estados Americanos in Caracas.",
    "Shinzo Abe, Moon Jae-in and Xi Jinping in Busan",
    "The minister called the plan «une idée absurde» and said Paris would not sign it with Berlin.",
    "Hezbollah and Hamas leaders met in Beirut, the newspaper al-Akhbar reported on Sunday.",
]


@pytest.fixture(scope="module")
def check():
    return LanguageCheck()


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_foreign_articles_are_named(check, lang):
    assert check.language(FOREIGN[lang]) == lang


@pytest.mark.parametrize("text", ENGLISH)
def test_short_english_and_texts_full_of_names_are_not_rejected(check, text):
    assert check.language(text) is None


def test_plain_english_needs_no_model_and_costs_little():
    check = LanguageCheck()
    text = "The foreign minister said that the talks with Pakistan would resume after the elections. " * 40
    started = time.perf_counter()
    for _ in range(200):
        assert check.language(text) is None
    assert (time.perf_counter() - started) / 200 < 0.005  # per article, next to ~0.3 s of parsing
    assert check._identifier is None  # the function words decided: the model was never loaded


def test_extract_skips_a_non_english_article_and_keeps_the_rest(extractor):
    results = list(extractor.extract_many([
        Article(FOREIGN["fr"], id="fr"),
        Article("Chile recalled its ambassador to Peru on Monday.", id="en", published=None),
    ]))
    assert isinstance(results[0], ArticleError)
    assert (results[0].stage, results[0].message) == ("language", "not English (fr), skipped")
    assert isinstance(results[1], ExtractedArticle) and results[1].events


def test_extract_cli_names_a_non_english_article_in_one_line(run_cli, tmp_path):
    src = tmp_path / "two.jsonl"
    src.write_text(json.dumps({"id": "de1", "text": FOREIGN["de"]}) + "\n", encoding="utf-8")
    res = run_cli("extract", str(src))
    assert res.returncode == 1 and res.stdout == b""
    assert res.stderr.decode().strip().splitlines()[-1] == "detente: article de1: not English (de), skipped"


def test_a_sentence_without_full_stops_is_ended_at_the_token_limit(extractor):
    words = " ".join(["the minister said Chile and Peru would talk"] * 60)  # 480 tokens, no full stop
    short, long = extractor.extract_many([Article("Chile recalled its ambassador to Peru. " * 20, id="s"),
                                          Article(words + ".", id="n")])
    assert isinstance(short, ExtractedArticle) and short.notes == ()
    assert isinstance(long, ExtractedArticle)
    [(stage, message)] = long.notes
    assert stage == "sentence_tokens" and message.startswith("1 sentence ended after 400 tokens")


def test_time_budget_stops_a_stage_that_never_ends():
    with pytest.raises(OverBudget, match="time_budget"):
        with time_budget(0.05):
            while True:
                time.sleep(0.005)
    with time_budget(5):  # a body that finishes leaves no timer behind
        pass
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_budget_stops_a_stage_in_another_thread_too():
    # a Ray Data actor runs its batches outside the main thread, where no SIGALRM reaches
    import threading

    outcome = []

    def stage():
        try:
            with time_budget(0.05):
                while True:
                    sum(range(1000))
        except OverBudget as exc:
            outcome.append(str(exc))
        with time_budget(5):  # a body that finishes is not interrupted later
            pass
        time.sleep(0.1)
        outcome.append("went on")

    worker = threading.Thread(target=stage)
    worker.start()
    worker.join(5)
    assert not worker.is_alive() and len(outcome) == 2
    assert "time_budget" in outcome[0] and outcome[1] == "went on"


def test_an_article_over_its_budget_fails_and_the_next_goes_on(extractor):
    from detente.pipeline import Extractor

    hurried = Extractor(extractor.settings.replace(time_budget=1e-6), resources=extractor.resources)
    (over,) = hurried.extract_many([Article("Chile recalled its ambassador to Peru on Monday.", id="slow")])
    assert isinstance(over, ArticleError) and over.stage == "time_budget"
    (ok,) = extractor.extract_many([Article("Chile recalled its ambassador to Peru on Monday.", id="ok")])
    assert isinstance(ok, ExtractedArticle) and ok.events


def test_ingest_records_each_limit_and_summary_counts_them(tmp_path, extractor):
    from detente.ingest import ingest
    from detente.pipeline import Extractor, Resources

    def make(settings, memory):
        return Extractor(settings, resources=Resources(extractor.resources.nlp, extractor.resources.actors,
                                                       extractor.resources.events, extractor.resources.gazetteer))

    src = tmp_path / "mixed.jsonl"
    rows = [
        {"id": "long", "text": "Kenya and Ethiopia signed a border agreement in Nairobi. " * 30},
        {"id": "ru", "text": FOREIGN["ru"]},
        {"id": "ok", "text": "Japan sent food aid to Bangladesh after the floods."},
    ]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "l.duckdb"
    settings = extractor.settings.replace(max_chars=500)
    report = ingest([str(src)], db, settings=settings, make_extractor=make)
    assert (report.added, report.failed) == (2, 1)
    with open_store(db, read_only=True) as store:
        errors = store.con.execute("SELECT article_id, stage, message FROM ingest_errors ORDER BY article_id").fetchall()
        assert limit_counts(store.con) == {"truncated": 1, "language": 1}
        stored = {r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()}
    assert errors == [("long", "truncated", "1710 characters, only the first 500 parsed (max_chars)"),
                      ("ru", "language", "not English (ru), skipped")]
    assert stored == {"long", "ok"}  # a truncated article is stored with what was parsed
    again = ingest([str(src)], db, settings=settings, make_extractor=make)
    assert (again.added, again.skipped, again.failed) == (0, 3, 0)  # the resume skips both
    out = CliRunner().invoke(build_app(), ["summary", "--db", str(db)]).output
    assert "1 article truncated, 1 not in English (skipped)" in out
    assert "1 failed inputs" in out  # the truncated article is stored, not failed


def test_summary_line_wording():
    assert limits_line({}) is None
    line = limits_line({"truncated": 3, "time_budget": 1})
    assert line == "3 articles truncated, 1 over its time budget (see ingest_errors)"


def test_summary_and_dyad_of_events_at_the_end_of_the_calendar(tmp_path):
    db = tmp_path / "far.duckdb"
    with open_store(db) as s:
        s.write([article("f1", "9999-12-31", (event("e1", "ACCUSE", USA, RUS, "9999-12-30"),)),
                 article("f2", "9999-11-02", (event("e1", "CONSULT", USA, RUS, "9999-11-01"),))])
    runner = CliRunner()
    summary = runner.invoke(build_app(), ["summary", "--db", str(db)])
    assert summary.exit_code == 0, summary.output
    assert "RUS - USA" in summary.output
    for by in ("day", "week", "month", "year"):
        dyad = runner.invoke(build_app(), ["dyad", "USA", "RUS", "--db", str(db), "--by", by, "--format", "json"])
        assert dyad.exit_code == 0, (by, dyad.output)


@pytest.mark.parametrize("text", [
    "Floods in Dhaka\nIndian Foreign Minister Subrahmanyam Jaishankar met Bangladeshi Foreign Minister "
    "Hasan Mahmud in Dhaka on Monday.",
    "Floods in Dhaka\n\nIndian Foreign Minister Subrahmanyam Jaishankar met Bangladeshi Foreign Minister "
    "Hasan Mahmud in Dhaka on Monday.",
])
def test_a_headline_without_a_full_stop_is_its_own_sentence(extractor, text):
    (event,) = extractor.extract(text, published="2024-06-03").events
    assert [a.name.split()[-1] for a in event.actor] == ["Jaishankar"]
    assert event.location is not None and event.location.name == "Dhaka"
    assert event.text.startswith("Indian Foreign Minister")


def test_hard_wrapped_lines_of_one_sentence_stay_one_sentence(extractor, nlp):
    text = ("Indian Foreign Minister Subrahmanyam Jaishankar met his counterpart\n"
            "Hasan Mahmud in Dhaka on Monday after the floods in the north of the\n"
            "country, officials said.")
    assert len(list(nlp(text).sents)) == 1
    (event,) = extractor.extract(text, published="2024-06-03").events
    assert [a.name for a in event.recipient] == ["Hasan Mahmud"]


def test_a_timeline_over_centuries_is_not_filled_day_by_day(tmp_path):
    """Events dated in year 1 and year 9999 (from such publication dates): the timeline
    keeps its dated periods instead of 3.6 million empty days (was minutes and 1 GB)."""
    db = tmp_path / "span.duckdb"
    with open_store(db) as s:
        s.write([article("y1", "0001-01-02", (event("e1", "ACCUSE", USA, RUS, "0001-01-01"),)),
                 article("y9", "9999-12-31", (event("e1", "CONSULT", USA, RUS, "9999-12-30"),))])
    started = time.perf_counter()
    res = CliRunner().invoke(build_app(), ["dyad", "USA", "RUS", "--db", str(db), "--by", "day", "--format", "json"])
    assert res.exit_code == 0, res.output
    periods = json.loads(res.output)["periods"]
    assert [p["period"] for p in periods] == ["0001-01-01", "9999-12-30"]
    assert time.perf_counter() - started < 10
