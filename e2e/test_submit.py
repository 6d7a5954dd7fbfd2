"""Filing a ticket at /submit: customers without an account, agents as "New ticket"."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from pages import (
    API_TAKES_REQUESTER_FIELDS,
    card,
    classified_for,
    creates_ticket,
    heading,
    is_ticket_create,
    new_ticket_form,
    record_ticket_bodies,
    sign_in_form,
)

pytestmark = pytest.mark.usefixtures("app_url")

SUBMITTED = re.compile(r"^Ticket #(\d+) submitted$")


def test_a_customer_submits_without_signing_in(visitor: Page, desktop: Page, uid, screenshot):
    page = visitor
    page.goto("/submit")
    sent = record_ticket_bodies(page)

    # the page is for people without an account: no agents' navigation, a way to sign in
    expect(heading(page, "Submit a ticket")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign in")).to_have_attribute("href", "/")

    form = new_ticket_form(page)
    form.get_by_label("Your name").fill("Rita Requester")
    form.get_by_label("Your e-mail").fill("rita@example.com")
    form.get_by_label("Title").fill(f"Refund for a double charge {uid}")
    text = "I was charged twice for my subscription this month, please refund one payment"
    with page.expect_response(classified_for(text)) as classified:
        form.get_by_label("Description").fill(text)
    assert classified.value.status == 200
    # signed out, the suggestion comes from the local model (CONTRACT §7)
    assert classified.value.json()["provider"] == "local"
    screenshot(page, "submit-customer-1280")

    with page.expect_response(is_ticket_create) as created:
        form.get_by_role("button", name="Submit ticket").click()
    assert created.value.status == 201, created.value.text()
    ticket = created.value.json()

    # then: the confirmation names the ticket, and the form is gone
    confirmation = page.get_by_role("heading", name=SUBMITTED)
    expect(confirmation).to_have_text(f"Ticket #{ticket['id']} submitted")
    expect(new_ticket_form(page)).to_have_count(0)
    # the UI sent who is asking (see API_TAKES_REQUESTER_FIELDS)
    assert sent[-1]["requester_name"] == "Rita Requester"
    assert sent[-1]["requester_email"] == "rita@example.com"
    if API_TAKES_REQUESTER_FIELDS:
        assert ticket["requester"] == {"name": "Rita Requester", "email": "rita@example.com"}
        expect(page.get_by_label("Your private link to this ticket")).to_have_value(
            re.compile(r"/portal/\S+$")
        )
        expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    screenshot(page, "submit-customer-confirmation-1280")

    # and the agents have it in their queue
    desktop.goto(f"/?search={uid}")
    expect(card(desktop, f"Refund for a double charge {uid}")).to_be_visible()


def test_a_customer_is_asked_who_they_are(visitor: Page):
    page = visitor
    page.goto("/submit")
    form = new_ticket_form(page)
    posts = []
    page.on("request", lambda r: posts.append(r) if creates_ticket(r) else None)

    form.get_by_label("Title").fill("Where is my parcel")
    form.get_by_label("Description").fill("It was due on Monday and has not arrived.")
    form.get_by_label("Your e-mail").fill("not an address")
    form.get_by_role("button", name="Submit ticket").click()

    expect(form.get_by_text("Please tell us your name.")).to_be_visible()
    expect(form.get_by_text("Enter an e-mail address like name@example.com.")).to_be_visible()
    expect(form.get_by_label("Your name")).to_be_focused()
    assert posts == []


def test_an_agent_types_a_ticket_sees_the_suggestion_overrides_it_and_submits(
    desktop: Page, uid, screenshot
):
    page = desktop
    page.goto("/submit")
    expect(heading(page, "New ticket")).to_be_visible()
    form = new_ticket_form(page)
    category = form.get_by_label("Category", exact=True)
    priority = form.get_by_label("Priority", exact=True)

    # given: a description typed key by key, as a person would
    form.get_by_label("Title").fill(f"Charged twice for my subscription {uid}")
    text = "I was billed twice this month, please refund the duplicate payment on my invoice"
    with page.expect_response(classified_for(text)) as classified:
        form.get_by_label("Description").press_sequentially(text, delay=15)
    suggestion = classified.value.json()
    assert classified.value.status == 200

    # then: the suggestion pre-fills both selects and says it came from the AI
    expect(category).to_have_value(suggestion["suggested_category"])
    expect(priority).to_have_value(suggestion["suggested_priority"])
    expect(category).to_have_attribute("data-source", "ai")
    expect(form.get_by_text("AI suggestion").first).to_be_visible()
    screenshot(page, "desktop-1280-suggestion")

    # when: the agent picks a priority by hand, then keeps typing
    manual = "critical" if suggestion["suggested_priority"] != "critical" else "low"
    priority.select_option(manual)
    more = " and the card was charged again today"
    with page.expect_response(classified_for(text + more)):
        form.get_by_label("Description").press_sequentially(more, delay=15)
    # then: the new suggestion does not overwrite the hand-picked value
    expect(priority).to_have_value(manual)
    expect(priority).to_have_attribute("data-source", "user")

    shown_category = category.input_value()
    with page.expect_response(is_ticket_create) as created:
        form.get_by_role("button", name="Submit ticket").click()
    # what was on screen is what was sent and stored: the AI's category, the agent's priority
    sent = json.loads(created.value.request.post_data)
    assert sent["category"] == shown_category
    assert sent["priority"] == manual
    # the requester's fields were left empty, so none were sent
    assert "requester_name" not in sent
    assert "requester_email" not in sent
    ticket = created.value.json()
    assert created.value.status == 201
    assert (ticket["category"], ticket["priority"]) == (shown_category, manual)
    assert ticket["ai_suggestion"] is not None

    # the confirmation leads to the ticket; the queue has it with the agent's priority
    expect(page.get_by_role("heading", name=SUBMITTED)).to_have_text(
        f"Ticket #{ticket['id']} submitted"
    )
    expect(page.get_by_role("link", name=f"Open ticket #{ticket['id']}")).to_be_visible()
    screenshot(page, "desktop-1280-submitted")

    # "Submit another ticket" starts afresh
    page.get_by_role("button", name="Submit another ticket").click()
    expect(new_ticket_form(page).get_by_label("Title")).to_have_value("")
    expect(new_ticket_form(page).get_by_label("Category", exact=True)).to_have_value("")

    # and the queue has the ticket with the agent's priority
    page.goto(f"/?search={uid}")
    stored = card(page, f"Charged twice for my subscription {uid}")
    expect(stored.get_by_label("Priority")).to_have_value(manual)


def test_client_side_validation_blocks_an_empty_ticket(desktop: Page):
    page = desktop
    page.goto("/submit")
    form = new_ticket_form(page)
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)

    form.get_by_role("button", name="Submit ticket").click()

    expect(form.get_by_text("Title is required.")).to_be_visible()
    expect(form.get_by_text("Description is required.")).to_be_visible()
    expect(form.get_by_label("Title")).to_be_focused()
    assert posts == []


def test_signed_out_the_queue_is_the_sign_in_form_with_a_way_to_submit(visitor: Page):
    page = visitor
    page.goto("/")
    expect(sign_in_form(page)).to_be_visible()
    page.get_by_role("link", name="Submit a ticket without an account").click()
    expect(heading(page, "Submit a ticket")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/submit$"))
