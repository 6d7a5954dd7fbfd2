"""The queue as CSV (CONTRACT §9): every ticket of a view, streamed in constant memory.

PostgreSQL writes the CSV itself (`COPY (<the view's query>) TO STDOUT`), and the bytes are
passed on as they arrive: a million tickets never sit in memory, and no Python object is
made per ticket. Cells that a spreadsheet would run as a formula get a leading apostrophe
(OWASP's CSV-injection advice); times are ISO 8601 in UTC as the JSON API writes them.
"""

from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import F, Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf, Trim

from .models import Ticket
from .selectors import TicketSelection

COLUMNS = (
    "id",
    "title",
    "description",
    "category",
    "priority",
    "status",
    "requester_name",
    "requester_email",
    "assignee_name",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "ai_category",
    "ai_priority",
)
HEADER = ",".join(COLUMNS) + "\n"


class _Repeating(Func):
    """A template naming its one expression several times, with its parameters each time."""

    template = ""
    output_field = TextField()

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return self.template.format(sql), list(params) * self.template.count("{0}")


class _FormulaGuarded(_Repeating):
    """The text with a leading ' when it starts with =, +, -, @, a tab or a carriage return."""

    template = (
        "CASE WHEN left({0}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') "
        "THEN '''' || {0} ELSE {0} END"
    )


class _IsoUtc(_Repeating):
    """ISO 8601 in UTC with a Z, microseconds only when there are any (as iso_utc())."""

    template = (
        "to_char({0} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
        "CASE WHEN date_trunc('second', {0}) = {0} THEN '' "
        "ELSE to_char({0} AT TIME ZONE 'UTC', '.US') END || 'Z'"
    )


def _csv_query(rows: QuerySet[Ticket]) -> tuple[str, tuple[Any, ...]]:
    assignee_name = Coalesce(
        NullIf(Trim(F("assignee__first_name")), Value("")), F("assignee__username")
    )
    columns = {
        "id_": F("id"),
        "title_": _FormulaGuarded(F("title")),
        "description_": _FormulaGuarded(F("description")),
        "category_": F("category"),
        "priority_": F("priority"),
        "status_": F("status"),
        "requester_name_": _FormulaGuarded(F("requester_name")),
        "requester_email_": _FormulaGuarded(F("requester_email")),
        "assignee_name_": _FormulaGuarded(assignee_name),
        "created_at_": _IsoUtc(F("created_at")),
        "updated_at_": _IsoUtc(F("updated_at")),
        "first_response_at_": _IsoUtc(F("first_response_at")),
        "resolved_at_": _IsoUtc(F("resolved_at")),
        "ai_category_": F("ai_category"),
        "ai_priority_": F("ai_priority"),
    }
    query = rows.annotate(**columns).values_list(*columns).query
    sql, params = query.sql_with_params()
    return sql, tuple(params)


def _copied(rows: QuerySet[Ticket]) -> Iterator[bytes]:
    sql, params = _csv_query(rows)
    with connection.cursor() as cursor:
        copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)"
        with cursor.cursor.copy(copy_sql, params) as copy:
            for data in copy:
                yield bytes(data)


def csv_pieces(selection: TicketSelection) -> Iterator[bytes]:
    """The header, then one CSV line per ticket of `selection` in its order, in pieces."""
    yield HEADER.encode()
    if selection.first is not None:
        yield from _copied(Ticket.objects.filter(pk=selection.first.pk))
    yield from _copied(selection.rows)
