"""What a support agent does in the queue, in a real browser against the real app."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pages import (
    card,
    create_via_api,
    dashboard_number,
    filters,
    heading,
    main_nav,
    new_ticket_form,
    overview_number,
    sideways_overflow,
    ticket_list,
)

pytestmark = pytest.mark.usefixtures("app_url")


def test_find_a_ticket_by_search_and_filters_and_share_the_view(desktop: Page, uid, screenshot):
    page = desktop
    create_via_api(
        page,
        title=f"Export {uid} crashes",
        description="The CSV export crashes with an error.",
        category="technical",
        priority="high",
    )
    create_via_api(
        page,
        title=f"Invoice {uid} has wrong address",
        description="Please fix the billing address.",
        category="billing",
        priority="low",
    )
    create_via_api(page, title="Unrelated ticket", description="Something else entirely.")
    page.goto("/")

    # when: searching as the user types (a prefix of the unique word is enough)
    filters(page).get_by_label("Search").press_sequentially(uid[:-2], delay=30)

    # then: the URL carries the search and only the two matching tickets are listed
    expect(page).to_have_url(re.compile(f"[?&]search={uid[:-2]}"))
    expect(ticket_list(page).get_by_role("article")).to_have_count(2)

    # when: narrowing by category
    filters(page).get_by_label("Category").select_option("billing")
    expect(page).to_have_url(re.compile("category=billing"))
    expect(ticket_list(page).get_by_role("article")).to_have_count(1)
    expect(card(page, f"Invoice {uid} has wrong address")).to_be_visible()
    screenshot(page, "desktop-1280-filtered")

    # then: the view survives a reload (and so can be shared)
    page.reload()
    expect(filters(page).get_by_label("Search")).to_have_value(uid[:-2])
    expect(filters(page).get_by_label("Category")).to_have_value("billing")
    expect(ticket_list(page).get_by_role("article")).to_have_count(1)

    # and the back button goes back through the filters
    page.go_back()
    expect(filters(page).get_by_label("Category")).to_have_value("")
    expect(ticket_list(page).get_by_role("article")).to_have_count(2)
    page.go_forward()
    expect(ticket_list(page).get_by_role("article")).to_have_count(1)

    # and a filter that matches nothing says so
    filters(page).get_by_label("Priority").select_option("critical")
    expect(page.get_by_text("No tickets match these filters.")).to_be_visible()
    page.get_by_role("button", name="Clear filters").first.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(filters(page).get_by_label("Search")).to_have_value("")


def test_change_status_inline_and_see_the_dashboard_follow(open_page, uid, screenshot):
    page = open_page()
    dashboard = open_page()
    title = f"Printer {uid} is on fire"
    ticket = create_via_api(
        page, title=title, description="Smoke is coming out of the printer.", priority="critical"
    )
    dashboard.goto("/dashboard")
    expect(dashboard.locator("#overview dd").first).not_to_be_empty()
    page.goto(f"/?search={uid}")
    row = card(page, title)
    expect(row).to_be_visible()
    open_before = dashboard_number(dashboard, "Open")

    with page.expect_response(
        lambda r: "/api/tickets/" in r.url and r.request.method == "PATCH"
    ) as patched:
        row.get_by_label("Status").select_option("in_progress")
    assert patched.value.status == 200
    expect(row.get_by_role("status")).to_have_text(f"Saved #{ticket['id']}")

    # the dashboard, open beside it, follows: one ticket fewer is open
    expect(overview_number(dashboard, "Open")).to_have_text(f"{open_before - 1:,}")

    # and the change was saved
    page.reload()
    expect(card(page, title).get_by_label("Status")).to_have_value("in_progress")
    screenshot(page, "desktop-1280-status-changed")


def test_a_refused_edit_is_rolled_back_with_a_message(desktop: Page, uid):
    page = desktop
    title = f"Refused {uid}"
    create_via_api(
        page, title=title, description="The server will refuse this edit.", priority="low"
    )
    page.route(
        re.compile(r".*/api/tickets/\d+/$"),
        lambda route: (
            route.fulfill(
                status=400,
                content_type="application/json",
                body='{"detail": "Invalid input.", "errors": {"priority": ["Not allowed."]}}',
            )
            if route.request.method == "PATCH"
            else route.continue_()
        ),
    )
    page.goto(f"/?search={uid}")
    ticket = card(page, title)

    ticket.get_by_label("Priority").select_option("high")

    expect(ticket.get_by_role("alert")).to_contain_text("Could not change priority to High")
    expect(ticket.get_by_label("Priority")).to_have_value("low")


def test_a_new_ticket_counts_on_the_dashboard(desktop: Page, uid):
    page = desktop
    page.goto("/dashboard")
    expect(page.locator("#overview dd").first).not_to_be_empty()
    total_before = dashboard_number(page, "Total tickets")

    # the agent files a ticket from the queue's "New ticket" and comes back through the header
    main_nav(page).get_by_role("link", name="Queue").click()
    page.get_by_role("main").get_by_role("link", name="New ticket").click()
    expect(heading(page, "New ticket")).to_be_visible()
    form = new_ticket_form(page)
    form.get_by_label("Title").fill(f"Cannot log in {uid}")
    form.get_by_label("Description").fill(
        "The login page says my password is wrong after the reset."
    )
    form.get_by_role("button", name="Submit ticket").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Ticket #\d+ submitted$"))).to_be_visible()
    main_nav(page).get_by_role("link", name="Dashboard").click()

    expect(overview_number(page, "Total tickets")).to_have_text(f"{total_before + 1:,}")
    bars = page.get_by_role("list", name="Tickets by priority").get_by_role("listitem")
    expect(bars).to_have_count(4)
    main_nav(page).get_by_role("link", name="Queue").click()
    expect(card(page, f"Cannot log in {uid}")).to_be_visible()


def test_a_hostile_title_stays_inert_text(desktop: Page, uid, screenshot):
    page = desktop
    hostile = f"<img src=x onerror=alert(1)> {uid}"
    page.goto("/submit")
    form = new_ticket_form(page)
    form.get_by_label("Title").fill(hostile)
    form.get_by_label("Description").fill("<script>alert(2)</script> <b>bold?</b>")
    form.get_by_role("button", name="Submit ticket").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Ticket #\d+ submitted$"))).to_be_visible()

    page.goto(f"/?search={uid}")
    ticket = card(page, hostile)
    expect(ticket).to_be_visible()
    expect(ticket.get_by_role("link", name=hostile)).to_have_text(hostile)
    assert ticket.locator("img, script, b").count() == 0
    page.wait_for_timeout(500)
    screenshot(page, "desktop-1280-hostile-title")

    # and on its page the description is text too
    ticket.get_by_role("link", name=hostile).click()
    expect(page.get_by_text("<script>alert(2)</script> <b>bold?</b>")).to_be_visible()
    assert page.get_by_role("main").locator("img, script, b").count() == 0
    page.wait_for_timeout(500)
    assert page.watch.dialogs == []


def test_keyboard_skips_to_the_page_with_a_visible_focus_ring(desktop: Page):
    page = desktop
    page.goto("/")
    expect(heading(page, "Queue")).to_be_visible()
    skip = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Tab")  # the product's name, a link home
    page.keyboard.press("Tab")
    queue = main_nav(page).get_by_role("link", name="Queue")
    expect(queue).to_be_focused()
    assert queue.evaluate("el => getComputedStyle(el).outlineStyle") != "none"

    # the skip link takes the keyboard past the header, straight into the page
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first_view = page.get_by_role("navigation", name="Views").get_by_role("link").first
    expect(first_view).to_be_focused()
    assert first_view.evaluate("el => getComputedStyle(el).outlineStyle") != "none"

    # on the form, a field shows its focus ring
    page.goto("/submit")
    title = new_ticket_form(page).get_by_label("Title")
    title.focus()
    ring = title.evaluate("el => getComputedStyle(el).boxShadow")
    assert ring not in ("", "none")


@pytest.mark.parametrize("width", [390, 360])
def test_phone_layout_has_no_sideways_scrolling(open_page, uid, screenshot, width):
    page = open_page(width=width, height=844)
    create_via_api(
        page,
        title=f"A rather long title without many breaks {uid} " + "x" * 60,
        description="Long words like " + "y" * 120 + " must wrap instead of widening the page.",
    )
    page.goto(f"/?search={uid}")
    expect(ticket_list(page).get_by_role("article")).to_have_count(1)
    overflow = sideways_overflow(page)
    assert overflow <= 0, f"{overflow}px of sideways scrolling at {width}px"
    screenshot(page, f"phone-{width}")


def test_overview_screenshots(desktop: Page, phone: Page, screenshot):
    """Whole-page pictures of the default view at both widths, for people to review."""
    create_via_api(
        desktop, title="Refund for a double charge", description="I was charged twice in March."
    )
    for page, name in ((desktop, "desktop-1280"), (phone, "phone-390")):
        page.goto("/")
        expect(ticket_list(page).get_by_role("article").first).to_be_visible()
        screenshot(page, name)
        screenshot(page, f"{name}-viewport", full_page=False)


def test_wide_screen_keeps_each_ticket_on_one_line(open_page, screenshot):
    page = open_page(width=1920, height=1080)
    for n in range(3):
        create_via_api(page, title=f"Wide screen ticket {n}", description="Filling the rows.")
    page.goto("/")
    rows = ticket_list(page).get_by_role("article")
    expect(rows.first).to_be_visible()
    for i in range(3):
        box = rows.nth(i).bounding_box()
        assert box["height"] < 48, f"row {i} is {box['height']}px high: more than one line"
        assert box["width"] > 1500, "the list uses the width"
    screenshot(page, "desktop-1920-viewport", full_page=False)
