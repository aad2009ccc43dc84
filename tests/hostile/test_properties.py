"""Property-based tests (hypothesis) of the parts that meet raw input: the normaliser,
the cleaner's offset map, the JSON-lines reader and resolve_time at the calendar's ends."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.clean import clean
from detente.normalize import normalise
from detente.records import Article
from detente.sources import InputProblem, read_inputs

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text with the characters hostile input has: surrogates, controls, punctuation, newlines
_chars = st.one_of(
    st.characters(codec=None, exclude_categories=()),
    st.sampled_from(list("=\"'-.!?…\n\t \x00\x1f") + ["\ud800", "\udfff"]),
)
hostile_text = st.text(_chars, max_size=400)
furniture = st.sampled_from([
    "", "\nPhotograph: Jane Doe/AFP\n", "\nShare on Facebook\n", "\n" + "=" * 150 + "\n", "\nWATCH: the video\n",
    '"' * 90, "\nBy John Smith\n",
])


@FAST
@given(hostile_text)
def test_normaliser_keeps_length_and_makes_encodable_text(text):
    fixed = normalise(text)
    assert len(fixed.text) == len(text)
    fixed.text.encode("utf-8")
    for a, b in zip(text, fixed.text):
        assert a == b or b in ("\ufffd", " ")


@FAST
@given(st.lists(st.tuples(hostile_text, furniture), max_size=6))
def test_every_kept_character_maps_back_to_itself(parts):
    text = "".join(a + b for a, b in parts)
    cleaned = clean(text)
    source = normalise(text).text
    for i, ch in enumerate(cleaned.text):
        assert source[cleaned.offsets.to_input(i)] == ch
    for start in range(0, len(cleaned.text), 7):
        end = min(len(cleaned.text), start + 5)
        a, b = cleaned.offsets.span_to_input((start, end))
        assert 0 <= a <= b <= len(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
json_lines = st.one_of(
    st.fixed_dictionaries({}, optional={"id": json_values, "text": json_values, "published": json_values,
                                        "title": json_values, "url": json_values}),
    json_values,
)


@FAST
@given(st.lists(json_lines, min_size=1, max_size=5), st.binary(max_size=20))
def test_jsonl_reader_never_raises(tmp_path_factory, objects, junk):
    path = tmp_path_factory.mktemp("jsonl") / "hostile.jsonl"
    lines = [json.dumps(o).encode() for o in objects] + [junk.replace(b"\n", b" ")]
    path.write_bytes(b"\n".join(lines) + b"\n")
    for item in read_inputs([str(path)]):
        assert isinstance(item, (Article, InputProblem))
        if isinstance(item, Article):
            item.text.encode("utf-8")
            json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")
            assert item.published is None or dt.date.min <= item.published <= dt.date.max
        else:
            assert str(path) in item.source and "\n" not in item.message


EXPRESSIONS = ["yesterday", "tomorrow", "last week", "next week", "last year", "next year", "last August",
               "in May", "two years ago", "in three days", "Friday", "March 3", "the day before", "now",
               "in 2015", "next month", "last month", "this week", "early next year", "on Monday"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EXPRESSIONS),
       st.one_of(st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 7), dt.date(9999, 12, 25)])),
       st.sampled_from(["past", "future"]))
def test_resolve_time_gives_a_calendar_date_or_none(expression, published, prefer):
    from detente import resolve_time
    from detente.grounding.time import is_event_date, period_end

    value = resolve_time(expression, published, prefer=prefer)
    if is_event_date(value):
        assert value is not None
        assert dt.date.min <= value.start <= period_end(value) <= dt.date.max
