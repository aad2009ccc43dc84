"""Prove that a change leaves `detente extract` output byte-identical.

    python bench/identical.py --write REF_DIR     # at the commit before the change
    python bench/identical.py --check REF_DIR     # after it: exit 1 on any difference

It extracts the bundled samples and the 249 Guardian articles (../shared or
$DETENTE_SHARED; skipped with a message where absent) through the CLI, exactly as a user
would, and compares the JSON lines. On a difference it names the corpus, the first
differing article and the first differing field.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    env = os.environ.get("DETENTE_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def corpora() -> dict[str, Path]:
    found = {"samples": ROOT / "samples" / "articles.jsonl"}
    guardian = _shared() / "eval" / "guardian_sdf_sample" / "articles.jsonl.gz"
    if guardian.exists():
        found["guardian"] = guardian
    else:
        print(f"note: {guardian} not found; checking the samples only", file=sys.stderr)
    return found


def extract(path: Path) -> bytes:
    cmd = [sys.executable, "-m", "detente", "extract", str(path), "--format", "json"]
    done = subprocess.run(cmd, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"extract failed on {path} (exit {done.returncode})")
    return done.stdout


def _first_difference(old: bytes, new: bytes) -> str:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    if len(old_lines) != len(new_lines):
        return f"{len(old_lines)} articles before, {len(new_lines)} now"
    for a, b in zip(old_lines, new_lines):
        if a == b:
            continue
        before, after = json.loads(a), json.loads(b)
        art = before.get("article", {}).get("id")
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                return f"article {art}: field {key!r} differs"
        return f"article {art}: same JSON, different bytes (key order or spacing)"
    return "no difference"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write reference outputs to this folder")
    group.add_argument("--check", type=Path, help="compare against reference outputs in this folder")
    args = parser.parse_args()
    failed = False
    for name, path in corpora().items():
        out = extract(path)
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            (args.write / f"{name}.jsonl").write_bytes(out)
            print(f"{name}: wrote {len(out.splitlines())} articles")
            continue
        ref = args.check / f"{name}.jsonl"
        if not ref.exists():
            print(f"{name}: no reference at {ref}; run --write first at the old commit")
            failed = True
            continue
        old = ref.read_bytes()
        if old == out:
            print(f"{name}: identical ({len(out.splitlines())} articles)")
        else:
            failed = True
            print(f"{name}: DIFFERENT: {_first_difference(old, out)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
