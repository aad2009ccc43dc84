"""Time resolution and event dating, relative to a fixed publication date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from detente.grounding.time import (
    date_event,
    event_prefer,
    fallback_date,
    find_time_expressions,
    is_event_date,
    is_historical,
    period_end,
    resolve_time,
)
from detente.records import TimeValue

PUBLISHED = dt.date(2009, 3, 7)  # a Saturday


def _value(expression: str, prefer: str = "past") -> tuple[str, str] | None:
    got = resolve_time(expression, PUBLISHED, prefer=prefer)
    return (got.value, got.precision) if got else None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("March 3, 2014", ("2014-03-03", "day")),
        ("3 March", ("2009-03-03", "day")),
        ("2014-03-03", ("2014-03-03", "day")),
        ("Jan. 14", ("2009-01-14", "day")),
        ("Sept. 11, 2001", ("2001-09-11", "day")),
        ("the 4th of July, 1976", ("1976-07-04", "day")),
        ("03/04/2014", ("2014-03-04", "day")),
        ("January 2014", ("2014-01", "month")),
        ("2014", ("2014", "year")),
        ("mid-2012", ("2012", "year")),
        ("the first quarter of 2008", ("2008", "year")),
        ("'58", ("1958", "year")),
        ("today", ("2009-03-07", "day")),
        ("yesterday", ("2009-03-06", "day")),
        ("yesterday morning", ("2009-03-06", "day")),
        ("last night", ("2009-03-06", "day")),
        ("tomorrow", ("2009-03-08", "day")),
        ("tonight", ("2009-03-07", "day")),
        ("this morning", ("2009-03-07", "day")),
        ("two days ago", ("2009-03-05", "day")),
        ("a week ago", ("2009-W09", "week")),
        ("last week", ("2009-W09", "week")),
        ("the last week", ("2009-W09", "week")),
        ("this week", ("2009-W10", "week")),
        ("next week", ("2009-W11", "week")),
        ("last August", ("2008-08", "month")),
        ("only last August", ("2008-08", "month")),
        ("last May", ("2008-05", "month")),
        ("late last July", ("2008-07", "month")),
        ("in January", ("2009-01", "month")),
        ("early December", ("2008-12", "month")),
        ("earlier this month", ("2009-03", "month")),
        ("later this month", ("2009-03", "month")),
        ("last month", ("2009-02", "month")),
        ("this year", ("2009", "year")),
        ("this fiscal year", ("2009", "year")),
        ("early this year", ("2009", "year")),
        ("last year", ("2008", "year")),
        ("next year", ("2010", "year")),
        ("a year ago", ("2008", "year")),
        ("three years ago", ("2006", "year")),
        ("on Friday", ("2009-03-06", "day")),
        ("Friday", ("2009-03-06", "day")),
        ("Friday's", ("2009-03-06", "day")),
        ("5 p.m. Friday", ("2009-03-06", "day")),
        ("Saturday", ("2009-03-07", "day")),  # the publication day itself
        ("last Friday", ("2009-03-06", "day")),
        ("next Tuesday", ("2009-03-10", "day")),
        ("Wednesday night", ("2009-03-04", "day")),
        ("Friday, March 6", ("2009-03-06", "day")),
        ("the weekend", ("2009-W10", "week")),
        ("last weekend", ("2009-W09", "week")),
        ("last summer", ("2008", "year")),
        ("by the end of the year", ("2008", "year")),  # a year end already past
        ("now", ("PRESENT_REF", "ref")),
        ("currently", ("PRESENT_REF", "ref")),
        ("recently", ("PAST_REF", "ref")),
        ("at the time", ("PAST_REF", "ref")),
        ("in the past", ("PAST_REF", "ref")),
        ("the future", ("FUTURE_REF", "ref")),
    ],
)
def test_resolve_past(expression: str, expected: tuple[str, str]) -> None:
    assert _value(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("next month", ("2009-04", "month")),
        ("Friday", ("2009-03-13", "day")),
        ("Saturday", ("2009-03-07", "day")),
        ("in January", ("2010-01", "month")),
        ("in May", ("2009-05", "month")),
        ("March 3", ("2010-03-03", "day")),
        ("in two weeks", ("2009-W12", "week")),
        ("eight years from now", ("2017", "year")),
        ("by the end of the year", ("2009", "year")),
    ],
)
def test_resolve_future(expression: str, expected: tuple[str, str]) -> None:
    assert _value(expression, prefer="future") == expected


@pytest.mark.parametrize(
    "expression",
    [
        "", "two weeks", "for three days", "every year", "annually", "in the 1990s",
        "the 20th century", "the day before", "the day", "a decade", "the 99th day",
        "in two weeks",  # a duration unless the clause is future
        "the Geneva talks",
    ],
)
def test_non_dates_resolve_to_none(expression: str) -> None:
    assert resolve_time(expression, PUBLISHED) is None


def test_text_is_kept_and_published_may_be_a_string() -> None:
    got = resolve_time("last August", "2009-03-07")
    assert got == TimeValue("2008-08", "month", "last August")


def test_relative_forms_need_a_publication_date() -> None:
    assert resolve_time("last week", None) is None
    assert resolve_time("May 2010", None) == TimeValue("2010-05", "month", "May 2010")


def test_bad_arguments_say_how_to_fix_them() -> None:
    with pytest.raises(ValueError, match="prefer"):
        resolve_time("Friday", PUBLISHED, prefer="present")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        resolve_time("Friday", "7 March")


def test_scanner_finds_forms_and_skips_modal_may() -> None:
    text = "Only last August the army moved, and May said it may end in May."
    found = [text[a:b] for a, b in find_time_expressions(text)]
    assert found == ["last August", "May"]
    assert find_time_expressions("It happened Wednesday night.") == [(12, 27)]


def _tok(doc: spacy.tokens.Doc, word: str) -> spacy.tokens.Token:
    return next(t for t in doc if t.text == word)


def _date(nlp: spacy.language.Language, text: str, trigger: str, **kw: str) -> TimeValue | None:
    doc = nlp(text)
    tok = _tok(doc, trigger)
    return date_event(tok.sent, tok, PUBLISHED, **kw)


def test_date_event_prefers_the_triggers_own_clause(nlp: spacy.language.Language) -> None:
    text = "Clinton and Lavrov met in Geneva on Friday after Biden's call in Munich last month."
    met = _date(nlp, text, "met")
    assert met is not None and (met.value, met.text) == ("2009-03-06", "Friday")
    assert text[met.span[0]:met.span[1]] == "Friday"
    call = _date(nlp, text, "call")
    assert call is not None and call.value == "2009-02"


def test_date_event_shares_date_with_coordinated_verb(nlp: spacy.language.Language) -> None:
    text = "Clinton and Lavrov met in Geneva on Friday and agreed to work on a new treaty."
    agreed = _date(nlp, text, "agreed")
    assert agreed is not None and agreed.value == "2009-03-06"


def test_date_event_ignores_reporting_clause_date(nlp: spacy.language.Language) -> None:
    said = "Lavrov said on Friday that Russian troops attacked the village last May."
    attacked = _date(nlp, said, "attacked")
    assert attacked is not None and attacked.value == "2008-05"
    undated = _date(nlp, "Officials said on Monday that troops had shelled the town.", "shelled")
    assert undated is None


def test_date_event_with_nominal_trigger_and_support_verb(nlp: spacy.language.Language) -> None:
    talks = _date(nlp, "The two ministers held talks on Wednesday in Geneva.", "talks")
    assert talks is not None and talks.value == "2009-03-04"


def test_date_event_tense(nlp: spacy.language.Language) -> None:
    text = "The foreign ministers will meet in Brussels on Tuesday."
    doc = nlp(text)
    meet = _tok(doc, "meet")
    assert event_prefer(meet) == "future"
    future = date_event(meet.sent, meet, PUBLISHED, prefer="auto")
    assert future is not None and future.value == "2009-03-10"
    past = _date(nlp, "The foreign ministers met in Brussels on Tuesday.", "met")
    assert past is not None and past.value == "2009-03-03"


def test_date_event_never_after_publication_for_past(nlp: spacy.language.Language) -> None:
    text = "Rebels attacked the convoy, and the army will respond next week."
    assert _date(nlp, text, "attacked") is None
    respond = _date(nlp, text, "respond", prefer="future")
    assert respond is not None and respond.value == "2009-W11"


def test_fallback_date() -> None:
    previous = TimeValue("2009-03-06", "day", "Friday", (10, 16))
    assert fallback_date(previous, PUBLISHED) is previous
    assert fallback_date(None, PUBLISHED) == TimeValue("2009-03-07", "published")
    ref = TimeValue("PRESENT_REF", "ref", "now")
    assert fallback_date(ref, "2009-03-07") == TimeValue("2009-03-07", "published")
    assert fallback_date(None, None) is None


def test_is_historical() -> None:
    assert is_historical(TimeValue("2008-08", "month"), PUBLISHED)
    assert not is_historical(TimeValue("2009-02", "month"), PUBLISHED)  # ended 7 days before
    assert not is_historical(TimeValue("2009-W09", "week"), PUBLISHED)
    assert is_historical(TimeValue("2008", "year"), PUBLISHED)
    assert not is_historical(TimeValue("PAST_REF", "ref"), PUBLISHED)
    assert not is_historical(TimeValue("2008-08", "month"), None)


def test_period_end_and_ref_values() -> None:
    assert period_end(TimeValue("2009-W10", "week")) == dt.date(2009, 3, 8)
    assert period_end(TimeValue("2008-12", "month")) == dt.date(2008, 12, 31)
    assert period_end(TimeValue("2008-02", "month")) == dt.date(2008, 2, 29)
    assert not is_event_date(TimeValue("PRESENT_REF", "ref"))
    with pytest.raises(ValueError):
        period_end(TimeValue("PRESENT_REF", "ref"))


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("the 20th century", "19"),
        ("the nineteenth century", "18"),
        ("the 1990s", "199"),
        ("last summer", "2012-SU"),
        ("next spring", "2014-SP"),
        ("summer 2009", "2009-SU"),
        ("Friday", "2013-03-22"),
        ("in nineteen ninety-one", "1991"),
    ],
)
def test_timex_values_in_timeml_form(expression: str, value: str) -> None:
    from detente.grounding.time import timex_value

    assert timex_value(expression, "2013-03-22") == value


def test_coarse_timeml_values_date_no_event() -> None:
    # a century names no period an event is dated to; a season dates it to its year
    assert resolve_time("the 20th century", "2013-03-22") is None
    got = resolve_time("last summer", "2013-03-22")
    assert got is not None and (got.value, got.precision) == ("2012", "year")


@pytest.mark.parametrize(
    ("expression", "value"),
    [("nineteen ninety-one", "1991"), ("nineteen oh five", "1905"), ("two thousand and three", "2003")],
)
def test_years_spoken_in_words(expression: str, value: str) -> None:
    got = resolve_time(expression, "2013-03-22")
    assert got is not None and (got.value, got.precision) == (value, "year")
