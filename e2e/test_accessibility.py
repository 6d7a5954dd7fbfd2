"""axe-core's WCAG 2.1 A/AA rules (contrast included) on every kind of page, wide and narrow."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pages import (
    axe_violations,
    classified_for,
    create_via_api,
    heading,
    new_ticket_form,
    require_axe,
    sideways_overflow,
    sign_in_form,
    ticket_list,
)

pytestmark = pytest.mark.usefixtures("app_url")

WIDTHS = [1280, 390]


@pytest.fixture(autouse=True)
def _axe_installed() -> None:
    require_axe()


def check(page: Page, what: str) -> None:
    page.wait_for_timeout(300)  # let transitions finish
    assert axe_violations(page) == [], what
    overflow = sideways_overflow(page)
    assert overflow <= 0, f"{what}: {overflow}px of sideways scrolling"


@pytest.mark.parametrize("width", WIDTHS)
def test_queue(open_page, uid, width):
    page = open_page(width=width)
    create_via_api(
        page,
        title=f"Checkout page {uid} is blank",
        description="After paying, the checkout page shows nothing at all.",
    )
    page.goto(f"/?search={uid}")
    expect(ticket_list(page).get_by_role("article")).to_have_count(1)
    check(page, f"queue at {width}px")


@pytest.mark.parametrize("width", WIDTHS)
def test_sign_in_page_with_an_error(open_page, width, screenshot):
    page = open_page(who=None, width=width)
    page.goto("/")
    form = sign_in_form(page)
    check(page, f"sign-in page at {width}px")
    form.get_by_role("button", name="Sign in").click()
    expect(form.get_by_text("Enter your username.")).to_be_visible()
    check(page, f"sign-in page with errors at {width}px")
    screenshot(page, f"signin-errors-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_submit_page_for_customers_with_a_suggestion(open_page, width, screenshot):
    page = open_page(who=None, width=width)
    page.goto("/submit")
    form = new_ticket_form(page)
    text = "My invoice shows a charge I do not recognise"
    with page.expect_response(classified_for(text)):
        form.get_by_label("Description").fill(text)
    form.get_by_label("Category", exact=True).select_option("account")
    check(page, f"submit page at {width}px")
    screenshot(page, f"submit-customer-{width}")

    form.get_by_role("button", name="Submit ticket").click()
    expect(form.get_by_text("Please tell us your name.")).to_be_visible()
    check(page, f"submit page with errors at {width}px")


@pytest.mark.parametrize("width", WIDTHS)
def test_team_page(open_page, width, screenshot):
    page = open_page(who="admin", width=width)
    page.goto("/team")
    expect(page.get_by_role("table", name="Team members")).to_be_visible()
    check(page, f"team page at {width}px")
    screenshot(page, f"team-{width}")

    # with a confirmation and the password form open in a row
    page.get_by_role("button", name="Deactivate Erin Agent").click()
    page.get_by_role("button", name="Reset password of Erin Agent").click()
    expect(page.get_by_label("New password for Erin Agent")).to_be_focused()
    check(page, f"team page with a row's forms open at {width}px")
    screenshot(page, f"team-row-open-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_account_page_with_a_new_token(open_page, uid, width, screenshot):
    page = open_page(width=width)
    page.goto("/account")
    expect(heading(page, "Account")).to_be_visible()
    form = page.get_by_role("form", name="Create an API token")
    form.get_by_label("Token name").fill(f"axe {uid}")
    form.get_by_role("button", name="Create token").click()
    expect(page.get_by_label("The new token")).to_be_visible()
    check(page, f"account page at {width}px")
    screenshot(page, f"account-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_menus_open(open_page, width, screenshot):
    page = open_page(who="admin", width=width)
    page.goto("/dashboard")
    expect(heading(page, "Dashboard")).to_be_visible()
    if width < 800:
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Ada Admin").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    check(page, f"menus open at {width}px")
    screenshot(page, f"menus-open-{width}", full_page=False)
