"""Generator of the hostile corpus: every kind of bad or strange input detente has met,
mixed with good articles. ``write_corpus`` returns what a correct ingest must do with it.

Good inputs must all be stored (strange ones, such as a surrogate or a 20,000-character
run of "=", included); bad inputs must each be reported once, with a reason."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

GOOD_SENTENCES = [
    "Chile recalled its ambassador to Peru on Monday.",
    "Kenya and Ethiopia signed a border agreement in Nairobi.",
    "Iran condemned Israel over the air strikes near Damascus.",
    "Japan sent food aid to Bangladesh after the floods.",
]


@dataclass
class Expected:
    good: list[str] = field(default_factory=list)   # ids of articles that must be stored
    bad: dict[str, str] = field(default_factory=dict)  # source (file or file:line) -> what it is
    skipped: dict[str, str] = field(default_factory=dict)  # article id -> ingest_errors stage (not stored)


def _line(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_corpus(folder: Path, *, big_chars: int = 2_000_000, long_line_chars: int = 5_000_000) -> Expected:
    """Write the corpus into ``folder``; sizes can be lowered for quick runs."""
    folder.mkdir(parents=True, exist_ok=True)
    want = Expected()
    lines: list[str] = []

    def good(obj) -> None:
        lines.append(_line(obj) if not isinstance(obj, str) else obj)
        want.good.append(obj["id"] if isinstance(obj, dict) else json.loads(obj)["id"])

    def skip(obj: dict, stage: str) -> None:
        lines.append(_line(obj))
        want.skipped[obj["id"]] = stage

    def bad(raw: str, what: str) -> None:
        lines.append(raw)
        want.bad[f"{folder / 'mixed.jsonl'}:{len(lines)}"] = what

    for i, text in enumerate(GOOD_SENTENCES):
        good({"id": f"good-{i}", "text": text, "published": f"2019-06-0{i + 1}"})
    good('{"id":"surrogate","text":"Russia met China \\ud800 in Beijing.","published":"2019-06-05"}')
    good('{"id":"\\udc00-in-id","title":"cut \\ud83d","text":"Peru protested to Chile.","published":"2019-06-06"}')
    good({"id": "nul", "text": "Chile\x00 recalled its envoy from Bolivia.", "published": "2019-06-07"})
    good({"id": "equals", "text": "Iran met Iraq.\n" + "=" * 20_000 + "\nIraq thanked Iran.", "published": "2019-06-08"})
    good({"id": "quotes", "text": '"' * 23_000})
    good({"id": "numbers", "text": " ".join(str(n) for n in range(3000))})
    skip({"id": "russian", "text": "Россия и Китай подписали соглашение в Пекине."}, "language")
    skip({"id": "arabic", "text": "وقعت مصر والأردن اتفاقا في القاهرة."}, "language")
    skip({"id": "chinese", "text": "中国和俄罗斯在北京签署了协议。两国外长出席了仪式。"}, "language")
    good({"id": "dup", "text": "Chile and Peru held talks in Lima.", "published": "2019-06-09"})
    good({"id": "dup", "text": "Peru and Bolivia held talks in La Paz.", "published": "2019-06-09"})
    good({"id": "x" * 1_000_000, "text": "Kenya hosted Somalia in Nairobi.", "published": "2019-06-10"})
    good({"id": "old", "text": "Russia condemned China yesterday. Last week Iran met Iraq.", "published": "0001-01-01"})
    good({"id": "future", "text": "Next week France will meet Germany.", "published": "9999-12-31"})
    good({"id": "big", "text": ("Talks between Chile and Peru went on. " * (big_chars // 38 + 1))[:big_chars]})
    good({"id": "long-line", "text": "a" * long_line_chars})
    bad('{"id": "broken", "text": "no closing', "broken JSON")
    bad(_line({"id": "int-text", "text": 5}), "text is a number")
    bad(_line({"id": "list-text", "text": ["Chile", "Peru"]}), "text is a list")
    bad(_line(["not", "an", "object"]), "a JSON array")
    bad(_line({"id": "empty", "text": "   "}), "empty text")
    bad(_line({"id": "feb30", "text": "Chile met Peru.", "published": "2019-02-30"}), "impossible date")
    bad(_line({"id": "year0", "text": "Chile met Peru.", "published": "0000-01-01"}), "year 0")
    bad(_line({"id": "bad-type-date", "text": "Chile met Peru.", "published": {"y": 2019}}), "date is an object")
    (folder / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")

    (folder / "utf16.txt").write_bytes("Bolivia and Peru signed a water treaty.".encode("utf-16"))
    want.good.append("utf16")
    (folder / "bomb.html").write_text("<html><body>" + "<div>" * 50_000 + "Chile met Peru." + "</div>" * 50_000
                                      + "</body></html>", encoding="utf-8")
    want.bad[str(folder / "bomb.html")] = "deeply nested HTML"
    (folder / "entities.html").write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p></body></html>', encoding="utf-8")
    want.bad[str(folder / "entities.html")] = "billion laughs"
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    want.bad[str(folder / "binary.txt")] = "binary"
    (folder / "latin1.txt").write_bytes("Chile protestó ante Perú.".encode("latin-1"))
    want.bad[str(folder / "latin1.txt")] = "invalid UTF-8"
    (folder / "empty.txt").write_bytes(b"")
    want.bad[str(folder / "empty.txt")] = "empty file"
    (folder / "wide.jsonl").write_bytes((_line({"id": "w", "text": "Chile met Peru."}) + "\n").encode("utf-16"))
    want.bad[str(folder / "wide.jsonl")] = "UTF-16 JSON lines"
    return want
