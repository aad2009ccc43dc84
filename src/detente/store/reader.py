"""Store rows back into records: the inverse of :mod:`detente.store.writer`.

Exports read articles through here and serialise them with the records' own ``to_dict``,
so the output contract is written in one place (``detente/records.py``).
"""

from __future__ import annotations

from typing import Any, Iterator

from ..records import Actor, ActorRef, Article, Event, ExtractedArticle, Place, Quote

_IN_BATCH = "WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))"


def iter_articles(con: Any, batch: int = 500) -> Iterator[ExtractedArticle]:
    """Every stored article as an :class:`ExtractedArticle`, in ingest order (``seq``),
    read ``batch`` articles at a time."""
    last = -1
    while True:
        arts = con.execute(
            "SELECT content_hash, seq, id, title, published, source, url, text FROM articles "
            "WHERE seq > ? ORDER BY seq LIMIT ?",
            [last, batch],
        ).fetchall()
        if not arts:
            return
        hashes = [a[0] for a in arts]
        actors = _grouped(con, f"SELECT * FROM actors {_IN_BATCH} ORDER BY content_hash, actor_id", hashes)
        spans = _grouped(con, f"SELECT * FROM mentions {_IN_BATCH} ORDER BY content_hash, actor_id, mention_index", hashes)
        events = _grouped(con, f"SELECT * FROM events {_IN_BATCH} ORDER BY content_hash, sentence_index, span_start, event_id", hashes)
        quotes = _grouped(con, f"SELECT * FROM quotes {_IN_BATCH} ORDER BY content_hash, quote_index", hashes)
        for chash, seq, aid, title, published, source, url, text in arts:
            article = Article(text=text or "", id=aid, published=published, title=title, source=source, url=url)
            yield ExtractedArticle(
                article,
                tuple(_actor(a, spans.get(chash, [])) for a in actors.get(chash, [])),
                tuple(_event(e) for e in events.get(chash, [])),
                tuple(_quote(q) for q in quotes.get(chash, [])),
            )
            last = seq


def _grouped(con: Any, sql: str, hashes: list[str]) -> dict[str, list[dict[str, Any]]]:
    cur = con.execute(sql, [hashes])
    names = [d[0] for d in cur.description]
    out: dict[str, list[dict[str, Any]]] = {}
    for row in cur.fetchall():
        rec = dict(zip(names, row))
        out.setdefault(rec["content_hash"], []).append(rec)
    return out


def _actor(a: dict[str, Any], spans: list[dict[str, Any]]) -> Actor:
    mentions = tuple((m["start_char"], m["end_char"]) for m in spans if m["actor_id"] == a["actor_id"])
    return Actor(a["actor_id"], a["name"], a["kind"], a["country"], a["sector"], a["title"], mentions,
                 a["evidence"], a["kb_id"])


def _refs(e: dict[str, Any], side: str) -> tuple[ActorRef, ...]:
    return tuple(
        ActorRef(i, n, c, s)
        for i, n, c, s in zip(e[f"{side}_ids"], e[f"{side}_names"], e[f"{side}_countries"], e[f"{side}_sectors"])
    )


def _event(e: dict[str, Any]) -> Event:
    loc = None
    if e["location_name"] is not None:
        loc = Place(e["location_name"], e["location_country"], e["location_lat"], e["location_lon"],
                    e["location_geonameid"], e["location_text"], (e["location_start"], e["location_end"]),
                    e["location_kind"], e.get("location_source") or "sentence")
    return Event(
        id=e["event_id"], type=e["type"], mode=e["mode"], contexts=tuple(e["contexts"] or ()), cameo=e["cameo"],
        quad_class=e["quad_class"], intensity=e["intensity"], goldstein=e["goldstein"],
        actor=_refs(e, "actor"), recipient=_refs(e, "recipient"), symmetric=e["symmetric"], status=e["status"],
        sentence_index=e["sentence_index"], span=(e["span_start"], e["span_end"]), trigger=e["trigger"],
        trigger_span=(e["trigger_start"], e["trigger_end"]), text=e["text"], confidence=e["confidence"],
        date=e["date"], date_precision=e["date_precision"], date_text=e["date_text"], location=loc,
        date_source=e.get("date_source"),
    )


def _quote(q: dict[str, Any]) -> Quote:
    speaker = None
    if q["speaker_id"] is not None or q["speaker_name"] is not None:
        speaker = ActorRef(q["speaker_id"], q["speaker_name"], q["speaker_country"], q["speaker_sector"])
    cue_span = (q["cue_start"], q["cue_end"]) if q["cue_start"] is not None else None
    return Quote(speaker, q["text"], (q["span_start"], q["span_end"]), q["cue"], q["direct"], q["date"],
                 cue_span, q["sentence_index"], q["speaker_text"])
