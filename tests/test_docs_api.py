"""The Python examples of docs/api.md run as written (a user copies them)."""

from __future__ import annotations

import re

import pytest

import detente

from conftest import REPO


def test_api_examples_run(extractor, monkeypatch, tmp_path):
    pytest.importorskip("polars")
    monkeypatch.setattr(detente, "_extractor", lambda settings: extractor)  # the session's model
    monkeypatch.chdir(tmp_path)
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), namespace)  # noqa: S102 - our own documentation
    df = namespace["df"]
    # the POLECAT read, typed: the deal and France's condemnation ("the attack" only refers
    # back to a happening the article does not tell, so it is no event of its own)
    assert df["Event Date"].dt.year.tolist() == [2014, 2015]
    assert namespace["lf"].schema["Event Date"].__class__.__name__ == "Date"
    assert namespace["table"].num_rows == 1  # the store query: Russia's 2014 gas deal, not France
