"""Quotes: direct and indirect quotations with speaker, cue and spans (sentences written
for these tests)."""

from __future__ import annotations

import pytest

from detente.quotes import find_quotes, quote_regions
from detente.records import Actor, ActorAnalysis, Mention, Quote


def _actors(doc, people: dict[str, tuple[str, str, str | None]]) -> ActorAnalysis:
    """A hand-made actors stage: ``{"surface": (id, kind, country)}``, every occurrence
    of each surface string becomes a mention of that actor."""
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    by_token: dict[int, str] = {}
    for surface, (actor_id, kind, country) in people.items():
        actors.setdefault(actor_id, Actor(actor_id, surface, kind, country, "GOV"))
        start = doc.text.find(surface)
        while start >= 0:
            span = doc.char_span(start, start + len(surface))
            assert span is not None, surface
            mentions.append(Mention(actor_id, span.start, span.end, (start, start + len(surface)), 0, surface))
            by_token.update({i: actor_id for i in range(span.start, span.end)})
            start = doc.text.find(surface, start + 1)
    return ActorAnalysis(tuple(actors.values()), tuple(mentions), by_token)


def _quotes(nlp, text: str, people=None) -> tuple[Quote, ...]:
    doc = nlp(text)
    quotes = find_quotes(doc, _actors(doc, people or {}))
    for q in quotes:  # spans always index the text they came from
        assert text[q.span[0]: q.span[1]] == q.text or "\n" in q.text
        if q.cue_span:
            assert text[q.cue_span[0]: q.cue_span[1]] == q.cue
    return quotes


def _direct(quotes):
    return [q for q in quotes if q.direct]


# ----------------------------------------------------------------------------- regions


def test_regions_straight_curly_and_apostrophes() -> None:
    text = 'Aliyev\'s aide said "no deal" and the envoy\'s reply was \u201cnot yet.\u201d'
    regions = quote_regions(text)
    assert [text[r.pieces[0][0]: r.pieces[0][1]] for r in regions] == ["no deal", "not yet."]


def test_regions_single_marks_only_without_double_marks() -> None:
    text = "'Our talks were frank,' the envoy told reporters in Oslo's old town hall."
    (region,) = quote_regions(text)
    assert text[slice(*region.pieces[0])] == "Our talks were frank"


def test_regions_nested_marks_stay_inside() -> None:
    text = '"He called it \u201cthe worst deal ever\u201d and left," she said.'
    (region,) = quote_regions(text)
    assert text[slice(*region.pieces[0])] == "He called it \u201cthe worst deal ever\u201d and left"


def test_regions_double_apostrophes_are_one_mark() -> None:
    text = "''We are not leaving,'' the mayor said."
    (region,) = quote_regions(text)
    assert text[slice(*region.pieces[0])] == "We are not leaving"


def test_regions_multi_paragraph_quote_is_joined() -> None:
    text = 'She went on:\n\n"The port stays closed. The ships wait.\n\n"We reopen in spring," she said.\n\nThe mayor left.'
    (region,) = quote_regions(text)
    assert [text[s:e] for s, e in region.pieces] == ["The port stays closed. The ships wait.", "We reopen in spring"]
    assert region.closed


def test_regions_unclosed_paragraph_not_followed_by_a_quote_ends_there() -> None:
    text = '"The port stays closed for now\n\nThe mayor left early.'
    (region,) = quote_regions(text)
    assert not region.closed
    assert text[slice(*region.pieces[0])] == "The port stays closed for now"


# ----------------------------------------------------------------------------- direct


def test_speaker_after_quote_with_told(nlp) -> None:
    text = "Lavrov met Clinton in Geneva. 'We will work hard to reset our relationship,' Lavrov told reporters."
    (q,) = _direct(_quotes(nlp, text, {"Lavrov": ("a1", "person", "RUS"), "Clinton": ("a2", "person", "USA")}))
    assert q.text == "We will work hard to reset our relationship"
    assert q.speaker is not None and q.speaker.id == "a1" and q.speaker.country == "RUS"
    assert q.cue == "told" and q.speaker_text == "Lavrov" and q.sentence_index == 1


def test_inverted_speaker_said_x(nlp) -> None:
    text = "\u201cThe border will stay open,\u201d said Prime Minister Anna Berg."
    (q,) = _direct(_quotes(nlp, text, {"Anna Berg": ("a1", "person", "NOR")}))
    assert q.speaker is not None and q.speaker.id == "a1"
    assert q.cue == "said" and "Anna Berg" in (q.speaker_text or "")


def test_speaker_before_colon(nlp) -> None:
    text = 'The president of Ghana, John Mensah, said on Monday: "Our farmers deserve fair prices."'
    (q,) = _direct(_quotes(nlp, text, {"John Mensah": ("a1", "person", "GHA")}))
    assert q.text == "Our farmers deserve fair prices."
    assert q.speaker is not None and q.speaker.id == "a1"


def test_split_quote_gives_two_quotes_with_one_speaker(nlp) -> None:
    text = "\u201cWe have waited long enough,\u201d Berg said. \u201cThe patience of our people is ending.\u201d"
    quotes = _direct(_quotes(nlp, text, {"Berg": ("a1", "person", "NOR")}))
    assert [q.text for q in quotes] == ["We have waited long enough", "The patience of our people is ending."]
    assert {q.speaker.id for q in quotes if q.speaker} == {"a1"} and all(q.cue == "said" for q in quotes)


def test_split_quote_inside_one_sentence(nlp) -> None:
    text = "\u201cWe will talk,\u201d the envoy said, \u201cbut we will not bargain with our borders.\u201d"
    quotes = _direct(_quotes(nlp, text))
    assert len(quotes) == 2 and {q.speaker_text for q in quotes} == {"the envoy"}


def test_multi_paragraph_quote_is_one_record(nlp) -> None:
    text = (
        "Berg spoke after the vote.\n\n\u201cThe port stays closed. The ships wait.\n\n"
        "\u201cWe reopen in spring,\u201d she said.\n\nThe harbour was empty."
    )
    (q,) = _direct(_quotes(nlp, text, {"Berg": ("a1", "person", "NOR")}))
    assert q.text == "The port stays closed. The ships wait.\nWe reopen in spring"
    assert q.speaker is not None and q.speaker.id == "a1"  # "she", not covered: last person


def test_paragraph_introduced_by_colon(nlp) -> None:
    text = "The minister continued:\n\n\u201cNo country will dictate our trade policy to us.\u201d"
    (q,) = _direct(_quotes(nlp, text))
    assert q.speaker_text == "The minister" and q.cue == "continued"


def test_standalone_quote_carries_previous_speaker(nlp) -> None:
    text = (
        "\u201cThe ceasefire is holding,\u201d the general said.\n\n"
        "\u201cOur soldiers have not fired a single shot since Sunday.\u201d"
    )
    quotes = _direct(_quotes(nlp, text))
    assert [q.speaker_text for q in quotes] == ["the general", "the general"]


def test_partial_quote_inside_reported_speech(nlp) -> None:
    text = "The senator said the treaty was \u201ca betrayal of our allies\u201d and promised to vote against it."
    quotes = _quotes(nlp, text)
    (partial,) = _direct(quotes)
    assert partial.text == "a betrayal of our allies" and partial.speaker_text == "The senator" and partial.cue == "said"


def test_dash_attribution(nlp) -> None:
    text = "\u201cThe reform will cost us our jobs and our homes.\u201d \u2014 Maria Lopez"
    (q,) = _direct(_quotes(nlp, text))
    assert q.speaker_text == "Maria Lopez" and q.cue is None


def test_speaker_is_not_taken_from_inside_the_quote(nlp) -> None:
    text = "\u201cMy answer, that was a mistake,\u201d the former ambassador said in an interview."
    (q,) = _direct(_quotes(nlp, text))
    assert q.speaker_text == "the former ambassador"


def test_titles_and_scare_quotes_are_not_quotes(nlp) -> None:
    text = 'The minister told "Good Morning Britain" that the so-called "reset" had failed.'
    assert _direct(_quotes(nlp, text)) == []


def test_unattributed_long_quote_is_kept_without_speaker(nlp) -> None:
    text = "The crowd waited for hours. \u201cWe want our jobs back and we want them now.\u201d"
    (q,) = _direct(_quotes(nlp, text))
    assert q.speaker is None and q.cue is None


# ----------------------------------------------------------------------------- speakers


def test_pronoun_resolved_by_actors_stage_wins(nlp) -> None:
    text = "Lavrov and Clinton met. \u201cIt was a good day,\u201d she said."
    doc = nlp(text)
    base = _actors(doc, {"Lavrov": ("a1", "person", "RUS"), "Clinton": ("a2", "person", "USA")})
    she = next(t.i for t in doc if t.lower_ == "she")
    analysis = ActorAnalysis(base.actors, base.mentions, {**base.by_token, she: "a2"})
    (q,) = _direct(find_quotes(doc, analysis))
    assert q.speaker is not None and q.speaker.id == "a2" and q.speaker_text == "she"


def test_uncovered_pronoun_between_two_people_has_no_speaker(nlp) -> None:
    # the actors stage resolves pronouns by gender and salience; one it left uncovered
    # is not given to the nearest of two people
    text = "Clinton spoke first, then Lavrov stood up. \u201cWe disagree on Georgia,\u201d he said."
    people = {"Lavrov": ("a1", "person", "RUS"), "Clinton": ("a2", "person", "USA")}
    (q,) = _direct(_quotes(nlp, text, people))
    assert q.speaker is None and q.speaker_text == "he"


def test_organisation_speaker_in_statement(nlp) -> None:
    text = "The Foreign Ministry said in a statement that the embassy would stay closed until further notice."
    (q,) = _quotes(nlp, text, {"The Foreign Ministry": ("a1", "organization", "FRA")})
    assert not q.direct and q.speaker is not None and q.speaker.id == "a1"
    assert q.text == "the embassy would stay closed until further notice"


# ----------------------------------------------------------------------------- indirect


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        ("The minister said the talks had failed.", "The minister", "said", "the talks had failed"),
        ("Kerry warned that sanctions would follow.", "Kerry", "warned", "sanctions would follow"),
        ("The general told reporters the troops would leave in May.", "The general", "told",
         "the troops would leave in May"),
        ("The army has withdrawn from the town, a spokesman said on Tuesday.", "a spokesman", "said",
         "The army has withdrawn from the town"),
        ("According to the ministry, the convoy was stopped at the border.", "the ministry", "according to",
         "the convoy was stopped at the border"),
        ("The convoy was stopped at the border, according to local officials.", "local officials", "according to",
         "The convoy was stopped at the border"),
    ],
)
def test_indirect_attributions(nlp, text: str, speaker: str, cue: str, content: str) -> None:
    (q,) = _quotes(nlp, text)
    assert not q.direct
    assert (q.speaker_text, q.cue.lower() if q.cue else None, q.text) == (speaker, cue, content)


def test_non_speech_verbs_are_not_attributions(nlp) -> None:
    assert _quotes(nlp, "The minister knew the talks had failed. The army continued to advance.") == ()


def test_direct_quote_is_not_repeated_as_indirect(nlp) -> None:
    quotes = _quotes(nlp, 'The minister said: "The talks have failed and we are going home."')
    assert [q.direct for q in quotes] == [True]
