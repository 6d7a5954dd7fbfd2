"""Settings fitted on held-out curated tickets: temperatures, the urgency bias, calibration.

Training (``train.py``) fits one probe set of models per fold of the curated examples, each
without that fold (the public sets are always in). The probes' answers on their held-out
fold are honest, and everything here is fitted on them:

1. the temperatures of the category regression, the category average and the priority
   regression (lowest log-loss);
2. ``urgent_bias``, a log-odds bonus for ``high`` and ``critical``: the priority model is
   trained to be right, but a missed emergency costs more than a false alarm, so the bonus is
   the largest that keeps the held-out precision of "high or critical" at
   ``URGENT_PRECISION`` or more;
3. ``calibration``: a logistic (Platt) map from each reported confidence to the held-out
   accuracy of answers given with it, for the category and for the priority.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .learn import Sample, best_temperature, mixture, scores_of

URGENT_PRECISION = 0.85
URGENT_BIAS_GRID = tuple(step / 10 for step in range(31))  # 0.0 .. 3.0


def temperatures(probes: Sequence[tuple[dict, list[Sample], list[Sample]]]) -> dict[str, float]:
    """Temperatures from ``(models, held-out category samples, held-out priority samples)``."""
    lr_scored, pri_scored = [], []
    for models, cat_held, pri_held in probes:
        lr_scored += [(scores_of(models["category"], f), y, w) for f, y, w in cat_held]
        pri_scored += [(scores_of(models["priority"], f), y, w) for f, y, w in pri_held]
    lr_t = best_temperature(lr_scored)
    mixed = []
    for models, cat_held, _ in probes:
        lr = {**models["category"], "temperature": lr_t}
        mixed += [
            ([math.log(max(p, 1e-12)) for p in mixture(lr, models["category_nb"], f)], y, w)
            for f, y, w in cat_held
        ]
    return {
        "category": lr_t,
        "mix": best_temperature(mixed),
        "priority": best_temperature(pri_scored),
    }


Outcome = tuple[str, str, float, float]  # predicted category, priority, their confidences


def urgent_bias(
    answers: Callable[[float], list[tuple[Outcome, str, str]]],
) -> float:
    """The largest bias in the grid whose held-out urgent precision stays high enough.

    ``answers(bias)`` returns ``(prediction, true category, true priority)`` for every held-out
    ticket when the models use that bias.
    """
    chosen = 0.0
    for bias in URGENT_BIAS_GRID:
        flagged = [true_pri for (_, pri, _, _), _, true_pri in answers(bias) if _urgent(pri)]
        if not flagged:
            continue
        precision = sum(_urgent(p) for p in flagged) / len(flagged)
        if precision >= URGENT_PRECISION:
            chosen = bias
    return chosen


def _urgent(priority: str) -> bool:
    return priority in ("high", "critical")


def platt(pairs: Sequence[tuple[float, bool]]) -> list[float]:
    """``[a, b]`` so that sigmoid(a * logit(confidence) + b) fits ``(confidence, correct)``.

    Newton's method on the log-loss, with a weak pull towards the identity map (a=1, b=0) so
    that a small or one-sided sample cannot produce a wild curve.
    """
    if not pairs:
        return [1.0, 0.0]
    xs = [_logit(c) for c, _ in pairs]
    ys = [1.0 if ok else 0.0 for _, ok in pairs]
    a, b, prior = 1.0, 0.0, 1.0
    for _ in range(50):
        g_a, g_b = prior * (a - 1.0), prior * b
        h_aa, h_ab, h_bb = prior, 0.0, prior
        for x, y in zip(xs, ys, strict=True):
            p = _sigmoid(a * x + b)
            g_a += (p - y) * x
            g_b += p - y
            s = p * (1 - p)
            h_aa += s * x * x
            h_ab += s * x
            h_bb += s
        det = h_aa * h_bb - h_ab * h_ab
        if det <= 1e-12:
            break
        step_a = (h_bb * g_a - h_ab * g_b) / det
        step_b = (h_aa * g_b - h_ab * g_a) / det
        a, b = a - step_a, b - step_b
        if abs(step_a) + abs(step_b) < 1e-9:
            break
    return [round(a, 4), round(b, 4)]


def apply_platt(confidence: float, coefficients: Sequence[float] | None) -> float:
    if not coefficients:
        return confidence
    a, b = coefficients
    return _sigmoid(a * _logit(confidence) + b)


def _logit(p: float) -> float:
    p = min(1 - 1e-6, max(1e-6, p))
    return math.log(p / (1 - p))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)
