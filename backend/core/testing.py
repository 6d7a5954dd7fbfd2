"""Assertions shared by the test suites of every app."""


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
