import json

import pytest


@pytest.mark.parametrize("path", ["/api/nothing-here/", "/api/tickets/abc/", "/api/"])
def test_unknown_api_paths_are_json_404s(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}


def test_unknown_paths_outside_the_api_stay_html(client):
    response = client.get("/no-such-page")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_disallowed_host_under_the_api_is_a_json_400(client):
    response = client.get("/api/tickets/stats/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


def test_csrf_failure_under_the_api_is_json(rf):
    from core.errors import csrf_failure

    response = csrf_failure(rf.post("/api/tickets/"), reason="CSRF cookie not set.")

    assert response.status_code == 403
    assert json.loads(response.content) == {
        "detail": "CSRF check failed: CSRF cookie not set.",
        "errors": {},
    }


def test_csrf_failure_elsewhere_stays_html(rf):
    from core.errors import csrf_failure

    response = csrf_failure(rf.post("/admin/login/"), reason="CSRF cookie not set.")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_server_error_handler_is_json_under_the_api(rf):
    from core.errors import handler500

    response = handler500(rf.get("/api/tickets/"))

    assert response.status_code == 500
    assert set(json.loads(response.content)) == {"detail", "errors"}
