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
