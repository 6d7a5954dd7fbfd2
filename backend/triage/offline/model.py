"""Loading the shipped artifact and predicting; standard library only, no Django.

The artifact (``model.json.gz``, built by ``train.py``) is read once, on the first call, and
kept for the life of the process. ``predict`` never raises for any ``str`` input: if the text
has no usable words, or anything goes wrong, it answers ``general``/``medium`` with the
``FALLBACK_CONFIDENCE``.

The category is the average of two models' probabilities: the logistic regression and a
multinomial naive Bayes over the same word features (uniform prior, tempered log-likelihoods),
then tempered once more. Confidences are the probabilities of the predicted labels after
temperature scaling; every temperature except naive Bayes' own is fitted at training time on
held-out curated tickets. When an
unmistakable urgency rule sets a priority floor (``rules.priority_floor``) above the model's
choice, the priority is the likeliest level at or above the floor, and its confidence is the
floor rule's precision measured on the curated examples.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path

from . import calibrate, features, rules

ARTIFACT_PATH = Path(__file__).resolve().parent / "model.json.gz"
FALLBACK_CATEGORY = "general"
FALLBACK_PRIORITY = "medium"
FALLBACK_CONFIDENCE = 0.25  # no better than a guess among four labels

# Off-topic text (a recipe, football results) has hardly any word that moves the category
# model and matches no topic rule: the model cannot know, so neither confidence may reach
# the medium band. A word is informative when its category weights spread by at least
# INFORMATIVE_SPREAD; chosen on off-topic texts and the curated examples (README).
INFORMATIVE_SPREAD = 1.5
MIN_SUPPORT = 2
NO_SUPPORT_CONFIDENCE = 0.45


@dataclass(frozen=True)
class OfflinePrediction:
    category: str
    priority: str
    category_confidence: float
    priority_confidence: float
    # ISO 639-1 code of the ticket's language, None when it cannot be told
    language: str | None = None


_FALLBACK = OfflinePrediction(
    FALLBACK_CATEGORY, FALLBACK_PRIORITY, FALLBACK_CONFIDENCE, FALLBACK_CONFIDENCE
)

_lock = threading.Lock()
_artifact: dict | None = None


def load(path: Path | None = None) -> dict:
    """The artifact, read on first use (thread-safe). Pass ``path`` to load another file."""
    global _artifact
    if path is not None:
        return _read(path)
    if _artifact is None:
        with _lock:
            if _artifact is None:
                _artifact = _read(ARTIFACT_PATH)
    return _artifact


def _read(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return compact(json.load(fh))


MODEL_KEYS = ("category", "priority", "category_nb", "adjust_category", "adjust_priority")


def compact(artifact: dict) -> dict:
    """Store each model's weights as one flat ``array`` plus a feature -> offset index.

    Tens of thousands of small lists would be tracked by the garbage collector and make its
    full collections slow (a latency spike for whichever request triggers one); a flat
    array of doubles is a single object. Returns a new dict when there is work to do, the
    same one when ``artifact`` is already compact; never modifies its argument.
    """
    keys = [key for key in MODEL_KEYS if key in artifact and "index" not in artifact[key]]
    if not keys:
        return artifact
    artifact = dict(artifact)
    for key in keys:
        model = {k: v for k, v in artifact[key].items() if k != "weights"}
        n = len(model["bias"])
        index: dict[str, int] = {}
        flat = array("d")
        for offset, (feature, row) in enumerate(artifact[key]["weights"].items()):
            index[feature] = offset * n
            flat.extend(row)
        model["index"], model["flat"] = index, flat
        artifact[key] = model
    informative: set[str] = set()
    for key in ("category", "adjust_category"):
        if key in artifact:
            informative |= _informative(artifact[key])
    artifact["informative"] = frozenset(informative)
    return artifact


def _informative(model: dict) -> set[str]:
    n, flat = len(model["bias"]), model["flat"]
    return {
        feature
        for feature, at in model["index"].items()
        if feature.startswith("w:")
        and max(flat[at : at + n]) - min(flat[at : at + n]) >= INFORMATIVE_SPREAD
    }


def _scores(model: dict, feats: dict[str, float], binary: bool = False) -> list[float]:
    scores = list(model["bias"])
    index, flat = model["index"], model["flat"]
    n = len(scores)
    for f, v in feats.items():
        at = index.get(f)
        if at is not None:
            if binary:
                v = 1.0
            for k in range(n):
                scores[k] += flat[at + k] * v
    return scores


def _softmax(scores: list[float], t: float = 1.0) -> list[float]:
    top = max(scores)
    exps = [math.exp((s - top) / t) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _distribution(model: dict, feats: dict[str, float], binary: bool = False) -> list[float]:
    return _softmax(_scores(model, feats, binary), model.get("temperature", 1.0) or 1.0)


def _adjusted(probs: list[float], adjustment: dict | None, feats: dict[str, float]) -> list[float]:
    """``probs`` moved by a deployment's learned adjustment (``adapt.py``), if any."""
    if adjustment is None:
        return probs
    deltas = _scores(adjustment, feats, binary=True)
    return _softmax([math.log(max(p, 1e-12)) + d for p, d in zip(probs, deltas, strict=True)])


def category_distribution(artifact: dict, feats: dict[str, float]) -> list[float]:
    """The category probabilities of a compact ``artifact``, adjustment included."""
    probs = _distribution(artifact["category"], feats)
    naive_bayes = artifact.get("category_nb")
    if naive_bayes is not None:
        mix = naive_bayes["mix"]
        nb_probs = _distribution(naive_bayes, feats, binary=True)
        probs = [(1 - mix) * p + mix * q for p, q in zip(probs, nb_probs, strict=True)]
        sharpen = 1.0 / (naive_bayes.get("mix_temperature") or 1.0)
        probs = [max(p, 1e-12) ** sharpen for p in probs]
        total = sum(probs)
        probs = [p / total for p in probs]
    return _adjusted(probs, artifact.get("adjust_category"), feats)


def priority_distribution(artifact: dict, feats: dict[str, float]) -> list[float]:
    """The priority probabilities of a compact ``artifact`` before the urgency bias."""
    probs = _distribution(artifact["priority"], feats)
    return _adjusted(probs, artifact.get("adjust_priority"), feats)


def _priority(
    artifact: dict, feats: dict[str, float], hits: list[str], priorities: list[str]
) -> tuple[int, float]:
    """Index and confidence of the priority: the model's choice, raised to the rule floor.

    When the floor overrides the model, the confidence is the floor rule's own measured
    precision (``floor_confidence``, from the curated examples at training time), not the
    model's probability for a label it did not choose.
    """
    model = artifact["priority"]
    probs = priority_distribution(artifact, feats)
    bias = model.get("urgent_bias", 0.0)
    if bias:
        # a missed emergency costs more than a false alarm (see calibrate.urgent_bias)
        boost = math.exp(bias)
        urgent = {priorities.index("high"), priorities.index("critical")}
        probs = [p * boost if k in urgent else p for k, p in enumerate(probs)]
        total = sum(probs)
        probs = [p / total for p in probs]
    best = max(range(len(probs)), key=probs.__getitem__)
    floor = rules.priority_floor(hits)
    if floor is None or best >= priorities.index(floor):
        return best, probs[best]
    start = priorities.index(floor)
    chosen = max(range(start, len(probs)), key=probs.__getitem__)
    measured = model.get("floor_confidence", {}).get(priorities[chosen])
    return chosen, measured if measured is not None else probs[chosen]


def predict_with(artifact: dict, title: str, description: str) -> OfflinePrediction:
    """Predict with an explicit artifact (the active version, training checks, tests)."""
    artifact = compact(artifact)
    text, language = features.read(_as_str(title), _as_str(description))
    feats = features.extract(text)
    if not any(f.startswith(("w:", "R:")) for f in feats):
        return dataclasses.replace(_FALLBACK, language=language)
    categories, priorities = artifact["categories"], artifact["priorities"]

    cat_probs = category_distribution(artifact, feats)
    cat_idx = max(range(len(cat_probs)), key=cat_probs.__getitem__)
    hits = [f[2:] for f in feats if f.startswith("R:")]
    pri_idx, pri_conf = _priority(artifact, feats, hits, priorities)
    cat_conf = cat_probs[cat_idx]
    calibration = artifact.get("calibration")
    if calibration:
        cat_conf = calibrate.apply_platt(cat_conf, calibration["category"])
        pri_conf = calibrate.apply_platt(pri_conf, calibration["priority"])
        if _support(artifact, feats, hits) < MIN_SUPPORT:
            cat_conf = min(cat_conf, NO_SUPPORT_CONFIDENCE)
            pri_conf = min(pri_conf, NO_SUPPORT_CONFIDENCE)
    return OfflinePrediction(
        category=categories[cat_idx],
        priority=priorities[pri_idx],
        category_confidence=_unit(cat_conf),
        priority_confidence=_unit(pri_conf),
        language=language,
    )


def _support(artifact: dict, feats: dict[str, float], hits: list[str]) -> int:
    """Informative words plus topic rules: how much the ticket says about support."""
    informative = artifact.get("informative", frozenset())
    words = sum(1 for f in feats if f in informative)
    return words + MIN_SUPPORT * sum(1 for h in hits if h in rules.TOPIC_RULES)


def predict(title: str, description: str) -> OfflinePrediction:
    """Category and priority of a ticket, with confidences in [0, 1]. Never raises."""
    try:
        return predict_with(load(), title, description)
    except Exception:  # the offline model is the last line of defence: never fail the caller
        return _FALLBACK


def _as_str(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _unit(p: float) -> float:
    if p != p:  # NaN
        return FALLBACK_CONFIDENCE
    return round(min(1.0, max(0.0, p)), 4)
