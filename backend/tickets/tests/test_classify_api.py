import pytest

from .conftest import assert_error_shape

pytestmark = pytest.mark.django_db

URL = "/api/tickets/classify/"
BANDS = {"high", "medium", "low"}


def test_seed_example_suggests_billing(api_client):
    response = api_client.post(
        URL, {"description": "My billing statement shows incorrect charges..."}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["suggested_category"] == "billing"
    assert body["suggested_priority"] in {"low", "medium", "high", "critical"}
    assert 0 <= body["category_confidence"] <= 1
    assert 0 <= body["priority_confidence"] <= 1
    assert body["confidence_band"] in BANDS
    assert body["provider"] == "local"


def test_title_is_optional_and_used(api_client):
    response = api_client.post(
        URL, {"title": "Password reset", "description": "Please help."}, format="json"
    )

    assert response.json()["suggested_category"] == "account"


def test_band_follows_the_lower_confidence(api_client):
    body = api_client.post(URL, {"description": "hello there"}, format="json").json()
    lowest = min(body["category_confidence"], body["priority_confidence"])

    expected = "high" if lowest >= 0.75 else "medium" if lowest >= 0.5 else "low"
    assert body["confidence_band"] == expected


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "description"),
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"description": 5}, "description"),
        ({"description": "x" * 10_001}, "description"),
        ({"description": "ok", "title": "x" * 201}, "title"),
        ({"description": "ok", "title": 7}, "title"),
        ({"description": "ok", "category": "billing"}, "category"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_client, body, field):
    assert_error_shape(api_client.post(URL, body, format="json"), 400, field)


def test_get_is_not_allowed(api_client):
    assert_error_shape(api_client.get(URL), 405)
