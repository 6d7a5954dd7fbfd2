"""The learners of the offline classifier: standard library only, deterministic.

* ``fit_softmax``: multinomial logistic regression trained by AdaGrad with L2;
* ``fit_naive_bayes``: multinomial naive Bayes written as a linear model;
* temperature fitting for calibrated-ish confidences.

A model is a dict ``{"bias": [...], "weights": {feature: [...]}, ...}`` that ``model.py``
flattens for prediction.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

Sample = tuple[dict[str, float], int, float]  # features, label index, weight


@dataclass(frozen=True)
class Hyper:
    epochs: int = 6
    learning_rate: float = 0.2
    l2: float = 3e-3
    # a feature is kept when the weights of the examples it occurs in add up to this much:
    # one curated ticket is enough, a public-set feature must recur (see SOURCE_WEIGHT)
    min_weight: float = 0.25
    seed: int = 20240601
    prune_below: float = 0.002
    # the naive-Bayes half of the category ensemble (chosen by cross-validation on the
    # curated examples): smoothing, temperature of its log-likelihoods, share in the average
    nb_alpha: float = 0.5
    nb_temperature: float = 10.0
    nb_mix: float = 0.5


def fit_softmax(samples: Sequence[Sample], n_classes: int, hyper: Hyper) -> dict:
    """Multinomial logistic regression by AdaGrad; returns ``{"bias", "weights"}``."""
    counts: dict[str, float] = {}
    for feats, _, w in samples:
        for f in feats:
            counts[f] = counts.get(f, 0.0) + w
    vocab = {f for f, c in counts.items() if c >= hyper.min_weight or f.startswith("R:")}
    data: list[tuple[list[tuple[str, float]], int, float]] = [
        ([(f, v) for f, v in feats.items() if f in vocab], y, w) for feats, y, w in samples
    ]

    weights: dict[str, list[float]] = {f: [0.0] * n_classes for f in sorted(vocab)}
    grad_sq: dict[str, list[float]] = {f: [1e-6] * n_classes for f in weights}
    bias = [0.0] * n_classes
    bias_sq = [1e-6] * n_classes
    rng = random.Random(hyper.seed)  # noqa: S311 (reproducible shuffling, not security)
    order = list(range(len(data)))
    lr, l2 = hyper.learning_rate, hyper.l2
    classes = range(n_classes)
    for _ in range(hyper.epochs):
        rng.shuffle(order)
        for i in order:
            pairs, y, w = data[i]
            scores = bias[:]
            for f, v in pairs:
                row = weights[f]
                for k in classes:
                    scores[k] += row[k] * v
            probs = _softmax(scores)
            err = [w * (probs[k] - (1.0 if k == y else 0.0)) for k in classes]
            for k in classes:
                g = err[k]
                bias_sq[k] += g * g
                bias[k] -= lr * g / math.sqrt(bias_sq[k])
            for f, v in pairs:
                row, acc = weights[f], grad_sq[f]
                for k in classes:
                    g = err[k] * v + l2 * row[k]
                    acc[k] += g * g
                    row[k] -= lr * g / math.sqrt(acc[k])
    kept = {}
    for f, row in weights.items():
        rounded = [round(x, 4) for x in row]
        if max(abs(x) for x in rounded) >= hyper.prune_below:
            kept[f] = rounded
    return {"bias": [round(x, 4) for x in bias], "weights": kept}


def fit_naive_bayes(samples: Sequence[Sample], n_classes: int, hyper: Hyper) -> dict:
    """Multinomial naive Bayes over binary word features, as a linear model.

    ``weights[f][k]`` is log P(f | class k) with add-``hyper.nb_alpha`` smoothing; the prior is
    uniform and rule features are left to the logistic regression. Scores are divided by
    ``hyper.nb_temperature`` at prediction time because naive Bayes' independence assumption makes
    raw posteriors far too sharp.
    """
    counts: dict[str, list[float]] = {}
    doc_freq: dict[str, float] = {}
    totals = [0.0] * n_classes
    for feats, y, w in samples:
        for f in feats:
            if f.startswith("R:"):
                continue
            row = counts.setdefault(f, [0.0] * n_classes)
            row[y] += w
            totals[y] += w
            doc_freq[f] = doc_freq.get(f, 0.0) + w
    vocab = sorted(f for f, c in doc_freq.items() if c >= hyper.min_weight)
    size = len(vocab)
    weights = {}
    for f in vocab:
        row = counts[f]
        weights[f] = [
            round(math.log((row[k] + hyper.nb_alpha) / (totals[k] + hyper.nb_alpha * size)), 3)
            for k in range(n_classes)
        ]
    return {
        "bias": [0.0] * n_classes,
        "weights": weights,
        "temperature": hyper.nb_temperature,
        "mix": hyper.nb_mix,
    }


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def scores_of(model: dict, feats: dict[str, float]) -> list[float]:
    scores = list(model["bias"])
    weights = model["weights"]
    for f, v in feats.items():
        row = weights.get(f)
        if row is not None:
            for k in range(len(scores)):
                scores[k] += row[k] * v
    return scores


def fit_temperature(model: dict, held_out: Sequence[Sample]) -> float:
    """The softmax temperature with the lowest weighted log-loss on ``held_out``."""
    return best_temperature([(scores_of(model, feats), y, w) for feats, y, w in held_out])


def best_temperature(scored: Sequence[tuple[list[float], int, float]]) -> float:
    """Temperature in 0.2 .. 4.0 minimising the log-loss of softmax(scores / t)."""
    if not scored:
        return 1.0
    best_t, best_loss = 1.0, float("inf")
    for step in range(2, 41):
        t = step / 10
        loss = 0.0
        for scores, y, w in scored:
            probs = _softmax([s / t for s in scores])
            loss -= w * math.log(max(probs[y], 1e-12))
        if loss < best_loss - 1e-12:
            best_t, best_loss = t, loss
    return best_t


def _nb_scores(model: dict, feats: dict[str, float]) -> list[float]:
    return scores_of(model, dict.fromkeys(feats, 1.0))


def mixture(lr: dict, nb: dict, feats: dict[str, float]) -> list[float]:
    """The category ensemble's distribution before its own temperature (see model.py)."""
    p_lr = _softmax([s / lr["temperature"] for s in scores_of(lr, feats)])
    p_nb = _softmax([s / nb["temperature"] for s in _nb_scores(nb, feats)])
    return [(1 - nb["mix"]) * a + nb["mix"] * b for a, b in zip(p_lr, p_nb, strict=True)]
