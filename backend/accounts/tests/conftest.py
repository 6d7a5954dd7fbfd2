import pytest
from rest_framework.test import APIClient

from accounts.services import token_create

from .factories import PASSWORD, UserFactory


@pytest.fixture
def browser() -> APIClient:
    """A client that behaves like the web UI's browser: cookies, and CSRF checked."""
    return APIClient(enforce_csrf_checks=True)


def csrf_token(client: APIClient) -> str:
    """The CSRF token, from the cookie that GET /api/auth/me/ sets (also when signed out)."""
    client.get("/api/auth/me/")
    return client.cookies["csrftoken"].value


def sign_in(client: APIClient, username: str, password: str = PASSWORD, **extra):
    return client.post(
        "/api/auth/login/",
        {"username": username, "password": password},
        format="json",
        HTTP_X_CSRFTOKEN=csrf_token(client),
        **extra,
    )


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def agent_token(agent) -> str:
    _, secret = token_create(user=agent, name="tests")
    return secret


__all__ = ["PASSWORD", "UserFactory"]
