"""PolNeAR scorer: brat reading, direct-quote test, scoring on a tiny hand-made set, and
the gold gate on PolNeAR dev (skipped where ../shared is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.evaluate.attribution import evaluate_polnear, is_direct, read_ann

SHARED = Path(os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared"))
GOLD = SHARED / "eval" / "polnear"

needs_gold = pytest.mark.skipif(
    not (GOLD / "dev" / "text").is_dir(),
    reason=f"PolNeAR dev not found at {GOLD} (set DETENTE_SHARED to the shared folder)",
)

#: Issue 7: speaker correct for >= 0.80 of gold direct quotes.
SPEAKER_FLOOR = 0.80

TEXT = (
    "The mayor of Tromso met fishermen on Monday.\n\n"
    "\u201cThe quota is unfair,\u201d said Ola Hansen, who leads the union. \u201cWe will fight it.\u201d\n\n"
    "The mayor said the town would appeal.\n"
)


def _ann(text: str) -> str:
    def at(s: str) -> tuple[int, int]:
        start = text.index(s)
        return start, start + len(s)

    q1, q2 = at("\u201cThe quota is unfair,\u201d"), at("\u201cWe will fight it.\u201d")
    src, cue = at("Ola Hansen"), at("said Ola")
    c2, s2, k2 = at("the town would appeal"), at("The mayor said"), at("said the town")
    return "\n".join(
        [
            f"T1\tSource {src[0]} {src[1]}\tOla Hansen",
            f"T2\tCue {cue[0]} {cue[0] + 4}\tsaid",
            f"T3\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t...",
            f"T4\tAttribution {cue[0]} {cue[0] + 4}\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f"T5\tSource {s2[0]} {s2[0] + 9}\tThe mayor",
            f"T6\tCue {k2[0]} {k2[0] + 4}\tsaid",
            f"T7\tContent {c2[0]} {c2[1]}\tthe town would appeal",
            f"T8\tAttribution {k2[0]} {k2[0] + 4}\tsaid",
            "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
            "",
        ]
    )


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "tromso.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "tromso_ab12.ann").write_text(_ann(TEXT), encoding="utf-8")
    return root


def test_read_ann_joins_fragments_and_roles(tiny: Path) -> None:
    gold = read_ann(tiny / "dev" / "attributions" / "tromso_ab12.ann")
    assert len(gold) == 2
    split, reported = gold
    assert len(split.content) == 2 and TEXT[slice(*split.source[0])] == "Ola Hansen"
    assert is_direct(TEXT, split.content)
    assert not is_direct(TEXT, reported.content)


def test_is_direct_accepts_marks_just_outside_the_span() -> None:
    text = 'He said "we stay here" today.'
    start = text.index("we")
    assert is_direct(text, [(start, start + len("we stay here"))])
    assert not is_direct(text, [(0, 7)])


def test_scores_a_split_quote_and_its_speaker(nlp, tiny: Path) -> None:
    report = evaluate_polnear(nlp, tiny)
    assert report.counts["gold_direct"] == 1 and report.counts["gold_all"] == 2
    assert report.metrics["direct_recall"] == 1.0
    assert report.metrics["speaker_accuracy"] == 1.0
    assert report.metrics["precision"] == 1.0
    assert report.metrics["any_recall"] == 1.0
    assert len(report.gold_files) == 2 and report.notes[0] == "mode: quotes-only"


def test_wrong_speaker_is_counted_as_an_error(nlp, tiny: Path) -> None:
    ann = tiny / "dev" / "attributions" / "tromso_ab12.ann"
    start = TEXT.index("The mayor")
    ann.write_text(ann.read_text().replace(ann.read_text().splitlines()[0], f"T1\tSource {start} {start + 9}\tThe mayor"))
    report = evaluate_polnear(nlp, tiny)
    assert report.metrics["direct_recall"] == 1.0 and report.metrics["speaker_accuracy"] == 0.0
    assert report.errors[0]["kind"] == "speaker"


class _QuotesOf:
    """A stand-in extractor whose only quote of each article is the given one."""

    def __init__(self, nlp, speaker, speaker_text: str) -> None:
        self.resources = type("R", (), {"nlp": nlp})()
        self.speaker, self.speaker_text = speaker, speaker_text

    def extract_many(self, articles):
        from detente.records import ExtractedArticle, Quote

        for art in articles:
            start = art.text.index("\u201cThe quota")
            end = art.text.index("it.\u201d") + 4
            quote = Quote(self.speaker, art.text[start:end], (start, end), "said", True, speaker_text=self.speaker_text)
            yield ExtractedArticle(art, quotes=(quote,))


def test_resolved_speaker_counts_where_the_gold_names_the_speaker(nlp, tiny: Path) -> None:
    from detente.records import ActorRef

    hansen = ActorRef("a1", "Ola Hansen", "NOR", "LAB")
    right = evaluate_polnear(_QuotesOf(nlp, hansen, "he"), tiny)
    assert right.counts["gold_direct_named"] == 1
    assert right.metrics["resolved_speaker_accuracy"] == 1.0  # our actor behind "he" is the named man
    unresolved = evaluate_polnear(_QuotesOf(nlp, None, "Ola Hansen"), tiny)
    assert unresolved.metrics["resolved_speaker_accuracy"] == 0.0
    assert unresolved.metrics["speaker_accuracy"] == 1.0
    assert any(e["kind"] == "resolved" for e in unresolved.errors)
    union = evaluate_polnear(_QuotesOf(nlp, ActorRef("a2", "Norwegian Fishermen Union", "NOR", "LAB"), "NFU"), tiny)
    assert union.metrics["resolved_speaker_accuracy"] == 0.0


def test_a_pronoun_source_does_not_name_the_speaker(nlp, tiny: Path) -> None:
    ann = tiny / "dev" / "attributions" / "tromso_ab12.ann"
    start = TEXT.index("who")
    ann.write_text(ann.read_text().replace(ann.read_text().splitlines()[0], f"T1\tSource {start} {start + 3}\twho"))
    report = evaluate_polnear(nlp, tiny)
    assert report.counts.get("gold_direct_named", 0) == 0


# The floor itself is checked once, by tests/test_eval_gate.py against eval_baseline.json.
