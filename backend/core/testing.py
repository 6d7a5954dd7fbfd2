"""Assertions and helpers shared by the test suites of every app."""

import contextlib


def assert_error_shape(response, status_code: int, *fields: str) -> dict:
    """The answer is CONTRACT §6's error body with `status_code`, naming each of `fields`."""
    assert response.status_code == status_code, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str)
    assert body["detail"]
    for field in fields:
        assert field in body["errors"], body
        assert all(isinstance(message, str) for message in body["errors"][field])
    return body


@contextlib.contextmanager
def connection_kept_open_for_the_test():
    """Like Django's test client: a request served by the real WSGI or ASGI handler must not
    close the connection that holds the test's transaction."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
