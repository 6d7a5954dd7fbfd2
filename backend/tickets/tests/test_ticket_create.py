import pytest

from tickets.models import Ticket
from triage.providers.base import Provider

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"


def test_create_with_labels_returns_the_ticket(api_client):
    response = api_client.post(
        URL,
        {
            "title": "Cannot login to account",
            "description": "I am unable to login to my account...",
            "category": "account",
            "priority": "high",
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Cannot login to account"
    assert body["category"] == "account"
    assert body["priority"] == "high"
    assert body["status"] == "open"
    assert set(body) == {
        "id",
        "title",
        "description",
        "category",
        "priority",
        "status",
        "created_at",
        "updated_at",
        "ai_suggestion",
        "requester",
        "assignee",
        "version",
        "first_response_at",
        "resolved_at",
        "portal_url",
    }
    assert body["created_at"].endswith("Z")
    assert Ticket.objects.get(pk=body["id"]).title == "Cannot login to account"


def test_create_without_labels_fills_them_from_the_suggestion(api_client):
    response = api_client.post(
        URL,
        {"title": "Refund", "description": "I was charged twice on my invoice, refund please."},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["category"] == "billing"
    assert body["ai_suggestion"]["category"] == "billing"
    assert body["ai_suggestion"]["provider"] == "local"
    assert 0 <= body["ai_suggestion"]["category_confidence"] <= 1


def test_create_stores_the_suggestion_even_when_labels_are_sent(api_client):
    response = api_client.post(
        URL,
        {
            "title": "Refund",
            "description": "I was charged twice on my invoice.",
            "category": "general",
        },
        format="json",
    )

    body = response.json()
    assert body["category"] == "general"
    assert body["ai_suggestion"]["category"] == "billing"


def test_create_survives_a_failing_classifier(api_client, monkeypatch):
    # given every classifier blows up
    class BrokenProvider(Provider):
        name = "local"

        def classify(self, *, title, description, timeout):
            raise RuntimeError("classifier crashed")

    monkeypatch.setattr("triage.services.build_provider", lambda name=None: BrokenProvider())

    # when a ticket is submitted without labels
    response = api_client.post(
        URL, {"title": "Hello", "description": "Something happened."}, format="json"
    )

    # then it is created with the seed's fallback and no stored suggestion
    assert response.status_code == 201
    body = response.json()
    assert (body["category"], body["priority"]) == ("general", "medium")
    assert body["ai_suggestion"] is None


def test_title_and_description_are_trimmed(api_client):
    response = api_client.post(
        URL, {"title": "  Padded  ", "description": "  text  "}, format="json"
    )

    assert response.json()["title"] == "Padded"
    assert response.json()["description"] == "text"


def test_longest_allowed_fields_are_accepted(api_client):
    response = api_client.post(
        URL, {"title": "t" * 200, "description": "d" * 10_000}, format="json"
    )

    assert response.status_code == 201
