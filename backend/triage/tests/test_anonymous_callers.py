"""The open form is no free proxy to a paid LLM (CONTRACT §7): anonymous /classify answers
from the local model; the configured LLM serves agents and runs once per created ticket."""

import pytest

from tickets.models import Ticket

from .fakes import classify, good

pytestmark = pytest.mark.django_db


def test_anonymous_classify_never_reaches_the_llm(anonymous_client, openai_server):
    openai_server.script(good("account", "critical"))

    waited = classify(anonymous_client).json()
    instant = classify(anonymous_client, instant="true").json()

    assert waited["provider"] == "local"
    assert (instant["provider"], instant["pending"]) == ("local", False)
    assert openai_server.requests == []


def test_agents_classify_with_the_configured_llm(api_client, openai_server):
    openai_server.script(good("account", "critical"))

    answer = classify(api_client).json()

    assert (answer["provider"], answer["suggested_priority"]) == ("openai", "critical")
    assert len(openai_server.requests) == 1


def test_an_anonymous_submission_is_classified_by_the_llm_once(anonymous_client, openai_server):
    openai_server.script(good("account", "critical"))
    body = {"title": "Locked out", "description": "Everyone at the office is locked out."}

    response = anonymous_client.post("/api/tickets/", body, format="json")

    assert response.status_code == 201
    ticket = Ticket.objects.get()
    assert (ticket.ai_provider, ticket.ai_priority) == ("openai", "critical")
    assert len(openai_server.requests) == 1
