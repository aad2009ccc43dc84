"""Page furniture is cut out and every remaining offset maps back to the input."""

from __future__ import annotations

import re

from detente.clean import clean

PAGE = """By Jane Smith and Omar Ali
MOSCOW — Russia and China signed a gas supply deal on Monday.
PHOTO: Vladimir Putin and Xi Jinping shake hands in Moscow. (Alexei Druzhinin/AFP/Getty Images)
WATCH: Putin hosts Xi at the Kremlin
Interested in Russia? Add Russia as an interest to stay up to date on the latest Russia news, video, and analysis from ABC News. The deal runs for thirty years.
Share on Facebook
Vladimir Putin greets Xi Jinping at the Kremlin. Photograph: Sergei Ilnitsky/EPA
The two leaders met again on Tuesday, officials said.
Subscribe to our newsletter
Reporting by Anna Petrova; Editing by Tom Hale"""


def test_furniture_is_removed_and_news_kept():
    cleaned = clean(PAGE).text
    for gone in ("By Jane Smith", "PHOTO:", "AFP/Getty", "WATCH:", "Add Russia as an interest", "Share on Facebook",
                 "Photograph:", "Subscribe", "Editing by"):
        assert gone not in cleaned, gone
    for kept in ("Russia and China signed a gas supply deal on Monday.", "The deal runs for thirty years.",
                 "The two leaders met again on Tuesday, officials said."):
        assert kept in cleaned, kept


def test_offsets_map_back_to_input():
    result = clean(PAGE)
    for match in re.finditer(r"deal|thirty years|met again|Tuesday", result.text):
        start, end = result.offsets.span_to_input((match.start(), match.end()))
        assert PAGE[start:end] == match.group()


def test_clean_text_is_untouched():
    text = "Iran and the IAEA agreed on a new inspection plan in Vienna on Sunday."
    result = clean(text)
    assert result.text == text
    assert result.offsets.identity
    assert result.offsets.span_to_input((0, 4)) == (0, 4)


def test_sentences_that_mention_photos_or_subscriptions_stay():
    text = ("The minister said a photo of the meeting was leaked.\n"
            "Subscribers to the agency's service were told on Friday.\n"
            "Bystanders shared videos of the protest.")
    assert clean(text).text == text
