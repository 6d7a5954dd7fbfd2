"""While the database cannot be reached, requests that need it get 503 + Retry-After."""

import pytest
from django.db.utils import InterfaceError, OperationalError

from tickets.tests.conftest import assert_error_shape

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/tickets/"),
        ("get", "/api/tickets/stats/"),
        ("get", "/api/tickets/7/"),
        ("post", "/api/tickets/"),
        ("patch", "/api/tickets/7/"),
    ],
)
def test_api_endpoints_answer_503_in_the_error_shape(api_client, database_down, method, path):
    body = {"title": "Printer", "description": "On fire"}

    response = getattr(api_client, method)(path, body, format="json")

    assert_error_shape(response, 503)
    assert response["Retry-After"] == "5"


def test_the_admin_answers_503_too(admin_client, monkeypatch):
    def refuse(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)

    response = admin_client.get("/admin/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_a_database_error_outside_any_view_is_a_503(rf):
    from core.errors import handler500

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = handler500(rf.get("/api/tickets/"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_other_database_errors_stay_500s(rf):
    from django.db.utils import ProgrammingError

    from core.errors import handler500

    try:
        raise ProgrammingError("relation does not exist")
    except ProgrammingError:
        response = handler500(rf.get("/api/tickets/"))

    assert response.status_code == 500
