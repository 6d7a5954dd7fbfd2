"""The ticket workspace in a real browser: an agent works a ticket, its requester answers
through the portal, and two agents editing one ticket meet the conflict notice."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from pages import AXE, require_axe

BACKEND = Path(__file__).resolve().parent.parent / "backend"
# A fresh password each run: the agents live only in the throwaway database.
PASSWORD = secrets.token_urlsafe(16)
# Usernames of this run only, so other journeys' accounts never collide with these.
RUN = secrets.token_hex(3)
AGENTS = {"priya": "Priya Raman", "sam": "Sam Okafor"}
CUSTOMER = {"requester_name": "Ana Lima", "requester_email": "ana.lima@example.com"}

CREATE_AGENTS = f"""
from accounts.services import user_create
for key, name in {AGENTS!r}.items():
    username = key + "-" + {RUN!r}
    user_create(username=username, name=name, email=username + "@example.com",
                role="agent", password={PASSWORD!r})
"""


@pytest.fixture(scope="session")
def agents(app_url: str, database_url: str) -> None:
    """Priya Raman and Sam Okafor, agents in the app's database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "true",
        "DJANGO_DOTENV": "false",
        "REDIS_URL": "",
    }
    subprocess.run(  # noqa: S603 - a fixed command line, no outside input
        [sys.executable, "manage.py", "shell", "-c", CREATE_AGENTS],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.fixture(scope="session")
def signed_in(browser: Browser, app_url: str, agents) -> dict[str, dict]:
    """Each agent's browser state after one sign-in by API (sign-ins are rate-limited)."""
    states = {}
    for key in AGENTS:
        context = browser.new_context(base_url=app_url)
        try:
            context.request.get("/api/auth/me/")
            csrf = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
            answer = context.request.post(
                "/api/auth/login/",
                data={"username": f"{key}-{RUN}", "password": PASSWORD},
                headers={"X-CSRFToken": csrf},
            )
            assert answer.status == 200, answer.text()
            states[key] = context.storage_state()
        finally:
            context.close()
    return states


def open_context(
    browser: Browser, app_url: str, width: int = 1280, state: dict | None = None
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        base_url=app_url,
        viewport={"width": width, "height": 900},
        locale="en-US",
        timezone_id="UTC",
        storage_state=state,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    return context, page


def submit_as_customer(browser: Browser, app_url: str, title: str, **fields) -> dict:
    """A ticket sent the way the open form sends it: no account, no cookies."""
    context = browser.new_context(base_url=app_url)
    try:
        answer = context.request.post(
            "/api/tickets/",
            data={"title": title, "description": "I was charged twice.\nPlease help.", **fields},
        )
        assert answer.status == 201, answer.text()
        return answer.json()
    finally:
        context.close()


def timeline(page: Page):
    return page.get_by_role("list", name="Conversation and history")


def saved_patch(page: Page, action) -> dict:
    """Runs `action`, waits for its PATCH, and answers the request's If-Match and status."""
    with page.expect_response(lambda r: r.request.method == "PATCH") as patched:
        action()
    response = patched.value
    return {"if_match": response.request.headers.get("if-match"), "status": response.status}


def other_priority(current: str) -> str:
    return "critical" if current != "critical" else "low"


def test_agent_replies_the_customer_answers_in_the_portal_and_the_agent_sees_it(
    browser: Browser, app_url: str, signed_in, uid: str, screenshot
):
    ticket = submit_as_customer(browser, app_url, f"Charged twice {uid}", **CUSTOMER)
    agent_context, page = open_context(browser, app_url, state=signed_in["priya"])
    try:
        # (a) the agent opens the ticket and takes it
        page.goto(f"/tickets/{ticket['id']}")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Charged twice {uid}")
        expect(page.get_by_role("link", name=CUSTOMER["requester_email"])).to_have_attribute(
            "href", f"mailto:{CUSTOMER['requester_email']}"
        )
        assign = saved_patch(page, page.get_by_role("button", name="Assign to me").click)
        assert assign == {"if_match": '"1"', "status": 200}
        expect(page.get_by_text("Saved", exact=True)).to_be_visible()
        expect(page.get_by_label("Assignee")).to_have_value(re.compile(r"^\d+$"))
        expect(page.get_by_label("Assignee").locator("option:checked")).to_have_text("Priya Raman")
        expect(timeline(page)).to_contain_text("Priya Raman took the ticket")

        # an internal note, then a public reply sent with Ctrl+Enter
        page.get_by_role("radio", name="Internal note").check()
        page.get_by_label("Internal note (only agents see it)").fill(
            f"Stripe shows two charges {uid}"
        )
        page.get_by_role("button", name="Add internal note").click()
        expect(page.get_by_text("Internal note added.")).to_be_visible()
        page.get_by_role("radio", name="Reply to customer").check()
        reply_box = page.get_by_label("Reply to Ana Lima")
        reply_box.fill("Sorry about that: the second charge is refunded.")
        reply_box.press("Control+Enter")
        expect(page.get_by_text("Reply sent to the customer.")).to_be_visible()
        expect(reply_box).to_be_focused()
        expect(
            timeline(page).get_by_role("article", name=re.compile("Internal note"))
        ).to_contain_text(f"Stripe shows two charges {uid}")

        # a new priority, sent with the version the replies left
        priority = page.get_by_label("Priority")
        before = priority.input_value()
        wanted = other_priority(before)
        change = saved_patch(page, lambda: priority.select_option(wanted))
        assert change == {"if_match": '"4"', "status": 200}
        expect(timeline(page)).to_contain_text(
            f"Priya Raman changed priority from {before.title()} to {wanted.title()}"
        )
        screenshot(page, "workspace-ticket-1280")

        # (b) the customer, without the agent's cookies, sees the reply and not the note
        customer_context, portal = open_context(browser, app_url, width=390)
        try:
            api_paths: list[str] = []
            portal.on(
                "request",
                lambda r: api_paths.append(r.url) if "/api/" in r.url else None,
            )
            portal.goto(ticket["portal_url"])
            expect(portal.get_by_role("heading", level=1)).to_have_text(f"Charged twice {uid}")
            expect(portal.get_by_text(f"Ticket #{ticket['id']}")).to_be_visible()
            answer = portal.get_by_role("article", name=re.compile("Priya Raman"))
            expect(answer).to_contain_text("the second charge is refunded")
            expect(portal.get_by_text(f"Stripe shows two charges {uid}")).to_have_count(0)
            portal.get_by_label("Your reply").fill(f"Thank you, I see the refund {uid}")
            portal.get_by_role("button", name="Send reply").click()
            expect(portal.get_by_text("Your reply was sent.")).to_be_visible()
            expect(portal.get_by_role("article", name="You")).to_contain_text(
                f"Thank you, I see the refund {uid}"
            )
            screenshot(portal, "workspace-portal-390")
            assert api_paths
            assert all("/api/portal/" in url for url in api_paths), api_paths
            assert portal.errors == []
        finally:
            customer_context.close()

        # (c) the agent sees the answer
        page.reload()
        expect(timeline(page).get_by_role("article", name=re.compile("Ana Lima"))).to_contain_text(
            f"Thank you, I see the refund {uid}"
        )
        assert page.errors == []
    finally:
        agent_context.close()


def test_a_second_agent_editing_the_same_ticket_gets_the_conflict_notice(
    browser: Browser, app_url: str, signed_in, uid: str, screenshot
):
    ticket = submit_as_customer(browser, app_url, f"Export crashes {uid}", **CUSTOMER)
    priya_context, priya = open_context(browser, app_url, state=signed_in["priya"])
    sam_context, sam = open_context(browser, app_url, state=signed_in["sam"])
    # Priya's page has lost its live stream (a flaky network): it learns of Sam's change
    # only when the server refuses hers.
    priya.route("**/api/stream/", lambda route: route.abort())
    try:
        for page in (priya, sam):
            page.goto(f"/tickets/{ticket['id']}")
            expect(page.get_by_role("heading", level=1)).to_have_text(f"Export crashes {uid}")
        # given: Priya is writing a reply while Sam moves the ticket on
        priya.get_by_label("Reply to Ana Lima").fill("Half-written answer")
        assert (
            saved_patch(sam, lambda: sam.get_by_label("Status").select_option("in_progress"))[
                "status"
            ]
            == 200
        )

        # when: Priya changes the priority from the page she loaded before Sam's change
        before = priya.get_by_label("Priority").input_value()
        wanted = other_priority(before)
        refused = saved_patch(priya, lambda: priya.get_by_label("Priority").select_option(wanted))

        # then: refused, reloaded, explained; her draft is untouched
        assert refused == {"if_match": '"1"', "status": 412}
        notice = priya.get_by_role("alert")
        expect(notice).to_contain_text(
            "Sam Okafor changed status from Open to In progress while you were editing."
        )
        expect(notice).to_contain_text(
            f"Your change of priority to {wanted.title()} was not saved; "
            f"it is now {before.title()}."
        )
        expect(priya.get_by_label("Status")).to_have_value("in_progress")
        expect(priya.get_by_label("Reply to Ana Lima")).to_have_value("Half-written answer")
        screenshot(priya, "workspace-conflict-1280")

        again = saved_patch(
            priya,
            priya.get_by_role("button", name=f"Change priority to {wanted.title()} again").click,
        )
        assert again == {"if_match": '"2"', "status": 200}
        expect(priya.get_by_label("Priority")).to_have_value(wanted)
        expect(priya.get_by_role("alert")).to_have_count(0)
        assert priya.errors == []
        assert sam.errors == []
    finally:
        priya_context.close()
        sam_context.close()


def test_a_replaced_link_stops_working_and_a_closed_ticket_is_read_only(
    browser: Browser, app_url: str, signed_in, uid: str, screenshot
):
    ticket = submit_as_customer(browser, app_url, f"Cannot log in {uid}", **CUSTOMER)
    agent_context, page = open_context(browser, app_url, state=signed_in["priya"])
    agent_context.grant_permissions(["clipboard-read", "clipboard-write"])
    customer_context, portal = open_context(browser, app_url, width=390)
    try:
        page.goto(f"/tickets/{ticket['id']}")
        page.get_by_role("button", name="Make a new link").click()
        with page.expect_response(lambda r: r.url.endswith("/portal-link/")) as rotated:
            page.get_by_role("button", name="Replace the link").click()
        new_url = rotated.value.json()["portal_url"]
        expect(page.get_by_text("New link made. The old link no longer works")).to_be_visible()
        expect(timeline(page)).to_contain_text("Priya Raman replaced the portal link")
        page.get_by_role("button", name="Copy link").click()
        expect(page.get_by_text("Link copied.")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == f"{app_url}{new_url}"

        portal.goto(ticket["portal_url"])
        expect(
            portal.get_by_text(
                "This link is not valid (it may have been replaced). "
                "Ask the support team for a new link."
            )
        ).to_be_visible()
        expect(portal.get_by_text(f"Cannot log in {uid}")).to_have_count(0)

        saved_patch(page, lambda: page.get_by_label("Status").select_option("closed"))
        portal.goto(new_url)
        expect(
            portal.get_by_text("This ticket is closed, so it takes no more replies.")
        ).to_be_visible()
        expect(portal.get_by_role("link", name="submit a new ticket")).to_have_attribute(
            "href", "/submit"
        )
        expect(portal.get_by_role("button", name="Send reply")).to_have_count(0)
        screenshot(portal, "workspace-portal-closed-390")
    finally:
        agent_context.close()
        customer_context.close()


def test_replying_to_a_resolved_ticket_reopens_it(
    browser: Browser, app_url: str, signed_in, uid: str
):
    ticket = submit_as_customer(browser, app_url, f"Invoice address {uid}", **CUSTOMER)
    agent_context, page = open_context(browser, app_url, state=signed_in["sam"])
    customer_context, portal = open_context(browser, app_url, width=390)
    try:
        page.goto(f"/tickets/{ticket['id']}")
        saved_patch(page, lambda: page.get_by_label("Status").select_option("resolved"))
        portal.goto(ticket["portal_url"])
        expect(portal.get_by_text("reply and it opens again", exact=False).first).to_be_visible()
        portal.get_by_label("Your reply").fill("The address is still wrong.")
        portal.get_by_label("Your reply").press("Control+Enter")
        expect(
            portal.get_by_text("Your reply was sent, and the ticket is open again.")
        ).to_be_visible()
        expect(portal.get_by_text("Received", exact=True)).to_be_visible()

        page.reload()
        expect(timeline(page)).to_contain_text("Ana Lima replied and reopened the ticket")
        expect(page.get_by_label("Status")).to_have_value("open")
    finally:
        agent_context.close()
        customer_context.close()


@pytest.mark.parametrize("width", [390, 360])
def test_phone_widths_have_no_sideways_scrolling(
    browser: Browser, app_url: str, signed_in, uid: str, screenshot, width: int
):
    ticket = submit_as_customer(
        browser,
        app_url,
        f"A rather long title without many breaks {uid} " + "x" * 60,
        description="Long words like " + "y" * 120 + " must wrap.",
        **CUSTOMER,
    )
    agent_context, page = open_context(browser, app_url, width=width, state=signed_in["priya"])
    customer_context, portal = open_context(browser, app_url, width=width)
    try:
        page.goto(f"/tickets/{ticket['id']}")
        page.get_by_role("radio", name="Internal note").check()
        page.get_by_label("Internal note (only agents see it)").fill("z" * 150)
        page.get_by_role("button", name="Add internal note").click()
        expect(page.get_by_text("Internal note added.")).to_be_visible()
        portal.goto(ticket["portal_url"])
        expect(portal.get_by_role("heading", level=1)).to_be_visible()
        for name, shown in (("ticket", page), ("portal", portal)):
            overflow = shown.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (
                f"{overflow}px of sideways scrolling on the {name} page at {width}px"
            )
            screenshot(shown, f"workspace-{name}-phone-{width}")
    finally:
        agent_context.close()
        customer_context.close()


def axe_violations(page: Page) -> list[str]:
    # Evaluated through the browser's debugging protocol: the page's CSP (no inline
    # scripts) stays on, as in production.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            });
            return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} -- ` +
                    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_ticket_and_portal_pages_have_no_serious_accessibility_violations(
    browser: Browser, app_url: str, signed_in, uid: str, width: int
):
    require_axe()
    ticket = submit_as_customer(browser, app_url, f"Checkout is blank {uid}", **CUSTOMER)
    agent_context, page = open_context(browser, app_url, width=width, state=signed_in["priya"])
    customer_context, portal = open_context(browser, app_url, width=width)
    try:
        page.goto(f"/tickets/{ticket['id']}")
        page.get_by_role("radio", name="Internal note").check()
        page.get_by_label("Internal note (only agents see it)").fill("Looks like a CDN issue.")
        page.get_by_role("button", name="Add internal note").click()
        expect(page.get_by_text("Internal note added.")).to_be_visible()
        page.get_by_role("radio", name="Reply to customer").check()
        page.get_by_label("Reply to Ana Lima").fill("We are on it.")
        page.get_by_role("button", name="Send reply").click()
        expect(page.get_by_text("Reply sent to the customer.")).to_be_visible()
        page.wait_for_timeout(200)  # let the colour transition of the box finish
        assert axe_violations(page) == []

        # the internal-note look of the reply box is checked too
        page.get_by_role("radio", name="Internal note").check()
        page.wait_for_timeout(200)
        assert axe_violations(page) == []

        portal.goto(ticket["portal_url"])
        expect(portal.get_by_role("article", name=re.compile("Priya Raman"))).to_be_visible()
        assert axe_violations(portal) == []
    finally:
        agent_context.close()
        customer_context.close()
