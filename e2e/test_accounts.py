"""Signing in and out, the team, one's own account: who may see what, in a real browser."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from pages import card, create_via_api, heading, main_nav, sign_in, sign_in_form

pytestmark = pytest.mark.usefixtures("app_url")

TOO_MANY = re.compile(r"Too many sign-in attempts\. Try again in \d+ minutes?\.")


def test_an_agent_signs_in_works_the_queue_signs_out_and_sees_nothing(
    open_page, accounts, desktop: Page, uid, screenshot
):
    title = f"Password reset mail never arrives {uid}"
    create_via_api(desktop, title=title, description="No e-mail after asking for a reset.")
    page = open_page(who=None)
    agent = accounts["agent"]

    # given: the agent opens the queue, filtered, and is asked to sign in first
    page.goto(f"/?search={uid}")
    expect(sign_in_form(page)).to_be_visible()
    screenshot(page, "signin-1280")
    sign_in(page, agent.username, agent.password)

    # then: the same address shows the queue, with their name in the header
    expect(heading(page, "Queue")).to_be_visible()
    expect(page).to_have_url(re.compile(f"/\\?search={uid}$"))
    expect(page.get_by_role("button", name=re.compile(agent.name))).to_be_visible()

    # when: they change a ticket's status
    ticket = card(page, title)
    with page.expect_response(lambda r: r.request.method == "PATCH") as patched:
        ticket.get_by_label("Status").select_option("resolved")
    assert patched.value.status == 200

    # and sign out
    page.get_by_role("button", name=re.compile(agent.name)).click()
    page.get_by_role("button", name="Sign out").click()

    # then: the sign-in form, nothing of the queue, and the API refuses this browser
    expect(sign_in_form(page)).to_be_visible()
    expect(page.get_by_text(title)).to_have_count(0)
    expect(main_nav(page)).to_have_count(0)
    page.goto("/")
    expect(sign_in_form(page)).to_be_visible()
    assert page.request.get("/api/tickets/").status == 401
    # the change was saved before
    desktop.goto(f"/?search={uid}")
    expect(card(desktop, title).get_by_label("Status")).to_have_value("resolved")


def test_an_admin_adds_an_agent_who_then_signs_in(open_page, uid, screenshot):
    admin = open_page(who="admin")
    admin.goto("/team")
    expect(heading(admin, "Team")).to_be_visible()
    username = f"new-{uid}"
    password = secrets.token_urlsafe(14)

    form = admin.get_by_role("form", name="Add a team member")
    form.get_by_label("Name", exact=True).fill(f"Nia {uid}")
    form.get_by_label("Username").fill(username)
    form.get_by_label("E-mail").fill(f"{username}@example.com")
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Add team member").click()

    expect(form.get_by_role("status")).to_contain_text(f"Nia {uid} ({username}) was added")
    expect(admin.get_by_role("rowheader", name=f"Nia {uid}")).to_be_visible()
    screenshot(admin, "team-1280")

    # a taken username is refused next to its field
    form.get_by_label("Name", exact=True).fill("Someone Else")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(secrets.token_urlsafe(14))
    form.get_by_role("button", name="Add team member").click()
    expect(form.get_by_text("This username is taken.")).to_be_visible()
    expect(form.get_by_label("Username")).to_be_focused()

    # when: the new agent signs in, in another browser
    newcomer = open_page(who=None, width=390, height=844)
    newcomer.goto("/")
    sign_in(newcomer, username, password)

    # then: they work the queue, as an agent: no Team, no Webhooks
    expect(heading(newcomer, "Queue")).to_be_visible()
    newcomer.get_by_role("button", name="Menu").click()
    expect(main_nav(newcomer).get_by_role("link", name="Dashboard")).to_be_visible()
    expect(main_nav(newcomer).get_by_role("link", name="Team")).to_have_count(0)
    screenshot(newcomer, "phone-390-menu-open", full_page=False)


def test_an_admin_deactivates_an_agent_who_is_signed_out_at_once(open_page, uid):
    admin = open_page(who="admin")
    username = f"leaving-{uid}"
    password = secrets.token_urlsafe(14)
    admin.goto("/team")
    form = admin.get_by_role("form", name="Add a team member")
    form.get_by_label("Name", exact=True).fill(f"Leo {uid}")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Add team member").click()
    expect(admin.get_by_role("rowheader", name=f"Leo {uid}")).to_be_visible()

    leaving = open_page(who=None)
    leaving.goto("/dashboard")
    sign_in(leaving, username, password)
    expect(heading(leaving, "Dashboard")).to_be_visible()

    admin.get_by_role("button", name=f"Deactivate Leo {uid}").click()
    admin.get_by_role("group", name=re.compile(f"Deactivate Leo {uid}")).get_by_role(
        "button", name="Deactivate"
    ).click()
    row = admin.get_by_role("row", name=re.compile(f"Leo {uid}"))
    expect(row.get_by_text("Deactivated")).to_be_visible()

    # their next request is refused: the sign-in form takes the page's place
    leaving.get_by_role("link", name="Queue").click()
    expect(sign_in_form(leaving)).to_be_visible()
    expect(leaving.get_by_text("Your session has ended")).to_be_visible()


def test_the_last_admin_cannot_be_demoted(open_page):
    """With one active admin left, the Team page says clearly why demoting them fails."""
    admin = open_page(who="admin")
    admin.goto("/team")
    # two admins: the debug admin and Ada; once the debug admin is an agent, Ada is the last
    admin.get_by_role("combobox", name="Role of admin", exact=True).select_option("agent")
    expect(admin.get_by_text("admin is now an agent.", exact=True)).to_be_visible()
    try:
        admin.get_by_role("combobox", name="Role of Ada Admin").select_option("agent")

        alert = admin.get_by_role("alert")
        expect(alert).to_contain_text(
            "Could not make Ada Admin an agent: The last active admin cannot be deactivated"
        )
        expect(alert).to_be_focused()
        expect(admin.get_by_role("combobox", name="Role of Ada Admin")).to_have_value("admin")
    finally:
        # the debug admin as `make run` made it, for the other journeys
        admin.get_by_role("combobox", name="Role of admin", exact=True).select_option("admin")
        expect(admin.get_by_text("admin is now an admin.", exact=True)).to_be_visible()


def test_agents_never_see_the_admin_pages(desktop: Page):
    page = desktop
    page.goto("/")
    expect(heading(page, "Queue")).to_be_visible()
    expect(main_nav(page).get_by_role("link", name="Team")).to_have_count(0)
    expect(main_nav(page).get_by_role("link", name="Webhooks")).to_have_count(0)

    for path in ("/team", "/webhooks"):
        page.goto(path)
        expect(heading(page, "Only admins can see this page")).to_be_visible()
    assert page.request.get("/api/users/").status == 403


def test_sign_in_throttling_says_how_long_to_wait(visitor: Page, uid, screenshot):
    page = visitor
    page.goto("/")
    username = f"guess-{uid}"

    for attempt in range(5):
        with page.expect_response(lambda r: r.url.endswith("/api/auth/login/")) as answer:
            sign_in(page, username, f"wrong password {attempt}")
        assert answer.value.status == 400
        expect(sign_in_form(page).get_by_role("alert")).to_contain_text(
            "The username or password is not correct."
        )

    with page.expect_response(lambda r: r.url.endswith("/api/auth/login/")) as answer:
        sign_in(page, username, "wrong password 6")
    assert answer.value.status == 429

    alert = sign_in_form(page).get_by_role("alert")
    expect(alert).to_contain_text(TOO_MANY)
    expect(alert).to_be_focused()
    screenshot(page, "signin-throttled-1280")


def test_debug_mode_says_how_to_sign_in_and_that_works(open_page):
    page = open_page(who=None, width=390, height=844)
    page.goto("/")
    expect(page.get_by_role("note")).to_contain_text("Debug mode: sign in as admin / admin")
    sign_in(page, "admin", "admin")
    expect(heading(page, "Queue")).to_be_visible()


def test_an_agent_creates_and_revokes_an_api_token(
    desktop: Page, browser, app_url, uid, screenshot
):
    page = desktop
    page.goto("/account")
    form = page.get_by_role("form", name="Create an API token")
    form.get_by_label("Token name").fill(f"Script {uid}")
    form.get_by_label("Expires in days").fill("7")
    form.get_by_role("button", name="Create token").click()

    secret_box = page.get_by_role("region", name=f"Token “Script {uid}” created")
    expect(secret_box).to_contain_text("it will not be shown again")
    secret = secret_box.get_by_label("The new token").input_value()
    screenshot(page, "account-token-1280")

    # the token works for the API, from a client without the browser's session
    api = browser.new_context(base_url=app_url)
    try:
        answer = api.request.get("/api/auth/me/", headers={"Authorization": f"Bearer {secret}"})
        assert answer.status == 200

        secret_box.get_by_role("button", name="I have copied it").click()
        expect(page.get_by_label("The new token")).to_have_count(0)
        page.get_by_role("button", name=f"Revoke Script {uid}").click()
        page.get_by_role("group", name=re.compile("Revoke")).get_by_role(
            "button", name="Revoke"
        ).click()
        expect(page.get_by_role("rowheader", name=f"Script {uid}")).to_have_count(0)

        answer = api.request.get("/api/auth/me/", headers={"Authorization": f"Bearer {secret}"})
        assert answer.status == 401
    finally:
        api.close()
