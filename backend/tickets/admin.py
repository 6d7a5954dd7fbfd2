from django.contrib import admin

from .models import Ticket
from .search_plan import search_filter


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "category", "priority", "status", "created_at"]
    list_filter = ["status", "priority", "category"]
    list_editable = ["status", "priority"]
    search_fields = ["title"]  # replaced by full-text search below
    search_help_text = "Words in the title or description (prefix or English stem)."
    readonly_fields = [
        "created_at",
        "updated_at",
        "ai_category",
        "ai_priority",
        "ai_category_confidence",
        "ai_priority_confidence",
        "ai_provider",
    ]
    show_full_result_count = False
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        # The API's search, index plan included: icontains would scan a million rows.
        condition = search_filter(search_term)
        return (queryset if condition is None else queryset.filter(condition)), False
