import pytest

from .conftest import assert_error_shape

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"


def _titles(api_client, search: str, **filters) -> list[str]:
    response = api_client.get(URL, {"search": search, **filters})
    assert response.status_code == 200, response.content
    return [ticket["title"] for ticket in response.json()["results"]]


@pytest.fixture
def tickets(make_ticket):
    make_ticket(
        days_ago=4,
        title="Billing question",
        description="Why was I charged twice this month?",
        category="billing",
    )
    make_ticket(
        days_ago=3,
        title="Login broken",
        description="I cannot log in since the update.",
        category="account",
    )
    make_ticket(
        days_ago=2,
        title="Catalog page slow",
        description="The product catalog takes a minute to load.",
        category="technical",
    )
    make_ticket(
        days_ago=1,
        title="Refund for charges",
        description="Please refund the extra charges on my card.",
        category="billing",
        status="closed",
    )


def test_half_typed_word_matches_by_prefix(api_client, tickets):
    assert _titles(api_client, "billi") == ["Billing question"]


def test_prefix_matches_the_start_of_a_word_only(api_client, tickets):
    assert _titles(api_client, "log") == ["Login broken"]


def test_english_stem_matches_other_forms(api_client, tickets):
    assert _titles(api_client, "charges") == ["Refund for charges", "Billing question"]


def test_search_is_case_insensitive(api_client, tickets):
    assert _titles(api_client, "CATALOG") == ["Catalog page slow"]


def test_every_word_must_match(api_client, tickets):
    assert _titles(api_client, "refund charges") == ["Refund for charges"]
    assert _titles(api_client, "refund login") == []


def test_words_match_in_title_or_description(api_client, tickets):
    # "minute" is only in a description, "slow" only in its title
    assert _titles(api_client, "slow minute") == ["Catalog page slow"]


def test_search_combines_with_filters_and_keeps_newest_first(api_client, tickets):
    assert _titles(api_client, "charg", category="billing") == [
        "Refund for charges",
        "Billing question",
    ]
    assert _titles(api_client, "charg", status="open") == ["Billing question"]


@pytest.mark.parametrize(
    "hostile",
    [
        "billing & | ! ( ) : * <-> '",
        "'; DROP TABLE tickets_ticket; --",
        "bill:*",
        "\\",
        '"billing"',
        "bi!lling",
    ],
)
def test_operators_and_punctuation_are_plain_text(api_client, tickets, hostile):
    response = api_client.get(URL, {"search": hostile})

    assert response.status_code == 200


def test_punctuation_separates_words(api_client, tickets):
    assert _titles(api_client, "refund,charges!") == ["Refund for charges"]


def test_only_punctuation_means_no_filter(api_client, tickets):
    assert len(_titles(api_client, "?!* &")) == 4


def test_stop_words_still_match_by_prefix(api_client, tickets):
    assert _titles(api_client, "the product") == ["Catalog page slow"]


def test_unicode_search_is_accepted(api_client, tickets):
    assert api_client.get(URL, {"search": "caf\u00e9 \u65e5\u672c"}).status_code == 200


def test_nul_character_in_search_is_a_400(api_client, tickets):
    assert_error_shape(api_client.get(URL, {"search": "bill\x00ing"}), 400, "search")


def test_overlong_search_is_a_400(api_client):
    response = api_client.get(URL, {"search": "word " * 41})

    assert_error_shape(response, 400, "search")


def test_search_uses_the_full_text_index_not_a_scan(api_client, tickets):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        api_client.get(URL, {"search": "refund"})

    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "@@" in sql
    assert "LIKE" not in sql.upper()
