"""The OpenAPI description is served, and the API keeps every promise it makes (Schemathesis)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


from config.wsgi import application  # noqa: E402 - Django is set up by pytest-django by now
from core.testing import connection_kept_open_for_the_test  # noqa: E402

schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    application,
    config=schemathesis.Config.from_dict(
        {"generation": {"mode": "all", "max-examples": 40, "deterministic": True}}
    ),
)


@pytest.fixture
def keep_test_connection_open():
    with connection_kept_open_for_the_test():
        yield


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(db, keep_test_connection_open, case):
    # As an admin, with a fresh token each time: examples may sign out or revoke tokens.
    from accounts.services import token_create
    from accounts.tests.factories import UserFactory

    admin = UserFactory(username="schemathesis", is_superuser=True, is_staff=True)
    _, secret = token_create(user=admin, name="schemathesis")
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {secret}"})


def test_schema_documents_every_endpoint_and_its_error_codes(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    codes = {
        (path, method): set(operation["responses"])
        for path, methods in paths.items()
        for method, operation in methods.items()
    }
    assert codes[("/api/tickets/", "get")] >= {"200", "400", "401", "404"}
    assert codes[("/api/tickets/", "post")] >= {"201", "400", "413", "415", "429"}
    assert codes[("/api/tickets/{ticket_id}/", "get")] >= {"200", "404"}
    assert codes[("/api/tickets/{ticket_id}/", "patch")] >= {"200", "400", "404"}
    assert codes[("/api/tickets/classify/", "post")] >= {"200", "400", "429"}
    assert codes[("/api/tickets/stats/", "get")] >= {"200"}
    assert ("/api/tickets/{ticket_id}/", "put") not in codes
    assert ("/api/tickets/{ticket_id}/", "delete") not in codes


def test_docs_page_works_offline(client, plain_static_files):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    # Swagger UI comes from the sidecar package under /static/, never from a CDN
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
