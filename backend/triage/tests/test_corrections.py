"""What the model learns from (CONTRACT §12): agents' changes away from the suggestion, read
from the audit trail; never the submitter's choice."""

import io
import random

import pytest
from django.core.management import call_command

from tickets.tests.factories import TicketFactory
from triage import active_model
from triage.corrections import deployment_corrections

from .fakes import good

pytestmark = pytest.mark.django_db


def _submit(client, title="Charged twice", description="My card was charged twice.", **labels):
    body = {"title": title, "description": description, **labels}
    return client.post("/api/tickets/", body, format="json").json()


def _other(label: str, choices=("billing", "technical", "account", "general")) -> str:
    return next(choice for choice in choices if choice != label)


def test_an_agents_change_away_from_the_suggestion_is_a_correction(api_client, anonymous_client):
    ticket = _submit(anonymous_client)
    suggested = ticket["ai_suggestion"]["category"]

    api_client.patch(
        f"/api/tickets/{ticket['id']}/", {"category": _other(suggested)}, format="json"
    )

    (correction,) = deployment_corrections()
    assert (correction.title, correction.category) == ("Charged twice", _other(suggested))
    assert correction.priority == ticket["priority"]


def test_labels_the_submitter_chose_never_teach_the_model(anonymous_client):
    suggested = _submit(anonymous_client)["ai_suggestion"]["category"]

    _submit(anonymous_client, category=_other(suggested))

    assert deployment_corrections() == []


def test_changing_it_back_to_the_suggestion_is_no_correction(api_client, anonymous_client):
    ticket = _submit(anonymous_client)
    suggested = ticket["ai_suggestion"]["category"]
    url = f"/api/tickets/{ticket['id']}/"

    api_client.patch(url, {"category": _other(suggested)}, format="json")
    api_client.patch(url, {"category": suggested}, format="json")

    assert deployment_corrections() == []


def test_wave_one_overrides_without_an_agent_event_do_not_count():
    TicketFactory(
        category="general", ai_category="billing", ai_priority="medium", ai_category_overridden=True
    )

    assert deployment_corrections() == []


@pytest.mark.slow
def test_corrections_made_in_the_product_change_the_offline_answer_after_retraining(
    api_client, anonymous_client
):
    # given customers writing about an invented product, which agents file as billing / low
    rng = random.Random(7)

    def ticket_text() -> dict:
        thing = rng.choice(["zorblat quibbler", "quibbler of the zorblat", "zorblat quibbler box"])
        return {
            "title": f"{thing} {rng.randint(1, 999)}",
            "description": f"Hello, our {thing} needs a look again after "
            f"{rng.randint(2, 59)} days.",
        }

    probe = ticket_text()
    before = api_client.post("/api/tickets/classify/", probe, format="json").json()
    assert before["suggested_category"] != "billing"
    for _ in range(24):
        ticket = _submit(anonymous_client, **ticket_text())
        api_client.patch(
            f"/api/tickets/{ticket['id']}/",
            {"category": "billing", "priority": "low"},
            format="json",
        )

    # when the model is retrained from the audit trail
    out = io.StringIO()
    call_command("retrain_classifier", stdout=out)
    active_model.forget()

    # then the next such ticket is filed as the agents would
    after = api_client.post("/api/tickets/classify/", ticket_text(), format="json").json()
    assert "activated" in out.getvalue()
    assert after["suggested_category"] == "billing"


def test_the_llm_is_shown_similar_corrections(api_client, anonymous_client, openai_server):
    from triage.corrections import few_shot_candidates

    # given agents corrected a ticket about an invented product
    openai_server.script(good("technical", "medium"))
    ticket = _submit(
        anonymous_client, title="zorblat quibbler", description="Our zorblat quibbler hums."
    )
    api_client.patch(
        f"/api/tickets/{ticket['id']}/", {"category": "billing", "priority": "low"}, format="json"
    )
    few_shot_candidates.forget()

    # when an agent's new ticket about it is classified by the LLM
    body = {"title": "zorblat quibbler again", "description": "The zorblat quibbler is back."}
    api_client.post("/api/tickets/classify/", body, format="json")

    # then the prompt carried the agents' labels for the similar ticket
    prompt = openai_server.requests[-1].body["messages"][-1]["content"]
    assert "Our zorblat quibbler hums." in prompt
    assert "billing" in prompt
    unrelated = openai_server.requests[0].body["messages"][-1]["content"]
    assert "similar tickets" not in unrelated
