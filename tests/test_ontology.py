"""The one ontology (detente.ontology over data/ontology/*.tsv): the Literal types, the JSON
schema and the lexicon agree with its tables, and its lookups answer as the PLOVER manual
and the CAMEO codebook say."""

from __future__ import annotations

import json
import typing
from importlib import resources

import pytest

from detente import ontology, records
from detente.errors import DataFileError
from detente.events import Lexicon

ONTO = ontology.load()


def _schema() -> dict:
    return json.loads((resources.files("detente") / "schema" / "article.schema.json").read_text(encoding="utf-8"))


def test_literal_types_equal_the_tables():
    assert list(typing.get_args(ontology.EventType)) == list(ONTO.types)
    assert list(typing.get_args(ontology.QuadClass)) == list(ONTO.quad_classes)
    assert list(typing.get_args(ontology.Sector)) == list(ONTO.sectors)
    hints = typing.get_type_hints(records.Event)
    assert hints["type"] is ontology.EventType and hints["quad_class"] is ontology.QuadClass


def test_schema_enums_equal_the_ontology():
    event = _schema()["properties"]["events"]["items"]["properties"]
    assert event["type"]["enum"] == list(ONTO.types)
    assert event["quad_class"]["enum"] == sorted(ONTO.quad_classes)
    assert event["status"]["enum"] == list(records.STATUSES)


def test_types_quads_and_intensities():
    assert {t.quad_class for t in ONTO.types.values()} == {1, 2, 3, 4}
    assert ONTO.types["ASSAULT"].quad_class == 4 and ONTO.types["AGREE"].quad_class == 1
    assert ONTO.intensity("CONSULT", "visit") == 4 and ONTO.intensity("CONSULT", None) == 2.5
    assert ONTO.intensity("REQUEST", "yield") == -1
    assert ONTO.intensity("ASSAULT", "suicide-attack") == -9.5
    assert ONTO.intensity("ASSAULT", "no-such-mode") == -9  # unknown mode: the type's value
    for t in ONTO.types.values():
        assert -10 <= t.intensity <= 10 and all(-10 <= v <= 10 for v in t.modes.values())
        assert ONTO.cameo[t.cameo].root in ONTO.cameo  # the default code is a real code


def test_cameo_codebook_is_complete_and_consistent():
    codes = ONTO.cameo
    assert len([c for c in codes if len(c) == 2]) == 20
    assert len(codes) > 300  # leaves included
    assert codes["0874"].name == "Retreat or surrender militarily"
    assert codes["186"].name == "Assassinate"
    assert ONTO.cameo_name("042") == "Make a visit"
    for code, entry in codes.items():
        assert code[:2] in codes and (len(code) < 4 or code[:3] in codes), code  # every parent exists
        assert entry.goldstein is None or -10 <= entry.goldstein <= 10
    assert ONTO.goldstein("1823") == ONTO.goldstein("182") == -9.5
    assert ONTO.goldstein("190") == -10.0 and ONTO.goldstein("051") == 3.4
    with pytest.raises(KeyError):
        ONTO.goldstein("99")


def test_roots_map_to_plover_types():
    roots = ONTO.root_plover()
    assert roots["01"] is None and roots["04"] == "CONSULT" and roots["19"] == "ASSAULT"
    assert all(t is None or t in ONTO.types for t in roots.values())
    assert ONTO.root_names()["15"] == "Exhibit military posture"


def test_sectors_and_groups():
    assert ONTO.sectors["JRN"] == "Media" and ONTO.sectors["IGO"].startswith("International")
    for name, group in ONTO.sector_groups.items():
        assert group <= set(ONTO.sectors), name
    assert ONTO.sector_group("state") >= {"GOV", "MIL", "COP"} and "REB" not in ONTO.sector_group("state")


def test_every_lexicon_row_uses_the_ontology():
    lexicon = Lexicon.load()
    entries = [e for rows in lexicon.entries.values() for e in rows]
    assert entries
    for entry in entries:
        assert entry.type in ONTO.types and entry.cameo in ONTO.cameo
        assert entry.mode is None or entry.mode in ONTO.types[entry.type].modes


def test_a_bad_ontology_row_names_its_file_and_line(tmp_path):
    bad = tmp_path / "cameo.tsv"
    bad.write_text("code\tname\tgoldstein\n01\tMake public statement\t0.0\n0x1\tOops\t1\n", encoding="utf-8")
    from detente.tables import read_table

    with pytest.raises(DataFileError, match=r"cameo.tsv:3"):
        [ontology._cameo(r) for r in read_table(bad, ("code", "name", "goldstein"))]


def test_importing_the_stages_reads_no_table():
    """The tables are read when a stage is built or first asks, never at import time."""
    import subprocess
    import sys

    code = ("import detente.events.coder, detente.grounding.places, detente.grounding.time_grammar, detente.quotes, "
            "detente.export, detente.web.api\n"
            "from detente import ontology\n"
            "from detente.events import ontology as view, status\n"
            "print(ontology.load.cache_info().currsize + view.context_words.cache_info().currsize"
            " + status.status_words.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
