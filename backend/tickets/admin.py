"""Tickets in the Django admin, for admins: edits go through tickets.services, so that
each one is recorded in the audit trail with its version, exactly as from the API.

Tickets are never added here (the form and the API do that, with the AI's suggestion and
a portal key) and never deleted (their history stays); comments and events are shown,
never changed.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models as db_models
from django.http import HttpRequest

from core.exceptions import DomainError

from .actors import Actor
from .models import Comment, Ticket, TicketEvent
from .search_plan import search_filter
from .services import ticket_update

EDITABLE = ["title", "description", "category", "priority", "status", "assignee"]


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ["created_at", "author_name", "visibility", "body"]
    readonly_fields = ["created_at", "author_name", "visibility", "body"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = TicketEvent
    fields = ["version", "at", "actor_name", "kind", "changes"]
    readonly_fields = ["version", "at", "actor_name", "kind", "changes"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "category", "priority", "status", "assignee", "created_at"]
    list_filter = ["status", "priority", "category"]
    list_editable = ["status", "priority"]
    list_select_related = ["assignee"]
    search_fields = ["title"]  # replaced by full-text search below
    search_help_text = "Words in the title, description or comments (prefix or English stem)."
    fields = [*EDITABLE, "requester_name", "requester_email", "version", "created_at"]
    readonly_fields = [
        "requester_name",
        "requester_email",
        "version",
        "created_at",
        "updated_at",
        "ai_category",
        "ai_priority",
        "ai_category_confidence",
        "ai_priority_confidence",
        "ai_provider",
    ]
    inlines = [CommentInline, EventInline]
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> db_models.QuerySet:
        return super().get_queryset(request).defer("search_document", "comment_document")

    def get_search_results(self, request, queryset, search_term):
        # The API's search, index plan included: icontains would scan a million rows.
        condition = search_filter(search_term)
        return (queryset if condition is None else queryset.filter(condition)), False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Ticket, form: Any, change: bool) -> None:
        """Through the service: one event, one version more; a refusal is a message."""
        data = {field: form.cleaned_data[field] for field in form.changed_data if field in EDITABLE}
        if "assignee" in data:
            data["assignee"] = data["assignee"].pk if data["assignee"] else None
        if not data:
            return
        if not isinstance(request.user, User):  # the admin site lets only admins in
            raise PermissionDenied
        try:
            ticket_update(ticket_id=obj.pk, data=data, actor=Actor.agent(request.user))
        except DomainError as error:
            self.message_user(request, error.detail or str(error.errors), messages.ERROR)
