"""Retraining the offline classifier on this deployment's corrections, behind a gate.

``classifier_retrain`` holds back one correction in four (chosen by a hash of its text, so
the same correction is always on the same side), fits an adjustment of the shipped model on
the others (``offline/adapt.py``), compares the new model with the active one
(``gate.py``), stores the new version with its figures and activates it only when the gate
lets it through. Called by ``manage.py retrain_classifier`` (and by the retraining job).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import active_model, gate
from .corrections import LabelledText, deployment_corrections
from .labels import CATEGORIES, PRIORITIES
from .models import ClassifierVersion
from .offline import adapt, model, train

logger = logging.getLogger(__name__)

HOLD_BACK_ONE_IN = 4
MIN_HELD_BACK = 3


@dataclass(frozen=True)
class RetrainResult:
    activated: bool
    decision: str
    version: ClassifierVersion | None  # None when there was too little to train on


def _held_back(item: LabelledText) -> bool:
    key = f"{item.title}\x1f{item.description}".encode()
    return int(hashlib.sha256(key).hexdigest()[:8], 16) % HOLD_BACK_ONE_IN == 0


def _anchors() -> list[adapt.Labelled]:
    return [
        adapt.Labelled(e.title, e.description, e.category or "", e.priority or "")
        for e in train.load_curated()
    ]


def classifier_retrain(*, corrections: Sequence[LabelledText] | None = None) -> RetrainResult:
    """Fit, measure and store a new classifier version; activate it when it is better.

    ``corrections`` defaults to ``deployment_corrections()``. Corrections with labels outside
    the label set are ignored. With fewer than MIN_HELD_BACK held-back corrections nothing is
    trained or stored. Never activates a version the gate refuses; the active one stays.
    """
    if corrections is None:
        corrections = deployment_corrections()
    usable = [c for c in corrections if c.category in CATEGORIES and c.priority in PRIORITIES]
    held = [c for c in usable if _held_back(c)]
    learn = [c for c in usable if not _held_back(c)]
    if not learn or len(held) < MIN_HELD_BACK:
        decision = (
            f"Too few corrections to learn from and measure ({len(usable)}; at least "
            f"{MIN_HELD_BACK} must be held back): nothing changed."
        )
        return RetrainResult(activated=False, decision=decision, version=None)

    base = model.load()
    anchors = _anchors()
    adjustment = adapt.fit_adjustment(
        base,
        anchors,
        [adapt.Labelled(c.title, c.description, c.category, c.priority) for c in learn],
    )
    candidate = adapt.apply(base, adjustment)
    _, active_artifact = _active_for_comparison()
    metrics = gate.compare(
        lambda t, d: model.predict_with(active_artifact or base, t, d),
        lambda t, d: model.predict_with(candidate, t, d),
        held,
        anchors,
    )
    activate, decision = gate.decide(metrics)
    now = timezone.now()
    with transaction.atomic():
        # the lock on the active row (if any) serialises concurrent retrains' activations
        list(ClassifierVersion.objects.select_for_update().filter(active=True))
        number = (ClassifierVersion.objects.aggregate(n=Max("version"))["n"] or 0) + 1
        if activate:
            ClassifierVersion.objects.filter(active=True).update(active=False)
        version = ClassifierVersion.objects.create(
            version=number,
            trained_at=now,
            examples=len(anchors),
            corrections=len(learn),
            held_back=len(held),
            metrics=metrics,
            decision=decision,
            base_sha256=active_model.shipped_sha256(),
            artifact=active_model.encode(adjustment),
            active=activate,
            activated_at=now if activate else None,
        )
    if activate:
        active_model.forget()  # this process switches at once; the others within a minute
    logger.info("Classifier v%s %s: %s", number, "activated" if activate else "kept", decision)
    return RetrainResult(activated=activate, decision=decision, version=version)


def _active_for_comparison() -> tuple[int | None, dict | None]:
    """The active version read now (not through the per-process cache)."""
    row = ClassifierVersion.objects.filter(active=True).first()
    if row is None:
        return None, None
    try:
        return row.pk, active_model.decode(row.artifact, row.base_sha256)
    except ValueError as error:
        logger.error("Active classifier v%s cannot be used (%s)", row.version, error)
        return None, None
