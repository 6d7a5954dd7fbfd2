"""Every bad input to ticket creation is a 4xx naming the problem, and nothing is stored."""

import json

import pytest

from tickets.models import Ticket

from .conftest import assert_error_shape

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"
VALID = {"title": "Cannot log in", "description": "The login page spins forever."}


@pytest.fixture(autouse=True)
def nothing_is_stored():
    yield
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("missing", ["title", "description"])
def test_missing_required_field(api_client, missing):
    body = {key: value for key, value in VALID.items() if key != missing}

    assert_error_shape(api_client.post(URL, body, format="json"), 400, missing)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", " \n\t "),
        ("title", "x" * 201),
        ("title", None),
        ("title", 123),
        ("title", ["a title"]),
        ("description", ""),
        ("description", "   "),
        ("description", "x" * 10_001),
        ("description", False),
        ("description", "nul \x00 inside"),
        ("category", "hardware"),
        ("category", ""),
        ("category", None),
        ("category", 1),
        ("priority", "urgent"),
        ("priority", "High"),
        ("priority", {"level": "high"}),
    ],
)
def test_bad_field_value(api_client, field, value):
    response = api_client.post(URL, {**VALID, field: value}, format="json")

    assert_error_shape(response, 400, field)


@pytest.mark.parametrize("field", ["status", "id", "created_at", "updated_at", "ai_suggestion"])
def test_read_only_fields_are_refused(api_client, field):
    response = api_client.post(URL, {**VALID, field: "open"}, format="json")

    body = assert_error_shape(response, 400, field)
    assert body["errors"][field] == ["This field is read-only."]


def test_lone_surrogate_is_not_valid_text(api_client):
    body = '{"title": "Broken text", "description": "half a character: \\ud800"}'

    response = api_client.post(URL, body, content_type="application/json")

    assert_error_shape(response, 400, "description")


def test_unknown_field_is_refused(api_client):
    response = api_client.post(URL, {**VALID, "email": "a@example.com"}, format="json")

    body = assert_error_shape(response, 400, "email")
    assert body["errors"]["email"] == ["Unknown field."]


def test_several_problems_are_all_named(api_client):
    response = api_client.post(URL, {"title": "", "priority": "urgent"}, format="json")

    assert_error_shape(response, 400, "title", "description", "priority")


def test_malformed_json(api_client):
    response = api_client.post(URL, '{"title": "x", ', content_type="application/json")

    assert_error_shape(response, 400)


@pytest.mark.parametrize("body", ["[]", '["title"]', '"a string"', "42", "null", "true"])
def test_body_that_is_not_an_object(api_client, body):
    response = api_client.post(URL, body, content_type="application/json")

    assert_error_shape(response, 400)


def test_nan_is_not_json(api_client):
    response = api_client.post(
        URL, '{"title": NaN, "description": "x"}', content_type="application/json"
    )

    assert_error_shape(response, 400)


def test_form_encoded_body_is_415(api_client):
    response = api_client.post(URL, VALID)  # multipart form, not JSON

    assert_error_shape(response, 415)


def test_oversized_body_is_413(api_client):
    body = json.dumps({"title": "big", "description": "x" * 400_000})

    response = api_client.post(URL, body, content_type="application/json")

    assert_error_shape(response, 413)


def test_empty_body_names_required_fields(api_client):
    response = api_client.post(URL, "", content_type="application/json")

    assert_error_shape(response, 400, "title", "description")
