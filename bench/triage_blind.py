"""Quality of the offline classifier on held-out ticket sets, with 95% intervals.

    .venv/bin/python bench/triage_blind.py --phase before
    .venv/bin/python bench/triage_blind.py --phase after

Evaluates the shipped model (or ``--artifact PATH``) on every set in ``SETS`` whose file exists
(the dev set, the blind sets, the off-topic probes), saves the aggregate figures of each set to
``bench/results/triage_<set>_<phase>.json`` and renders every saved result into
``bench/TRIAGE_RESULTS.md`` and the reliability plot ``bench/triage_reliability.png``.
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

DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "bench" / "TRIAGE_RESULTS.md"
PLOT = ROOT / "bench" / "triage_reliability.png"

# name, file, description
SETS = (
    (
        "blind_a",
        DATA / "triage_blind_a.jsonl",
        "blind set A: written from the label rubric alone, frozen before any model change",
    ),
    (
        "blind_b",
        DATA / "triage_blind_b.jsonl",
        "blind set B: a second writer, added after the model work",
    ),
    ("dev", DATA / "triage_devset.jsonl", "dev set: project-written, English"),
    (
        "offtopic",
        DATA / "triage_offtopic.jsonl",
        "off-topic probes (recipes, sport, spam...; labelled general / low)",
    ),
)
URGENT = {"high", "critical"}
PRIORITIES = evaluation.PRIORITIES
N_BINS = 10


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


# --- combining and rendering ---------------------------------------------------------------


def combine(results: list[dict]) -> dict:
    """Add up the counts of several sets' results (for the two blind sets together)."""
    out: dict = {"n": 0, "counts": {}, "bands": {}, "by_language": {}, "bins": {}}
    for r in results:
        out["n"] += r["n"]
        for key, (h, n) in r["counts"].items():
            acc = out["counts"].setdefault(key, [0, 0])
            acc[0], acc[1] = acc[0] + h, acc[1] + n
        for key, n in r["bands"].items():
            out["bands"][key] = out["bands"].get(key, 0) + n
        for key, (h, n) in r["by_language"].items():
            acc = out["by_language"].setdefault(key, [0, 0])
            acc[0], acc[1] = acc[0] + h, acc[1] + n
        for key, rows in r["bins"].items():
            acc = out["bins"].setdefault(key, [[0, 0.0, 0.0] for _ in rows])
            for i, (c, s_conf, s_ok) in enumerate(rows):
                acc[i] = [acc[i][0] + c, acc[i][1] + s_conf, acc[i][2] + s_ok]
    out["by_language"] = dict(sorted(out["by_language"].items()))
    return out


def ece(rows: list[list[float]]) -> float | None:
    total = sum(r[0] for r in rows)
    if not total:
        return None
    return sum(abs(s_conf - s_ok) for _, s_conf, s_ok in rows) / total


def share(pair: list[int]) -> str:
    h, n = pair
    if not n:
        return "n/a"
    low, high = evaluation.wilson_interval(h, n) or (0.0, 0.0)
    return f"{100 * h / n:.1f}% [{100 * low:.1f}, {100 * high:.1f}] ({h}/{n})"


def _load_results() -> dict[tuple[str, str], dict]:
    out = {}
    for path in sorted(RESULTS.glob("triage_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[(data["set"], data["phase"])] = data
    return out


def _rows(results: dict[tuple[str, str], dict]) -> list[tuple[str, dict]]:
    """(label, result) for each set and phase, plus the two blind sets together."""
    out = []
    for phase in ("before", "after"):
        blind = [
            results[(s, phase)] for s in ("blind_a", "blind_b") if (s, phase) in results
        ]
        for name, _path, _desc in SETS:
            if (name, phase) in results:
                out.append((f"{name}, {phase}", results[(name, phase)]))
        if len(blind) == 2:
            out.append((f"blind A + B, {phase}", combine(blind)))
    return out


def render() -> None:
    results = _load_results()
    rows = _rows(results)
    lines = [
        "# Triage classifier: quality on held-out tickets",
        "",
        "Written by `bench/triage_blind.py` from the saved results in `bench/results/`. Every",
        "proportion is shown as `value [95% Wilson interval] (hits/total)`. The offline model",
        "only (no LLM). Sets:",
        "",
    ]
    for name, path, desc in SETS:
        lines.append(f"- `{name}` (`{path.relative_to(ROOT)}`): {desc}.")
    lines += ["", "Runs:", ""]
    for (name, phase), r in sorted(results.items()):
        lines.append(
            f"- `{name}`, {phase}: measured {r['measured_at']} on {r['machine']}"
            + (
                f", 1-minute load average {r['load_average']}"
                if "load_average" in r
                else ""
            )
            + "; artifact "
            f"sha256 `{r['artifact_sha256'][:12]}`; command `{r['command']}`."
        )
    lines += [
        "",
        "## Labels",
        "",
        (
            "| set, phase | n | category | priority exact | priority within one | urgent recall "
            "| urgent precision | critical recall |"
        ),
        "|---|---:|---|---|---|---|---|---|",
    ]
    for label, r in rows:
        if label.startswith("offtopic"):
            continue
        c = r["counts"]
        lines.append(
            f"| {label} | {r['n']} | {share(c['category'])} | {share(c['priority_exact'])} "
            f"| {share(c['priority_within_one'])} | {share(c['urgent_recall'])} "
            f"| {share(c['urgent_precision'])} | {share(c['critical_recall'])} |"
        )
    lines += [
        "",
        "## Confidence",
        "",
        (
            "Bands as the product shows them: `high` when both confidences are at least "
            f"{HIGH_CONFIDENCE}, `medium` at least {MEDIUM_CONFIDENCE}, else `low`. ECE: expected "
            f"calibration error over {N_BINS} equal-width bins (the category confidence against "
            "category accuracy, the priority confidence against exact priority accuracy)."
        ),
        "",
        (
            "| set, phase | bands high / medium / low | `high` band: both labels right "
            "| ECE category | ECE priority |"
        ),
        "|---|---|---|---:|---:|",
    ]
    for label, r in rows:
        b = r["bands"]
        e_cat, e_pri = ece(r["bins"]["category"]), ece(r["bins"]["priority"])
        lines.append(
            f"| {label} | {b.get('high', 0)} / {b.get('medium', 0)} / {b.get('low', 0)} "
            f"| {share(r['counts']['high_band_both_right'])} "
            f"| {e_cat:.3f} | {e_pri:.3f} |"
        )
    lines += ["", "## Category accuracy per language", ""]
    languages = sorted({lang for _, r in rows for lang in r["by_language"]})
    lines += [
        "| set, phase | " + " | ".join(languages) + " |",
        "|---|" + "---|" * len(languages),
    ]
    for label, r in rows:
        if label.startswith(("offtopic", "dev")):
            continue
        cells = [
            share(r["by_language"][lang]) if lang in r["by_language"] else ""
            for lang in languages
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "## Calibration tables", "", f"![reliability plot]({PLOT.name})", ""]
    for label, r in rows:
        if label.startswith("offtopic"):
            continue
        lines += [
            f"### {label}",
            "",
            (
                "| bin | category n | mean confidence | accuracy | priority n | mean confidence "
                "| accuracy |"
            ),
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for i in range(N_BINS):
            cells = []
            for name in ("category", "priority"):
                count, s_conf, s_ok = r["bins"][name][i]
                if count:
                    cells += [
                        str(count),
                        f"{s_conf / count:.2f}",
                        f"{s_ok / count:.2f}",
                    ]
                else:
                    cells += ["0", "", ""]
            lines.append(
                f"| {i / N_BINS:.1f}-{(i + 1) / N_BINS:.1f} | "
                + " | ".join(cells)
                + " |"
            )
        lines.append("")
    lines += ["## Latency (in-process, per ticket, warm)", ""]
    lines += [
        "| set, phase | wall p50 / p99 (ms) | CPU p50 / p99 (ms) |",
        "|---|---:|---:|",
    ]
    for (name, phase), r in sorted(results.items()):
        t = r["latency_ms"]
        lines.append(
            f"| {name}, {phase} | {t['wall_p50']:.2f} / {t['wall_p99']:.2f} "
            f"| {t['cpu_p50']:.2f} / {t['cpu_p99']:.2f} |"
        )
    lines += [
        "",
        (
            "The machine is shared: wall-clock tails include waiting for a core (see the load "
            "average of each run above, where recorded); CPU time is the classifier's own cost."
        ),
    ]
    lines += ["", "## Confusion matrices (rows: true label)", ""]
    for (name, phase), r in sorted(results.items()):
        if name == "offtopic":
            continue
        lines += [f"### {name}, {phase}", "", "```"]
        for key, labels in (
            ("category", evaluation.CATEGORIES),
            ("priority", PRIORITIES),
        ):
            ordered = {
                t: {p: r["confusion"][key][t][p] for p in labels} for t in labels
            }
            lines += [evaluation.format_matrix(ordered, key), ""]
        lines += ["```", ""]
    lines += [
        (
            "Public data sets (Bitext, Endava, Tobi Bueck test splits): "
            "[TRIAGE_PUBLIC_SETS.md](TRIAGE_PUBLIC_SETS.md)."
        ),
    ]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _plot(rows)


def _plot(rows: list[tuple[str, dict]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(11, 5))
    for ax, name in zip(axes, ("category", "priority"), strict=True):
        ax.plot(
            [0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration"
        )
        for label, r in rows:
            if label.startswith("offtopic"):
                continue
            points = [
                (s_conf / c, s_ok / c) for c, s_conf, s_ok in r["bins"][name] if c
            ]
            style = "-" if label.endswith("after") else "--"
            ax.plot(
                [x for x, _ in points],
                [y for _, y in points],
                style,
                marker="o",
                label=f"{label} (ECE {ece(r['bins'][name]):.3f})",
            )
        ax.set_title(f"{name} confidence")
        ax.set_xlabel("mean confidence in bin")
        ax.set_ylabel("accuracy in bin")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(fontsize=7, loc="upper left")
    figure.tight_layout()
    figure.savefig(PLOT, dpi=100, metadata={"Software": None})
    plt.close(figure)


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
