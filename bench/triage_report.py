"""Rendering the saved results of ``triage_blind.py``: the report and the reliability plot.

Reads ``bench/results/triage_<set>_<phase>.json`` and writes ``bench/TRIAGE_RESULTS.md`` and
``bench/triage_reliability.png``. Aggregates only: the results hold no single ticket.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from triage import evaluation
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
PRIORITIES = evaluation.PRIORITIES
N_BINS = 10


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
