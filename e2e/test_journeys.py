"""What a support agent does with the web UI, in a real browser against the real app."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.usefixtures("app_url")

# The accessibility engine, from the web UI's dev dependencies.
AXE = (
    Path(__file__).resolve().parent.parent / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)


def new_ticket_form(page: Page):
    return page.get_by_role("form", name="New ticket")


def filters(page: Page):
    return page.get_by_role("search", name="Filter tickets")


def ticket_list(page: Page):
    return page.get_by_role("list", name="Tickets")


def card(page: Page, title: str):
    return ticket_list(page).get_by_role("article", name=title, exact=True)


def dashboard_number(page: Page, term: str) -> int:
    value = page.locator("#overview dt", has_text=re.compile(f"^{term}$")).locator(
        "xpath=following-sibling::dd[1]"
    )
    return int(value.inner_text().replace(",", ""))


def classified_for(description: str):
    """Matches the classify answer for exactly this description (not an earlier prefix)."""

    def matches(response) -> bool:
        if urlsplit(response.url).path != "/api/tickets/classify/":
            return False
        return json.loads(response.request.post_data or "{}").get("description") == description

    return matches


def create_via_api(page: Page, **fields) -> dict:
    response = page.request.post("/api/tickets/", data=fields)
    assert response.status == 201, response.text()
    return response.json()


def test_type_a_ticket_see_the_suggestion_override_it_and_submit(desktop: Page, uid, screenshot):
    page = desktop
    page.goto("/")
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
    with page.expect_response(
        lambda r: r.url.endswith("/api/tickets/") and r.request.method == "POST"
    ) as created:
        form.get_by_role("button", name="Submit ticket").click()
    # what was on screen is what was sent and stored: the AI's category, the agent's priority
    sent = json.loads(created.value.request.post_data)
    assert sent["category"] == shown_category
    assert sent["priority"] == manual
    ticket = created.value.json()
    assert created.value.status == 201
    assert (ticket["category"], ticket["priority"]) == (shown_category, manual)
    assert ticket["ai_suggestion"] is not None

    # the form is cleared and the new ticket leads the list, highlighted
    expect(form.get_by_label("Title")).to_have_value("")
    expect(form.get_by_label("Description")).to_have_value("")
    first = ticket_list(page).get_by_role("article").first
    expect(first).to_have_accessible_name(f"Charged twice for my subscription {uid}")
    expect(first.get_by_text("New", exact=True)).to_be_visible()
    expect(first.get_by_label("Priority")).to_have_value(manual)
    screenshot(page, "desktop-1280-submitted")


def test_client_side_validation_blocks_an_empty_ticket(desktop: Page):
    page = desktop
    page.goto("/")
    form = new_ticket_form(page)
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)

    form.get_by_role("button", name="Submit ticket").click()

    expect(form.get_by_text("Title is required.")).to_be_visible()
    expect(form.get_by_text("Description is required.")).to_be_visible()
    expect(form.get_by_label("Title")).to_be_focused()
    assert requests == []


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

    # and a filter that matches nothing says so
    filters(page).get_by_label("Priority").select_option("critical")
    expect(page.get_by_text("No tickets match these filters.")).to_be_visible()
    page.get_by_role("button", name="Clear filters").first.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(filters(page).get_by_label("Search")).to_have_value("")


def test_change_status_inline_and_see_the_dashboard_follow(desktop: Page, uid, screenshot):
    page = desktop
    title = f"Printer {uid} is on fire"
    create_via_api(
        page, title=title, description="Smoke is coming out of the printer.", priority="critical"
    )
    page.goto(f"/?search={uid}")
    ticket = card(page, title)
    expect(ticket).to_be_visible()
    expect(page.locator("#overview dd").first).not_to_be_empty()
    open_before = dashboard_number(page, "Open")

    with page.expect_response(
        lambda r: "/api/tickets/" in r.url and r.request.method == "PATCH"
    ) as patched:
        ticket.get_by_label("Status").select_option("in_progress")
    assert patched.value.status == 200
    expect(ticket.locator('[data-kind="status"]')).to_have_text("In progress")

    # the dashboard reloads: one ticket fewer is open
    expect(
        page.locator("#overview dt", has_text=re.compile("^Open$")).locator(
            "xpath=following-sibling::dd[1]"
        )
    ).to_have_text(f"{open_before - 1:,}")

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


def test_dashboard_counts_a_new_ticket(desktop: Page, uid):
    page = desktop
    page.goto("/")
    expect(page.locator("#overview dd").first).not_to_be_empty()
    total_before = dashboard_number(page, "Total tickets")

    form = new_ticket_form(page)
    form.get_by_label("Title").fill(f"Cannot log in {uid}")
    form.get_by_label("Description").fill(
        "The login page says my password is wrong after the reset."
    )
    form.get_by_role("button", name="Submit ticket").click()

    expect(
        page.locator("#overview dt", has_text=re.compile("^Total tickets$")).locator(
            "xpath=following-sibling::dd[1]"
        )
    ).to_have_text(f"{total_before + 1:,}")
    bars = page.get_by_role("list", name="Tickets by priority").get_by_role("listitem")
    expect(bars).to_have_count(4)


def test_a_hostile_title_stays_inert_text(desktop: Page, uid, screenshot):
    page = desktop
    hostile = f"<img src=x onerror=alert(1)> {uid}"
    page.goto("/")
    form = new_ticket_form(page)
    form.get_by_label("Title").fill(hostile)
    form.get_by_label("Description").fill("<script>alert(2)</script> <b>bold?</b>")
    form.get_by_role("button", name="Submit ticket").click()

    ticket = card(page, hostile)
    expect(ticket).to_be_visible()
    expect(ticket.get_by_role("heading")).to_have_text(hostile)
    expect(ticket.get_by_text("<script>alert(2)</script> <b>bold?</b>")).to_be_visible()
    assert ticket.locator("img, script, b").count() == 0
    page.wait_for_timeout(500)
    assert page.watch.dialogs == []
    # also after a reload, when it comes from the list endpoint
    page.goto(f"/?search={uid}")
    expect(card(page, hostile)).to_be_visible()
    page.wait_for_timeout(300)
    assert page.watch.dialogs == []
    screenshot(page, "desktop-1280-hostile-title")


def test_keyboard_reaches_the_form_with_a_visible_focus_ring(desktop: Page):
    page = desktop
    page.goto("/")
    expect(new_ticket_form(page)).to_be_visible()
    skip = page.get_by_role("link", name="Skip to tickets")

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    for _ in range(3):  # the header's two links, then the first field
        page.keyboard.press("Tab")
    title = new_ticket_form(page).get_by_label("Title")
    expect(title).to_be_focused()
    ring = title.evaluate("el => getComputedStyle(el).boxShadow")
    assert ring not in ("", "none")

    # the skip link takes the keyboard straight to the list
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Refresh")).to_be_focused()
    outline = page.get_by_role("button", name="Refresh").evaluate(
        "el => getComputedStyle(el).outlineStyle"
    )
    assert outline != "none"


@pytest.mark.parametrize("width", [390, 360])
def test_phone_layout_has_no_sideways_scrolling(browser, app_url, uid, screenshot, width):
    context = browser.new_context(
        base_url=app_url, viewport={"width": width, "height": 844}, locale="en-US"
    )
    page = context.new_page()
    try:
        page.request.post(
            "/api/tickets/",
            data={
                "title": f"A rather long title without many breaks {uid} " + "x" * 60,
                "description": "Long words like "
                + "y" * 120
                + " must wrap instead of widening the page.",
            },
        )
        page.goto(f"/?search={uid}")
        expect(ticket_list(page).get_by_role("article")).to_have_count(1)
        expect(page.locator("#overview dd").first).not_to_be_empty()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow}px of sideways scrolling at {width}px"
        screenshot(page, f"phone-{width}")
    finally:
        context.close()


def test_overview_screenshots(desktop: Page, phone: Page, screenshot):
    """Whole-page pictures of the default view at both widths, for people to review."""
    create_via_api(
        desktop, title="Refund for a double charge", description="I was charged twice in March."
    )
    for page, name in ((desktop, "desktop-1280"), (phone, "phone-390")):
        page.goto("/")
        expect(ticket_list(page).get_by_role("article").first).to_be_visible()
        expect(page.locator("#overview dd").first).not_to_be_empty()
        screenshot(page, name)
        screenshot(page, f"{name}-viewport", full_page=False)
        if page is phone:
            page.evaluate("window.scrollTo(0, document.getElementById('tickets').offsetTop - 8)")
            page.wait_for_timeout(100)
            screenshot(page, f"{name}-list", full_page=False)


def test_wide_screen_uses_the_width(browser, app_url, screenshot):
    context = browser.new_context(
        base_url=app_url, viewport={"width": 1920, "height": 1080}, locale="en-US"
    )
    page = context.new_page()
    try:
        for n in range(3):
            create_via_api(page, title=f"Wide screen ticket {n}", description="Filling the grid.")
        page.goto("/")
        cards = ticket_list(page).get_by_role("article")
        expect(cards.first).to_be_visible()
        tops = {round(cards.nth(i).bounding_box()["y"]) for i in range(3)}
        assert len(tops) == 1, "three cards side by side on a wide screen"
        screenshot(page, "desktop-1920-viewport", full_page=False)
    finally:
        context.close()


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            });
            return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} -- ` +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }"""
    )
    return result


@pytest.mark.parametrize("width", [1280, 390])
def test_no_wcag_aa_violations(browser, app_url, uid, width):
    """axe-core's WCAG 2.1 A/AA rules (contrast included) on a page with data and a suggestion."""
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm ci` in frontend/")
    context = browser.new_context(
        base_url=app_url, viewport={"width": width, "height": 900}, locale="en-US"
    )
    page = context.new_page()
    try:
        create_via_api(
            page,
            title=f"Checkout page {uid} is blank",
            description="After paying, the checkout page shows nothing at all.",
        )
        page.goto(f"/?search={uid}")
        expect(ticket_list(page).get_by_role("article")).to_have_count(1)
        expect(page.locator("#overview dd").first).not_to_be_empty()
        form = new_ticket_form(page)
        text = "My invoice shows a charge I do not recognise"
        with page.expect_response(classified_for(text)):
            form.get_by_label("Description").fill(text)
        form.get_by_label("Category", exact=True).select_option("account")
        page.wait_for_timeout(300)  # let the bar transitions finish
        assert axe_violations(page) == []
    finally:
        context.close()
