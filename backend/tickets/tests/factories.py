import factory
from django.db import connection

from tickets.models import Category, Priority, Status, Ticket
from tickets.portal import key_hash, new_salt, portal_key


def _next_ticket_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('tickets_ticket', 'id'))")
        return cursor.fetchone()[0]


def portal_fields() -> dict:
    """What every ticket row needs besides its text: an id taken ahead, and its portal
    salt and key hash (for tests that write rows with bulk_create or COPY)."""
    ticket_id = _next_ticket_id()
    salt = new_salt()
    return {
        "id": ticket_id,
        "portal_salt": salt,
        "portal_key_hash": key_hash(portal_key(ticket_id, salt)),
    }


class TicketFactory(factory.django.DjangoModelFactory):
    """A ticket row as the database holds it (no events: the API tests create those)."""

    class Meta:
        model = Ticket

    title = factory.Sequence(lambda n: f"Ticket number {n}")
    description = factory.Faker("paragraph", nb_sentences=3)
    category = Category.GENERAL
    priority = Priority.MEDIUM
    status = Status.OPEN
    portal_salt = factory.LazyFunction(new_salt)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.setdefault("id", _next_ticket_id())
        kwargs.setdefault(
            "portal_key_hash", key_hash(portal_key(kwargs["id"], kwargs["portal_salt"]))
        )
        return super()._create(model_class, *args, **kwargs)
