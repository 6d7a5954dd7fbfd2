"""The dashboard: its bars lead to the queue, the export is the view, dark mode, contrast."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect

from pages import (
    axe_violations,
    contrast_failures,
    create_via_api,
    csrf_headers,
    heading,
    require_axe,
    sideways_overflow,
    sign_in_form,
    theme,
    ticket_list,
)

pytestmark = pytest.mark.usefixtures("app_url")

BACKDATE = """
import json, os
from datetime import timedelta
from django.utils import timezone
from tickets.models import Ticket
for ticket_id, days in json.loads(os.environ["E2E_BACKDATE"]).items():
    Ticket.objects.filter(pk=ticket_id).update(created_at=timezone.now() - timedelta(days=days))
"""


def _long_day(day) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _api_count(page: Page, query: str) -> int:
    response = page.request.get(f"/api/tickets/?{query}")
    assert response.ok, response.text()
    return response.json()["count"]


def test_a_days_bar_opens_the_queue_on_the_tickets_of_that_day(desktop: Page, uid, django_shell):
    # given: three tickets created 26 days ago (UTC, the browser's zone here)
    page = desktop
    made = [
        create_via_api(page, title=f"Refund {n} {uid}", description="Please refund my order.")
        for n in range(3)
    ]
    django_shell(BACKDATE, E2E_BACKDATE=json.dumps({t["id"]: 26.0 for t in made}))
    day = (datetime.now(UTC) - timedelta(days=26)).date()

    # when: the agent opens the dashboard and clicks that day's bar
    page.goto("/dashboard")
    expect(heading(page, "Dashboard")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]tz=UTC\b"))
    bar = page.get_by_role("link", name=re.compile(f"^{_long_day(day)}: "))
    created = int(re.search(r": (\d+) created", bar.get_attribute("aria-label")).group(1))
    assert created >= 3
    bar.click()

    # then: the queue, with that day's dates in the URL; the list API finds the bar's count
    expect(heading(page, "Queue")).to_be_visible()
    url = urlsplit(page.url)
    assert url.path == "/"
    iso = day.isoformat()
    assert parse_qs(url.query) == {"created_from": [iso], "created_to": [iso]}
    assert _api_count(page, url.query) == created
    listed = page.request.get(f"/api/tickets/?{url.query}&search={uid}").json()["results"]
    assert {t["id"] for t in listed} == {t["id"] for t in made}


def test_the_queue_shows_only_the_days_tickets_from_a_bar(desktop: Page, uid, django_shell):
    page = desktop
    made = [create_via_api(page, title=f"Old {n} {uid}", description="Old one.") for n in range(2)]
    create_via_api(page, title=f"New {uid}", description="Today's.")
    django_shell(BACKDATE, E2E_BACKDATE=json.dumps({t["id"]: 27.0 for t in made}))
    day = (datetime.now(UTC) - timedelta(days=27)).date().isoformat()

    page.goto(f"/?created_from={day}&created_to={day}")

    count = _api_count(page, f"created_from={day}&created_to={day}")
    expect(ticket_list(page).get_by_role("article")).to_have_count(min(count, 20), timeout=5_000)


def test_the_export_downloads_exactly_the_current_view(desktop: Page, uid):
    # given: five billing tickets of this test (one with a formula-like title), two others
    page = desktop
    for n in range(4):
        create_via_api(
            page,
            title=f"Invoice {n} {uid}",
            description=f'Charged "twice", on line {n}\nand again.',
            category="billing",
        )
    create_via_api(page, title=f"=SUM(A1) {uid}", description="Formula", category="billing")
    for n in range(2):
        create_via_api(page, title=f"Login {n} {uid}", description="Locked", category="account")
    view = urlencode({"category": "billing", "search": uid})
    page.goto(f"/?{view}")
    expect(heading(page, "Queue")).to_be_visible()

    # when: the view's export is downloaded (its button, where the queue has one)
    query = urlsplit(page.url).query
    button = page.get_by_role("button", name="Export CSV").or_(
        page.get_by_role("link", name="Export CSV")
    )
    with page.expect_download() as download:
        if button.count():
            button.first.click()
        else:
            page.evaluate(
                "href => { const a = document.createElement('a'); a.href = href; a.click(); }",
                f"/api/tickets/export.csv?{query}",
            )
    with open(download.value.path(), encoding="utf-8") as exported:
        text = exported.read()

    # then: the rows the list counts for that view, text intact, formulas defused
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == _api_count(page, query) == 5
    assert {r["category"] for r in rows} == {"billing"}
    assert 'Charged "twice", on line 0\nand again.' in {r["description"] for r in rows}
    assert f"'=SUM(A1) {uid}" in {r["title"] for r in rows}


def _seed_ticket_page(page: Page, uid: str) -> int:
    ticket = create_via_api(
        page,
        title=f"Printer offline {uid}",
        description="The office printer shows offline since this morning.",
        requester_name="Mia Chen",
        requester_email="mia@example.com",
    )
    for body, visibility in (("Can you restart it?", "public"), ("Check the VLAN.", "internal")):
        response = page.request.post(
            f"/api/tickets/{ticket['id']}/comments/",
            data={"body": body, "visibility": visibility},
            headers=csrf_headers(page.context),
        )
        assert response.status == 201, response.text()
    return ticket["id"]


def _failing_stats(page: Page) -> None:
    page.route(
        re.compile(r"/api/tickets/stats/"),
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            headers={"Retry-After": "1"},
            body='{"detail": "The database is not reachable.", "errors": {}}',
        ),
    )


def _assert_contrast(page: Page, what: str) -> None:
    page.wait_for_timeout(300)  # transitions end
    assert contrast_failures(page) == [], what


def _check_every_page(open_page, uid: str, color_scheme: str, expected: str) -> None:
    page = open_page(color_scheme=color_scheme)
    ticket_id = _seed_ticket_page(page, uid)
    page.goto(f"/?search={uid}")
    expect(ticket_list(page).get_by_role("article")).to_have_count(1)
    assert theme(page) == expected
    _assert_contrast(page, f"queue, {expected}")

    page.goto(f"/tickets/{ticket_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Printer offline {uid}")
    _assert_contrast(page, f"ticket page, {expected}")

    page.goto("/dashboard?tz=UTC")
    expect(page.get_by_role("list", name="Tickets by status")).to_be_visible()
    page.get_by_role("button", name="Show as table").click()
    _assert_contrast(page, f"dashboard, {expected}")

    _failing_stats(page)
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("Could not load statistics")
    _assert_contrast(page, f"error banner, {expected}")

    visitor = open_page(who=None, color_scheme=color_scheme)
    visitor.goto("/")
    form = sign_in_form(visitor)
    form.get_by_label("Username").fill("nobody")
    form.get_by_label("Password").fill("wrong password")
    form.get_by_role("button", name="Sign in").click()
    expect(visitor.get_by_role("alert")).to_be_visible()
    assert theme(visitor) == expected
    _assert_contrast(visitor, f"sign-in page, {expected}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_system_colour_scheme_is_followed_with_aa_contrast(open_page, uid, scheme):
    _check_every_page(open_page, uid, scheme, scheme)


def test_the_dark_mode_switch_is_remembered_with_aa_contrast(open_page, uid):
    # given: a light system
    page = open_page(color_scheme="light")
    page.goto("/dashboard?tz=UTC")
    switch = page.get_by_role("button", name="Dark mode")
    expect(switch).to_have_attribute("aria-pressed", "false")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")

    # when
    switch.click()

    # then: dark now, after a reload, and on the other pages
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert theme(page) == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    page.reload()
    expect(page.get_by_role("button", name="Dark mode")).to_have_attribute("aria-pressed", "true")
    assert theme(page) == "dark"
    expect(page.get_by_role("list", name="Tickets by status")).to_be_visible()
    _assert_contrast(page, "dashboard after the switch")
    ticket_id = _seed_ticket_page(page, uid)
    page.goto(f"/tickets/{ticket_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Printer offline {uid}")
    assert theme(page) == "dark"
    _assert_contrast(page, "ticket page after the switch")

    # and back
    page.get_by_role("button", name="Dark mode").click()
    page.reload()
    assert theme(page) == "light"


@pytest.mark.parametrize(
    ("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 390), ("dark", 390)]
)
def test_the_dashboard_passes_axe_and_fits_a_phone(open_page, scheme, width):
    require_axe()
    page = open_page(color_scheme=scheme, width=width, height=844 if width < 800 else 900)
    page.goto("/dashboard")
    expect(page.get_by_role("list", name="Tickets by status")).to_be_visible()
    page.wait_for_timeout(300)

    assert axe_violations(page) == [], f"dashboard, {scheme}, {width}px"
    page.get_by_role("button", name="Show as table").click()
    page.get_by_text("What is measured?").first.click()
    assert axe_violations(page) == [], f"dashboard with its table, {scheme}, {width}px"
    assert sideways_overflow(page) <= 0
    page.get_by_role("button", name="Hide the table").click()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 3600, f"the dashboard is {height}px tall at {width}px"
