"""The queue as CSV (CONTRACT §9): every ticket of a view, streamed in constant memory.

Rows are read through a server-side cursor in chunks and written as they come, so a
million tickets never sit in memory. Cells that a spreadsheet would run as a formula get
a leading apostrophe (OWASP's CSV-injection advice).
"""

import csv
from collections.abc import Iterator
from datetime import datetime

from .selectors import TicketSelection
from .serializers import iso_utc

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
# The columns read for each row, in COLUMNS' order (the assignee's name resolved below).
FIELDS = (
    "id",
    "title",
    "description",
    "category",
    "priority",
    "status",
    "requester_name",
    "requester_email",
    "assignee__first_name",
    "assignee__username",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "ai_category",
    "ai_priority",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 2000
# Lines are sent in pieces of about this many characters, not one by one.
PIECE_CHARACTERS = 64 * 1024


class _Line:
    """A file-like object csv.writer writes one line into."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def _cell(value: object) -> object:
    if isinstance(value, datetime):
        return iso_utc(value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _row(values: tuple) -> list[object]:
    first_name, username = values[8], values[9]
    assignee = (first_name or "").strip() or username or None
    ordered = (*values[:8], assignee, *values[10:])
    return [_cell(value) for value in ordered]


def _rows(selection: TicketSelection) -> Iterator[tuple]:
    if selection.first is not None:
        yield from selection.rows.model.objects.filter(pk=selection.first.pk).values_list(*FIELDS)
    yield from selection.rows.values_list(*FIELDS).iterator(chunk_size=CHUNK_ROWS)


def csv_pieces(selection: TicketSelection) -> Iterator[str]:
    """The header, then one CSV line per ticket of `selection` in its order, in pieces."""
    line = _Line()
    writer = csv.writer(line)
    writer.writerow(COLUMNS)
    piece = [line.text]
    size = len(line.text)
    for values in _rows(selection):
        writer.writerow(_row(values))
        piece.append(line.text)
        size += len(line.text)
        if size >= PIECE_CHARACTERS:
            yield "".join(piece)
            piece, size = [], 0
    yield "".join(piece)
