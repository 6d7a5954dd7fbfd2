"""Page-number pagination that refuses bad page parameters and never counts a million rows.

A page reads one row more than it shows, to know whether a next page exists; past the
last row it is a 404. The `count` is exact when the page shows the end of the list;
otherwise the caller says how to count (`paginate(..., count=...)`, e.g. from counters kept
by the database), and by default it is exact up to COUNT_EXACT_LIMIT rows and beyond that
the planner's estimate, flagged with `"count_is_estimate": true` (CONTRACT §3).
"""

import json
from collections.abc import Callable
from typing import Any

from django.db import connections
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PAGE_SIZE = 100
# Counts up to this many rows are exact; beyond it, the count is the planner's estimate.
# Counting a full-text search reads every matching row (about 20 us each at a million
# tickets), so 1,000 keeps the count under ~20 ms. Lists the queryset counts itself
# (tickets filtered without a search: from counters) are exact whatever their size.
COUNT_EXACT_LIMIT = 1_000
# When the planner expects more than this many rows, counting up to the limit is skipped
# and the estimate is the answer: counting would cost up to ~40 ms for nothing exact.
ESTIMATE_TRUSTED_ABOVE = COUNT_EXACT_LIMIT
# PostgreSQL's OFFSET is a bigint; a page starting beyond it cannot exist.
LARGEST_OFFSET = 2**63 - 1

# How a list is counted: () -> (number of rows, whether it is an estimate).
Count = Callable[[], tuple[int, bool]]


def _positive_int(value: str, name: str, maximum: int | None = None) -> int:
    message = (
        f"Must be an integer from 1 to {maximum}."
        if maximum
        else "Must be an integer of 1 or more."
    )
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: [message]}) from None
    if number < 1 or (maximum is not None and number > maximum):
        raise ValidationError({name: [message]})
    return number


def planned_rows(queryset) -> int:
    """The number of rows PostgreSQL's planner expects `queryset` to return."""
    query = queryset.order_by().query
    compiler = query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def capped_count(queryset) -> tuple[int, bool]:
    """(number of rows, whether it is an estimate): exact up to COUNT_EXACT_LIMIT."""
    estimate = planned_rows(queryset)
    if estimate <= ESTIMATE_TRUSTED_ABOVE:
        counted = queryset.order_by()[: COUNT_EXACT_LIMIT + 1].count()
        if counted <= COUNT_EXACT_LIMIT:
            return counted, False
        return max(estimate, counted), True
    return estimate, True


LAST_POSSIBLE_PAGE = (2**63 - 1) // MAX_PAGE_SIZE - 1


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    template = None

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if not value:  # absent or empty: the default (CONTRACT §3)
            return self.page_size
        return _positive_int(value, self.page_size_query_param, self.max_page_size)

    def get_page_number(self, request, paginator=None):
        raw_page = request.query_params.get(self.page_query_param)
        if not raw_page:  # absent or empty: the first page
            return 1
        page = _positive_int(raw_page, self.page_query_param)
        # Its rows would start beyond any offset PostgreSQL can take (a bigint): no such page.
        if page > LAST_POSSIBLE_PAGE:
            raise NotFound("This page is past the last page.")
        return page

    def paginate_queryset(self, queryset, request, view=None):
        return self.paginate(queryset, request, count=lambda: capped_count(queryset))

    def paginate(self, rows_in_order, request, *, count: Count, first: Any = None) -> list:
        """One page of `rows_in_order`, with `first` (if any) shown before them all.

        `count` counts `rows_in_order` (without `first`); it is only called when the page
        does not reach the end of the list.
        """
        self.request = request
        page_size = self.get_page_size(request)
        self.page_number = self.get_page_number(request)
        leading = [first] if first is not None else []
        start = (self.page_number - 1) * page_size
        if start + page_size + 1 > LARGEST_OFFSET:
            raise NotFound("This page is past the last page.")
        if leading and self.page_number == 1:
            rows = leading + list(rows_in_order[:page_size])
        else:
            offset = start - len(leading)
            rows = list(rows_in_order[offset : offset + page_size + 1])
        self.has_next = len(rows) > page_size
        rows = rows[:page_size]
        if not rows and self.page_number > 1:
            raise NotFound("This page is past the last page.")
        seen = start + len(rows)
        if not self.has_next:
            self.count, self.count_is_estimate = seen, False
        else:
            counted, self.count_is_estimate = count()
            # An estimate never claims fewer rows than the pages already show.
            self.count = max(counted + len(leading), seen + 1)
        return rows

    def get_paginated_response(self, data):
        body = {
            "count": self.count,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        }
        if self.count_is_estimate:
            body["count_is_estimate"] = True
        return Response(body)

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.page_query_param, self.page_number + 1)

    def get_previous_link(self):
        if self.page_number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.page_number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.page_number - 1)


def page_parameters(default_size: int = 20) -> list:
    """The page and page_size query parameters, documented (an empty value: the default)."""
    from drf_spectacular.utils import OpenApiParameter

    return [
        OpenApiParameter(
            "page",
            {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "maxLength": 0}]},
            description="Page number from 1; empty or absent for the first.",
        ),
        OpenApiParameter(
            "page_size",
            {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                    {"type": "string", "maxLength": 0},
                ]
            },
            description=f"Results per page, 1 to {MAX_PAGE_SIZE}; empty or absent for "
            f"{default_size}.",
        ),
    ]
