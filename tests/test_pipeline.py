"""The pipeline's seam: a stage that fails on one article is reported in that article's
place, named, and the batch goes on; grounding makes an asserted past event historical."""

from __future__ import annotations

import dataclasses

import pytest

from detente.errors import DetenteError
from detente.pipeline import Extractor, StageError, stage
from detente.records import ArticleError, ExtractedArticle


class _CoderFailingOn:
    """The real event coder, except that it raises on articles containing ``word``."""

    def __init__(self, real, word: str) -> None:
        self.real, self.word = real, word

    def __getattr__(self, name):  # everything else (the lexicon, ...) is the real coder's
        return getattr(self.real, name)

    def code(self, doc, actors, quotes, published):
        if self.word in doc.text:
            raise ValueError(f"cannot code {self.word!r}")
        return self.real.code(doc, actors, quotes, published)


@pytest.fixture()
def failing_extractor(extractor):
    res = dataclasses.replace(extractor.resources, events=_CoderFailingOn(extractor.resources.events, "Ruritania"))
    return Extractor(extractor.settings, resources=res)


def test_a_failing_stage_is_reported_in_the_articles_place_and_the_batch_goes_on(failing_extractor):
    texts = ["France and Germany signed a trade agreement on Monday.",
             "Ruritania threatened its neighbour with sanctions.",
             "Japan and India held talks in Tokyo."]
    results = list(failing_extractor.extract_many(texts))
    assert [type(r) for r in results] == [ExtractedArticle, ArticleError, ExtractedArticle]
    failed = results[1]
    assert failed.stage == "events" and "cannot code 'Ruritania'" in failed.message
    assert results[0].events and results[2].events


def test_extract_of_one_failing_article_raises_naming_the_stage(failing_extractor):
    with pytest.raises(DetenteError, match="failed in events"):
        failing_extractor.extract("Ruritania closed its border.", published="2020-01-02")


def test_the_innermost_stage_keeps_its_name():
    with pytest.raises(StageError) as caught:
        with stage("grounding"):
            with stage("events"):
                raise KeyError("x")
    assert caught.value.stage == "events"


def test_an_asserted_event_dated_before_the_story_is_historical_a_planned_one_is_not(extractor):
    result = extractor.extract(
        "Two years ago, Turkey accused Syria of shelling its border. "
        "Turkey will hold talks with Syria next week.",
        published="2015-05-04",
    )
    by_trigger = {e.trigger: e for e in result.events}
    assert by_trigger["accused"].status == "historical" and by_trigger["accused"].date == "2013"
    # next week's talks are future (PLOVER codes promised talks as AGREE), not historical
    assert by_trigger["hold talks"].status == "future" and by_trigger["hold talks"].date == "2015-W20"
