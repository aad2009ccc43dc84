"""The GDELT, ICEWS and POLECAT exports load the way those datasets' own readers load them.

Each layout is read with its readers' conventions (GDELT: no header, 61 fixed names, as
gdeltPyR and GDELTtools do; ICEWS: the column types of the `icews` R package's
read_events_tsv; POLECAT: csv/pandas by column name, dates by strptime('%Y-%m-%d')), and
compared with a small file of that layout's published shape written here by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from detente.export import export
from detente.layouts import GDELT_COLUMNS, ICEWS_COLUMNS, POLECAT_COLUMNS, SIDECAR_COLUMNS, small_ids
from detente.records import Actor, ActorRef, Place
from detente.store import open_store

from store_fixtures import GENEVA, GEO, RUS, USA, article, event

NATO = ActorRef("a4", "NATO", "IGO", "MIL")
REPORTER = ActorRef("a5", "Russian journalists", "RUS", "JRN")
DOCTORS = ActorRef("a6", "Ukrainian doctors", "UKR", "MED")
TROOPS = ActorRef("a7", "Russian troops", "RUS", "MIL")
STOLTENBERG = Actor("a8", "Jens Stoltenberg", "person", "IGO", "GOV", "Secretary-General", ((0, 16),), "kb",
                    "jens-stoltenberg")
CHINA = Place("China", "CHN", 39.9, 116.4, 1814991, "China", (0, 5), "country")

# GDELT's own rows: 2016-07-01 has FractionDate 2016.4959 and 2007-07-04 2007.5041
# ((month - 1) * 30 + day) / 365 -- checked against published export rows; day-of-year
# formulas give 2016.4986 / 2007.5068 and 2016.4959 only for (doy - 2).


@pytest.fixture(scope="module")
def stored():
    s = open_store(":memory:")
    s.write([
        article("x1", "2009-03-07", (
            event("e1", "CONSULT", USA, RUS, "2009-03-06", place=GENEVA, symmetric=True),
            event("e2", "ASSAULT", TROOPS, GEO, "2008-08", "month", status="historical"),
            replace(event("e3", "ACCUSE", USA, RUS, "2016-07-01"), cameo="111"),
        )),
        article("x2", "2009-03-08", (
            event("e1", "CONSULT", RUS, USA, "2009-03-06", symmetric=True),
            event("e2", "ASSAULT", RUS, GEO, "2009-04-01", status="future"),
            event("e3", "AID", USA, GEO, "2009-03-08", status="hypothetical"),
            event("e4", "ACCUSE", NATO, RUS, "2007-07-04", place=CHINA),
            event("e5", "ACCUSE", REPORTER, DOCTORS, "2009-03-08", status="negated"),
            event("e6", "ACCUSE", DOCTORS, REPORTER, "2009-03-08"),
        )),
        _with_actor(article("x3", "2015-02-02", (event("e1", "ACCUSE", STOLTENBERG.ref(), RUS, "2015-02-02"),)),
                    STOLTENBERG),
    ])
    yield s
    s.close()


def _with_actor(result, actor):
    return replace(result, actors=(*result.actors, actor))


def read_gdelt(path) -> pd.DataFrame:
    """As gdeltPyR / GDELTtools read GDELT 2.0 events: no header, the 61 names, CAMEO codes as text."""
    codes = {c: str for c in ("EventCode", "EventBaseCode", "EventRootCode", "ActionGeo_FeatureID")}
    return pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=codes)


def read_icews(path) -> pd.DataFrame:
    """The `icews` R package's column types: integer ids and sentence number, a date, doubles."""
    ints = {c: "int32" for c in ("Event ID", "Story ID", "Sentence Number")}
    floats = {c: "float64" for c in ("Intensity", "Latitude", "Longitude")}
    text = {c: str for c in ICEWS_COLUMNS if c not in ints and c not in floats and c != "Event Date"}
    df = pd.read_csv(path, sep="\t", dtype={**ints, **floats, **text}, keep_default_na=True)
    df["Event Date"] = pd.to_datetime(df["Event Date"], format="%Y-%m-%d")
    return df


def read_polecat(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_gdelt_loads_headerless_with_integer_ids(stored, tmp_path):
    out = tmp_path / "events.export.CSV"
    assert export(stored.con, "gdelt", out) == 6  # happened only: the meeting (2 reports), war, 4 accusations
    first = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert len(first) == 61 and first[0].isdigit()  # no header row
    df = read_gdelt(out)
    assert len(df) == 6 and df["GlobalEventID"].is_unique
    assert (df["GlobalEventID"] > 0).all() and (df["GlobalEventID"] < 2**31).all()
    assert df["GlobalEventID"].astype("int32").tolist() == df["GlobalEventID"].tolist()
    by_day = df.set_index("Day")
    assert by_day.loc[20160701, "FractionDate"] == 2016.4959
    assert by_day.loc[20070704, "FractionDate"] == 2007.5041
    assert by_day.loc[20080801, "MonthYear"] == 200808  # month-precise: first day (precision in the sidecar)


def test_gdelt_reads_with_gdeltpyr_call(stored, tmp_path):
    """gdeltPyR's own read of a downloaded events file: a zip, header=None, bad lines
    skipped silently, columns 26-28 (the CAMEO codes) as text, then its 61 names."""
    import zipfile

    out = tmp_path / "20090308000000.export.CSV"
    n = export(stored.con, "gdelt", out)
    with zipfile.ZipFile(tmp_path / "e.zip", "w") as zf:
        zf.write(out, out.name)
    frame = pd.read_csv(tmp_path / "e.zip", compression="zip", sep="\t", header=None, on_bad_lines="skip",
                        dtype={26: "str", 27: "str", 28: "str"})
    assert len(frame) == n and frame.shape[1] == 61  # no row lost to on_bad_lines
    frame.columns = GDELT_COLUMNS
    assert frame["GlobalEventID"].dtype == "int64" and set(frame["EventRootCode"]) == {"04", "11", "19"}


def test_gdelt_codes_are_cameo_codes(stored, tmp_path):
    out = tmp_path / "g.tsv"
    export(stored.con, "gdelt", out)
    df = read_gdelt(out).set_index("Day")
    nato = df.loc[20070704]
    assert pd.isna(nato["Actor1CountryCode"]) and nato["Actor1KnownGroupCode"] == "NAT"
    assert nato["Actor1Code"] == "IGONAT" and nato["Actor1Type1Code"] == "IGO" and nato["Actor1Type2Code"] == "MIL"
    assert nato["ActionGeo_Type"] == 1 and nato["ActionGeo_FullName"] == "China"  # not "China, China"
    assert nato["ActionGeo_CountryCode"] == "CH" and nato["ActionGeo_ADM1Code"] == "CH"  # FIPS 10-4
    office = df.loc[20150202]  # an IGO office holder: the group of the office (knowledge base: NATO)
    assert office["Actor1KnownGroupCode"] == "NAT" and office["Actor1Code"] == "IGONAT"
    media = df.loc[20090308]
    assert media["Actor1Code"] == "UKRHLH" and media["Actor2Code"] == "RUSMED"  # PLOVER MED/JRN -> CAMEO HLH/MED
    geneva = df.loc[20090306]
    assert geneva["ActionGeo_FullName"] == "Geneva, Switzerland" and geneva["ActionGeo_FeatureID"] == "2660646"
    assert geneva["NumArticles"] == 2 and geneva["EventRootCode"] == "04"


def test_gdelt_dateadded_is_utc(stored, tmp_path):
    out = tmp_path / "g.tsv"
    export(stored.con, "gdelt", out)
    added = read_gdelt(out)["DATEADDED"]
    local = stored.con.execute("SELECT max(ingested_at) FROM articles").fetchall()[0][0]
    utc = local.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S")  # naive = this machine's local time
    assert str(added.max()) == utc


def test_events_that_did_not_happen_are_left_out_unless_asked(stored, tmp_path):
    export(stored.con, "gdelt", tmp_path / "g.tsv")
    sidecar = pd.read_csv(tmp_path / "g.detente.tsv", sep="\t")
    assert tuple(sidecar.columns) == SIDECAR_COLUMNS
    assert set(sidecar["status"]) == {"asserted", "historical"}
    gdelt = read_gdelt(tmp_path / "g.tsv")
    assert sorted(sidecar["event_id"]) == sorted(gdelt["GlobalEventID"])  # the sidecar keys on GlobalEventID
    assert sidecar.loc[sidecar["date"] == "2008-08", "date_precision"].item() == "month"
    assert export(stored.con, "gdelt", tmp_path / "all.tsv", status="all") == 9
    assert export(stored.con, "icews", tmp_path / "f.tsv", status="future,negated") == 2
    statuses = set(pd.read_csv(tmp_path / "f.detente.tsv", sep="\t")["status"])
    assert statuses == {"future", "negated"}


def test_ids_are_stable_and_shared_by_gdelt_and_icews(stored, tmp_path):
    export(stored.con, "gdelt", tmp_path / "g1.tsv")
    export(stored.con, "gdelt", tmp_path / "g2.tsv", status="all")
    export(stored.con, "icews", tmp_path / "i.tsv")
    first, everything = read_gdelt(tmp_path / "g1.tsv"), read_gdelt(tmp_path / "g2.tsv")
    assert set(first["GlobalEventID"]) <= set(everything["GlobalEventID"])
    assert set(read_icews(tmp_path / "i.tsv")["Event ID"]) == set(first["GlobalEventID"])


def test_small_ids_resolve_collisions():
    ids = small_ids([("a", 5), ("b", 5 + 2**31 - 1), ("c", 6)])  # a and b fold onto the same value
    assert len(set(ids.values())) == 3 and all(0 < v < 2**31 for v in ids.values())
    assert ids == small_ids([("c", 6), ("b", 5 + 2**31 - 1), ("a", 5)])  # order-free


def test_icews_reads_with_the_icews_readers_types(stored, tmp_path):
    out = tmp_path / "events.tab"
    assert export(stored.con, "icews", out) == 6
    reference = tmp_path / "reference.tab"  # the published shape, one made-up row
    reference.write_text("\t".join(ICEWS_COLUMNS) + "\n" + "\t".join([
        "1001", "2019-05-02", "Citizen (Chile)", "Social", "Chile", "Criticize or denounce", "111", "-2",
        "Police (Chile)", "Police,Government", "Chile", "2002", "3", "Some Wire", "Valparaiso", "",
        "Region de Valparaiso", "Chile", "-33.04", "-71.6"]) + "\n", encoding="utf-8")
    df, ref = read_icews(out), read_icews(reference)
    assert tuple(df.columns) == ICEWS_COLUMNS
    assert df.dtypes.to_dict() == ref.dtypes.to_dict()
    accuse = df.set_index("CAMEO Code").loc["111"]
    assert accuse["Event Text"] == "Criticize or denounce"  # the CAMEO leaf name, not the root's
    assert accuse["Source Country"] == "United States" and accuse["Target Country"] == "Russian Federation"
    war = df.set_index("CAMEO Code").loc["190"]
    assert war["Event Text"] == "Use conventional military force" and war["Source Sectors"] == "Military,Government"
    assert df["Story ID"].nunique() == 3 and (df["Sentence Number"] == 1).all()


def test_polecat_has_its_40_columns_full_dates_and_text_quads(stored, tmp_path):
    out = tmp_path / "polecat.txt"
    assert export(stored.con, "polecat", out) == 6
    rows = read_polecat(out)
    assert tuple(rows[0]) == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert {"District", "Province"} <= set(rows[0]) and "State" not in rows[0]
    for row in rows:
        dt.datetime.strptime(row["Event Date"], "%Y-%m-%d")
        assert row["Quad Code"] in {"VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT",
                                    "MATERIAL CONFLICT"}
    meeting = next(r for r in rows if r["Event Type"] == "CONSULT")
    assert {meeting["Actor COW"], meeting["Recipient COW"]} == {"2", "365"}  # COW: USA 2, Russia 365
    assert meeting["City"] == "Geneva" and meeting["Country"] == "CHE"
    war = next(r for r in rows if r["Event Type"] == "ASSAULT")
    assert war["Event Date"] == "2008-08-01" and war["Recipient COW"] == "372"


def test_layouts_load_in_polars_and_duckdb(stored, tmp_path):
    pl = pytest.importorskip("polars")
    import duckdb

    export(stored.con, "gdelt", tmp_path / "g.tsv")
    export(stored.con, "icews", tmp_path / "i.tsv")
    export(stored.con, "polecat", tmp_path / "p.tsv")
    g = pl.read_csv(tmp_path / "g.tsv", separator="\t", has_header=False, new_columns=list(GDELT_COLUMNS),
                    schema_overrides={"EventCode": pl.String})
    assert g.height == 6 and g.schema["GlobalEventID"] == pl.Int64 and g["EventCode"].str.len_chars().min() == 3
    i = pl.read_csv(tmp_path / "i.tsv", separator="\t", try_parse_dates=True)
    assert i.schema["Event Date"] == pl.Date and i.schema["Story ID"] == pl.Int64
    p = pl.read_csv(tmp_path / "p.tsv", separator="\t", try_parse_dates=True)
    assert p.columns == list(POLECAT_COLUMNS) and p.schema["Event Date"] == pl.Date
    names = ", ".join(f"'{c}'" for c in GDELT_COLUMNS)
    sql = f"SELECT count(*) FROM read_csv('{tmp_path / 'g.tsv'}', delim='\t', header=false, names=[{names}])"
    assert duckdb.sql(sql).fetchall() == [(6,)]


def test_sample_store_exports_load(extractor, tmp_path):
    """The bundled samples, extracted and stored: every peer export loads typed, and only
    events that happened are in it."""
    from conftest import REPO
    from detente.sources import read_inputs

    articles = list(read_inputs([str(REPO / "samples" / "articles.jsonl")]))
    store = open_store(":memory:")
    store.write(list(extractor.extract_many(articles)))
    happened = store.con.execute(
        "SELECT count(*) FROM dedup_events WHERE status IN ('asserted', 'historical')").fetchall()[0][0]
    assert 0 < happened < store.counts()["dedup_events"]  # the samples have future/hypothetical events too
    export(store.con, "gdelt", tmp_path / "g.tsv")
    gdelt = read_gdelt(tmp_path / "g.tsv")
    assert len(gdelt) == happened and gdelt["GlobalEventID"].dtype == "int64"
    assert gdelt["GlobalEventID"].is_unique and gdelt["GlobalEventID"].max() < 2**31
    assert not gdelt["ActionGeo_FullName"].dropna().str.match(r"^(.+), \1$").any()  # no "China, China"
    assert set(gdelt["Actor1Type1Code"].dropna()) <= {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "SPY", "UAF", "OPP",
                                                       "PTY", "BUS", "CVL", "EDU", "ELI", "MED", "HLH", "LAB",
                                                       "REF", "CRM", "AGR", "IGO", "NGO", "MNC"}
    export(store.con, "icews", tmp_path / "i.tsv")
    icews = read_icews(tmp_path / "i.tsv")
    assert len(icews) == happened and icews["Event Text"].notna().all()
    official = {"Palestine, State of", "Türkiye", "Korea, Republic of", "Iran, Islamic Republic of",
                "Russian Federation (the)", "Syrian Arab Republic"}  # pycountry's names, not ICEWS's
    assert not official & (set(icews["Source Country"].dropna()) | set(icews["Target Country"].dropna()))
    assert "Russian Federation" in set(icews["Target Country"])
    export(store.con, "polecat", tmp_path / "p.tsv")
    for row in read_polecat(tmp_path / "p.tsv"):
        dt.datetime.strptime(row["Event Date"], "%Y-%m-%d")
