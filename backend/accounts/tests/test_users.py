"""The Team page's API (CONTRACT §7): admins add, change and deactivate people."""

import pytest

from accounts.models import ApiToken
from accounts.services import token_create
from core.testing import assert_error_shape

from .conftest import PASSWORD, UserFactory, bearer, sign_in

pytestmark = pytest.mark.django_db

NEW_AGENT = {
    "username": "sam",
    "name": "Sam Okafor",
    "email": "Sam@Support.EXAMPLE",
    "role": "agent",
    "password": "a-long-passphrase",
}


def test_an_admin_adds_an_agent_who_can_then_sign_in(admin_api_client, browser):
    response = admin_api_client.post("/api/users/", NEW_AGENT, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": body["id"],
        "username": "sam",
        "name": "Sam Okafor",
        "email": "Sam@support.example",
        "role": "agent",
        "is_active": True,
        "last_login": None,
    }
    assert sign_in(browser, "sam", "a-long-passphrase").status_code == 200


def test_users_are_listed_for_admins_with_inactive_ones(admin_api_client, agent):
    UserFactory(username="zoe", is_active=False)

    response = admin_api_client.get("/api/users/")

    assert [(u["username"], u["is_active"]) for u in response.json()] == [
        ("ada", True),
        ("priya", True),
        ("zoe", False),
    ]


def test_agents_may_not_manage_users(api_client, admin_user):
    assert_error_shape(api_client.get("/api/users/"), 403)
    assert_error_shape(api_client.post("/api/users/", NEW_AGENT, format="json"), 403)
    assert_error_shape(
        api_client.patch(f"/api/users/{admin_user.pk}/", {"role": "agent"}, format="json"), 403
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "short"}, "password"),
        ({"password": "password123"}, "password"),
        ({"password": "1234567890123"}, "password"),
        ({"username": "priya"}, "username"),
        ({"username": "Priya"}, "username"),
        ({"username": "has space"}, "username"),
        ({"email": "not-an-address"}, "email"),
        ({"role": "owner"}, "role"),
        ({"name": ""}, "name"),
        ({"name": "line\nbreak"}, "name"),
        ({"is_superuser": True}, "is_superuser"),
    ],
)
def test_bad_new_users_are_400_naming_the_field(admin_api_client, agent, changes, field):
    response = admin_api_client.post("/api/users/", {**NEW_AGENT, **changes}, format="json")

    assert_error_shape(response, 400, field)


def test_an_admin_promotes_and_demotes(admin_api_client, agent, client):
    promoted = admin_api_client.patch(f"/api/users/{agent.pk}/", {"role": "admin"}, format="json")
    client.post("/admin/login/", {"username": "priya", "password": PASSWORD})
    django_admin = client.get("/admin/")
    demoted = admin_api_client.patch(f"/api/users/{agent.pk}/", {"role": "agent"}, format="json")

    assert promoted.json()["role"] == "admin"
    assert django_admin.status_code == 200
    assert demoted.json()["role"] == "agent"
    assert client.get("/admin/").status_code == 302


def test_deactivating_ends_sessions_and_tokens(admin_api_client, agent, browser, anonymous_client):
    sign_in(browser, "priya")
    _, secret = token_create(user=agent, name="cron")

    response = admin_api_client.patch(
        f"/api/users/{agent.pk}/", {"is_active": False}, format="json"
    )

    assert response.json()["is_active"] is False
    assert browser.get("/api/tickets/").status_code == 401
    assert anonymous_client.get("/api/tickets/", **bearer(secret)).status_code == 401
    assert not ApiToken.objects.filter(user=agent).exists()


def test_an_admin_resets_a_password_and_the_users_tokens_are_revoked(
    admin_api_client, agent, browser
):
    token_create(user=agent, name="cron")

    admin_api_client.patch(
        f"/api/users/{agent.pk}/", {"password": "a-brand-new-passphrase"}, format="json"
    )

    assert not ApiToken.objects.filter(user=agent).exists()
    assert sign_in(browser, "priya", PASSWORD).status_code == 400
    assert sign_in(browser, "priya", "a-brand-new-passphrase").status_code == 200


def test_a_password_reset_ends_the_users_sessions(admin_api_client, agent, browser):
    sign_in(browser, "priya")

    admin_api_client.patch(
        f"/api/users/{agent.pk}/", {"password": "a-brand-new-passphrase"}, format="json"
    )

    assert browser.get("/api/tickets/").status_code == 401


@pytest.mark.parametrize("change", [{"is_active": False}, {"role": "agent"}])
def test_the_last_active_admin_stays_one(admin_api_client, admin_user, change):
    response = admin_api_client.patch(f"/api/users/{admin_user.pk}/", change, format="json")

    body = assert_error_shape(response, 400)
    assert "last active admin" in body["detail"]
    admin_user.refresh_from_db()
    assert admin_user.is_active
    assert admin_user.is_superuser


def test_an_admin_may_step_down_when_another_remains(admin_api_client, admin_user):
    UserFactory(username="grace", is_superuser=True, is_staff=True)

    response = admin_api_client.patch(
        f"/api/users/{admin_user.pk}/", {"role": "agent"}, format="json"
    )

    assert response.json()["role"] == "agent"


def test_an_inactive_admin_does_not_count_as_the_other_admin(admin_api_client, admin_user):
    UserFactory(username="grace", is_superuser=True, is_staff=True, is_active=False)

    response = admin_api_client.patch(
        f"/api/users/{admin_user.pk}/", {"is_active": False}, format="json"
    )

    assert_error_shape(response, 400)


def test_unknown_users_are_404(admin_api_client):
    assert_error_shape(admin_api_client.patch("/api/users/999999/", {}, format="json"), 404)
    assert_error_shape(
        admin_api_client.patch("/api/users/999999999999999999/", {}, format="json"), 404
    )


@pytest.mark.parametrize(
    "changes",
    [{"is_active": "false"}, {"is_active": 0}, {"role": None}, {"email": 5}, {"last_login": None}],
)
def test_bad_changes_are_400(admin_api_client, agent, changes):
    field = next(iter(changes))

    response = admin_api_client.patch(f"/api/users/{agent.pk}/", changes, format="json")

    assert_error_shape(response, 400, field)


def test_agents_list_the_active_agents_by_name_without_emails(api_client, admin_user):
    UserFactory(username="zoe", first_name="Zoe Quinn", is_active=False)
    UserFactory(username="bo", first_name="")

    response = api_client.get("/api/agents/")

    assert response.status_code == 200
    assert response.json() == [
        {"id": admin_user.pk, "name": "Ada Admin"},
        {"id": response.json()[1]["id"], "name": "bo"},
        {"id": response.json()[2]["id"], "name": "Priya Raman"},
    ]
