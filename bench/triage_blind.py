"""Quality of the offline classifier on held-out ticket sets, with 95% intervals.

    .venv/bin/python bench/triage_blind.py --phase before
    .venv/bin/python bench/triage_blind.py --phase after

Evaluates the shipped model (or ``--artifact PATH``) on every set in ``SETS`` whose file exists
(the dev set, the blind sets, the off-topic probes), saves the aggregate figures of each set to
``bench/results/triage_<set>_<phase>.json`` and renders every saved result into
``bench/TRIAGE_RESULTS.md`` and the reliability plot ``bench/triage_reliability.png``
(``triage_report.py``).
``--render`` only renders. Only aggregates are written or printed, never single tickets: the
blind sets are for measuring, not for reading.

Figures: category accuracy, priority exact and within one level, urgent recall and precision
(true high or critical rated high or critical), how often the ``high`` confidence band has
both labels right, the confidence bands of the off-topic probes, category accuracy per
language, and the expected calibration error (10 equal-width bins) of both confidences.
Proportions carry Wilson 95% intervals. This is a benchmark: nothing fails on a threshold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
sys.path.insert(0, str(BACKEND))

from triage import evaluation
from triage.offline import model
from triage.suggestion import HIGH_CONFIDENCE, MEDIUM_CONFIDENCE
from triage_report import N_BINS, PLOT, REPORT, RESULTS, SETS, render

URGENT = {"high", "critical"}
PRIORITIES = evaluation.PRIORITIES


def band(category_confidence: float, priority_confidence: float) -> str:
    lowest = min(category_confidence, priority_confidence)
    if lowest >= HIGH_CONFIDENCE:
        return "high"
    if lowest >= MEDIUM_CONFIDENCE:
        return "medium"
    return "low"


def measure(path: Path, artifact: dict) -> dict:
    """Aggregate figures of ``artifact`` on the labelled JSONL file at ``path``."""
    rows = [
        json.loads(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]
    hits: dict[str, list[int]] = {
        k: [0, 0]
        for k in (
            "category",
            "priority_exact",
            "priority_within_one",
            "urgent_recall",
            "urgent_precision",
            "critical_recall",
            "high_band_both_right",
        )
    }
    bands = {"high": 0, "medium": 0, "low": 0}
    by_language: dict[str, list[int]] = {}
    pairs: dict[str, list[tuple[float, bool]]] = {"category": [], "priority": []}
    cat_pairs, pri_pairs, wall, cpu = [], [], [], []

    def count(key: str, ok: bool) -> None:
        hits[key][0] += ok
        hits[key][1] += 1

    for row in rows:
        started, cpu_started = time.perf_counter(), time.thread_time()
        p = model.predict_with(
            artifact, row.get("title") or "", row.get("description") or ""
        )
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - cpu_started) * 1000)
        true_cat, true_pri = row["category"], row["priority"]
        cat_ok, pri_ok = p.category == true_cat, p.priority == true_pri
        count("category", cat_ok)
        count("priority_exact", pri_ok)
        distance = abs(PRIORITIES.index(p.priority) - PRIORITIES.index(true_pri))
        count("priority_within_one", distance <= 1)
        if true_pri in URGENT:
            count("urgent_recall", p.priority in URGENT)
        if p.priority in URGENT:
            count("urgent_precision", true_pri in URGENT)
        if true_pri == "critical":
            count("critical_recall", p.priority == "critical")
        confidence_band = band(p.category_confidence, p.priority_confidence)
        bands[confidence_band] += 1
        if confidence_band == "high":
            count("high_band_both_right", cat_ok and pri_ok)
        language = by_language.setdefault(row.get("language") or "en", [0, 0])
        language[0] += cat_ok
        language[1] += 1
        pairs["category"].append((p.category_confidence, cat_ok))
        pairs["priority"].append((p.priority_confidence, pri_ok))
        cat_pairs.append((true_cat, p.category))
        pri_pairs.append((true_pri, p.priority))

    bins = {
        name: [
            [b.count, (b.mean_confidence or 0) * b.count, (b.accuracy or 0) * b.count]
            for b in evaluation.calibration_bins(values, N_BINS)
        ]
        for name, values in pairs.items()
    }
    return {
        "n": len(rows),
        "counts": hits,
        "bands": bands,
        "by_language": dict(sorted(by_language.items())),
        "bins": bins,
        "confusion": {
            "category": evaluation.confusion(cat_pairs, evaluation.CATEGORIES),
            "priority": evaluation.confusion(pri_pairs, PRIORITIES),
        },
        "latency_ms": {
            "wall_p50": evaluation.percentile(wall, 50),
            "wall_p99": evaluation.percentile(wall, 99),
            "cpu_p50": evaluation.percentile(cpu, 50),
            "cpu_p99": evaluation.percentile(cpu, 99),
        },
    }


def _machine() -> str:
    name = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                name = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{name}, {os.cpu_count()} cores (shared), Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=("before", "after"))
    parser.add_argument(
        "--sets", default="", help="comma-separated set names (default: all)"
    )
    parser.add_argument(
        "--artifact", type=Path, help="model file (default: the shipped one)"
    )
    parser.add_argument(
        "--render", action="store_true", help="only render saved results"
    )
    args = parser.parse_args(argv)
    if not args.render:
        if not args.phase:
            parser.error("--phase is required unless --render")
        path = args.artifact or model.ARTIFACT_PATH
        blob = path.read_bytes()
        artifact = model.load(path)
        wanted = {s for s in args.sets.split(",") if s}
        RESULTS.mkdir(exist_ok=True)
        command = "python bench/triage_blind.py " + " ".join(
            arg if not args.artifact or arg != str(args.artifact) else "ARTIFACT"
            for arg in (argv if argv is not None else sys.argv[1:])
        )
        for name, data_path, _desc in SETS:
            if (wanted and name not in wanted) or not data_path.exists():
                continue
            result = measure(data_path, artifact)
            result.update(
                set=name,
                phase=args.phase,
                measured_at=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                machine=_machine(),
                load_average=round(os.getloadavg()[0], 1),
                artifact_sha256=hashlib.sha256(blob).hexdigest(),
                command=command.strip(),
            )
            out = RESULTS / f"triage_{name}_{args.phase}.json"
            out.write_text(
                json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8"
            )
            print(f"{name}: {result['n']} tickets -> {out.relative_to(ROOT)}")
    render()
    print(f"wrote {REPORT.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
