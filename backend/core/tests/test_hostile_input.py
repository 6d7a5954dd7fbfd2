"""Hostile bodies and query strings get a 4xx naming the problem, never a 500."""

import json

import pytest

from tickets.models import Ticket
from tickets.tests.conftest import assert_error_shape
from tickets.tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

TICKETS = "/api/tickets/"
CLASSIFY = "/api/tickets/classify/"


def _post(api_client, url: str, body: str):
    return api_client.post(url, body, content_type="application/json")


def test_nesting_a_thousand_deep_is_a_400(api_client):
    body = '{"title": "x", "description": ' + "[" * 1000 + "]" * 1000 + "}"

    response = _post(api_client, TICKETS, body)

    detail = assert_error_shape(response, 400)["detail"]
    assert "nested deeper than 64" in detail


def test_nesting_of_65_levels_is_a_400_and_64_is_parsed(api_client):
    def nested(levels: int) -> str:
        # The body object is the first level.
        return '{"title": "x", "description": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"

    too_deep = _post(api_client, TICKETS, nested(65))
    deepest = _post(api_client, TICKETS, nested(64))

    assert "nested deeper" in assert_error_shape(too_deep, 400)["detail"]
    # Parsed, then refused by the serializer for what it is: not a string.
    assert assert_error_shape(deepest, 400, "description")["errors"]["description"] == [
        "Must be a string."
    ]


def test_a_key_given_twice_is_a_400_naming_it(api_client):
    body = '{"title": "first", "description": "x", "title": "second"}'

    response = _post(api_client, TICKETS, body)

    detail = assert_error_shape(response, 400)["detail"]
    assert "'title' appears twice" in detail
    assert not Ticket.objects.exists()


def test_a_duplicate_key_in_a_nested_object_is_a_400(api_client):
    body = '{"title": "x", "description": "y", "category": {"a": 1, "a": 2}}'

    assert "appears twice" in assert_error_shape(_post(api_client, TICKETS, body), 400)["detail"]


@pytest.mark.parametrize("field", ["category", "priority"])
def test_a_lone_surrogate_in_a_choice_field_is_a_400(api_client, field):
    body = '{"title": "x", "description": "y", "FIELD": "\\ud800"}'.replace("FIELD", field)

    response = _post(api_client, TICKETS, body)

    body = assert_error_shape(response, 400, field)
    # The message names the problem without echoing the character.
    assert "\ud800" not in response.content.decode("utf-8")
    assert "not valid Unicode" in body["errors"][field][0]


def test_a_lone_surrogate_in_a_patched_status_is_a_400(api_client):
    ticket = TicketFactory()

    response = api_client.patch(
        f"{TICKETS}{ticket.id}/", '{"status": "\\udfff"}', content_type="application/json"
    )

    assert_error_shape(response, 400, "status")


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "x", "description": "y", "\\ud800": "z"}',
        '{"title": "x", "description": "y", "category": {"\\udc00": 1}}',
    ],
)
def test_a_lone_surrogate_in_a_key_is_a_400(api_client, body):
    response = _post(api_client, TICKETS, body)

    assert "key contains a lone surrogate" in assert_error_shape(response, 400)["detail"]


def test_a_lone_surrogate_in_a_classify_field_is_a_400(api_client):
    response = _post(api_client, CLASSIFY, '{"description": "a\\ud83d"}')

    assert_error_shape(response, 400, "description")


def test_a_body_that_is_not_utf8_is_a_400(api_client):
    response = _post(api_client, TICKETS, b'{"title": "\xff", "description": "y"}')

    assert "not valid utf-8" in assert_error_shape(response, 400)["detail"]


@pytest.mark.parametrize("page", ["1000000000000000000", "461168601842738791", str(2**63)])
def test_a_page_beyond_any_real_page_is_a_404(api_client, page):
    TicketFactory()

    response = api_client.get(TICKETS, {"page": page})

    assert_error_shape(response, 404)


@pytest.mark.parametrize("name", ["page", "page_size"])
def test_an_empty_page_parameter_means_the_default(api_client, name):
    TicketFactory.create_batch(3)

    response = api_client.get(f"{TICKETS}?{name}=")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Bell \x07 inside"),
        ("title", "Escape \x1b[31m red"),
        ("title", "Tab\tinside"),
        ("title", "Line\nbreak"),
        ("title", "DEL \x7f"),
        ("title", "C1 \x85 next line"),
        ("description", "Bell \x07 inside"),
        ("description", "Carriage return \r alone"),
        ("description", "Backspace \x08"),
    ],
)
def test_control_characters_are_refused(api_client, field, value):
    body = {"title": "A title", "description": "A description", field: value}

    response = api_client.post(TICKETS, body, format="json")

    errors = assert_error_shape(response, 400, field)["errors"]
    assert "control characters" in errors[field][0]
    assert not Ticket.objects.exists()


def test_a_description_keeps_newlines_and_tabs(api_client):
    body = {"title": "A title", "description": "Steps:\n\t1. open\r\n\t2. click"}

    response = api_client.post(TICKETS, body, format="json")

    assert response.status_code == 201, response.content
    assert Ticket.objects.get().description == "Steps:\n\t1. open\n\t2. click"


def test_a_patched_title_refuses_control_characters(api_client):
    ticket = TicketFactory(title="Clean")

    response = api_client.patch(f"{TICKETS}{ticket.id}/", {"title": "Dirty\x00"}, format="json")

    assert_error_shape(response, 400, "title")
    ticket.refresh_from_db()
    assert ticket.title == "Clean"


def test_an_oversized_body_is_a_json_413_in_debug_mode_too(api_client, settings):
    settings.DEBUG = True
    body = json.dumps({"title": "big", "description": "x" * 2_100_000})

    response = _post(api_client, TICKETS, body)

    assert_error_shape(response, 413)
