"""R's readr reads the peer exports as ICEWS/GDELT/POLECAT users' R code does (Debian's
r-cran-readr; .ci/run installs it, the test skips where Rscript or readr is absent)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from detente.export import export
from detente.layouts import GDELT_COLUMNS
from detente.store import open_store

from store_fixtures import GENEVA, GEO, RUS, USA, article, event

SCRIPT = Path(__file__).parent / "r" / "read_exports.R"


def _readr() -> str:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is absent: install Debian's r-cran-readr to run the R readers")
    probe = subprocess.run([rscript, "-e", "library(readr)"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("R's readr is absent: install Debian's r-cran-readr")
    return rscript


def test_r_readers_get_every_row_typed(tmp_path):
    rscript = _readr()
    store = open_store(":memory:")
    store.write([
        article("r1", "2009-03-07", (event("e1", "CONSULT", USA, RUS, "2009-03-06", place=GENEVA),
                                     event("e2", "ASSAULT", RUS, GEO, "2008-08", "month", status="historical"),
                                     event("e3", "AID", USA, GEO, "2009", "year", status="future"))),
        article("r2", "2014-03-20", (event("e1", "ACCUSE", USA, RUS, "2014-03", "month"),)),
    ])
    paths = [tmp_path / f"events.{fmt}.tsv" for fmt in ("gdelt", "icews", "polecat")]
    for path, fmt in zip(paths, ("gdelt", "icews", "polecat")):
        assert export(store.con, fmt, path) == 3  # the future aid is left out
    out = subprocess.run([rscript, str(SCRIPT), *map(str, paths), ",".join(GDELT_COLUMNS)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = dict(line.split(" ", 1) for line in out.stdout.strip().splitlines())
    assert lines["icews"] == "rows=3 problems=0 na_ids=0 id=integer date=Date story=integer"
    assert lines["gdelt"] == "rows=3 problems=0 na_ids=0 id=integer cols=61"
    assert lines["polecat"] == "rows=3 problems=0 na_dates=0 cols=40"
