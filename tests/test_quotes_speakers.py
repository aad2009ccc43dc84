"""Quote speakers resolved like any other reference (quotes.py with actors/pronouns.py):
"he said"/"she said" after a two-person exchange, a quote in the paragraph after the
sentence that names its speaker, institutions as speakers, and scare quotes that are
no quotations. Sentences written for these tests."""

from __future__ import annotations

import detente


def speakers(text: str, published: str = "2022-02-10") -> list[tuple[str | None, str]]:
    """(speaker name or None, quoted text) of each direct quote."""
    out = detente.extract(text, published=published).to_dict()
    return [((q["speaker"] or {}).get("name"), q["text"]) for q in out["quotes"] if q["direct"]]


def test_she_said_and_he_said_after_a_meeting_go_to_each_side():
    text = (
        "Russian Foreign Minister Sergei Lavrov met Liz Truss in Moscow on Thursday.\n\n"
        "\"We will not accept ultimatums from anyone,\" she said.\n\n"
        "\"Britain has nothing to teach us about diplomacy,\" he said."
    )
    found = speakers(text)
    assert found[0][0] == "Liz Truss"
    assert "Lavrov" in (found[1][0] or "")


def test_he_said_after_two_conjoined_men_has_no_speaker():
    text = (
        "Joe Biden and Emmanuel Macron met in Paris on Monday.\n\n"
        "\"The alliance has never been stronger than it is today,\" he said."
    )
    assert speakers(text)[0][0] is None


def test_a_quote_opening_the_paragraph_after_its_speakers_sentence():
    text = (
        "Antony Blinken said on Monday that the sanctions would stay until the troops left.\n\n"
        "\"We have waited three months and our partners cannot wait any longer.\""
    )
    assert speakers(text) == [("Antony Blinken", "We have waited three months and our partners cannot wait any longer.")]


def test_a_quote_after_a_paragraph_that_ends_in_no_speech_has_no_speaker():
    text = (
        "Antony Blinken arrived in Kyiv on Monday for talks on the sanctions.\n\n"
        "\"We have waited three months and our partners cannot wait any longer.\""
    )
    assert speakers(text)[0][0] is None


def test_an_institution_speaks():
    text = (
        "The Russian foreign ministry condemned the air strikes on Tuesday. "
        "\"This is a dangerous provocation against our citizens,\" the ministry said."
    )
    name = speakers(text)[0][0] or ""
    assert "ministry" in name.lower()


def test_scare_quotes_inside_a_clause_are_no_quotations():
    text = (
        "The interior minister said the company had been \"deactivating\" its sensors and called "
        "the plan \"a total disgrace\" before parliament on Tuesday."
    )
    assert speakers(text) == []


def test_a_short_quote_that_is_a_whole_sentence_stays():
    text = "Asked whether the talks had failed, Ayo Bello smiled. \"Not yet,\" she said."
    assert [q for _, q in speakers(text)] == ["Not yet,"] or [q for _, q in speakers(text)] == ["Not yet"]


def test_a_lone_surname_the_tagger_missed_is_the_person_named_before():
    text = (
        "Pat Whitcombe, a pollster in Ohio, spoke to reporters on Monday.\n\n"
        "\u201cThe health issue has affected this race more than the debates,\u201d said Whitcombe."
    )
    assert speakers(text)[0][0] == "Pat Whitcombe"


def test_a_lone_name_is_not_merged_with_another_person_named_before():
    text = (
        "Pat Whitcombe, a pollster in Ohio, spoke to reporters on Monday.\n\n"
        "\u201cThe health issue has affected this race more than the debates,\u201d said Harlan."
    )
    assert speakers(text)[0][0] != "Pat Whitcombe"
