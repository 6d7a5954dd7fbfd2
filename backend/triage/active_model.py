"""Which offline model answers in this process: the active retrained version, or the shipped one.

Each web and worker process keeps the active version's artifact in memory and looks up which
version is active at most every ``TRIAGE_MODEL_CHECK_SECONDS`` (one indexed query), so an
activation reaches every process within that time without any signal between them. A version
that cannot be loaded (corrupt, or made for another shipped model) is logged as an error once
and the shipped model answers instead; so it does while the database cannot be read.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import threading
import time
from functools import cache

from django.conf import settings

from .offline import adapt, model
from .offline.model import OfflinePrediction

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict = {"checked_at": None, "version_id": None, "artifact": None}


@cache
def shipped_sha256() -> str:
    """SHA-256 of the shipped artifact: the base every stored version was fitted on."""
    return hashlib.sha256(model.ARTIFACT_PATH.read_bytes()).hexdigest()


def encode(adjustment: dict) -> bytes:
    raw = json.dumps(adjustment, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, mtime=0)


def decode(blob: bytes, base_sha256: str) -> dict:
    """The compact artifact of a stored version; raises ValueError when it cannot be used."""
    if base_sha256 != shipped_sha256():
        raise ValueError("it was trained on top of another shipped model; retrain to rebuild it")
    try:
        adjustment = json.loads(gzip.decompress(bytes(blob)))
    except (OSError, EOFError, ValueError) as error:
        raise ValueError(f"its artifact is unreadable ({error})") from error
    return adapt.apply(model.load(), adjustment)


def active_version() -> tuple[int | None, dict | None]:
    """``(version id, artifact)`` of the active version, or ``(None, None)`` for the shipped model.

    Looks at the database at most every TRIAGE_MODEL_CHECK_SECONDS; never raises.
    """
    now = time.monotonic()
    checked_at = _state["checked_at"]
    if checked_at is not None and now - checked_at < settings.TRIAGE_MODEL_CHECK_SECONDS:
        return _state["version_id"], _state["artifact"]
    with _lock:
        checked_at = _state["checked_at"]
        if checked_at is None or now - checked_at >= settings.TRIAGE_MODEL_CHECK_SECONDS:
            _refresh()
            _state["checked_at"] = now
        return _state["version_id"], _state["artifact"]


def _refresh() -> None:
    from .models import ClassifierVersion

    try:
        active = ClassifierVersion.objects.filter(active=True).values_list("pk", flat=True).first()
    except Exception:  # no database, no table yet: keep answering with what we have
        logger.warning("Could not look up the active classifier version", exc_info=True)
        return
    if active == _state["version_id"]:
        return
    _state["version_id"], _state["artifact"] = active, None
    if active is None:
        return
    try:
        row = ClassifierVersion.objects.only("artifact", "base_sha256", "version").get(pk=active)
        _state["artifact"] = decode(row.artifact, row.base_sha256)
        logger.info("Classifier version %s is now answering", row.version)
    except Exception as error:
        logger.error(
            "Classifier version id %s cannot be used (%s); the shipped model answers instead",
            active,
            error,
        )


def forget() -> None:
    """Look the active version up again on the next prediction (after an activation, tests)."""
    with _lock:
        _state.update(checked_at=None, version_id=None, artifact=None)


def predict(title: str, description: str) -> OfflinePrediction:
    """The active model's answer (the shipped model's when none is active). Never raises."""
    _, artifact = active_version()
    if artifact is not None:
        try:
            return model.predict_with(artifact, title, description)
        except Exception:
            logger.exception("The active classifier version failed; using the shipped model")
    return model.predict(title, description)
