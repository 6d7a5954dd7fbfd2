"""Retraining as a background job (CONTRACT §12): asked for by an admin, or by itself after
TRIAGE_RETRAIN_EVERY new corrections."""

import logging

from django.conf import settings
from procrastinate.contrib.django import app

from .corrections import corrections_count
from .models import ClassifierVersion
from .retrain import classifier_retrain

logger = logging.getLogger(__name__)


@app.task(name="triage.retrain", queue="upkeep", queueing_lock="triage.retrain")
def retrain() -> None:
    result = classifier_retrain()
    logger.info("Retraining: %s", result.decision)


def corrections_since_last_training() -> int:
    last = ClassifierVersion.objects.order_by("-version").first()
    return corrections_count() - (last.corrections + last.held_back if last else 0)


@app.periodic(cron="*/10 * * * *", periodic_id="triage-retrain-check")
@app.task(name="triage.retrain_when_due", queue="upkeep", queueing_lock="triage.retrain_when_due")
def retrain_when_due(timestamp: int) -> None:
    """Every ten minutes: retrain once TRIAGE_RETRAIN_EVERY new corrections have come."""
    every = settings.TRIAGE_RETRAIN_EVERY
    if every and corrections_since_last_training() >= every:
        retrain()
