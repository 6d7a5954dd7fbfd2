"""What the journeys look for on the app's pages, and the few requests they make themselves."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

# The API takes `requester_name` and `requester_email` from wave 2 on (CONTRACT §9). Until
# this server does, the journeys check that the web UI sends them and take them out of the
# request on its way to the server; once it does, set this to True and the journeys check
# that the ticket keeps them and that the confirmation shows the requester's private link.
API_TAKES_REQUESTER_FIELDS = True

# The accessibility engine, from the web UI's dev dependencies (AXE_CORE_JS: another copy).
NODE_MODULES = Path(__file__).resolve().parent.parent / "frontend" / "node_modules"
AXE = Path(os.environ.get("AXE_CORE_JS") or NODE_MODULES / "axe-core" / "axe.min.js")


def require_axe() -> None:
    """Skip an accessibility check without axe-core locally; under CI=true, fail it."""
    if AXE.is_file():
        return
    import pytest

    message = f"axe-core is not installed ({AXE}): run `npm ci` in frontend/"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def csrf_headers(context) -> dict[str, str]:
    """What the web UI sends with an unsafe request: the CSRF cookie echoed in a header."""
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    return {"X-CSRFToken": token}


def sign_in_by_api(context, username: str, password: str) -> None:
    """Signs a browser context in as the web UI does: /me for the CSRF cookie, then login."""
    assert context.request.get("/api/auth/me/").status in (200, 401)
    response = context.request.post(
        "/api/auth/login/",
        data={"username": username, "password": password},
        headers=csrf_headers(context),
    )
    assert response.status == 200, response.text()


def heading(page: Page, name: str):
    return page.get_by_role("heading", level=1, name=name, exact=True)


def main_nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def sign_in_form(page: Page):
    return page.get_by_role("form", name="Sign in")


def new_ticket_form(page: Page):
    return page.get_by_role("form", name="New ticket")


def filters(page: Page):
    return page.get_by_role("search", name="Filter tickets")


def ticket_list(page: Page):
    return page.get_by_role("list", name="Tickets")


def card(page: Page, title: str):
    return ticket_list(page).get_by_role("article", name=title, exact=True)


STATUS_BARS = {
    "Open": "open",
    "In progress": "in_progress",
    "Resolved": "resolved",
    "Closed": "closed",
}


def overview_number(page: Page, term: str):
    """The dashboard's number for `term`: a status's bar, or a tile of the Overview panel."""
    if term in STATUS_BARS:
        return page.get_by_role("list", name="Tickets by status").locator(
            f"li[data-key='{STATUS_BARS[term]}'] [data-count]"
        )
    return page.locator("#overview dt", has_text=re.compile(f"^{term}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def dashboard_number(page: Page, term: str) -> int:
    return int(overview_number(page, term).inner_text().replace(",", ""))


def sign_in(page: Page, username: str, password: str) -> None:
    """Through the sign-in form, as a person would."""
    form = sign_in_form(page)
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign in").click()


def classified_for(description: str):
    """Matches the classify answer for exactly this description (not an earlier prefix)."""

    def matches(response) -> bool:
        if urlsplit(response.url).path != "/api/tickets/classify/":
            return False
        return json.loads(response.request.post_data or "{}").get("description") == description

    return matches


def creates_ticket(request) -> bool:
    return request.method == "POST" and urlsplit(request.url).path == "/api/tickets/"


def is_ticket_create(response) -> bool:
    return creates_ticket(response.request)


def create_via_api(page: Page, **fields) -> dict:
    """A ticket made with the page's session, as the web UI would (CSRF header included)."""
    response = page.request.post("/api/tickets/", data=fields, headers=csrf_headers(page.context))
    assert response.status == 201, response.text()
    return response.json()


def record_ticket_bodies(page: Page) -> list[dict]:
    """Every body the web UI posts to /api/tickets/, as it sent it.

    While the API does not take the requester's fields (API_TAKES_REQUESTER_FIELDS),
    they are removed on the way to the server; the list keeps what the UI sent.
    """
    sent: list[dict] = []

    def handle(route):
        request = route.request
        if request.method != "POST":
            route.continue_()
            return
        body = json.loads(request.post_data or "{}")
        sent.append(dict(body))
        if API_TAKES_REQUESTER_FIELDS:
            route.continue_()
            return
        for field in ("requester_name", "requester_email"):
            body.pop(field, None)
        route.continue_(post_data=json.dumps(body))

    page.route(re.compile(r"^[^?]*/api/tickets/$"), handle)
    return sent


def axe_violations(page: Page) -> list[str]:
    """What breaks axe-core's WCAG 2.1 A/AA rules (contrast included), at any impact."""
    # Evaluated through the browser's devtools channel: the page's Content-Security-Policy
    # (no inline scripts) stays on and is checked like everything else.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            });
            return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} -- ` +
                    v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )


def sideways_overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# The contrast check, run in the page (see its header).
CONTRAST = Path(__file__).resolve().parent / "contrast.js"


def contrast_failures(page: Page) -> list[str]:
    """Everything on the page below WCAG AA contrast (4.5:1 text, 3:1 large text and
    the edges of controls, bars and icons), one line each; [] when all pass."""
    return page.evaluate(CONTRAST.read_text())


def theme(page: Page) -> str:
    return page.evaluate("document.documentElement.dataset.theme")
