import io
import json
import logging

import pytest

from core.logging import RequestContextFilter


def test_every_response_carries_a_generated_request_id(client):
    first = client.get("/healthz")
    second = client.get("/healthz")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_sane_request_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f")

    assert response["X-Request-ID"] == "0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f"


@pytest.mark.parametrize("incoming", ["short", "x" * 200, "bad id with spaces", "<script>1234"])
def test_an_insane_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


@pytest.fixture
def console_lines():
    """What the configured console handler writes, one string per line."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RequestContextFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: stream.getvalue().splitlines()
    handler.setStream(previous)


@pytest.mark.django_db
def test_log_lines_are_json_with_the_request_id(client, console_lines):
    # a refused request under /api/ (signed out: 401) makes Django log a warning
    response = client.get("/api/tickets/999999999/")

    records = [json.loads(line) for line in console_lines()]
    warning = next(r for r in records if r["logger"] == "django.request")
    assert response.status_code == 401
    assert warning["level"] == "WARNING"
    assert warning["request_id"] == response["X-Request-ID"]
    assert warning["client_ip"] == "127.0.0.1"
    assert "time" in warning
    assert "/api/tickets/999999999/" in warning["message"]


def test_log_lines_outside_a_request_say_so(client, console_lines):
    client.get("/healthz")
    logging.getLogger("deploy_tests").warning("between requests")

    record = json.loads(console_lines()[-1])
    assert record["message"] == "between requests"
    assert record["request_id"] == "-"


@pytest.mark.django_db
def test_cross_origin_clients_may_read_the_request_id_and_retry_after(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://ui.example.com"]

    response = client.get("/api/tickets/", HTTP_ORIGIN="https://ui.example.com")

    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert {"x-request-id", "retry-after"} <= exposed


def test_gunicorn_access_lines_become_json_fields():
    from core.logging import AccessJsonFormatter

    atoms = {"m": "POST", "U": "/api/tickets/", "q": "", "s": "201", "B": "-", "M": "12"}
    atoms["a"] = 'curl/8 \\"quoted\\"'  # gunicorn escapes quotes for its text format
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(m)s", (atoms,), None)

    line = json.loads(AccessJsonFormatter().format(record))

    assert line["method"] == "POST"
    assert line["status"] == 201
    assert line["bytes"] is None
    assert line["duration_ms"] == 12
    assert line["user_agent"] == 'curl/8 "quoted"'
    assert line["message"] == "POST"
