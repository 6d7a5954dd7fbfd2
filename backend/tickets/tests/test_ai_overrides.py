"""What counts as overriding the AI (CONTRACT §12): an agent's change, not the submitter's."""

import pytest

from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def _create(client, **labels) -> dict:
    body = {"title": "Charged twice", "description": "My card was charged twice.", **labels}
    return client.post("/api/tickets/", body, format="json").json()


def _kept(client) -> dict:
    return client.get("/api/tickets/stats/").json()["ai"]


def test_labels_the_submitter_chose_are_not_overrides(anonymous_client, api_client):
    created = _create(anonymous_client, category="general", priority="low")
    suggestion = created["ai_suggestion"]
    assert (suggestion["category"], suggestion["priority"]) != ("general", "low")

    assert _kept(api_client) == {"suggested": 1, "category_kept": 1.0, "priority_kept": 1.0}


def test_an_agent_changing_a_label_away_from_the_suggestion_overrides_it(api_client):
    created = _create(api_client)
    suggested = created["ai_suggestion"]["category"]
    other = "general" if suggested != "general" else "billing"

    api_client.patch(f"/api/tickets/{created['id']}/", {"category": other}, format="json")
    overridden = _kept(api_client)
    api_client.patch(f"/api/tickets/{created['id']}/", {"category": suggested}, format="json")
    restored = _kept(api_client)

    assert overridden["category_kept"] == 0.0
    assert overridden["priority_kept"] == 1.0
    assert restored["category_kept"] == 1.0
    ticket = Ticket.objects.get(pk=created["id"])
    assert ticket.ai_category_overridden is False
