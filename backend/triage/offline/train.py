"""Training of the offline classifier: plain functions, standard library only.

Models (see ``learn.py``) are trained over the features of ``features.py``:

* category: a logistic regression and a naive Bayes, averaged, on the project's curated
  examples (``examples/*.jsonl``) plus the two public sets that may be trained on:
  ``bitext-customer-support`` and ``it-service-tickets``;
* priority: a logistic regression on the curated examples only (the public sets have no
  priority labels); the urgency rules of ``rules.py`` are among its features and set floors
  at prediction time.

Everything is deterministic: fixed seeds, sorted inputs and sorted JSON, and gzip without a
timestamp, so the same inputs give a byte-identical artifact.

Entry point: ``train(data_dir, out_path)``, wrapped by ``manage.py train_classifier``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import calibrate, features, model, rules
from .learn import Hyper, Sample, fit_naive_bayes, fit_softmax

CATEGORIES = ("billing", "technical", "account", "general")
PRIORITIES = ("low", "medium", "high", "critical")

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
ARTIFACT_PATH = Path(__file__).resolve().parent / "model.json.gz"
FORMAT_VERSION = 1
DEFAULT_HYPER = Hyper()

# Weight of one example by source. The curated tickets are the only ones written like real
# customer e-mail, so each counts for many public rows. The Endava IT tickets are real but
# internal and bag-of-words preprocessed, so they are down-weighted and sub-sampled.
SOURCE_WEIGHT = {"curated": 8.0, "bitext-customer-support": 0.25, "it-service-tickets": 0.1}
IT_MAX_PER_CATEGORY = 2500


@dataclass(frozen=True)
class Example:
    title: str
    description: str
    category: str | None
    priority: str | None
    source: str


# --- data loading ------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_curated(examples_dir: Path = EXAMPLES_DIR) -> list[Example]:
    """The project's own labelled tickets (every file in ``examples_dir``)."""
    out = []
    for path in sorted(Path(examples_dir).glob("*.jsonl")):
        for row in read_jsonl(path):
            if row["category"] not in CATEGORIES or row["priority"] not in PRIORITIES:
                raise ValueError(f"{path.name}: bad label in {row!r}")
            out.append(
                Example(
                    row.get("title", ""),
                    row["description"],
                    row["category"],
                    row["priority"],
                    "curated",
                )
            )
    return out


def _stable_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_public(data_dir: Path) -> list[Example]:
    """Training splits of the public sets under ``data_dir`` (each one is optional)."""
    data_dir = Path(data_dir)
    out: list[Example] = []
    bitext = data_dir / "bitext-customer-support" / "train.jsonl"
    if bitext.exists():
        for row in read_jsonl(bitext):
            subject = row.get("subject") or ""
            out.append(
                Example(subject, row["body"], row["category"], None, "bitext-customer-support")
            )
    it_path = data_dir / "it-service-tickets" / "train.jsonl"
    if it_path.exists():
        by_cat: dict[str, list[dict]] = {}
        for row in read_jsonl(it_path):
            by_cat.setdefault(row["category"], []).append(row)
        for cat in sorted(by_cat):
            rows = sorted(by_cat[cat], key=lambda r: _stable_key(r["body"]))
            for row in rows[:IT_MAX_PER_CATEGORY]:
                out.append(Example("", row["body"], cat, None, "it-service-tickets"))
    return out


def floor_confidence(examples: Iterable[Example]) -> dict[str, float]:
    """How often a priority floor of ``rules.priority_floor`` is the curated label itself.

    The rules are fixed, not learned, so their precision on the curated tickets is a fair
    estimate; Laplace-smoothed. Used as the confidence when a floor overrides the model.
    """
    counts: dict[str, list[int]] = {}
    for ex in examples:
        if ex.source != "curated" or ex.priority not in PRIORITIES:
            continue
        text = features.ticket_text(ex.title, ex.description)
        floor = rules.priority_floor(rules.rule_hits(text))
        if floor is not None:
            hit_total = counts.setdefault(floor, [0, 0])
            hit_total[0] += ex.priority == floor
            hit_total[1] += 1
    return {
        level: round((hits + 1) / (total + 2), 4) for level, (hits, total) in sorted(counts.items())
    }


# --- assembling the two models -----------------------------------------------------------


def _featurise(examples: Iterable[Example]) -> dict[Example, dict[str, float]]:
    return {ex: features.extract(features.ticket_text(ex.title, ex.description)) for ex in examples}


def category_samples(examples: Iterable[Example], feats: dict) -> list[Sample]:
    out = []
    for ex in examples:
        if ex.category in CATEGORIES:
            w = SOURCE_WEIGHT.get(ex.source, 1.0)
            out.append((feats[ex], CATEGORIES.index(ex.category), w))
    return out


def priority_samples(examples: Iterable[Example], feats: dict) -> list[Sample]:
    out = []
    for ex in examples:
        if ex.priority in PRIORITIES:
            weight = SOURCE_WEIGHT.get(ex.source, 1.0)
            out.append((feats[ex], PRIORITIES.index(ex.priority), weight))
    return out


FOLDS = 4


def _fold(ex: Example) -> int | None:
    """The held-out fold of a curated example (by a hash of its text); None for public rows."""
    if ex.source != "curated":
        return None
    return int(_stable_key(ex.title + ex.description)[:8], 16) % FOLDS


def _fit_models(examples: Sequence[Example], feats: dict, hyper: Hyper) -> dict:
    """The three models (category regression and naive Bayes, priority regression)."""
    cat = category_samples(examples, feats)
    return {
        "category": fit_softmax(cat, len(CATEGORIES), hyper),
        "category_nb": fit_naive_bayes(cat, len(CATEGORIES), hyper),
        "priority": fit_softmax(priority_samples(examples, feats), len(PRIORITIES), hyper),
    }


def _assemble(models: dict, fitted: dict, floors: dict[str, float]) -> dict:
    """An artifact from ``models`` and the held-out settings in ``fitted``."""
    category = {**models["category"], "temperature": fitted["temperatures"]["category"]}
    category_nb = {**models["category_nb"], "mix_temperature": fitted["temperatures"]["mix"]}
    priority = {
        **models["priority"],
        "temperature": fitted["temperatures"]["priority"],
        "urgent_bias": fitted.get("urgent_bias", 0.0),
        "floor_confidence": floors,
    }
    artifact = {
        "format": FORMAT_VERSION,
        "categories": list(CATEGORIES),
        "priorities": list(PRIORITIES),
        "rule_value": features.RULE_VALUE,
        "category": category,
        "category_nb": category_nb,
        "priority": priority,
    }
    if "calibration" in fitted:
        artifact["calibration"] = fitted["calibration"]
    return artifact


def _held_out_settings(
    examples: list[Example], feats: dict, hyper: Hyper, floors: dict[str, float], say
) -> dict:
    """Temperatures, urgency bias and calibration fitted on held-out folds (calibrate.py)."""
    probes = []
    for k in range(FOLDS):
        say(f"probe models without fold {k + 1} of {FOLDS}")
        held = [ex for ex in examples if _fold(ex) == k]
        models = _fit_models([ex for ex in examples if _fold(ex) != k], feats, hyper)
        probes.append((models, held))
    fitted: dict = {
        "temperatures": calibrate.temperatures(
            [
                (m, category_samples(held, feats), priority_samples(held, feats))
                for m, held in probes
            ]
        )
    }

    def answers(bias: float) -> list:
        out = []
        for models, held in probes:
            artifact = model.compact(_assemble(models, {**fitted, "urgent_bias": bias}, floors))
            for ex in held:
                p = model.predict_with(artifact, ex.title, ex.description)
                outcome = (p.category, p.priority, p.category_confidence, p.priority_confidence)
                out.append((outcome, ex.category, ex.priority))
        return out

    fitted["urgent_bias"] = calibrate.urgent_bias(answers)
    final = answers(fitted["urgent_bias"])
    fitted["calibration"] = {
        "category": calibrate.platt([(o[2], o[0] == cat) for o, cat, _ in final]),
        "priority": calibrate.platt([(o[3], o[1] == pri) for o, _, pri in final]),
    }
    return fitted


def build_artifact(
    examples: Sequence[Example],
    hyper: Hyper = DEFAULT_HYPER,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Train both models on ``examples`` and return the artifact as a JSON-able dict."""
    say = progress or (lambda msg: None)
    examples = sorted(
        set(examples),
        key=lambda e: (e.source, e.title, e.description, e.category or "", e.priority or ""),
    )
    say(f"featurising {len(examples)} examples")
    feats = _featurise(examples)
    floors = floor_confidence(examples)
    fitted = _held_out_settings(examples, feats, hyper, floors, say)
    say("final models on every example")
    artifact = _assemble(_fit_models(examples, feats, hyper), fitted, floors)
    sources: dict[str, int] = {}
    for ex in examples:
        sources[ex.source] = sources.get(ex.source, 0) + 1
    artifact["training"] = {
        "sources": dict(sorted(sources.items())),
        "source_weight": SOURCE_WEIGHT,
        "it_max_per_category": IT_MAX_PER_CATEGORY,
        "hyper": hyper.__dict__,
        "folds": FOLDS,
    }
    return artifact


def dump_artifact(artifact: dict) -> bytes:
    """Deterministic gzip-compressed JSON bytes for ``artifact``."""
    raw = json.dumps(artifact, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def train(
    data_dir: Path | str,
    out_path: Path | str = ARTIFACT_PATH,
    examples_dir: Path | str = EXAMPLES_DIR,
    hyper: Hyper = DEFAULT_HYPER,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Train on the public sets in ``data_dir`` plus the curated examples; write the artifact.

    Returns a small summary (example counts, artifact size and SHA-256).
    """
    examples = load_curated(Path(examples_dir)) + load_public(Path(data_dir))
    artifact = build_artifact(examples, hyper, progress)
    blob = dump_artifact(artifact)
    Path(out_path).write_bytes(blob)
    return {
        "sources": artifact["training"]["sources"],
        "bytes": len(blob),
        "sha256": hashlib.sha256(blob).hexdigest(),
        "category_features": len(artifact["category"]["weights"]),
        "priority_features": len(artifact["priority"]["weights"]),
        "temperatures": [
            artifact["category"]["temperature"],
            artifact["category_nb"]["mix_temperature"],
            artifact["priority"]["temperature"],
        ],
        "urgent_bias": artifact["priority"]["urgent_bias"],
        "calibration": artifact["calibration"],
    }
