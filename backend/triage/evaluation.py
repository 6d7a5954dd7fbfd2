"""Accuracy and latency metrics for any ticket classifier.

Plain functions, no Django: ``evaluate`` takes labelled rows and a ``classify(title,
description)`` callable whose result has ``.category`` and ``.priority``. Used by
``manage.py evaluate_classifier`` and by the benchmark script in ``bench/``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CATEGORIES = ("billing", "technical", "account", "general")
PRIORITIES = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class LabelledTicket:
    title: str
    description: str
    category: str | None
    priority: str | None


@dataclass
class Report:
    n: int
    category_accuracy: float | None
    category_macro_f1: float | None
    category_confusion: dict[str, dict[str, int]]
    n_priority: int
    priority_accuracy: float | None
    priority_macro_f1: float | None
    priority_within_one: float | None
    critical_recall: float | None
    n_critical: int
    priority_confusion: dict[str, dict[str, int]]
    latency_ms_p50: float
    latency_ms_p99: float
    cpu_ms_p50: float = 0.0
    cpu_ms_p99: float = 0.0
    errors: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def load_labelled(path: Path | str) -> list[LabelledTicket]:
    """Rows of a JSONL file with ``title``/``description`` or ``subject``/``body``."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            title = row.get("title", row.get("subject")) or ""
            description = row.get("description", row.get("body")) or ""
            out.append(LabelledTicket(title, description, row.get("category"), row.get("priority")))
    return out


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of ``values``; 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def confusion(pairs: Iterable[tuple[str, str]], labels: Sequence[str]) -> dict[str, dict[str, int]]:
    """``matrix[true][predicted]`` counts over ``labels``."""
    matrix = {t: {p: 0 for p in labels} for t in labels}
    for true, pred in pairs:
        if true in matrix and pred in matrix[true]:
            matrix[true][pred] += 1
    return matrix


def macro_f1(matrix: dict[str, dict[str, int]]) -> float:
    """Mean F1 over the labels that occur in the truth or the predictions."""
    labels = list(matrix)
    scores = []
    for label in labels:
        tp = matrix[label][label]
        support = sum(matrix[label].values())
        predicted = sum(matrix[t][label] for t in labels)
        if support == 0 and predicted == 0:
            continue
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        scores.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def evaluate(
    rows: Sequence[LabelledTicket],
    classify: Callable[[str, str], Any],
    progress: Callable[[Iterable], Iterable] | None = None,
) -> Report:
    """Run ``classify`` over ``rows`` and compute the metrics (labels may be ``None``)."""
    cat_pairs, pri_pairs, latencies, cpu_times = [], [], [], []
    errors = 0
    iterable = progress(rows) if progress else rows
    for row in iterable:
        start, cpu_start = time.perf_counter(), time.thread_time()
        try:
            result = classify(row.title, row.description)
            pred_cat, pred_pri = result.category, result.priority
        except Exception:
            errors += 1
            pred_cat, pred_pri = None, None
        latencies.append((time.perf_counter() - start) * 1000.0)
        cpu_times.append((time.thread_time() - cpu_start) * 1000.0)
        if row.category in CATEGORIES:
            cat_pairs.append((row.category, pred_cat))
        if row.priority in PRIORITIES:
            pri_pairs.append((row.priority, pred_pri))

    cat_matrix = confusion(cat_pairs, CATEGORIES)
    pri_matrix = confusion(pri_pairs, PRIORITIES)
    within = [
        t
        for t, p in pri_pairs
        if p in PRIORITIES and abs(PRIORITIES.index(t) - PRIORITIES.index(p)) <= 1
    ]
    critical = [p for t, p in pri_pairs if t == "critical"]
    return Report(
        n=len(rows),
        category_accuracy=_share(sum(t == p for t, p in cat_pairs), len(cat_pairs)),
        category_macro_f1=macro_f1(cat_matrix) if cat_pairs else None,
        category_confusion=cat_matrix,
        n_priority=len(pri_pairs),
        priority_accuracy=_share(sum(t == p for t, p in pri_pairs), len(pri_pairs)),
        priority_macro_f1=macro_f1(pri_matrix) if pri_pairs else None,
        priority_within_one=_share(len(within), len(pri_pairs)),
        critical_recall=_share(sum(p == "critical" for p in critical), len(critical)),
        n_critical=len(critical),
        priority_confusion=pri_matrix,
        latency_ms_p50=percentile(latencies, 50),
        latency_ms_p99=percentile(latencies, 99),
        cpu_ms_p50=percentile(cpu_times, 50),
        cpu_ms_p99=percentile(cpu_times, 99),
        errors=errors,
    )


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_matrix(matrix: dict[str, dict[str, int]], title: str) -> str:
    labels = list(matrix)
    width = max(len(x) for x in [*labels, "true \\ pred"]) + 2
    lines = [title, "true \\ pred".ljust(width) + "".join(x.rjust(width) for x in labels)]
    for t in labels:
        lines.append(t.ljust(width) + "".join(str(matrix[t][p]).rjust(width) for p in labels))
    return "\n".join(lines)


def format_report(report: Report) -> str:
    """A plain-text summary of ``report`` for the console."""
    lines = [
        f"tickets: {report.n} (classifier errors: {report.errors})",
        f"category accuracy: {_fmt(report.category_accuracy)}"
        f"   macro-F1: {_fmt(report.category_macro_f1)}",
        f"priority (labelled: {report.n_priority}) accuracy: {_fmt(report.priority_accuracy)}"
        f"   macro-F1: {_fmt(report.priority_macro_f1)}"
        f"   within one level: {_fmt(report.priority_within_one)}",
        f"critical recall: {_fmt(report.critical_recall)} (of {report.n_critical})",
        f"latency ms (wall clock): p50 {report.latency_ms_p50:.3f}"
        f"   p99 {report.latency_ms_p99:.3f}"
        f"   (CPU time of the calling thread: p50 {report.cpu_ms_p50:.3f}"
        f"   p99 {report.cpu_ms_p99:.3f})",
        "",
        format_matrix(report.category_confusion, "category confusion (rows: true)"),
    ]
    if report.n_priority:
        lines += ["", format_matrix(report.priority_confusion, "priority confusion (rows: true)")]
    return "\n".join(lines)


# --- intervals and calibration -----------------------------------------------------------


def wilson_interval(hits: int, total: int, z: float = 1.96) -> tuple[float, float] | None:
    """The Wilson score interval (95% by default) of the proportion ``hits / total``."""
    if total <= 0:
        return None
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * ((p * (1 - p) / total + z * z / (4 * total * total)) ** 0.5) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class CalibrationBin:
    lower: float
    upper: float
    count: int
    mean_confidence: float | None
    accuracy: float | None


def calibration_bins(pairs: Sequence[tuple[float, bool]], n_bins: int = 10) -> list[CalibrationBin]:
    """``(confidence, correct)`` pairs grouped into ``n_bins`` equal-width bins over [0, 1]."""
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(n_bins)]
    for confidence, correct in pairs:
        at = min(n_bins - 1, max(0, int(confidence * n_bins)))
        groups[at].append((confidence, correct))
    out = []
    for at, group in enumerate(groups):
        n = len(group)
        out.append(
            CalibrationBin(
                lower=at / n_bins,
                upper=(at + 1) / n_bins,
                count=n,
                mean_confidence=sum(c for c, _ in group) / n if n else None,
                accuracy=sum(ok for _, ok in group) / n if n else None,
            )
        )
    return out


def expected_calibration_error(bins: Sequence[CalibrationBin]) -> float | None:
    """ECE: the count-weighted mean gap between confidence and accuracy over the bins."""
    total = sum(b.count for b in bins)
    if not total:
        return None
    return (
        sum(
            b.count * abs(b.mean_confidence - b.accuracy)
            for b in bins
            if b.count and b.mean_confidence is not None and b.accuracy is not None
        )
        / total
    )
