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
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import features, rules
from .learn import (
    Hyper,
    Sample,
    best_temperature,
    fit_naive_bayes,
    fit_softmax,
    fit_temperature,
    mixture,
)

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


def _is_calibration(ex: Example) -> bool:
    """One curated example in five is held out once to fit the softmax temperature."""
    return ex.source == "curated" and int(_stable_key(ex.title + ex.description)[:8], 16) % 5 == 0


def _train_one(
    examples: list[Example],
    feats: dict,
    to_samples: Callable[[Iterable[Example], dict], list[Sample]],
    n_classes: int,
    hyper: Hyper,
) -> dict:
    fit_part = [ex for ex in examples if not _is_calibration(ex)]
    held = [ex for ex in examples if _is_calibration(ex)]
    probe = fit_softmax(to_samples(fit_part, feats), n_classes, hyper)
    temperature = fit_temperature(probe, to_samples(held, feats))
    model = fit_softmax(to_samples(examples, feats), n_classes, hyper)
    model["temperature"] = temperature
    return model


def _train_category(examples: list[Example], feats: dict, hyper: Hyper) -> tuple[dict, dict]:
    """Logistic regression and naive Bayes for the category, with fitted temperatures.

    A probe pair trained without the calibration examples fits the regression's temperature
    and then the temperature of the averaged distribution; the final pair is trained on all.
    """
    n = len(CATEGORIES)
    fit_part = [ex for ex in examples if not _is_calibration(ex)]
    held = category_samples([ex for ex in examples if _is_calibration(ex)], feats)
    probe_lr = fit_softmax(category_samples(fit_part, feats), n, hyper)
    probe_lr["temperature"] = fit_temperature(probe_lr, held)
    probe_nb = fit_naive_bayes(category_samples(fit_part, feats), n, hyper)
    mixed = [
        ([math.log(max(p, 1e-12)) for p in mixture(probe_lr, probe_nb, f)], y, w)
        for f, y, w in held
    ]
    lr = fit_softmax(category_samples(examples, feats), n, hyper)
    lr["temperature"] = probe_lr["temperature"]
    nb = fit_naive_bayes(category_samples(examples, feats), n, hyper)
    nb["mix_temperature"] = best_temperature(mixed)
    return lr, nb


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
    say("training the category model")
    category, category_nb = _train_category(examples, feats, hyper)
    say("training the priority model")
    priority = _train_one(examples, feats, priority_samples, len(PRIORITIES), hyper)
    priority["floor_confidence"] = floor_confidence(examples)
    sources: dict[str, int] = {}
    for ex in examples:
        sources[ex.source] = sources.get(ex.source, 0) + 1
    return {
        "format": FORMAT_VERSION,
        "categories": list(CATEGORIES),
        "priorities": list(PRIORITIES),
        "rule_value": features.RULE_VALUE,
        "category": category,
        "category_nb": category_nb,
        "priority": priority,
        "training": {
            "sources": dict(sorted(sources.items())),
            "source_weight": SOURCE_WEIGHT,
            "it_max_per_category": IT_MAX_PER_CATEGORY,
            "hyper": hyper.__dict__,
        },
    }


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
    }
