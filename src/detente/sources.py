"""Readers: turn files, folders, globs and stdin into :class:`Article` records.

Nothing else happens here (no cleaning, no parsing). A reader never raises for one bad
line: it yields an :class:`InputProblem` naming the input and the fix, and goes on.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import io
import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from .errors import InputError
from .normalize import normalise
from .records import Article

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".json")


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One input (a file or a line of it) that could not be read."""

    source: str
    message: str


def parse_published(value: str | dt.date | None, source: str = "--published") -> dt.date | None:
    """Parse a YYYY-MM-DD publication date (a longer ISO timestamp is cut to its date)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(
            source, f"publication date {text!r} is not a date", "Give it as YYYY-MM-DD, e.g. 2009-03-07"
        ) from None
    if day > dt.date.today() + dt.timedelta(days=1):
        # kept (a user may code scenarios), but every undated event takes this date
        log.warning("%s", f"{source}: publication date {day} is in the future; check it")
    return day


def expand_inputs(inputs: Iterable[str]) -> Iterator[str | InputProblem]:
    """Files as given; folders walked for readable suffixes; globs expanded; '-' kept."""
    for item in inputs:
        if item == "-":
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _readable(p))
            if not found:
                yield InputProblem(item, f"folder has no {', '.join(SUFFIXES)} files; point at a folder of articles")
            yield from (str(p) for p in found)
        elif not path.exists() and any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputProblem(item, "pattern matches no file; check the pattern")
            yield from matches
        else:
            yield item


def _readable(path: Path) -> bool:
    name = path.name.lower()
    return any(name.endswith(s) for s in SUFFIXES)


def read_inputs(
    inputs: Iterable[str],
    *,
    published: dt.date | None = None,
    title: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | InputProblem]:
    """Read every input in order; problems are yielded in place, never raised."""
    for item in expand_inputs(inputs):
        if isinstance(item, InputProblem):
            yield item
            continue
        try:
            yield from read_one(item, published=published, title=title, stdin=stdin)
        except InputError as exc:
            yield InputProblem(exc.source, f"{exc.problem}. {exc.fix}")


def read_one(
    item: str,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | InputProblem]:
    """Read one file (or '-' for stdin); raises InputError when the whole input is unusable."""
    if item == "-":
        raw = (stdin.read() if stdin is not None else b"")
        text = _decode(raw, "<stdin>")
        if text.lstrip().startswith("{"):
            yield from _read_jsonl_text(text, "<stdin>", published)
        else:
            yield _plain_article(text, "stdin", "<stdin>", published, title)
        return
    path = Path(item)
    if not path.exists():
        raise InputError(item, "no such file", "Check the path (relative paths start from the current folder)")
    if path.is_dir():
        raise InputError(item, "is a folder", "Give the files in it, or use `detente ingest FOLDER`")
    name = path.name.lower()
    stem = path.name.split(".")[0]
    if name.endswith((".jsonl", ".jsonl.gz", ".json")):
        yield from _read_jsonl_file(path, item, published)
        return
    if name.endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                raw = fh.read()
        except (OSError, EOFError) as exc:
            raise InputError(item, f"is not a readable gzip file ({exc})", "Re-compress it with gzip or give it uncompressed") from None
    else:
        raw = path.read_bytes()
    text = _decode(raw, item)
    if name.endswith((".html", ".htm")):
        yield _html_article(text, stem, item, published, title)
    else:
        yield _plain_article(text, stem, item, published, title)


def _read_jsonl_file(path: Path, source: str, published: dt.date | None) -> Iterator[Article | InputProblem]:
    """Stream a JSON-lines file line by line, so memory stays flat in the file's size."""
    stem = path.name.split(".")[0]
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    seen = False
    try:
        with opener(path, "rb") as fh:
            head = fh.read(8192)
            if head.startswith(_UTF16_BOMS):  # no NUL needed: "\ufeff{}" is FF FE 7B 00 ...
                _not_binary(head + b"\x00", source)
            if not head.startswith(b"\x1f\x8b"):
                _not_binary(head, source)
            fh.seek(0)
            for lineno, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                seen = True
                where = f"{source}:{lineno}"
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                    yield _article_from_json(line, where, f"{stem}-{lineno}", published)
                except UnicodeDecodeError as exc:
                    yield InputProblem(where, f"is not valid UTF-8 (byte {exc.start}). Convert the file to UTF-8")
                except InputError as exc:
                    yield InputProblem(where, f"{exc.problem}. {exc.fix}")
    except (OSError, EOFError) as exc:
        raise InputError(source, f"cannot be read ({exc})", "Check the file (and, if gzipped, re-compress it)") from None
    if not seen:
        raise InputError(source, "is empty", "Give a file that contains article text")


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _wide_encoding(head: bytes) -> tuple[str, bool] | None:
    """('utf-32' or 'utf-16', True) for text with that byte-order mark, ('utf-16', False)
    when every other byte is NUL (UTF-16 without a mark), else None."""
    if head.startswith(_UTF32_BOMS):
        return "utf-32", True
    if head.startswith(_UTF16_BOMS):
        return "utf-16", True
    even, odd = head[:512:2], head[1:512:2]
    if len(even) >= 4 and max(even.count(0), odd.count(0)) > 0.9 * len(odd or even):
        return "utf-16", False
    return None


def _not_binary(head: bytes, source: str) -> None:
    """Raise for NUL bytes in the head: say UTF-16/32 where it is that, else binary."""
    if b"\x00" not in head:
        return
    wide = _wide_encoding(head)
    if wide is not None:
        name, bom = wide[0].upper(), wide[1]
        raise InputError(source, f"is {name} text{'' if bom else ' without a byte-order mark'}, not UTF-8",
                         f"Convert it, e.g. `iconv -f {name} -t UTF-8 FILE > FILE.utf8`")
    raise InputError(source, "looks like a binary file, not text", "Give .txt, .html or .jsonl articles")


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise InputError(source, "is empty", "Give a file that contains article text")
    wide = _wide_encoding(raw[:8192])
    if wide is not None and wide[1]:  # a byte-order mark says how to read it
        try:
            return raw.decode(wide[0])
        except UnicodeDecodeError as exc:
            raise InputError(source, f"is not valid {wide[0].upper()} (byte {exc.start})",
                             "Convert it to UTF-8 with iconv") from None
    _not_binary(raw[:8192], source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"is not valid UTF-8 (byte {exc.start})",
            "Convert it, e.g. `iconv -f latin1 -t utf-8 FILE > FILE.utf8`",
        ) from None


def _plain_article(text: str, stem: str, source: str, published: dt.date | None, title: str | None) -> Article:
    return _normalised(Article(text=text, id=stem, published=published, title=title, source=source), source)


def _normalised(art: Article, where: str) -> Article:
    """``art`` with lone surrogates and control characters replaced (one for one, so
    offsets into the text are kept), each replacement logged with the input's name."""
    fields: dict[str, str] = {}
    for name in ("text", "id", "title", "source", "url"):
        value = getattr(art, name)
        if value is None:
            continue
        fixed = normalise(value)
        if fixed.changed:
            log.warning("%s", f"{where}: {fixed.describe(name)}; check the encoding of the input")
            fields[name] = fixed.text
    return replace(art, **fields) if fields else art  # type: ignore[arg-type]  # only str fields


def _html_article(html: str, stem: str, source: str, published: dt.date | None, title: str | None) -> Article:
    import trafilatura  # heavy import, only when HTML is read

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(source, "has no article text that could be extracted", "Give the article page itself, or its text as .txt")
    meta_date = parse_published(getattr(doc, "date", None), source) if getattr(doc, "date", None) else None
    art = Article(
        text=text,
        id=stem,
        published=published or meta_date,
        title=title or getattr(doc, "title", None),
        source=source,
        url=getattr(doc, "url", None),
    )
    return _normalised(art, source)


def _read_jsonl_text(text: str, source: str, published: dt.date | None) -> Iterator[Article | InputProblem]:
    stem = Path(source).name.split(".")[0] if source != "<stdin>" else "stdin"
    for lineno, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            yield _article_from_json(line, where, f"{stem}-{lineno}", published)
        except InputError as exc:
            yield InputProblem(where, f"{exc.problem}. {exc.fix}")


def _article_from_json(line: str, where: str, default_id: str, published: dt.date | None) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"is not valid JSON ({exc.msg})", "Write one JSON object per line") from None
    if not isinstance(obj, dict):
        raise InputError(where, "is not a JSON object", 'Write objects like {"id": "a1", "text": "..."}')
    return article_from_dict(obj, where, default_id, published)


def article_from_dict(
    obj: Mapping[str, Any], where: str, default_id: str | None = None, published: dt.date | None = None
) -> Article:
    """An :class:`Article` from a dict shaped like a JSON-lines input line (only ``text``
    is required). Raises ``InputError`` naming ``where`` when ``text`` or ``published`` is bad."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, 'has no "text" string', 'Add a "text" field with the article text')
    pub = parse_published(obj.get("published") or obj.get("date"), where) or published
    raw_id = obj.get("id")
    art = Article(
        text=text,
        id=str(raw_id) if raw_id is not None else default_id,
        published=pub,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        source=obj.get("source") if isinstance(obj.get("source"), str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
    )
    return _normalised(art, where)
