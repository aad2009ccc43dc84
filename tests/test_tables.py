"""detente.tables: the one reader of the data tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DataFileError
from detente.tables import read_table, read_words


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_rows_by_column_and_skips_comments(tmp_path: Path) -> None:
    path = _write(tmp_path, "# words\nword\tcode\nraid\tASSAULT\n\n# gap\nsiege\n")
    rows = read_table(path, ("word",))
    assert [(r["word"], r.get("code")) for r in rows] == [("raid", "ASSAULT"), ("siege", "")]
    assert [r.line for r in rows] == [3, 6]


def test_short_row_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "word\tcode\nraid\tASSAULT\nsiege\n")
    with pytest.raises(DataFileError) as caught:
        read_table(path, ("word", "code"))
    assert caught.value.line == 3
    assert f"{path}:3" in str(caught.value)


def test_missing_column_in_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "word\nraid\n")
    with pytest.raises(DataFileError, match="lacks column"):
        read_table(path, ("word", "code"))


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        read_table(tmp_path / "absent.tsv", ("word",))
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"word\n\xff\xfe\n")
    with pytest.raises(DataFileError, match="UTF-8"):
        read_table(bad, ("word",))


def test_read_words(tmp_path: Path) -> None:
    path = _write(tmp_path, "word\tnote\nraid\tx\nsiege\ty\n")
    assert read_words(path) == frozenset({"raid", "siege"})


def test_word_lists_by_name(tmp_path: Path) -> None:
    from detente.tables import read_word_lists

    path = _write(tmp_path, "list\tword\n# verbs of saying\nspeech\tsay\nspeech\ttell\nneg\tnot\n")
    assert read_word_lists(path, ("speech", "neg")) == {"speech": {"say", "tell"}, "neg": {"not"}}


def test_word_list_of_another_name_or_empty_is_an_error(tmp_path: Path) -> None:
    from detente.tables import read_word_lists

    path = _write(tmp_path, "list\tword\nspeech\tsay\nspeach\ttell\n")
    with pytest.raises(DataFileError) as caught:
        read_word_lists(path, ("speech",))
    assert caught.value.line == 3 and "speach" in str(caught.value)
    with pytest.raises(DataFileError, match="no words for list"):
        read_word_lists(_write(tmp_path, "list\tword\nspeech\tsay\n"), ("speech", "neg"))


def test_every_shipped_word_table_loads() -> None:
    """The packaged word lists load into their modules' frozen word-list objects."""
    from detente.events import coder, locatives, patterns, quoted, recipients, reductions, status, triggers
    from detente.grounding import places, time_grammar
    from detente import quotes

    assert "say" in status.status_words().speech_verbs and "n't" in status.status_words().negations
    assert "tons" in triggers.trigger_words().quantity_nouns
    assert "warn" in reductions.reduction_words().warning
    assert reductions.weapon_classes()[0] == (frozenset({"suicide"}), "suicide-attack", "183")
    assert "visit" in places.place_words().move_verbs and "street" in places.place_words().on_name_endings
    assert "in the coming weeks" in time_grammar.time_words().future_words
    for words in (coder.coder_words(), locatives.locative_words(), patterns.pattern_words(),
                  quoted.quoted_words(), recipients.recipient_words(), quotes.quote_words()):
        assert all(isinstance(v, frozenset) and v for v in (getattr(words, f) for f in words.__slots__))
