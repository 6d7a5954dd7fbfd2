"""The screenshots of docs/screenshots: queue, ticket page and dashboard, light and dark,
on a phone (390 x 844) and a desktop (1440 x 900), over a realistic handful of tickets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from pages import create_via_api, csrf_headers, heading, theme, ticket_list

pytestmark = [pytest.mark.screenshots, pytest.mark.usefixtures("app_url")]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1440, 900)}

# A support team's last three weeks: who wrote, about what, how agents labelled it, where it
# stands, how many days ago it came in, and after how many hours it was answered and resolved.
TICKETS = json.loads((Path(__file__).resolve().parent / "screenshot_tickets.json").read_text())

CONVERSATION = [
    ("Thanks Mia, the reset went through. Could you try again in a private window?", "public"),
    ("The reset token was used twice: check the mail scanner clicking links.", "internal"),
]

BACKDATE = """
import json, os
from datetime import timedelta
from django.db.models import F
from django.utils import timezone
from tickets.models import Comment, Ticket, TicketEvent
now = timezone.now()
for row in json.loads(os.environ["E2E_DATES"]):
    ticket = Ticket.objects.get(pk=row["id"])
    shift = ticket.created_at - (now - timedelta(days=row["days"]))
    created = ticket.created_at - shift
    Comment.objects.filter(ticket=ticket).update(created_at=F("created_at") - shift)
    TicketEvent.objects.filter(ticket=ticket).update(at=F("at") - shift)
    hours = lambda h: None if h is None else created + timedelta(hours=h)
    Ticket.objects.filter(pk=ticket.pk).update(
        created_at=created,
        updated_at=hours(row["resolved"] or row["reply"] or 0),
        first_response_at=hours(row["reply"]),
        resolved_at=hours(row["resolved"]),
    )
"""


def _seed(page: Page, django_shell) -> int:
    """The tickets above, as agents would leave them; the id of the one with a conversation."""
    headers = csrf_headers(page.context)
    dates = []
    talked_about = 0
    for row in TICKETS:
        first_name = row["requester"].split()[0]
        ticket = create_via_api(
            page,
            title=row["title"],
            description=row["description"],
            requester_name=row["requester"],
            requester_email=f"{first_name.lower()}@example.com",
        )
        url = f"/api/tickets/{ticket['id']}/"
        conversation = row["title"].startswith("Cannot sign in")
        if conversation:
            talked_about = ticket["id"]
        if row["reply_hours"] is not None:
            body = CONVERSATION[0][0] if conversation else f"Thanks {first_name}, looking into it."
            page.request.post(url + "comments/", data={"body": body}, headers=headers)
        if conversation:
            body, visibility = CONVERSATION[1]
            page.request.post(
                url + "comments/", data={"body": body, "visibility": visibility}, headers=headers
            )
        change = {key: row[key] for key in ("category", "priority", "status")}
        response = page.request.patch(url, data=change, headers=headers)
        assert response.ok, response.text()
        dates.append(
            {
                "id": ticket["id"],
                "days": row["days_ago"],
                "reply": row["reply_hours"],
                "resolved": row["resolved_hours"],
            }
        )
    django_shell(BACKDATE, E2E_DATES=json.dumps(dates))
    return talked_about


@pytest.fixture(scope="module")
def seeded(browser, app_url, accounts, django_shell) -> int:
    context = browser.new_context(base_url=app_url, storage_state=accounts["agent"].storage_state)
    try:
        return _seed(context.new_page(), django_shell)
    finally:
        context.close()


def _shoot(page: Page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)  # transitions end
    path = str(SCREENSHOTS / f"{name}.png")
    page.screenshot(path=path, full_page=full_page, animations="disabled")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots(open_page, seeded, scheme, size):
    width, height = SIZES[size]
    page = open_page(width=width, height=height, color_scheme=scheme)

    page.goto("/")
    expect(ticket_list(page).get_by_role("article").first).to_be_visible()
    assert theme(page) == scheme
    _shoot(page, f"queue-{size}-{scheme}", full_page=False)  # its first screen: the list is long

    page.goto(f"/tickets/{seeded}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cannot sign in after resetting my password"
    )
    expect(page.get_by_text(CONVERSATION[1][0])).to_be_visible()
    _shoot(page, f"ticket-{size}-{scheme}")

    page.goto("/dashboard?tz=Europe/Berlin")
    expect(heading(page, "Dashboard")).to_be_visible()
    expect(page.get_by_role("list", name="Tickets by status")).to_be_visible()
    _shoot(page, f"dashboard-{size}-{scheme}")
