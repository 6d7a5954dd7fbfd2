"""Ticket creation goes through the same cached path as /classify."""

import pytest

from .fakes import classify, good, status

pytestmark = pytest.mark.django_db

TICKET = {"title": "Charged twice", "description": "My card was charged twice this month."}


def test_created_ticket_stores_the_llm_suggestion(api_client, openai_server):
    openai_server.script(good("billing", "high", confidence=0.88))

    response = api_client.post("/api/tickets/", TICKET, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["category"], body["priority"]) == ("billing", "high")
    assert body["ai_suggestion"] == {
        "category": "billing",
        "priority": "high",
        "category_confidence": 0.88,
        "priority_confidence": 0.88,
        "provider": "openai",
        "language": "en",
    }


def test_suggestion_seen_on_the_form_costs_nothing_on_submit(api_client, anthropic_server):
    # given the form showed the LLM's suggestion for this text
    anthropic_server.script(good("billing", "critical"))
    classify(api_client, **{"title": TICKET["title"], "description": TICKET["description"]})

    # when the ticket is submitted with other labels
    response = api_client.post(
        "/api/tickets/", {**TICKET, "category": "general", "priority": "low"}, format="json"
    )

    # then the stored suggestion is the one seen, and the LLM was asked only once
    body = response.json()
    assert (body["category"], body["priority"]) == ("general", "low")
    assert body["ai_suggestion"]["provider"] == "anthropic"
    assert body["ai_suggestion"]["priority"] == "critical"
    assert len(anthropic_server.requests) == 1


def test_failing_llm_stores_the_local_suggestion(api_client, openai_server):
    openai_server.script(status(500, retry_after="0"))

    body = api_client.post("/api/tickets/", TICKET, format="json").json()

    assert body["ai_suggestion"]["provider"] == "local"
    assert body["category"] == "billing"
