"""Learning a deployment's corrections on top of the shipped model; standard library only.

The shipped artifact stays as it is. An *adjustment* is learned beside it: for the category
and for the priority, a small linear model whose scores are added to the log-probabilities
of the shipped model (``model._adjusted``). It is fitted by AdaGrad with an L2 penalty on:

* the shipped curated examples (weight ``ANCHOR_WEIGHT`` each): the shipped model is mostly
  right on them, so they hold the adjustment near zero wherever the deployment has not
  said otherwise;
* the deployment's corrections (weight ``CORRECTION_WEIGHT`` each).

Only features that occur in the corrections get an adjustment weight, so a ticket that
shares nothing with them is answered exactly as the shipped model answers it. The weights
are set so that about 20 consistent corrections of a pattern the shipped model has never
seen (an invented product name, say) change its answer for that pattern, while a handful do
not (tested in ``triage/tests/test_retrain.py``). Priority floors for unmistakable incidents
(``rules.priority_floor``) still apply on top: no correction can rate a breach ``low``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import features, model

CORRECTION_WEIGHT = 3.0
ANCHOR_WEIGHT = 1.0
ITERATIONS = 200
LEARNING_RATE = 0.5
L2 = 0.1
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Labelled:
    title: str
    description: str
    category: str
    priority: str


def fit_adjustment(
    base: dict, anchors: Sequence[Labelled], corrections: Sequence[Labelled]
) -> dict:
    """The adjustment (a JSON-able dict) that teaches ``base`` the ``corrections``.

    ``base`` is a compact artifact (``model.load()``); ``anchors`` are the shipped curated
    examples. Deterministic: the same inputs give the same adjustment.
    """
    categories, priorities = base["categories"], base["priorities"]
    rows = []
    for weight, items in ((ANCHOR_WEIGHT, anchors), (CORRECTION_WEIGHT, corrections)):
        for item in items:
            feats = features.extract(features.ticket_text(item.title, item.description))
            rows.append((feats, item, weight))
    vocabulary = {f for feats, _, _ in rows[len(anchors) :] for f in feats}
    category_rows, priority_rows = [], []
    for feats, item, weight in rows:
        # binary: a shared word counts fully however long either ticket is
        kept = {f: 1.0 for f in feats if f in vocabulary}
        if not kept:
            continue  # nothing to adjust on this example: it cannot move the weights
        if item.category in categories:
            base_probs = model.category_distribution(base, feats)
            category_rows.append((kept, base_probs, categories.index(item.category), weight))
        if item.priority in priorities:
            base_probs = model.priority_distribution(base, feats)
            priority_rows.append((kept, base_probs, priorities.index(item.priority), weight))
    return {
        "format": FORMAT_VERSION,
        "adjust_category": _fit(category_rows, len(categories)),
        "adjust_priority": _fit(priority_rows, len(priorities)),
    }


def apply(base: dict, adjustment: dict) -> dict:
    """A compact artifact: ``base`` with ``adjustment`` (from ``fit_adjustment``) added."""
    if adjustment.get("format") != FORMAT_VERSION:
        raise ValueError(f"unknown adjustment format {adjustment.get('format')!r}")
    combined = dict(base)
    combined["adjust_category"] = adjustment["adjust_category"]
    combined["adjust_priority"] = adjustment["adjust_priority"]
    return model.compact(combined)


def _fit(rows: list, n_classes: int) -> dict:
    """Softmax regression of the adjustment: scores = log(base probs) + weights . features.

    Full-batch gradient descent (AdaGrad steps) on the weighted log-loss plus
    ``L2 / 2 * |weights|^2``: the answer depends on the data, not on an order of visits.
    """
    weights: dict[str, list[float]] = {}
    for feats, _, _, _ in rows:
        for f in feats:
            weights.setdefault(f, [0.0] * n_classes)
    grad_sq = {f: [1e-6] * n_classes for f in weights}
    offsets = [[math.log(max(p, 1e-12)) for p in base_probs] for _, base_probs, _, _ in rows]
    classes = range(n_classes)
    for _ in range(ITERATIONS):
        grads = {f: [L2 * x for x in row] for f, row in weights.items()}
        for (feats, _, y, w), offset in zip(rows, offsets, strict=True):
            scores = list(offset)
            for f, v in feats.items():
                row = weights[f]
                for k in classes:
                    scores[k] += row[k] * v
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            err = [w * (exps[k] / total - (1.0 if k == y else 0.0)) for k in classes]
            for f, v in feats.items():
                g = grads[f]
                for k in classes:
                    g[k] += err[k] * v
        for f, row in weights.items():
            g, acc = grads[f], grad_sq[f]
            for k in classes:
                acc[k] += g[k] * g[k]
                row[k] -= LEARNING_RATE * g[k] / math.sqrt(acc[k])
    kept = {
        f: [round(x, 4) for x in row]
        for f, row in sorted(weights.items())
        if max(abs(x) for x in row) >= 1e-3
    }
    return {"bias": [0.0] * n_classes, "weights": kept}
