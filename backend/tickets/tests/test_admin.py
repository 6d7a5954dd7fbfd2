import pytest

pytestmark = pytest.mark.django_db

URL = "/admin/tickets/ticket/"


def test_admin_search_uses_the_api_search(admin_client, make_ticket, plain_static_files):
    make_ticket(title="Billing question", description="Charged twice.")
    make_ticket(title="Catalog slow", description="The catalog page takes ages.")
    make_ticket(title="Refund please", description="The invoice charges are wrong.")

    half_typed = admin_client.get(URL, {"q": "billi"})
    two_words = admin_client.get(URL, {"q": "charges wrong"})

    assert half_typed.status_code == 200
    assert [t.title for t in half_typed.context["cl"].result_list] == ["Billing question"]
    assert [t.title for t in two_words.context["cl"].result_list] == ["Refund please"]
