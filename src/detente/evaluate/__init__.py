"""`detente eval`: readers and scorers for the annotated gold sets in ../shared/eval.

Nothing in the pipeline reads these files; they are only scored against.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .report import EvalReport, sha256_file

__all__ = ["DATASETS", "EvalReport", "Dataset", "shared_dir", "dataset_path", "run_dataset", "check_baseline", "sha256_file"]


def shared_dir() -> Path | None:
    """The shared data folder: $DETENTE_SHARED, else the `shared` folder beside the
    repository (or beside the current folder); None where it is absent (a user's machine)."""
    env = os.environ.get("DETENTE_SHARED")
    candidates = [Path(env)] if env else []
    repo = Path(__file__).resolve().parents[3]
    candidates += [repo.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"]
    for candidate in candidates:
        if (candidate / "eval").is_dir():
            return candidate
    return None


@dataclass(frozen=True)
class Dataset:
    name: str
    folder: str
    needs: str  # "extractor" | "time" | "location"
    scorer: str  # "module:function"
    description: str


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset("plover-gsr", "plover_gsr_cameo", "extractor", "plover:evaluate_plover_gsr",
                "PLOVER gold records: event type and ordered country dyad"),
        Dataset("petrarch", "petrarch_validation", "extractor", "petrarch:evaluate_petrarch",
                "PETRARCH2 validation (AFP): CAMEO root + ordered dyad"),
        Dataset("tempeval3", "tempeval3_platinum", "time", "tempeval:evaluate_tempeval",
                "TempEval-3 platinum: DATE values from text and document date"),
        Dataset("event-location", "event_location_halterman", "location", "location:evaluate_event_location",
                "Halterman event location (RELABEL): where the event happened"),
        Dataset("polnear", "polnear", "extractor", "attribution:evaluate_polnear",
                "PolNeAR dev: direct quotes and their speakers"),
        Dataset("india-police", "india_police_events", "extractor", "india:evaluate_india_police",
                "IndiaPoliceEvents: police ASSAULT/COERCE at sentence level"),
        Dataset("wikievents", "wikievents_dev", "extractor", "wikievents:evaluate_wikievents",
                "WikiEvents dev: every event of whole articles (recall, precision, actor, merges)"),
    )
}


def dataset_path(name: str, root: Path | None = None) -> Path | None:
    """Folder of a dataset under ``root`` (default: shared_dir()/eval), or None if absent."""
    dataset = DATASETS[name]
    base = root if root is not None else (shared_dir() / "eval" if shared_dir() else None)
    if base is None:
        return None
    folder = base / dataset.folder if (base / dataset.folder).exists() else base
    return folder if folder.exists() else None


def _scorer(dataset: Dataset) -> Callable[..., EvalReport]:
    import importlib

    module, func = dataset.scorer.split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


def run_dataset(name: str, path: Path, *, limit: int | None = None, extractor: Any = None) -> EvalReport:
    """Score one dataset found in folder ``path``; the extractor is built if not given."""
    dataset = DATASETS[name]
    scorer = _scorer(dataset)
    if dataset.needs == "time":
        return scorer(path, limit=limit)
    if extractor is None:
        from ..pipeline import Extractor

        extractor = Extractor()
    if dataset.needs == "location":
        return scorer(path, extractor.resources.gazetteer, extractor.resources.nlp, limit=limit)
    return scorer(extractor, path, limit=limit)


#: A figure may fall this far below its floor before the gate fails (noise allowance).
TOLERANCE = 0.01
#: Figures where lower is better: pinned as ceilings ("ceilings" in the baseline file).
LOWER_IS_BETTER = frozenset({"no_event_rate_on_unlabeled"})


def load_baseline(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.exists() else {}


def pinned_hashes(report: EvalReport) -> dict[str, str]:
    """Gold hashes as pinned: by file name, or one combined digest for a folder of many."""
    named = {Path(k).name: v for k, v in report.gold_files.items()}
    if len(named) <= 5:
        return named
    joined = "\n".join(f"{k} {v}" for k, v in sorted(named.items()))
    return {f"{len(named)} files (combined)": hashlib.sha256(joined.encode()).hexdigest()}


def check_baseline(name: str, report: EvalReport, baseline: dict[str, Any]) -> list[str]:
    """Failures of ``report`` (dataset ``name``) against its pinned floors and gold hashes."""
    entry = baseline.get(name)
    if not entry:
        return [f"{name}: no pinned baseline; run `detente eval {name} --update-baseline`"]
    failures = []
    for metric, floor in entry.get("metrics", {}).items():
        value = report.metrics.get(metric)
        if value is None:
            failures.append(f"{name}: metric {metric} missing from the report")
        elif value < floor - TOLERANCE:
            failures.append(f"{name}: {metric} = {value:.3f} fell below its floor {floor:.3f}")
    for metric, ceiling in entry.get("ceilings", {}).items():
        value = report.metrics.get(metric)
        if value is None:
            failures.append(f"{name}: metric {metric} missing from the report")
        elif value > ceiling + TOLERANCE:
            failures.append(f"{name}: {metric} = {value:.3f} rose above its ceiling {ceiling:.3f}")
    current = pinned_hashes(report)
    for fname, sha in entry.get("gold_files", {}).items():
        if current.get(fname) != sha:
            failures.append(f"{name}: gold file {fname} changed or missing (pinned sha256 {sha[:12]})")
    return failures


def updated_baseline(
    name: str, report: EvalReport, baseline: dict[str, Any], *, limit: int | None, allow_regression: bool, why: str | None
) -> tuple[dict[str, Any], list[str]]:
    """New baseline with this report's figures as floors. Floors only move up unless
    ``allow_regression`` (with a reason, recorded in the file)."""
    entry = dict(baseline.get(name, {}))
    old, old_ceilings = entry.get("metrics", {}), entry.get("ceilings", {})
    refused = []
    metrics, ceilings = {}, {}
    for metric, value in report.metrics.items():
        pin = round(value, 4)
        if metric in LOWER_IS_BETTER:
            if metric in old_ceilings and pin > old_ceilings[metric] and not allow_regression:
                refused.append(f"{metric}: {pin:.4f} > pinned ceiling {old_ceilings[metric]:.4f}")
                pin = old_ceilings[metric]
            ceilings[metric] = pin
            continue
        if metric in old and pin < old[metric] and not allow_regression:
            refused.append(f"{metric}: {pin:.4f} < pinned {old[metric]:.4f}")
            pin = old[metric]
        metrics[metric] = pin
    entry.update(metrics=metrics, limit=limit, gold_files=pinned_hashes(report))
    if ceilings:
        entry["ceilings"] = ceilings
    if allow_regression and why:
        entry.setdefault("regressions", []).append(why)
    new = dict(baseline)
    new[name] = entry
    return new, refused
