"""The accuracy gate: every figure pinned in eval_baseline.json is still reached.

Floors move up with `detente eval DATASET --update-baseline`; lowering one needs
`--allow-regression --why "..."`, which records the reason in the file. A figure may
fall at most 0.01 (evaluate.TOLERANCE) below its floor; a changed gold file fails too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.evaluate import DATASETS, LOWER_IS_BETTER, check_baseline, dataset_path, run_dataset

BASELINE = Path(__file__).resolve().parents[1] / "eval_baseline.json"
PINNED = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}


def test_baseline_names_known_datasets_and_hashes():
    assert PINNED, "eval_baseline.json is missing or empty"
    for name, entry in PINNED.items():
        assert name in DATASETS
        assert entry["metrics"] and all(0.0 <= v <= 1.0 for v in entry["metrics"].values())
        assert not set(entry["metrics"]) & LOWER_IS_BETTER
        assert entry["gold_files"] and all(len(sha) == 64 for sha in entry["gold_files"].values())


@pytest.mark.gold
@pytest.mark.parametrize("name", sorted(PINNED))
def test_figures_hold_their_floors(name, shared, extractor):
    folder = dataset_path(name, shared / "eval")
    if folder is None:
        pytest.skip(f"{DATASETS[name].folder} is absent from {shared / 'eval'}")
    report = run_dataset(name, folder, limit=PINNED[name].get("limit"), extractor=extractor)
    failures = check_baseline(name, report, PINNED)
    assert not failures, "\n".join(failures)


def _report(value: float, sha: str = "a" * 64):
    from detente.evaluate import EvalReport

    return EvalReport(dataset="x", metrics={"acc": value}, gold_files={"/data/gold.jsonl": sha})


def test_floors_move_up_only_unless_a_regression_is_allowed():
    from detente.evaluate import updated_baseline

    base, refused = updated_baseline("plover-gsr", _report(0.80), {}, limit=None, allow_regression=False, why=None)
    assert base["plover-gsr"]["metrics"] == {"acc": 0.8} and not refused
    lower, refused = updated_baseline("plover-gsr", _report(0.70), base, limit=None, allow_regression=False, why=None)
    assert lower["plover-gsr"]["metrics"]["acc"] == 0.8 and refused
    allowed, _ = updated_baseline("plover-gsr", _report(0.70), base, limit=None, allow_regression=True, why="new gold")
    assert allowed["plover-gsr"]["metrics"]["acc"] == 0.7 and allowed["plover-gsr"]["regressions"] == ["new gold"]


def test_gate_fails_on_a_drop_beyond_tolerance_and_on_changed_gold():
    from detente.evaluate import check_baseline, updated_baseline

    base, _ = updated_baseline("polnear", _report(0.80), {}, limit=None, allow_regression=False, why=None)
    assert check_baseline("polnear", _report(0.795), base) == []  # within 0.01
    assert "fell below" in check_baseline("polnear", _report(0.78), base)[0]
    assert "changed" in check_baseline("polnear", _report(0.80, sha="b" * 64), base)[0]
    assert "no pinned baseline" in check_baseline("petrarch", _report(0.9), base)[0]


def test_lower_is_better_figures_are_ceilings():
    from detente.evaluate import EvalReport, check_baseline, updated_baseline

    def rep(rate):
        return EvalReport(dataset="x", metrics={"no_event_rate_on_unlabeled": rate}, gold_files={"g": "c" * 64})

    base, _ = updated_baseline("india-police", rep(0.25), {}, limit=10, allow_regression=False, why=None)
    assert base["india-police"]["ceilings"] == {"no_event_rate_on_unlabeled": 0.25}
    assert check_baseline("india-police", rep(0.20), base) == []
    assert "rose above" in check_baseline("india-police", rep(0.30), base)[0]


def test_the_cli_scores_as_many_items_as_the_baseline_pins(run_cli, shared, tmp_path):
    """`detente eval X --check` without --limit compares like with like: the India floors
    are for the first 300 documents, so an unlimited run used to fail on all 1,257."""
    from detente.cli.eval import pinned_limit

    assert pinned_limit("india-police", None, PINNED) == PINNED["india-police"]["limit"] == 300
    assert pinned_limit("india-police", 0, PINNED) is None  # --limit 0: everything
    assert pinned_limit("india-police", 50, PINNED) == 50
    assert pinned_limit("polnear", None, PINNED) is None

    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"tempeval3": {**PINNED["tempeval3"], "limit": 3}}))
    out = run_cli("eval", "tempeval3", "--path", str(shared / "eval" / "tempeval3_platinum"),
                  "--baseline", str(baseline), "--report", str(tmp_path / "r.json"))
    assert "scoring the first 3 items, as the baseline pins them" in out.stderr.decode()
    assert json.loads((tmp_path / "r.json").read_text())["counts"]["documents"] == 3
