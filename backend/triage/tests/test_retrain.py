"""Learning from corrections: retraining, the activation gate and the active version."""

import logging
import random

import pytest

from triage import active_model
from triage.corrections import LabelledText
from triage.models import ClassifierVersion
from triage.providers.local import LocalProvider
from triage.retrain import classifier_retrain

pytestmark = pytest.mark.django_db

# An invented product nobody's training data has seen, described the way customers would.
_THINGS = ("zorblat quibbler", "quibbler on the zorblat", "zorblat's quibbler panel")
_WHAT = ("needs attention", "came up again", "is on the list again", "needs a look", "is back")
_OPENERS = ("Hi,", "Hello team,", "", "Good morning,", "Hey,")


def _pattern(n: int, seed: int, labels) -> list[LabelledText]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        category, priority = labels(i)
        title = f"{rng.choice(_THINGS)} ({rng.randint(1, 999)})"
        description = (
            f"{rng.choice(_OPENERS)} our {rng.choice(_THINGS)} {rng.choice(_WHAT)} "
            f"after {rng.randint(2, 59)} minutes."
        )
        out.append(LabelledText(title, description, category, priority))
    return out


def _local(ticket: LabelledText):
    return LocalProvider().classify(title=ticket.title, description=ticket.description, timeout=1)


@pytest.fixture(autouse=True)
def fresh_active_model():
    active_model.forget()
    yield
    active_model.forget()


@pytest.mark.parametrize("n", [24, 60])
def test_consistent_corrections_of_a_new_pattern_change_the_offline_answer(n):
    # given tickets of an invented pattern that the shipped model files elsewhere
    new_tickets = _pattern(10, seed=99, labels=lambda i: ("billing", "low"))
    before = [_local(t) for t in new_tickets]
    assert sum(s.category == "billing" for s in before) <= 2

    # when agents corrected n such tickets to billing / low and the model is retrained
    result = classifier_retrain(
        corrections=_pattern(n, seed=n, labels=lambda i: ("billing", "low"))
    )

    # then the new version is active and answers the pattern as the agents did
    assert result.activated, result.decision
    assert ClassifierVersion.objects.get(active=True) == result.version
    after = [_local(t) for t in new_tickets]
    assert sum(s.category == "billing" for s in after) >= 7
    assert sum(s.priority == "low" for s in after) >= 7
    # and ordinary tickets are answered as before
    charged = _local(LabelledText("Charged twice", "You billed my card twice this month.", "", ""))
    assert (charged.category, charged.priority) == ("billing", "high")


def test_the_gate_refuses_a_model_trained_on_contradictory_corrections():
    # given corrections of one pattern whose agents disagree: half billing/low, half account/high
    contradictory = _pattern(
        48, seed=5, labels=lambda i: ("billing", "low") if i % 2 else ("account", "high")
    )

    result = classifier_retrain(corrections=contradictory)

    # then the version is stored with its figures but not activated
    assert not result.activated
    assert result.version is not None
    assert not ClassifierVersion.objects.filter(active=True).exists()
    assert result.version.metrics["changed_answers"] > 0
    assert "disagree" in result.decision


def test_the_gate_keeps_the_active_version_when_the_new_one_is_no_better():
    first = classifier_retrain(
        corrections=_pattern(40, seed=1, labels=lambda i: ("billing", "low"))
    )
    assert first.activated

    # when a retrain brings corrections that contradict each other
    second = classifier_retrain(
        corrections=_pattern(
            40, seed=2, labels=lambda i: ("technical", "critical") if i % 2 else ("account", "low")
        )
    )

    assert not second.activated
    assert ClassifierVersion.objects.get(active=True).pk == first.version.pk


def test_a_retrain_without_corrections_changes_nothing():
    result = classifier_retrain(corrections=[])

    assert not result.activated
    assert result.version is None
    assert not ClassifierVersion.objects.exists()


def test_labels_outside_the_label_set_are_not_learned():
    result = classifier_retrain(corrections=_pattern(40, seed=3, labels=lambda i: ("sales", "p1")))

    assert result.version is None


def test_an_activation_reaches_a_process_within_the_check_interval(settings, monkeypatch):
    # given a process that looked up the active version a moment ago (none then)
    settings.TRIAGE_MODEL_CHECK_SECONDS = 30
    clock = [1000.0]
    monkeypatch.setattr(active_model.time, "monotonic", lambda: clock[0])
    ticket = _pattern(1, seed=99, labels=lambda i: ("billing", "low"))[0]
    shipped = _local(ticket)
    # when another process activates a version (this process is not told)
    result = classifier_retrain(
        corrections=_pattern(60, seed=8, labels=lambda i: ("billing", "low"))
    )
    assert result.activated
    clock[0] = 1000.0
    active_model._state["checked_at"] = 1000.0
    active_model._state["version_id"] = None
    active_model._state["artifact"] = None
    # then it keeps the shipped model until the interval is over, and switches after it
    assert _local(ticket).category == shipped.category
    clock[0] = 1031.0
    assert _local(ticket).category == "billing"


@pytest.mark.parametrize(
    ("artifact", "base"),
    [(b"not gzip at all", None), (b"\x1f\x8b\x08\x00garbage", None), (None, "0" * 64)],
)
def test_an_unusable_active_version_falls_back_to_the_shipped_model(artifact, base, caplog):
    # given an active version that is corrupt, or made for another shipped model
    good = classifier_retrain(corrections=_pattern(60, seed=8, labels=lambda i: ("billing", "low")))
    version = good.version
    if artifact is not None:
        version.artifact = artifact
    if base is not None:
        version.base_sha256 = base
    version.save()
    active_model.forget()
    ticket = LabelledText("Charged twice", "You billed my card twice this month.", "", "")

    with caplog.at_level(logging.ERROR, logger="triage.active_model"):
        suggestion = _local(ticket)

    assert (suggestion.category, suggestion.priority) == ("billing", "high")
    assert "cannot be used" in caplog.text


def test_a_corrupt_active_version_never_breaks_the_classify_endpoint(client):
    good = classifier_retrain(corrections=_pattern(60, seed=8, labels=lambda i: ("billing", "low")))
    good.version.artifact = b"corrupt"
    good.version.save()
    active_model.forget()

    response = client.post(
        "/api/tickets/classify/",
        {"title": "Charged twice", "description": "You billed my card twice."},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["suggested_category"] == "billing"
