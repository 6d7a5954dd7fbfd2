import django_filters

from .models import Category, Priority, Status, Ticket
from .search import SEARCH_MAX_LENGTH
from .search_plan import search_filter


class TicketFilter(django_filters.FilterSet):
    """Query-string filters of the ticket list; an empty value means no filter."""

    category = django_filters.ChoiceFilter(
        choices=Category.choices, help_text="Only this category; empty for all."
    )
    priority = django_filters.ChoiceFilter(
        choices=Priority.choices, help_text="Only this priority; empty for all."
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, help_text="Only this status; empty for all."
    )
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        help_text=(
            "Words that must all appear in the title or description, matched by prefix "
            "as typed or by English stem; empty for all."
        ),
    )

    class Meta:
        model = Ticket
        fields = ["category", "priority", "status", "search"]

    def filter_search(self, queryset, name, value):
        condition = search_filter(value)
        return queryset if condition is None else queryset.filter(condition)
