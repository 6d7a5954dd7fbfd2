import pytest

from .conftest import assert_error_shape

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"


def _ids(response) -> list[int]:
    return [ticket["id"] for ticket in response.json()["results"]]


def test_empty_list_is_a_page_with_no_results(api_client):
    response = api_client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}


def test_list_is_newest_first_with_id_breaking_ties(api_client, make_ticket):
    # given
    old = make_ticket(days_ago=3)
    newest = make_ticket(days_ago=0)
    middle = make_ticket(days_ago=1)
    tie_a = make_ticket(days_ago=2)
    tie_b = make_ticket(days_ago=2)
    tie_b.created_at = tie_a.created_at
    tie_b.save(update_fields=["created_at"])

    # when
    response = api_client.get(URL)

    # then
    assert _ids(response) == [newest.id, middle.id, tie_b.id, tie_a.id, old.id]


def test_each_filter_narrows_the_list(api_client, make_ticket):
    billing = make_ticket(category="billing", priority="high", status="open")
    technical = make_ticket(category="technical", priority="low", status="closed")

    assert _ids(api_client.get(URL, {"category": "billing"})) == [billing.id]
    assert _ids(api_client.get(URL, {"priority": "low"})) == [technical.id]
    assert _ids(api_client.get(URL, {"status": "closed"})) == [technical.id]


def test_filters_combine_with_and(api_client, make_ticket):
    match = make_ticket(days_ago=1, category="technical", priority="high", status="open")
    make_ticket(category="technical", priority="low", status="open")
    make_ticket(category="billing", priority="high", status="open")
    make_ticket(category="technical", priority="high", status="resolved")
    newer_match = make_ticket(category="technical", priority="high", status="open")

    response = api_client.get(URL, {"category": "technical", "priority": "high", "status": "open"})

    assert response.json()["count"] == 2
    assert _ids(response) == [newer_match.id, match.id]


def test_empty_filter_values_mean_no_filter(api_client, make_ticket):
    make_ticket(category="billing")
    make_ticket(category="account")

    response = api_client.get(URL, {"category": "", "priority": "", "status": "", "search": ""})

    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("category", "hardware"),
        ("priority", "urgent"),
        ("status", "pending"),
        ("category", "BILLING"),
    ],
)
def test_unknown_filter_value_is_a_400_naming_the_filter(api_client, name, value):
    response = api_client.get(URL, {name: value})

    assert_error_shape(response, 400, name)


def test_seed_example_query(api_client, make_ticket):
    match = make_ticket(category="technical", priority="high", title="A bug in the export")
    make_ticket(category="technical", priority="high", title="Slow dashboard")

    response = api_client.get(URL, {"category": "technical", "priority": "high", "search": "bug"})

    assert _ids(response) == [match.id]


def test_pages_of_twenty_by_default(api_client, make_ticket):
    for days in range(25):
        make_ticket(days_ago=days)

    first = api_client.get(URL).json()
    second = api_client.get(first["next"]).json()

    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] is not None
    assert not set(_ids_of(first)) & set(_ids_of(second))


def _ids_of(page: dict) -> list[int]:
    return [ticket["id"] for ticket in page["results"]]


def test_page_size_is_honoured_and_keeps_filters_in_links(api_client, make_ticket):
    for _ in range(5):
        make_ticket(category="account")

    page = api_client.get(URL, {"page_size": 2, "category": "account"}).json()

    assert len(page["results"]) == 2
    assert "category=account" in page["next"]
    assert "page_size=2" in page["next"]


@pytest.mark.parametrize("page_size", ["0", "101", "-1", "abc", "1.5"])
def test_page_size_out_of_range_is_a_400(api_client, page_size):
    response = api_client.get(URL, {"page_size": page_size})

    assert_error_shape(response, 400, "page_size")


@pytest.mark.parametrize("page", ["0", "-2", "abc"])
def test_invalid_page_number_is_a_400(api_client, page):
    response = api_client.get(URL, {"page": page})

    assert_error_shape(response, 400, "page")


@pytest.mark.parametrize("page", ["92233720368547759", "22487789869687073000291911281997250560"])
def test_a_page_beyond_any_database_offset_is_a_404_not_a_500(api_client, page):
    response = api_client.get("/api/tickets/", {"page": page, "page_size": "16"})

    assert_error_shape(response, 404)


def test_page_past_the_end_is_a_404(api_client, make_ticket):
    make_ticket()

    response = api_client.get(URL, {"page": 2})

    assert_error_shape(response, 404)


def test_page_size_one_hundred_is_allowed(api_client, make_ticket):
    for _ in range(3):
        make_ticket()

    response = api_client.get(URL, {"page_size": 100})

    assert response.status_code == 200


def test_list_query_count_does_not_grow_with_the_page(
    api_client, make_ticket, django_assert_max_num_queries
):
    for days in range(30):
        make_ticket(days_ago=days)

    # a count and a page: never a query per ticket
    with django_assert_max_num_queries(2):
        response = api_client.get(URL, {"page_size": 30, "category": "general"})

    assert len(response.json()["results"]) == 30
