"""The agents' queue as they work it: a dense list, sort and views in the URL, bulk changes,
live updates from other people, the keyboard, and what screen readers hear."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from pages import (
    axe_violations,
    card,
    create_via_api,
    csrf_headers,
    heading,
    main_nav,
    overview_number,
    sideways_overflow,
    ticket_list,
)

pytestmark = pytest.mark.usefixtures("app_url")

# CONTRACT §9: a change reaches every open queue and ticket page within 2 seconds.
LIVE_MS = 2000


def rows(page: Page):
    return ticket_list(page).get_by_role("article")


def titles(page: Page) -> list[str]:
    return [t.strip() for t in ticket_list(page).locator("[data-row-link]").all_inner_texts()]


def patch_via_api(page: Page, ticket_id: int, **changes) -> dict:
    response = page.request.patch(
        f"/api/tickets/{ticket_id}/", data=changes, headers=csrf_headers(page.context)
    )
    assert response.status == 200, response.text()
    return response.json()


def get_via_api(page: Page, ticket_id: int) -> dict:
    response = page.request.get(f"/api/tickets/{ticket_id}/")
    assert response.status == 200, response.text()
    return response.json()


def test_at_1440_by_900_at_least_15_rows_are_fully_visible(open_page, uid, screenshot):
    page = open_page(width=1440, height=900)
    for n in range(16):
        create_via_api(page, title=f"Dense {uid} number {n}", description="One of many tickets.")
    page.goto("/")
    expect(rows(page).nth(15)).to_be_attached()

    visible = page.evaluate(
        """() => [...document.querySelectorAll('[aria-label="Tickets"] > li')].filter(li => {
            const r = li.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
        }).length"""
    )

    assert visible >= 15, f"only {visible} rows fully visible at 1440x900"
    screenshot(page, "queue-1440x900", full_page=False)


def test_the_sort_lives_in_the_url_and_survives_a_reload(desktop: Page, uid):
    page = desktop
    made = (("low one", "low"), ("critical one", "critical"), ("mid one", "medium"))
    for title, priority in made:
        create_via_api(
            page, title=f"{title} {uid}", description="Sorting check.", priority=priority
        )
    page.goto(f"/?search={uid}")
    expect(rows(page)).to_have_count(3)
    assert titles(page) == [f"mid one {uid}", f"critical one {uid}", f"low one {uid}"]

    # when: sorting by priority
    page.get_by_label("Sort").select_option("priority")

    # then: the URL says so and the order follows, also after a reload
    expect(page).to_have_url(re.compile(r"[?&]sort=priority"))
    expected = [f"critical one {uid}", f"mid one {uid}", f"low one {uid}"]
    expect(ticket_list(page).locator("[data-row-link]").first).to_have_text(expected[0])
    assert titles(page) == expected
    page.reload()
    expect(page.get_by_label("Sort")).to_have_value("priority")
    expect(rows(page)).to_have_count(3)
    assert titles(page) == expected

    # and oldest first
    page.get_by_label("Sort").select_option("oldest")
    expect(page).to_have_url(re.compile(r"[?&]sort=oldest"))
    expect(ticket_list(page).locator("[data-row-link]").first).to_have_text(f"low one {uid}")


def test_built_in_views_and_dashboard_filters_in_the_url(desktop: Page, uid):
    page = desktop
    mine = create_via_api(page, title=f"Mine {uid}", description="Assigned to me.")
    create_via_api(page, title=f"Nobody's {uid}", description="Unassigned.")
    me = page.request.get("/api/auth/me/").json()
    patch_via_api(page, mine["id"], assignee=me["id"])
    page.goto(f"/?search={uid}")
    expect(rows(page)).to_have_count(2)

    views = page.get_by_role("navigation", name="Views")
    views.get_by_role("link", name="My tickets").click()
    expect(page).to_have_url(re.compile("assignee=me"))
    expect(rows(page)).to_have_count(1)
    expect(card(page, f"Mine {uid}")).to_be_visible()
    expect(views.get_by_role("link", name="My tickets")).to_have_attribute("aria-current", "page")

    views.get_by_role("link", name="Unassigned").click()
    expect(page).to_have_url(re.compile("assignee=none"))
    expect(rows(page)).to_have_count(1)
    expect(card(page, f"Nobody's {uid}")).to_be_visible()

    # a dashboard's link: the filters it sets are shown and can be removed one by one
    today = time.strftime("%Y-%m-%d", time.gmtime())
    page.goto(f"/?search={uid}&created_from={today}&created_to={today}&ai_overridden=any")
    expect(rows(page)).to_have_count(0)
    expect(page.get_by_text("No tickets match these filters.")).to_be_visible()
    page.get_by_role("button", name="Remove filter: AI suggestion overridden").click()
    expect(page).not_to_have_url(re.compile("ai_overridden"))
    expect(rows(page)).to_have_count(2)
    assert f"created_from={today}" in page.url


def test_export_downloads_exactly_the_current_view(desktop: Page, uid):
    page = desktop
    create_via_api(page, title=f"Export me {uid}", description="In the CSV.", priority="high")
    create_via_api(page, title=f"Not me {uid}", description="Filtered out.", priority="low")
    page.goto(f"/?search={uid}&priority=high&sort=oldest")
    expect(rows(page)).to_have_count(1)

    link = page.get_by_role("link", name="Export CSV")
    query = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert query == {"search": [uid], "priority": ["high"], "sort": ["oldest"]}
    with page.expect_download() as download:
        link.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"Export me {uid}" in text
    assert f"Not me {uid}" not in text


def test_a_bulk_change_reports_the_ticket_someone_else_changed_and_applies_the_others(
    open_page, uid, screenshot
):
    page = open_page()
    other = open_page(who="admin")
    tickets = [
        create_via_api(page, title=f"Bulk {uid} {n}", description="Bulk change.") for n in range(5)
    ]
    raced = tickets[2]
    page.goto(f"/?search={uid}")
    expect(rows(page)).to_have_count(5)

    # given: someone else changes one of them just before the agent's change reaches it
    raced_already: list[int] = []

    def change_first(route):
        if route.request.method == "PATCH" and not raced_already:
            raced_already.append(raced["id"])
            patch_via_api(other, raced["id"], priority="critical")
        route.continue_()

    page.route(f"**/api/tickets/{raced['id']}/", change_first)

    # when: the agent selects all five (a click, then a shift-click) and resolves them
    page.get_by_role("checkbox", name=f"Select ticket #{tickets[4]['id']}").click()
    page.get_by_role("checkbox", name=f"Select ticket #{tickets[0]['id']}").click(
        modifiers=["Shift"]
    )
    bar = page.get_by_role("region", name="Change selected tickets")
    expect(bar).to_contain_text("5 tickets selected")
    bar.get_by_label("Set status").select_option("resolved")
    bar.get_by_role("button", name="Apply to 5 tickets").click()

    # then: one 412, reported by number; the four others applied
    expect(bar.get_by_role("alert")).to_contain_text(
        f"#{raced['id']} was changed by someone else; reload it"
    )
    expect(bar.get_by_role("status")).to_have_text("4 of 5 tickets changed: status to Resolved.")
    screenshot(page, "queue-bulk-partial-failure", full_page=False)
    statuses = {t["id"]: get_via_api(page, t["id"])["status"] for t in tickets}
    assert statuses.pop(raced["id"]) == "open"
    assert set(statuses.values()) == {"resolved"}
    assert get_via_api(page, raced["id"])["priority"] == "critical"


def test_a_change_in_another_browser_reaches_the_queue_the_ticket_page_and_the_dashboard(
    open_page, uid, screenshot
):
    agent = open_page()
    ticket_page = open_page()
    dashboard = open_page()
    other = open_page(who="admin")
    ticket = create_via_api(agent, title=f"Live {uid}", description="Watched by many.")
    agent.goto(f"/?search={uid}")
    status = agent.get_by_role("combobox", name=f"Status of ticket #{ticket['id']}")
    expect(status).to_have_value("open")
    ticket_page.goto(f"/tickets/{ticket['id']}")
    expect(ticket_page.get_by_role("heading", level=1)).to_have_text(f"Live {uid}")
    ticket_page.get_by_role("textbox", name=re.compile("^Reply")).fill("Half-written answer")
    dashboard.goto("/dashboard")
    expect(overview_number(dashboard, "Open")).not_to_be_empty()
    open_before = int(overview_number(dashboard, "Open").inner_text().replace(",", ""))
    agent.wait_for_timeout(800)  # every page's stream is connected

    # when: another agent, in another browser, moves the ticket on
    patch_via_api(other, ticket["id"], status="in_progress")

    # then: the open queue shows it within 2 seconds, without a reload
    expect(status).to_have_value("in_progress", timeout=LIVE_MS)
    # and the ticket page says so, keeping what the agent was typing
    notice = ticket_page.get_by_role("status").filter(has_text="changed by someone else")
    expect(notice).to_contain_text("changed status from Open to In progress", timeout=LIVE_MS)
    expect(ticket_page.get_by_label("Status", exact=True)).to_have_value("in_progress")
    expect(ticket_page.get_by_role("textbox", name=re.compile("^Reply"))).to_have_value(
        "Half-written answer"
    )
    # and the dashboard counts it
    expect(overview_number(dashboard, "Open")).to_have_text(f"{open_before - 1:,}", timeout=LIVE_MS)
    screenshot(ticket_page, "ticket-page-live-notice", full_page=False)

    # a new ticket that does not match the view changes nothing; one that does appears
    create_via_api(other, title="Unrelated live ticket", description="Not in this view.")
    create_via_api(other, title=f"Live {uid} second", description="In this view.")
    expect(rows(agent)).to_have_count(2, timeout=LIVE_MS)
    expect(agent.get_by_text("2 tickets match")).to_be_visible()


def test_keyboard_only_triage_of_three_tickets(desktop: Page, uid):
    page = desktop
    made = [
        create_via_api(page, title=f"Keys {uid} {n}", description="Triage by keyboard.")
        for n in range(3)
    ]
    first, second, third = made[2], made[1], made[0]  # newest first
    me = page.request.get("/api/auth/me/").json()
    page.goto(f"/?search={uid}")
    expect(rows(page)).to_have_count(3)
    page.locator("body").click(position={"x": 5, "y": 5})

    # j to the first, p: in progress
    page.keyboard.press("j")
    expect(page.get_by_role("link", name=first["title"])).to_be_focused()
    page.keyboard.press("p")
    expect(page.get_by_role("combobox", name=f"Status of ticket #{first['id']}")).to_have_value(
        "in_progress"
    )

    # j x j x: the other two selected; r resolves both at once
    for key in ("j", "x", "j", "x"):
        page.keyboard.press(key)
    expect(page.get_by_role("checkbox", name=f"Select ticket #{second['id']}")).to_be_checked()
    expect(page.get_by_role("checkbox", name=f"Select ticket #{third['id']}")).to_be_checked()
    page.keyboard.press("r")
    expect(page.get_by_role("region", name="Change selected tickets")).to_contain_text(
        "2 of 2 tickets changed"
    )

    # k back to the second, a: assigned to me; then Escape, and Enter opens the focused one
    page.keyboard.press("k")
    expect(page.get_by_role("link", name=second["title"])).to_be_focused()
    page.keyboard.press("a")
    expect(card(page, second["title"])).to_contain_text(me["name"])

    assert get_via_api(page, first["id"])["status"] == "in_progress"
    assert get_via_api(page, second["id"])["status"] == "resolved"
    assert get_via_api(page, third["id"])["status"] == "resolved"
    assert get_via_api(page, second["id"])["assignee"]["id"] == me["id"]

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/tickets/{second['id']}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(second["title"])


def test_no_shortcut_fires_while_typing_and_slash_focuses_search(desktop: Page, uid):
    page = desktop
    create_via_api(page, title=f"Typing {uid}", description="Shortcuts stay quiet.")
    page.goto(f"/?search={uid}")
    expect(rows(page)).to_have_count(1)
    patches = []
    page.on("request", lambda r: patches.append(r) if r.method == "PATCH" else None)

    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    search = page.get_by_role("searchbox", name="Search")
    expect(search).to_be_focused()
    search.press("End")
    page.keyboard.type(" jxrpa")
    expect(search).to_have_value(f"{uid} jxrpa")
    page.wait_for_timeout(300)
    assert patches == []
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_row_controls_are_named_with_their_ticket(desktop: Page, uid):
    page = desktop
    ticket = create_via_api(
        page,
        title=f"Named {uid}",
        description="Screen readers hear the number.",
        requester_name="Rita Requester",
    )
    n = ticket["id"]
    page.goto(f"/?search={uid}")

    row = card(page, f"Named {uid}")
    expect(row.get_by_role("checkbox", name=f"Select ticket #{n}")).to_be_visible()
    expect(row.get_by_role("combobox", name=f"Status of ticket #{n}")).to_have_value("open")
    expect(row.get_by_role("combobox", name=f"Priority of ticket #{n}")).to_be_visible()
    expect(row.get_by_role("link", name=f"Named {uid}")).to_have_attribute("href", f"/tickets/{n}")
    expect(row).to_contain_text("Rita Requester")

    # the inline change says Saving… then Saved, politely
    row.get_by_role("combobox", name=f"Priority of ticket #{n}").select_option("high")
    expect(row.get_by_role("status")).to_have_text(f"Saved #{n}")
    assert row.get_by_role("status").get_attribute("role") == "status"

    # one click away: the title opens the ticket page
    row.get_by_role("link", name=f"Named {uid}").click()
    expect(heading(page, f"Named {uid}")).to_be_visible()


@pytest.mark.parametrize("width", [1440, 390])
def test_queue_and_shortcuts_overlay_pass_axe(open_page, uid, width, screenshot):
    page = open_page(width=width, height=900)
    for n in range(3):
        create_via_api(page, title=f"Axe {uid} {n}", description="Accessibility check.")
    page.goto(f"/?search={uid}")
    expect(rows(page)).to_have_count(3)
    page.get_by_role("checkbox", name=re.compile("^Select ticket")).first.check()
    page.wait_for_timeout(300)
    assert axe_violations(page) == [], f"queue at {width}px"
    assert sideways_overflow(page) <= 0
    screenshot(page, f"queue-{width}", full_page=False)

    page.get_by_role("button", name="Shortcuts").click()
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    page.wait_for_timeout(200)
    assert axe_violations(page) == [], f"shortcuts overlay at {width}px"
    screenshot(page, f"queue-shortcuts-{width}", full_page=False)
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("button", name="Shortcuts")).to_be_focused()


def test_the_header_reaches_every_page_at_390px(open_page):
    page = open_page(who="admin", width=390, height=844)
    page.goto("/")
    expect(heading(page, "Queue")).to_be_visible()
    for name, title in (
        ("Dashboard", "Dashboard"),
        ("Team", "Team"),
        ("Webhooks", "Webhooks"),
        ("Queue", "Queue"),
    ):
        page.get_by_role("button", name="Menu").click()
        main_nav(page).get_by_role("link", name=name).click()
        expect(heading(page, title)).to_be_visible()
        assert sideways_overflow(page) <= 0
