"""Real output validates against the JSON Schema of the contract, and spans hold their words."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import jsonschema
import pytest

from detente.records import Article
from detente.sources import read_inputs


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("detente").joinpath("schema/article.schema.json").read_text())


@pytest.fixture(scope="module")
def samples(extractor):
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"
    arts = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
    return arts, [r.to_dict() for r in extractor.extract_many(arts)]


def _check_spans(text: str, out: dict) -> None:
    for actor in out["actors"]:
        for start, end in actor["mentions"]:
            assert 0 <= start < end <= len(text)
    for ev in out["events"]:
        s, e = ev["trigger_span"]
        assert text[s:e] == ev["trigger"], (ev["trigger"], text[s:e])
        s, e = ev["span"]
        assert text[s:e] == ev["text"]
        if ev["location"]:
            s, e = ev["location"]["span"]
            assert text[s:e] == ev["location"]["text"]
    for q in out["quotes"]:
        s, e = q["span"]
        assert text[s:e] == q["text"]


def test_samples_validate_and_spans_hold(schema, samples):
    arts, outs = samples
    assert [o["article"]["id"] for o in outs] == [a.id for a in arts]
    for art, out in zip(arts, outs):
        jsonschema.validate(out, schema)
        _check_spans(art.text, out)
    assert sum(len(o["events"]) for o in outs) >= 3 * len(outs)


def test_reset_article_core_facts(samples):
    """The README example: Geneva meeting and agreement on 2009-03-06, Lavrov quoted."""
    arts, outs = samples
    out = outs[[a.id for a in arts].index("reset-2009")]
    by_type = {}
    for ev in out["events"]:
        by_type.setdefault(ev["type"], []).append(ev)
    consult = by_type["CONSULT"][0]
    names = {a["name"] for a in consult["actor"] + consult["recipient"]}
    assert any("Clinton" in n for n in names) and any("Lavrov" in n for n in names)
    assert consult["date"] == "2009-03-06" and consult["location"]["name"] == "Geneva"
    assert {a["country"] for a in consult["actor"] + consult["recipient"]} == {"USA", "RUS"}
    assert by_type["AGREE"][0]["date"] == "2009-03-06"
    accuse = by_type["ACCUSE"][0]
    assert accuse["status"] == "historical" and accuse["date"] == "2008-08"
    assert [a["country"] for a in accuse["actor"]] == ["USA"] and [a["country"] for a in accuse["recipient"]] == ["RUS"]
    lavrov_quotes = [q for q in out["quotes"] if q["speaker"] and "Lavrov" in q["speaker"]["name"]]
    assert lavrov_quotes and lavrov_quotes[0]["direct"] and "reset our relationship" in lavrov_quotes[0]["text"]


def test_real_guardian_article_validates(schema, shared, extractor):
    with gzip.open(shared / "eval" / "guardian_sdf_sample" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(next(fh)) for _ in range(3)]
    arts = [Article(text=r["text"], id=r["id"], published=None) for r in rows]
    outs = [r.to_dict() for r in extractor.extract_many(arts)]
    for art, out in zip(arts, outs):
        jsonschema.validate(out, schema)
        _check_spans(art.text, out)
    assert any(o["events"] for o in outs)


def test_spans_point_into_input_when_furniture_is_cut(extractor, schema):
    text = ("By Maria Lopez\n"
            "PHOTO: Troops at the border. (John Doe/AFP/Getty Images)\n"
            "Colombian President Ivan Duque accused Venezuela on Monday of sheltering rebels.\n"
            "Share on Facebook\n"
            "Venezuelan troops clashed with Colombian rebels near the border on Tuesday.")
    out = extractor.extract(text, published="2019-09-10").to_dict()
    jsonschema.validate(out, schema)
    _check_spans(text, out)
    assert all("PHOTO" not in e["text"] for e in out["events"])
    accuse = [e for e in out["events"] if e["type"] == "ACCUSE"]
    assert accuse and accuse[0]["date"] == "2019-09-09"


def test_every_event_party_is_listed_among_the_actors(samples):
    """Event actor/recipient ids join to the article's actors, inferred parties included."""
    _, outs = samples
    for out in outs:
        ids = {a["id"] for a in out["actors"]}
        for ev in out["events"]:
            assert {r["id"] for r in ev["actor"] + ev["recipient"]} <= ids, out["article"]["id"]


def test_inferred_parties_get_implied_actor_rows():
    from detente.events.implied import implied_actors
    from detente.records import Actor, ActorRef, Event

    police = Actor("a1", "Police", "group", None, "COP", mentions=((0, 6),), evidence="descriptor")
    ev = Event(
        id="e1", type="COERCE", mode="arrest", contexts=(), cameo="173", quad_class=4, intensity=-7.0,
        goldstein=-5.0, actor=(police.ref(), ActorRef("police:PAK", "Pakistani police", "PAK", "COP")),
        recipient=(ActorRef("place:Karachi", "Karachi", "PAK", None),), symmetric=False, status="asserted",
        sentence_index=0, span=(0, 10), trigger="arrested", trigger_span=(7, 15), text="", confidence=0.9,
    )
    rows = {a.id: a for a in implied_actors((police,), (ev, ev))}
    assert set(rows) == {"police:PAK", "place:Karachi"}  # once each, the named actor not repeated
    assert rows["police:PAK"].kind == "organization" and rows["police:PAK"].sector == "COP"
    assert rows["place:Karachi"].country == "PAK" and rows["place:Karachi"].evidence == "implied"
    assert rows["place:Karachi"].mentions == ()
