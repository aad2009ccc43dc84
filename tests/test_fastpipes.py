"""The faster attribute-ruler matching and lemma lookups give spaCy's own annotations."""

from __future__ import annotations

import json
import logging

import pytest

from conftest import REPO


def _annotations(doc):
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


@pytest.fixture(scope="module")
def stock_nlp():
    from detente.nlp import load_nlp
    from detente.settings import load_settings

    return load_nlp(load_settings().replace(fast_rules=False))


def test_the_default_pipeline_uses_the_faster_lookups(nlp):
    assert nlp.get_pipe("attribute_ruler").match.__qualname__.startswith("_fast_ruler")
    assert nlp.get_pipe("lemmatizer").lemmatize.__qualname__.startswith("_cache_lemmas")


def test_sample_articles_get_spacys_own_annotations(nlp, stock_nlp):
    texts = [json.loads(line)["text"] for line in (REPO / "samples" / "articles.jsonl").open(encoding="utf-8")]
    assert len(texts) >= 20
    fast = [_annotations(d) for d in nlp.pipe(texts, batch_size=8)]
    stock = [_annotations(d) for d in stock_nlp.pipe(texts, batch_size=8)]
    for k, (a, b) in enumerate(zip(fast, stock)):
        assert a == b, f"article {k}: first difference {next(p for p in zip(a, b) if p[0] != p[1])}"


@pytest.mark.parametrize(
    "text",
    [
        # two-token patterns and their per-token attributes (later patterns win)
        "We're gonna talk, and you ain't gonna stop us. Let's go.",
        "They gotta leave; I wanna stay, don't you? It isn't over.",
        # contractions, negation and spaces the ruler retags
        "He's said he'd not go.\n\n  She'll   come,  won't she?",
        "Would've, could've, should've: the minister wasn't there.",
    ],
)
def test_rule_cases_match_spacy(nlp, stock_nlp, text):
    assert _annotations(nlp(text)) == _annotations(stock_nlp(text))


def test_lemmas_of_the_commonest_forms(nlp):
    doc = nlp("Protesters were marching and troops fired on them; the ministers met.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["were"] == "be"
    assert lemmas["marching"] == "march"
    assert lemmas["troops"] == "troop"
    assert lemmas["fired"] == "fire"
    assert lemmas["ministers"] == "minister"
    assert lemmas["met"] == "meet"


def test_a_ruler_with_patterns_it_cannot_read_is_left_to_spacy(caplog):
    import spacy

    from detente.fastpipes import speed_up

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"NORM": "much"})
    stock_match = ruler.match
    with caplog.at_level(logging.DEBUG, logger="detente.fastpipes"):
        assert speed_up(blank) == []
    assert ruler.match == stock_match
    assert "keeps spaCy's own code" in caplog.text
    assert blank("very very good")[1].norm_ == "much"


# --- per-Doc views (detente.nlp) -----------------------------------------------------------


def test_views_agree_with_spacys_own_properties(nlp):
    from detente.nlp import doc_ents, doc_text, ent_at, ents_in, head_of, sentence_of, sentences, token_table

    texts = [json.loads(line)["text"] for line in (REPO / "samples" / "articles.jsonl").open(encoding="utf-8")][:8]
    for doc in nlp.pipe(texts):
        assert doc_ents(doc) == tuple(doc.ents) and len(doc.ents) > 3
        assert sentences(doc) == tuple(doc.sents)
        assert doc_text(doc) == doc.text
        for n, sent in enumerate(doc.sents):
            assert ents_in(sent) == list(sent.ents)
            assert all(sentence_of(doc)[t.i] == n for t in sent)
        for span in (doc[3:40], doc[0:1], doc[len(doc) - 5 :]):
            assert ents_in(span) == list(span.ents)
        lower, starts, ends = token_table(doc)
        assert lower == [t.lower_ for t in doc]
        assert [doc_text(doc)[s:e] for s, e in zip(starts, ends)] == [t.text for t in doc]
        assert head_of(doc) == [t.head.i for t in doc]
        for t in doc:
            covering = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            assert ent_at(doc, t.i) == covering


def test_an_extracted_doc_keeps_no_views(extractor, nlp):
    """The views hold Spans that hold the Doc: the pipeline drops them when an article is
    done, or every Doc would wait for the cyclic garbage collector (memory grew 1.4x
    from 40 to 400 articles before this)."""
    from detente.clean import clean
    from detente.records import Article

    art = Article(id="a1", text="Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.")
    cleaned = clean(art.text)
    doc = nlp(cleaned.text)
    result = extractor._process_safely(art, cleaned, doc)
    assert result.events
    assert not [k for k in doc.user_data if str(k).startswith("detente.")]
