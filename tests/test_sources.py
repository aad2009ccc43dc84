"""Readers turn every kind of input into Articles, and every bad input into a clear problem."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from detente.errors import InputError
from detente.records import Article
from detente.sources import InputProblem, parse_published, read_inputs


def _read(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_txt_html_jsonl_and_gz(tmp_path):
    (tmp_path / "a.txt").write_text("Kenya and Ethiopia signed a border deal.", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><h1>Talks</h1>"
        "<p>Japanese Prime Minister Shinzo Abe met South Korean President Moon Jae-in in Tokyo on Monday "
        "to discuss trade and the North Korean missile programme, officials from both governments said.</p>"
        "<p>The two leaders agreed to hold further talks next month in Seoul, a spokesman said.</p>"
        "</article></body></html>", encoding="utf-8")
    rows = [{"id": "x1", "text": "Chile recalled its ambassador.", "published": "2019-05-02", "title": "T"},
            {"text": "Peru protested."}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Brazil hosted the summit."}) + "\n")
    out = _read(tmp_path / "a.txt", tmp_path / "b.html", tmp_path / "c.jsonl", tmp_path / "d.jsonl.gz",
                published=dt.date(2020, 1, 2))
    assert all(isinstance(a, Article) for a in out)
    assert [a.id for a in out] == ["a", "b", "x1", "c-2", "g1"]
    assert out[0].published == dt.date(2020, 1, 2)
    assert "Shinzo Abe met" in out[1].text and "Home | World" not in out[1].text
    assert out[2].published == dt.date(2019, 5, 2) and out[2].title == "T"
    assert out[3].published == dt.date(2020, 1, 2)  # the default fills a missing date


def test_folder_is_walked(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Ghana and Togo agreed.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    out = _read(tmp_path)
    assert [a.id for a in out] == ["one"]


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n ", "is empty"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin.txt", "Bogot\u00e1 talks".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_files_give_one_clear_problem(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    (tmp_path / "good.txt").write_text("Mali expelled the French ambassador.", encoding="utf-8")
    out = _read(path, tmp_path / "good.txt")
    assert isinstance(out[0], InputProblem) and expected in out[0].message
    assert str(path) in out[0].source
    assert isinstance(out[1], Article)  # the next input is still read


def test_missing_path_and_bad_json_lines(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "ok", "text": "Iran rejected the offer."}\n{broken\n'
                                      '{"id": "no-text"}\n{"text": "x", "published": "yesterday"}\n', encoding="utf-8")
    out = _read(tmp_path / "nope.txt", tmp_path / "x.jsonl")
    assert isinstance(out[0], InputProblem) and "no such file" in out[0].message
    assert isinstance(out[1], Article) and out[1].id == "ok"
    problems = [p for p in out[2:] if isinstance(p, InputProblem)]
    assert [p.source.rsplit(":", 1)[1] for p in problems] == ["2", "3", "4"]
    assert "not valid JSON" in problems[0].message
    assert '"text"' in problems[1].message
    assert "YYYY-MM-DD" in problems[2].message


def test_parse_published():
    assert parse_published("2009-03-07") == dt.date(2009, 3, 7)
    assert parse_published("2009-03-07T10:00:00Z") == dt.date(2009, 3, 7)
    assert parse_published(None) is None
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_published("07/03/2009")
